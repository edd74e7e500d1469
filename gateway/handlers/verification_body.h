// The body of POST /v1/profile/verification: `{"verification_id": "...", "code": "..."}`, both
// non-empty strings, nothing else. Parsed before any upstream call; pure, so it is fuzzed directly
// (tests/fuzz/fuzz_http_request.cc).
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "core/problem.h"

namespace profilegw::gateway {

struct VerificationBody {
  std::string verification_id;
  std::string code;
};

// 400 malformed_request (with errors[] per field) for anything but a JSON object with exactly
// those two members as non-empty strings.
std::variant<VerificationBody, core::Problem> parse_verification_body(std::string_view body);

}  // namespace profilegw::gateway
