// How the public handler reads the caller's own headers before any upstream call: the customer
// credential out of `Authorization: Bearer`, whether a body is JSON, and credentials sent twice. Pure functions, so the
// HTTP fuzz target (tests/fuzz/fuzz_http_request.cc) runs exactly the handler's checks.
#pragma once

#include <string_view>

#include "gateway/server/request_handler.h"

namespace profilegw::gateway {

inline constexpr std::string_view kApiKeyHeader = "X-Api-Key";

// "Bearer <token>" (scheme case-insensitive) → the token without surrounding spaces; empty for any
// other scheme or no token. The contract's callers always use Bearer, whatever the upstream scheme.
std::string_view bearer_token(std::string_view authorization);

// application/json or application/merge-patch+json, parameters (charset) ignored.
bool is_json_media_type(std::string_view content_type);

// The name of a credential header the request carries more than once (X-Api-Key, then
// Authorization), or empty. Two values are ambiguous: a proxy in front of the gateway may have
// checked the other one, so the handler refuses them (400) instead of picking one.
std::string_view repeated_credential_header(const HttpRequest& request);

}  // namespace profilegw::gateway
