// Faults a demo backend can be told to show (issue 6): slow, silent, cut, truncated, dripping, or
// answering with an error or with HTML. A fault is armed per port (POST /__mock/fault, --fault) for
// the next N requests or for good, or chosen per request with `X-Mock-Fault` / `X-Mock-Delay-Ms`.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "mocks/http_exchange.h"

namespace profilegw::mocks {

enum class FaultMode {
  kNone,
  kDelay,      // wait delay_ms, then answer normally
  kHang,       // never answer; keep the connection open until the client gives up
  kReset,      // send half of the response head, then RST the connection
  kTruncated,  // announce the full Content-Length, send half the body, close
  kNonJson,    // 200 text/html "<html>oops</html>"
  kStatus500,
  kStatus502,
  kStatus503,
  kStatus429,  // with Retry-After: 7
  kSlowDrip,   // the normal response, one byte every 50 ms
};

inline constexpr std::chrono::milliseconds kDripInterval{50};
inline constexpr std::chrono::milliseconds kDefaultFaultDelay{1000};

std::optional<FaultMode> parse_fault_mode(std::string_view name);
std::string_view fault_mode_name(FaultMode mode);

// The HTTP status an error fault answers with, or 0 for the other modes.
unsigned fault_status(FaultMode mode);

// How one request will be treated.
struct FaultPlan {
  FaultMode mode = FaultMode::kNone;
  std::chrono::milliseconds delay{0};  // waited before the request is handled, whatever the mode

  // Whether the backend does not see the request at all (the fault answers instead).
  bool replaces_backend() const;
};

// The fault armed on one port. Cheap to consult when nothing is armed (one relaxed atomic load).
class PortFault {
 public:
  // `count` requests, or every request when nullopt.
  void arm(FaultMode mode, std::chrono::milliseconds delay, std::optional<std::uint64_t> count);
  void disarm();

  // The fault the port starts with (--fault), which restore_baseline() re-arms for good.
  void set_baseline(FaultMode mode, std::chrono::milliseconds delay);
  void restore_baseline();

  // The plan for the next request, using up one of the armed count.
  FaultPlan take();

  // {"mode": "...", "delay_ms": N, "remaining": N|null}
  std::string describe_json() const;

 private:
  std::atomic<bool> armed_{false};
  mutable std::mutex mutex_;
  FaultMode mode_ = FaultMode::kNone;
  std::chrono::milliseconds delay_{0};
  std::optional<std::uint64_t> remaining_;
  FaultMode baseline_mode_ = FaultMode::kNone;
  std::chrono::milliseconds baseline_delay_{0};
};

// The fault for this request: its own X-Mock-Fault / X-Mock-Delay-Ms headers when present
// ("X-Mock-Fault: none" opts out of the port's fault), else the port's armed fault.
FaultPlan select_fault(const MockRequest& request, PortFault& port_fault);

}  // namespace profilegw::mocks
