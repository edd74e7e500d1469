// One keep-alive HTTP/1.1 connection to an upstream, plain or TLS: opening it (TCP connect, TLS
// handshake, both within the connect budget), one request/response exchange at a time with a
// deadline and size limits, and the checks that decide whether an idle one may be reused.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/basic_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/upstream/client_counters.h"
#include "core/upstream/digest_auth.h"
#include "core/upstream/executor.h"
#include "core/upstream/http_message.h"
#include "core/upstream/request_builder.h"
#include "core/upstream/send_report.h"

namespace profilegw::core::upstream {

using Clock = std::chrono::steady_clock;

inline constexpr std::uint32_t kResponseHeaderLimit = 16 * 1024;
inline constexpr std::uint64_t kResponseBodyLimit = 8 * 1024 * 1024;
// A connection's read buffer: a whole response header and one 64 KiB read behind it. Over it a read
// fails with http::error::buffer_overflow (502), so a backend cannot make the gateway buffer an
// endless chunk extension or trailer section until the timeout.
inline constexpr std::size_t kResponseBufferLimit = kResponseHeaderLimit + 64 * 1024;
// An idle connection is dropped after this long even if the upstream announced no Keep-Alive timeout.
inline constexpr std::chrono::seconds kMaxIdle{60};
// See UpstreamConnection::usable.
inline constexpr std::chrono::milliseconds kRecentUse{100};

enum class ExchangeFailure : std::uint8_t {
  kNone,
  kTimeout,             // the deadline passed while writing or reading
  kClosedBeforeAnswer,  // write failed, or EOF/reset before the first byte of the answer
  kResetMidAnswer,      // EOF/reset after part of the answer (truncated)
  kBadResponse,         // not parseable as HTTP/1.x
  kTooLarge,            // header or body over the limits
};

struct ExchangeResult {
  ExchangeFailure failure = ExchangeFailure::kNone;
  std::size_t bytes_written = 0;
  bool got_response_bytes = false;
  bool keep_alive = false;  // the connection may carry another request
  UpstreamResponse response;
};

class UpstreamConnection {
 public:
  using TcpStream = boost::beast::basic_stream<boost::asio::ip::tcp, Executor>;
  using TlsStream = boost::beast::ssl_stream<TcpStream>;

  explicit UpstreamConnection(TcpStream stream);
  explicit UpstreamConnection(TlsStream stream);
  ~UpstreamConnection();
  UpstreamConnection(const UpstreamConnection&) = delete;
  UpstreamConnection& operator=(const UpstreamConnection&) = delete;

  // Writes `request` and reads the whole answer (interim 1xx answers skipped), all before `deadline`.
  boost::asio::awaitable<ExchangeResult> exchange(const WireRequest& request, Clock::time_point deadline);

  // Whether this idle connection may be handed out again: within its keep-alive time, and the peer
  // has neither closed it nor sent anything unsolicited (a non-blocking MSG_PEEK, one syscall).
  // A connection that has already carried two exchanges (its upstream keeps connections alive)
  // and whose last answer is younger than kRecentUse skips the peek: servers close idle
  // connections after a keep-alive timeout of seconds, and one closing after an answer says
  // "Connection: close" in it. Under load reuse comes microseconds after the answer, when a peek
  // almost never sees anything, yet it was one syscall in seven on every proxied request
  // (benchmarks/README.md). A FIN that slips through anyway is the race every client has; Client
  // retries a GET (or an unsent request) once on a fresh connection.
  bool usable(Clock::time_point now);

  // Exchanges completed on this connection.
  std::uint64_t uses() const { return uses_; }

  // Counts this connection in `gauge` (its upstream's open connections) until it is destroyed.
  void count_in(std::shared_ptr<std::atomic<std::int64_t>> gauge);

  // This connection's Digest state for the service user `username` (usually one per upstream). A
  // server nonce is used on one connection only, so its nc values reach the server in the order
  // they were counted however many connections run at once; a server that checks nc strictly
  // answers a reordered one with stale=true, which would cost a round trip or, twice in a row, the call.
  DigestState& digest_state(std::string_view username);

 private:
  TcpStream& tcp();

  std::optional<TcpStream> plain_;
  std::optional<TlsStream> tls_;
  // Kept for the connection's life (DESIGN.md section 3), and bounded: Beast limits a response's header
  // and body but not its chunk lines or trailers, which wait here until their CRLF arrives.
  boost::beast::flat_buffer buffer_{kResponseBufferLimit};
  Clock::time_point idle_until_{};
  Clock::time_point last_answer_{};
  std::uint64_t uses_ = 0;
  std::shared_ptr<std::atomic<std::int64_t>> open_gauge_;
  std::vector<std::pair<std::string, DigestState>> digest_states_;  // by username
};

// Connects to the first reachable endpoint and, with `tls` set, completes the handshake (SNI and
// peer verification per `verify`), all before `deadline`. Failures are Problems: 504 upstream_timeout
// on the deadline, 503 upstream_unavailable otherwise; `counters` records connects and errors, and
// `failure` (when given) is set to the failure's kind.
boost::asio::awaitable<Result<std::unique_ptr<UpstreamConnection>>> open_connection(
    const Executor& executor,
    const std::vector<boost::asio::ip::tcp::endpoint>& endpoints, boost::asio::ssl::context* tls,
    std::string_view host, bool verify, Clock::time_point deadline, ClientCounterSet& counters,
    ErrorKind* failure = nullptr);

}  // namespace profilegw::core::upstream
