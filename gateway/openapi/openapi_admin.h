// The admin listener's operations (CONTRACT.md section 4) as OpenAPI `paths`, tagged `admin`, and
// the schema of a tenant as the config file writes it, generated from config::config_schema().
#pragma once

#include "gateway/openapi/json_tree.h"

namespace profilegw::gateway::openapi {

// path template → path item, one per route of the admin route table. Throws std::logic_error if
// the admin route table and the documented operations disagree.
Json admin_paths();

// name → schema: Tenant (from the config schema's `tenants[]` keys), TenantList, ProbeReport,
// ReloadResult.
Json admin_schemas();

}  // namespace profilegw::gateway::openapi
