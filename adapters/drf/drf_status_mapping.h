// A Django REST Framework backend's answer status → the contract's problem (CONTRACT.md section 3,
// "Errors"): who is at fault decides the code. The caller's data (400 with field errors → 422
// validation_failed), the customer's credential or rights (401, 403, 404), throttling (429 with
// Retry-After), the backend itself (5xx, and 405/415/other 4xx, which mean it refused a request
// the gateway built) or an answer that cannot be understood (3xx, unreadable bodies).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "adapters/drf/drf_error_parser.h"
#include "core/problem.h"
#include "core/upstream/http_message.h"

namespace profilegw::adapters::drf {

constexpr bool is_success(int status) { return status >= 200 && status < 300; }

// Used when a throttled answer names no delay the gateway can read (none, or an HTTP-date).
inline constexpr long kDefaultRetryAfterSeconds = 1;

// Retry-After as delta-seconds; nullopt for anything else (an HTTP-date is not parsed).
std::optional<long> parse_retry_after(std::string_view value);

// The problem for a non-2xx answer. Every problem carries upstream.status.
core::Problem problem_for_response(const core::UpstreamResponse& response, const FieldNames& names);

// 502 upstream_bad_response for a 2xx answer whose body is not what the API documents.
core::Problem bad_response(int status, std::string detail);

}  // namespace profilegw::adapters::drf
