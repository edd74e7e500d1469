// The `django` provider: a DRF customer API addressed by the customer's JWT, with one `full_name`
// the unified first/last names are split from and joined into (CONTRACT.md section 5).
#pragma once

#include <memory>

#include "core/adapter.h"

namespace profilegw::adapters {

std::unique_ptr<core::Adapter> make_django_adapter();

}  // namespace profilegw::adapters
