// The `shop` provider: a DRF customer API addressed by the customer's `Token`, with separate first
// and last names, a computed full name and read-only contact fields (CONTRACT.md section 5).
#pragma once

#include <memory>

#include "core/adapter.h"

namespace profilegw::adapters {

std::unique_ptr<core::Adapter> make_shop_adapter();

}  // namespace profilegw::adapters
