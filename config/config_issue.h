// A problem found in a config file: where (a JSON path such as `tenants[2].upstream.base_url`, or
// the file name for syntax errors), what, and whether it stops the load (errors) or not (warnings).
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>

namespace profilegw::config {

enum class Severity : std::uint8_t { kError, kWarning };

struct Issue {
  std::string path;     // "tenants[2].upstream.base_url"; the file name for syntax errors
  std::string message;  // "not an absolute http(s) URL"
  Severity severity = Severity::kError;

  bool is_error() const { return severity == Severity::kError; }
  bool operator==(const Issue&) const = default;
};

inline bool has_errors(std::span<const Issue> issues) {
  return std::any_of(issues.begin(), issues.end(), [](const Issue& i) { return i.is_error(); });
}

}  // namespace profilegw::config
