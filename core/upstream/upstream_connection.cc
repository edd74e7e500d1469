#include "core/upstream/upstream_connection.h"

#include <sys/socket.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <cerrno>

#include "core/upstream/tls_context.h"
#include "core/wire/message_head.h"

namespace profilegw::core::upstream {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;
namespace {

constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);
// Room for a typical request head (request line and about ten fields).
constexpr std::size_t kRequestHeadReserve = 512;
// See run_exchange.
constexpr std::size_t kResponseReadReserve = 8 * 1024;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

ExchangeFailure classify_read_error(const error_code& ec, bool got_bytes) {
  if (ec == beast::error::timeout) return ExchangeFailure::kTimeout;
  if (ec == http::error::body_limit || ec == http::error::header_limit ||
      ec == http::error::buffer_overflow) {
    return ExchangeFailure::kTooLarge;
  }
  if (ec == http::error::end_of_stream) return ExchangeFailure::kClosedBeforeAnswer;
  if (ec == http::error::partial_message) return ExchangeFailure::kResetMidAnswer;
  if (ec.category() == http::make_error_code(http::error::bad_version).category()) {
    return ExchangeFailure::kBadResponse;
  }
  // Transport errors (EOF, reset, TLS truncation): what matters is whether the answer had begun.
  return got_bytes ? ExchangeFailure::kResetMidAnswer : ExchangeFailure::kClosedBeforeAnswer;
}

UpstreamResponse to_upstream_response(http::response<http::string_body>&& msg) {
  UpstreamResponse out;
  out.status = static_cast<int>(msg.result_int());
  for (const auto& field : msg) {
    std::string name(field.name_string());
    for (char& c : name) c = lower(c);
    out.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  out.body = std::move(msg.body());
  return out;
}

// "timeout=5, max=100" → 5 (seconds), when present.
std::optional<long> keep_alive_timeout(std::string_view v) {
  const std::size_t pos = v.find("timeout=");
  if (pos == std::string_view::npos) return std::nullopt;
  long n = 0;
  bool any = false;
  for (std::size_t i = pos + 8; i < v.size() && v[i] >= '0' && v[i] <= '9' && n < 100000; ++i) {
    n = n * 10 + (v[i] - '0');
    any = true;
  }
  return any ? std::optional<long>(n) : std::nullopt;
}

template <class Stream>
asio::awaitable<ExchangeResult> run_exchange(Stream& stream, UpstreamConnection::TcpStream& tcp,
                                             beast::flat_buffer& buffer, const WireRequest& request,
                                             Clock::time_point deadline) {
  ExchangeResult r;
  tcp.expires_at(deadline);
  // Head and body in one gather write (core/wire/message_head.h says why not Beast's serializer);
  // build_request frames every body with Content-Length, so the body goes out verbatim.
  std::string head;
  head.reserve(kRequestHeadReserve);
  wire::append_head(head, request);
  const auto buffers = wire::gather(head, request);
  auto [wec, written] = co_await asio::async_write(stream, buffers, kAwait);
  r.bytes_written = written;
  if (wec) {
    r.failure =
        wec == beast::error::timeout ? ExchangeFailure::kTimeout : ExchangeFailure::kClosedBeforeAnswer;
    co_return r;
  }
  // Room to read a typical answer in one recv: Beast reads max(512, free capacity) at a time, and
  // a buffer left at 512 bytes split every answer over 1 KB into two reads (two syscalls).
  if (buffer.capacity() < kResponseReadReserve) buffer.reserve(kResponseReadReserve);
  while (true) {
    // A fresh parser per message (DESIGN.md section 3); the buffer lives on.
    http::response_parser<http::string_body> parser;
    parser.header_limit(kResponseHeaderLimit);
    parser.body_limit(kResponseBodyLimit);
    auto [ec, n] = co_await http::async_read(stream, buffer, parser, kAwait);
    if (parser.got_some()) r.got_response_bytes = true;
    if (ec) {
      r.failure = classify_read_error(ec, r.got_response_bytes);
      co_return r;
    }
    const unsigned status = parser.get().result_int();
    if (status >= 100 && status < 200 && status != 101) continue;  // interim answers (103 Early Hints)
    // Leftover bytes would be an unsolicited answer to a request we never sent: do not reuse.
    r.keep_alive = parser.get().keep_alive() && buffer.size() == 0 && status != 101;
    r.response = to_upstream_response(parser.release());
    co_return r;
  }
}

Problem transport_problem(ProblemCode code, std::string detail) {
  Problem p = Problem::make(code, std::move(detail));
  if (code == ProblemCode::kUpstreamUnavailable) p.retry_after_seconds = 1;
  return p;
}

}  // namespace

UpstreamConnection::UpstreamConnection(TcpStream stream) : plain_(std::move(stream)) {}
UpstreamConnection::UpstreamConnection(TlsStream stream) : tls_(std::move(stream)) {}
UpstreamConnection::~UpstreamConnection() {
  if (open_gauge_) open_gauge_->fetch_sub(1, std::memory_order_relaxed);
}

void UpstreamConnection::count_in(std::shared_ptr<std::atomic<std::int64_t>> gauge) {
  if (open_gauge_) open_gauge_->fetch_sub(1, std::memory_order_relaxed);
  open_gauge_ = std::move(gauge);
  if (open_gauge_) open_gauge_->fetch_add(1, std::memory_order_relaxed);
}

DigestState& UpstreamConnection::digest_state(std::string_view username) {
  for (auto& [user, state] : digest_states_) {
    if (user == username) return state;
  }
  return digest_states_.emplace_back(std::string(username), DigestState{}).second;
}

UpstreamConnection::TcpStream& UpstreamConnection::tcp() {
  return tls_ ? beast::get_lowest_layer(*tls_) : *plain_;
}

asio::awaitable<ExchangeResult> UpstreamConnection::exchange(const WireRequest& request,
                                                             Clock::time_point deadline) {
  // Plain if/else: GCC 12 miscompiles co_await inside a conditional expression.
  ExchangeResult r;
  if (tls_) {
    r = co_await run_exchange(*tls_, tcp(), buffer_, request, deadline);
  } else {
    r = co_await run_exchange(*plain_, tcp(), buffer_, request, deadline);
  }
  tcp().expires_never();
  ++uses_;
  if (r.failure == ExchangeFailure::kNone && r.keep_alive) {
    Clock::duration idle = kMaxIdle;
    if (auto ka = r.response.header("keep-alive")) {
      if (auto t = keep_alive_timeout(*ka)) {
        // A margin so that we never send into a socket the upstream is about to close: one second,
        // or half of a timeout that short.
        const Clock::duration announced = *t >= 2 ? Clock::duration(std::chrono::seconds(*t - 1))
                                                  : Clock::duration(std::chrono::milliseconds(*t * 500));
        idle = std::min(idle, announced);
      }
    }
    last_answer_ = Clock::now();
    idle_until_ = last_answer_ + idle;
  }
  co_return r;
}

bool UpstreamConnection::usable(Clock::time_point now) {
  if (now >= idle_until_ || buffer_.size() != 0) return false;
  auto& socket = tcp().socket();
  if (!socket.is_open()) return false;
  // Already reused once, and back within kRecentUse of its last answer: no peek (see the header).
  if (uses_ >= 2 && now - last_answer_ < kRecentUse) return true;
  char byte = 0;
  const ssize_t n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  // 0: the upstream closed its side; >0: unsolicited bytes (e.g. a 408 before closing).
  if (n >= 0) return false;
  return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
}

asio::awaitable<Result<std::unique_ptr<UpstreamConnection>>> open_connection(
    const Executor& executor, const std::vector<asio::ip::tcp::endpoint>& endpoints,
    asio::ssl::context* tls, std::string_view host, bool verify, Clock::time_point deadline,
    ClientCounterSet& counters, ErrorKind* failure) {
  ErrorKind ignored_kind = ErrorKind::kConnect;
  ErrorKind& kind = failure != nullptr ? *failure : ignored_kind;
  UpstreamConnection::TcpStream stream(executor);
  stream.expires_at(deadline);
  auto [ec, endpoint] = co_await stream.async_connect(endpoints, kAwait);
  if (ec) {
    if (ec == beast::error::timeout) {
      counters.err_timeout.inc();
      kind = ErrorKind::kTimeout;
      co_return transport_problem(ProblemCode::kUpstreamTimeout, "upstream connect timed out");
    }
    counters.err_connect.inc();
    kind = ErrorKind::kConnect;
    co_return transport_problem(ProblemCode::kUpstreamUnavailable,
                                "upstream connect failed: " + ec.message());
  }
  error_code ignored;
  stream.socket().set_option(asio::ip::tcp::no_delay(true), ignored);

  if (tls == nullptr) {
    stream.expires_never();
    counters.connects.inc();
    co_return std::make_unique<UpstreamConnection>(std::move(stream));
  }

  UpstreamConnection::TlsStream tls_stream(std::move(stream), *tls);
  if (!prepare_tls_client(tls_stream.native_handle(), host, verify)) {
    counters.err_tls.inc();
    kind = ErrorKind::kTls;
    co_return transport_problem(ProblemCode::kUpstreamUnavailable,
                                "TLS setup failed: invalid upstream host name");
  }
  auto [hec] = co_await tls_stream.async_handshake(asio::ssl::stream_base::client, kAwait);
  if (hec) {
    if (hec == beast::error::timeout) {
      counters.err_timeout.inc();
      kind = ErrorKind::kTimeout;
      co_return transport_problem(ProblemCode::kUpstreamTimeout, "upstream TLS handshake timed out");
    }
    counters.err_tls.inc();
    kind = ErrorKind::kTls;
    co_return transport_problem(ProblemCode::kUpstreamUnavailable,
                                describe_tls_failure(tls_stream.native_handle(), hec));
  }
  beast::get_lowest_layer(tls_stream).expires_never();
  counters.connects.inc();
  co_return std::make_unique<UpstreamConnection>(std::move(tls_stream));
}

}  // namespace profilegw::core::upstream
