// What one upstream call did, in the terms /metrics and the access log use: failed exchanges by kind
// (profilegw_upstream_errors_total{kind}), retries, and refusals that never reached the backend (open
// circuit, exhausted pool). The client adds into a report; a unified call's steps share one.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace profilegw::core::upstream {

// Why one exchange with a backend failed. The names are metric label values: a fixed, small set.
enum class ErrorKind : std::uint8_t {
  kConnect,      // name resolution or TCP connect failed: nothing reached the backend
  kTimeout,      // connect, request or the call's deadline ran out
  kReset,        // the connection closed or was reset while the answer was due (or half sent)
  kBadResponse,  // not parseable as HTTP/1.x, or over the size limits
  kTls,          // TLS handshake or certificate verification failed
  kStatus5xx,    // the backend answered with a 5xx status
};
inline constexpr std::size_t kErrorKindCount = 6;

std::string_view error_kind_name(ErrorKind kind);

struct SendReport {
  std::array<std::uint16_t, kErrorKindCount> errors{};  // failed exchanges, by ErrorKind
  std::uint16_t attempts = 0;                           // exchanges begun, retries included
  std::uint16_t retries = 0;                            // attempts after the first, per `upstream.retries`
  bool circuit_open = false;                            // refused at once: the upstream's circuit is open
  bool pool_exhausted = false;                          // no connection slot came free in time

  void add_error(ErrorKind kind) { ++errors[static_cast<std::size_t>(kind)]; }
  std::uint16_t error_count(ErrorKind kind) const { return errors[static_cast<std::size_t>(kind)]; }
};

}  // namespace profilegw::core::upstream
