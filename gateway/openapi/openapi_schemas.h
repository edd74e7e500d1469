// The JSON Schemas (OpenAPI 3.1 `components.schemas`) of the unified API: the profile, the patch,
// verification, capabilities and problem documents, generated from core's field and problem
// tables so the document cannot drift from what the gateway reads and writes.
#pragma once

#include <string_view>
#include <vector>

#include "gateway/openapi/json_tree.h"
#include "gateway/openapi/openapi_refs.h"

namespace profilegw::gateway::openapi {

// name → schema, in the order a reader meets them. `providers` are the registered provider names
// (examples for `provider`; tenants may name declarative providers too).
Json unified_schemas(const std::vector<std::string_view>& providers);

}  // namespace profilegw::gateway::openapi
