#include "gateway/server/worker.h"

#include <boost/asio/post.hpp>
#include <chrono>
#include <pthread.h>
#include <string>

#include "core/logging/log.h"
#include "gateway/server/listener.h"
#include "gateway/server/session.h"

namespace profilegw::gateway {

namespace asio = boost::asio;

namespace {
// After the drain deadline, sessions are cancelled; this is how long they get to unwind.
constexpr std::chrono::milliseconds kUnwindGrace{1000};
}  // namespace

Worker::Worker(std::size_t index, const ServerOptions& options, StatsShard& stats)
    : index_(index), options_(options), stats_(stats) {
  // Concurrency hint 1: exactly one thread runs this context.
  context_.emplace(1);
  work_.emplace(context_->get_executor());
  drain_timer_.emplace(*context_);
  sessions_.prev = sessions_.next = &sessions_;
}

Worker::~Worker() {
  // Handlers and acceptors hold I/O objects of the context, so they go first; sessions still
  // pending in the context are destroyed by its shutdown and detach from the list, which lives on.
  finished_ = true;
  listeners_.clear();
  drain_timer_.reset();
  work_.reset();
  context_.reset();
}

void Worker::add_listener(std::unique_ptr<Listener> listener) {
  listener->start();
  listeners_.push_back(std::move(listener));
}

void Worker::run() {
  const std::string name = "pgw-io-" + std::to_string(index_);
  pthread_setname_np(pthread_self(), name.c_str());
  // The log lines of one turn of the loop (an access-log line per request answered) go out in one
  // write, posted behind the events already at hand.
  core::log::batch_thread_lines(
      [](void* context) {
        asio::post(*static_cast<asio::io_context*>(context), [] { core::log::flush_thread(); });
      },
      &*context_);
  struct Unbatch {
    ~Unbatch() { core::log::batch_thread_lines(nullptr, nullptr); }  // writes what is still held
  } unbatch;
  context_->run();
}

void Worker::attach(SessionLink& link) {
  link.prev = sessions_.prev;
  link.next = &sessions_;
  sessions_.prev->next = &link;
  sessions_.prev = &link;
  ++session_count_;
}

void Worker::detach(SessionLink& link) {
  link.prev->next = link.next;
  link.next->prev = link.prev;
  link.prev = link.next = nullptr;
  --session_count_;
  if (draining_ && session_count_ == 0) finish();
}

template <class F>
void Worker::for_each_session(F&& f) {
  // Closing never destroys a session synchronously, but read next first all the same.
  for (SessionLink* link = sessions_.next; link != &sessions_;) {
    SessionLink* next = link->next;
    f(*static_cast<Session*>(link));
    link = next;
  }
}

void Worker::begin_drain() {
  if (draining_) return;
  draining_ = true;
  for (auto& listener : listeners_) listener->close();
  // An idle keep-alive connection has no request in flight: close it now.
  for_each_session([](Session& session) {
    if (session.idle()) session.close();
  });
  if (session_count_ == 0) {
    finish();
    return;
  }
  drain_timer_->expires_after(options_.drain_timeout);
  drain_timer_->async_wait([this](boost::system::error_code ec) {
    if (!ec) force_close_all();
  });
}

void Worker::force_close_all() {
  for_each_session([](Session& session) { session.abort(); });
  // A handler that ignores cancellation must not keep the process alive.
  drain_timer_->expires_after(kUnwindGrace);
  drain_timer_->async_wait([this](boost::system::error_code ec) {
    if (!ec) finish();
  });
}

void Worker::finish() {
  if (finished_) return;
  finished_ = true;
  drain_timer_->cancel();
  work_.reset();
  // Posted, so completions already queued (aborted accepts and reads) still run and unwind first.
  asio::post(*context_, [this] { context_->stop(); });
}

}  // namespace profilegw::gateway
