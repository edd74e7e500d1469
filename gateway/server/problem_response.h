// Problems the server answers by itself (malformed framing, size limits, handler failure) as
// application/problem+json responses with an X-Request-Id.
#pragma once

#include <string_view>

#include "core/problem.h"
#include "gateway/server/request_handler.h"

namespace profilegw::gateway {

inline constexpr std::string_view kProblemContentType = "application/problem+json";

// Status, Content-Type, X-Request-Id, Retry-After and Allow as the problem says; body from
// core::render_problem with no tenant (the server answers before any tenant is known).
HttpResponse problem_response(const core::Problem& problem, std::string_view request_id, unsigned version);

}  // namespace profilegw::gateway
