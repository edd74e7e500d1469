// How the public handler reads the caller's own headers before any upstream call: the customer
// credential out of `Authorization: Bearer`, and whether a body is JSON. Pure functions, so the
// HTTP fuzz target (tests/fuzz/fuzz_http_request.cc) runs exactly the handler's checks.
#pragma once

#include <string_view>

namespace profilegw::gateway {

// "Bearer <token>" (scheme case-insensitive) → the token without surrounding spaces; empty for any
// other scheme or no token. The contract's callers always use Bearer, whatever the upstream scheme.
std::string_view bearer_token(std::string_view authorization);

// application/json or application/merge-patch+json, parameters (charset) ignored.
bool is_json_media_type(std::string_view content_type);

}  // namespace profilegw::gateway
