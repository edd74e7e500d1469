// The outcome of the latest config load (start-up, SIGHUP, watch, admin reload), shared by the
// thread that reloads and every thread that answers /readyz, so operators can see a rejected
// reload without reading logs.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

namespace profilegw::gateway {

struct ReloadResult {
  bool ok = true;
  std::chrono::system_clock::time_point at{};
  std::size_t problems = 0;  // errors that rejected the file (0 when ok)
  std::string trigger;       // "startup", "SIGHUP", "admin", "watch"
};

class ReloadStatus {
 public:
  void record(bool ok, std::size_t problems, std::string_view trigger);
  ReloadResult latest() const;

  // `{"ok":false,"at":"2024-05-01T12:00:00.123Z","problems":2,"trigger":"SIGHUP"}`; `null` before
  // the first record.
  std::string to_json() const;

 private:
  // Written on reload only and read by /readyz: a plain mutex is cheaper to reason about than
  // lock-free publication of a string.
  mutable std::mutex mutex_;
  ReloadResult latest_;
  bool recorded_ = false;
};

// RFC 3339 in UTC with milliseconds: "2024-05-01T12:00:00.123Z".
std::string format_utc_timestamp(std::chrono::system_clock::time_point at);

}  // namespace profilegw::gateway
