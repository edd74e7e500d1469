// A worker thread's log lines are held until its loop runs the flush it was asked to schedule, and
// then written whole, in order; warnings, a full buffer and the end of batching write at once.
#include "core/logging/log.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <thread>

using namespace profilegw::core;

namespace {

// Sends fd 2 to a temporary file for the test's lifetime.
class CapturedStderr {
 public:
  CapturedStderr() {
    std::fflush(stderr);
    saved_ = ::dup(STDERR_FILENO);
    char name[] = "/tmp/pgw-log-test.XXXXXX";
    fd_ = ::mkstemp(name);
    ::unlink(name);
    ::dup2(fd_, STDERR_FILENO);
  }
  ~CapturedStderr() {
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
    ::close(fd_);
  }
  std::string text() const {
    std::string out;
    char buf[4096];
    for (off_t at = 0;;) {
      const ssize_t n = ::pread(fd_, buf, sizeof buf, at);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
      at += n;
    }
    return out;
  }
  std::size_t lines() const {
    const std::string t = text();
    std::size_t n = 0;
    for (char c : t) n += c == '\n';
    return n;
  }

 private:
  int saved_ = -1;
  int fd_ = -1;
};

int g_scheduled = 0;

}  // namespace

TEST_CASE("log batching: a loop thread's lines wait for its flush, then go out whole and in order", "[log]") {
  CapturedStderr captured;
  log::init(log::Format::kJson, "info");
  std::thread([&] {
    g_scheduled = 0;
    log::batch_thread_lines([](void*) { ++g_scheduled; }, nullptr);
    log::info("access", {{"n", 1}});
    log::info("access", {{"n", 2}});
    log::info("access", {{"n", 3}});
    CHECK(g_scheduled == 1);  // once per batch, not per line
    CHECK(captured.lines() == 0);
    log::flush_thread();
    CHECK(captured.lines() == 3);

    log::info("access", {{"n", 4}});
    CHECK(g_scheduled == 2);
    log::warn("upstream_retry", {{"n", 5}});  // a warning is written at once, after what was held
    CHECK(captured.lines() == 5);

    // A full buffer does not wait for the loop.
    const std::string long_value(1000, 'x');
    int sent = 0;
    while (captured.lines() == 5 && sent < 100) {
      log::info("access", {{"v", long_value}});
      ++sent;
    }
    CHECK(sent > 1);
    CHECK(sent < 100);
    const std::size_t written = captured.lines();

    log::info("access", {{"n", 6}});
    log::batch_thread_lines(nullptr, nullptr);  // the end of batching writes what is held
    CHECK(captured.lines() == written + 1);
    log::info("access", {{"n", 7}});  // and from then on each line at once
    CHECK(captured.lines() == written + 2);
  }).join();

  const std::string text = captured.text();
  std::size_t at = 0;
  for (int n = 1; n <= 5; ++n) {
    const std::size_t next = text.find("\"n\":" + std::to_string(n) + "}", at);
    INFO(n);
    REQUIRE(next != std::string::npos);
    at = next;
  }
  CHECK(text.find("\"n\":7}") > text.find("\"n\":6}"));
  // Every line is one whole JSON object.
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    REQUIRE(end != std::string::npos);
    CHECK(text[start] == '{');
    CHECK(text[end - 1] == '}');
    start = end + 1;
  }
  log::init(log::Format::kText, "info");
}

TEST_CASE("log batching: a thread without a loop writes every line at once", "[log]") {
  CapturedStderr captured;
  log::init(log::Format::kText, "info");
  log::info("startup", {{"tenants", 3}});
  CHECK(captured.lines() == 1);
  CHECK(captured.text().find("startup tenants=3") != std::string::npos);
}
