#include "adapters/builtin_adapters.h"

#include "adapters/django/django_adapter.h"
#include "adapters/mapped/mapped_adapter.h"
#include "adapters/partner/partner_adapter.h"
#include "adapters/salla/salla_adapter.h"
#include "adapters/shop/shop_adapter.h"
#include "adapters/v1rest/v1rest_adapter.h"

namespace profilegw::adapters {

void register_builtin(core::AdapterRegistry& registry) {
  registry.add(make_django_adapter());
  registry.add(make_shop_adapter());
  registry.add(make_v1rest_adapter());
  registry.add(make_partner_adapter());
  registry.add(make_salla_adapter());
  // Backends onboarded by configuration alone: one adapter per tenant, compiled from its `mapping`.
  registry.add_factory(make_mapped_adapter_factory());
}

}  // namespace profilegw::adapters
