#include "gateway/control/reload_status.h"

#include <cstdio>
#include <ctime>

namespace profilegw::gateway {

void ReloadStatus::record(bool ok, std::size_t problems, std::string_view trigger) {
  std::lock_guard lock(mutex_);
  latest_.ok = ok;
  latest_.at = std::chrono::system_clock::now();
  latest_.problems = problems;
  latest_.trigger.assign(trigger);
  recorded_ = true;
}

ReloadResult ReloadStatus::latest() const {
  std::lock_guard lock(mutex_);
  return latest_;
}

std::string ReloadStatus::to_json() const {
  std::lock_guard lock(mutex_);
  if (!recorded_) return "null";
  // The trigger is one of our own fixed words: no escaping needed.
  std::string out = R"({"ok":)";
  out += latest_.ok ? "true" : "false";
  out += R"(,"at":")" + format_utc_timestamp(latest_.at);
  out += R"(","problems":)" + std::to_string(latest_.problems);
  out += R"(,"trigger":")" + latest_.trigger + R"("})";
  return out;
}

std::string format_utc_timestamp(std::chrono::system_clock::time_point at) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(ms % 1000));
  return buffer;
}

}  // namespace profilegw::gateway
