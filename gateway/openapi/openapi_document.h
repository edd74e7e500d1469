// GET /openapi.json: the OpenAPI 3.1 document of the unified API (and, tagged `admin`, of the admin
// API), generated once at start-up from the definitions the code itself uses: the unified field
// table (core::kFieldNames), the problem table (core::problem_specs()), the route tables and the
// config schema. Nothing is written by hand twice, so the document cannot drift from the code.
#pragma once

#include <string>

#include "core/adapter.h"
#include "gateway/openapi/json_tree.h"

namespace profilegw::gateway::openapi {

// The document as a tree (for tests); `registry` gives the provider names used as examples.
Json openapi_tree(const core::AdapterRegistry& registry);

// The document as compact JSON, for GatewayState::openapi_document.
std::string build_openapi_document(const core::AdapterRegistry& registry);

}  // namespace profilegw::gateway::openapi
