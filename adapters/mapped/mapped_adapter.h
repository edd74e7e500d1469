// The adapter of provider "mapped": a backend onboarded by configuration alone. Its whole behaviour
// comes from a tenant's compiled `mapping` block (docs/mapping.md); one instance per tenant, owned
// by the config snapshot that compiled it.
#pragma once

#include <memory>

#include "adapters/mapped/compiled_mapping.h"
#include "core/adapter.h"

namespace profilegw::adapters {

std::unique_ptr<core::Adapter> make_mapped_adapter(std::unique_ptr<const mapped::CompiledMapping> mapping);

// Registered under "mapped": compiles a tenant's `mapping` block into its adapter.
std::unique_ptr<core::AdapterFactory> make_mapped_adapter_factory();

}  // namespace profilegw::adapters
