#include "adapters/builtin_adapters.h"

#include "adapters/builtin_mappings/builtin_mappings.h"
#include "adapters/mapped/mapped_adapter.h"
#include "adapters/partner/partner_adapter.h"
#include "adapters/salla/salla_adapter.h"

namespace profilegw::adapters {

void register_builtin(core::AdapterRegistry& registry) {
  // django, shop and v1rest are mappings (adapters/builtin_mappings/<provider>.json), compiled here,
  // once, by the compiler of tenants' `mapping` blocks; a broken one throws before anything serves.
  for (const builtin::EmbeddedMapping& e : builtin::embedded_mappings()) {
    registry.add(make_builtin_mapped_adapter(e.provider));
  }
  // Behaviour that is not declarative keeps code: partner (field errors from two places, the id
  // fallback, case-insensitive enums, envelope codes under 200), salla (the one-time-code flow).
  registry.add(make_partner_adapter());
  registry.add(make_salla_adapter());
  // Backends onboarded by configuration alone: one adapter per tenant, compiled from its `mapping`.
  registry.add_factory(make_mapped_adapter_factory());
}

}  // namespace profilegw::adapters
