// GET /v1/capabilities: what this tenant's provider can read and write, per unified field, and
// which route addresses its customers. Rendered from the adapter's declared Capabilities.
#pragma once

#include <string>

#include "core/service/tenant.h"

namespace profilegw::gateway {

std::string render_capabilities(const core::Tenant& tenant);

}  // namespace profilegw::gateway
