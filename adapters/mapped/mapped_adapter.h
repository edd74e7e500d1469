// The adapter of provider "mapped": a backend onboarded by configuration alone. Its whole behaviour
// comes from a tenant's compiled `mapping` block (docs/mapping.md); one instance per tenant, owned
// by the config snapshot that compiled it.
#pragma once

#include <memory>
#include <string_view>

#include "adapters/mapped/compiled_mapping.h"
#include "core/adapter.h"

namespace profilegw::adapters {

std::unique_ptr<core::Adapter> make_mapped_adapter(std::unique_ptr<const mapped::CompiledMapping> mapping);

// A built-in provider expressed as a mapping (adapters/builtin_mappings/): the same adapter under
// the provider's own name, with the customer-auth scheme its tenants get when they name none.
// `name` must outlive the adapter (a literal).
std::unique_ptr<core::Adapter> make_mapped_adapter(std::unique_ptr<const mapped::CompiledMapping> mapping,
                                                   std::string_view name,
                                                   core::CustomerAuthScheme default_customer_auth);

// Registered under "mapped": compiles a tenant's `mapping` block into its adapter.
std::unique_ptr<core::AdapterFactory> make_mapped_adapter_factory();

}  // namespace profilegw::adapters
