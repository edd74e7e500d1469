// Problem responses (OpenAPI `components.responses`), one per HTTP status and API, each listing
// the codes core::problem_specs() gives that status, with the contract's "when" for each code.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/problem.h"
#include "gateway/openapi/json_tree.h"

namespace profilegw::gateway::openapi {

enum class Api : std::uint8_t { kPublic, kAdmin };

// When the gateway answers with `code` (CONTRACT.md section 3, "Errors"), and which APIs do.
struct CodeDoc {
  std::string_view when;
  bool public_api = true;
  bool admin_api = false;
};
CodeDoc code_doc(core::ProblemCode code);

// The statuses `api` can answer a problem with, ascending.
std::vector<int> problem_statuses(Api api);

// The components.responses key: "Problem404", "AdminProblem401".
std::string problem_response_name(Api api, int status);

// The response object: description, headers (X-Request-Id; Allow on 405; Retry-After on 429 and
// 503), application/problem+json with the status and its codes pinned, one example per code.
Json problem_response(Api api, int status);

// Every problem response of both APIs, keyed by problem_response_name.
Json problem_responses();

}  // namespace profilegw::gateway::openapi
