#include "mocks/fault_injection.h"

#include <array>
#include <charconv>
#include <utility>

namespace profilegw::mocks {

namespace {

constexpr std::array<std::pair<FaultMode, std::string_view>, 11> kModeNames = {{
    {FaultMode::kNone, "none"},
    {FaultMode::kDelay, "delay"},
    {FaultMode::kHang, "hang"},
    {FaultMode::kReset, "reset"},
    {FaultMode::kTruncated, "truncated"},
    {FaultMode::kNonJson, "non_json"},
    {FaultMode::kStatus500, "500"},
    {FaultMode::kStatus502, "502"},
    {FaultMode::kStatus503, "503"},
    {FaultMode::kStatus429, "429"},
    {FaultMode::kSlowDrip, "slow_drip"},
}};

std::optional<std::chrono::milliseconds> parse_millis(std::string_view text) {
  std::uint64_t value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
  return std::chrono::milliseconds(value);
}

}  // namespace

std::optional<FaultMode> parse_fault_mode(std::string_view name) {
  for (const auto& [mode, mode_name] : kModeNames) {
    if (iequals(name, mode_name)) return mode;
  }
  if (iequals(name, "off")) return FaultMode::kNone;
  return std::nullopt;
}

std::string_view fault_mode_name(FaultMode mode) {
  for (const auto& [known, name] : kModeNames) {
    if (known == mode) return name;
  }
  return "none";
}

unsigned fault_status(FaultMode mode) {
  switch (mode) {
    case FaultMode::kStatus500: return 500;
    case FaultMode::kStatus502: return 502;
    case FaultMode::kStatus503: return 503;
    case FaultMode::kStatus429: return 429;
    default: return 0;
  }
}

bool FaultPlan::replaces_backend() const {
  return mode == FaultMode::kHang || mode == FaultMode::kNonJson || fault_status(mode) != 0;
}

void PortFault::arm(FaultMode mode, std::chrono::milliseconds delay, std::optional<std::uint64_t> count) {
  std::lock_guard lock(mutex_);
  mode_ = mode;
  delay_ = delay;
  remaining_ = count;
  armed_.store(mode != FaultMode::kNone && count.value_or(1) != 0, std::memory_order_release);
}

void PortFault::disarm() { arm(FaultMode::kNone, std::chrono::milliseconds(0), std::nullopt); }

void PortFault::set_baseline(FaultMode mode, std::chrono::milliseconds delay) {
  {
    std::lock_guard lock(mutex_);
    baseline_mode_ = mode;
    baseline_delay_ = delay;
  }
  restore_baseline();
}

void PortFault::restore_baseline() {
  FaultMode mode = FaultMode::kNone;
  std::chrono::milliseconds delay{0};
  {
    std::lock_guard lock(mutex_);
    mode = baseline_mode_;
    delay = baseline_delay_;
  }
  arm(mode, delay, std::nullopt);
}

FaultPlan PortFault::take() {
  if (!armed_.load(std::memory_order_acquire)) return {};
  std::lock_guard lock(mutex_);
  if (mode_ == FaultMode::kNone || remaining_ == std::uint64_t{0}) return {};
  const FaultPlan plan{mode_, delay_};
  if (remaining_ && --*remaining_ == 0) armed_.store(false, std::memory_order_release);
  return plan;
}

std::string PortFault::describe_json() const {
  std::lock_guard lock(mutex_);
  std::string out = R"({"mode":")";
  const bool active = mode_ != FaultMode::kNone && remaining_.value_or(1) != 0;
  out.append(fault_mode_name(active ? mode_ : FaultMode::kNone));
  out.append(R"(","delay_ms":)").append(std::to_string(delay_.count()));
  out.append(R"(,"remaining":)").append(remaining_ ? std::to_string(*remaining_) : "null");
  out.push_back('}');
  return out;
}

FaultPlan select_fault(const MockRequest& request, PortFault& port_fault) {
  const std::string_view asked = request.header("X-Mock-Fault");
  const std::optional<std::chrono::milliseconds> delay = parse_millis(request.header("X-Mock-Delay-Ms"));
  if (!asked.empty()) {
    const std::optional<FaultMode> mode = parse_fault_mode(asked);
    if (mode) {
      const auto wait = delay.value_or(*mode == FaultMode::kDelay ? kDefaultFaultDelay : std::chrono::milliseconds(0));
      return FaultPlan{*mode, wait};
    }
  }
  if (delay) return FaultPlan{FaultMode::kDelay, *delay};
  return port_fault.take();
}

}  // namespace profilegw::mocks
