// The public listener's operations (OpenAPI `paths`): one per route of the route table
// (gateway/router/route_table.h), with its security, parameters, bodies and every status it can
// answer. Path templates come from the route table itself, so a renamed route renames its docs.
#pragma once

#include "gateway/openapi/json_tree.h"

namespace profilegw::gateway::openapi {

// path template → path item. Throws std::logic_error if the route table and the documented
// operations disagree (a programming error, caught by the unit tests and at start-up).
Json public_paths();

}  // namespace profilegw::gateway::openapi
