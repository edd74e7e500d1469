// The `salla` provider: the Salla storefront API addressed by the customer's Bearer token, where a
// profile change is `profile/update` and a contact change is `profile/contacts/update` held until
// the customer proves it with a one-time code at `profile/verify` (CONTRACT.md section 5).
#pragma once

#include <memory>

#include "core/adapter.h"

namespace profilegw::adapters {

std::unique_ptr<core::Adapter> make_salla_adapter();

}  // namespace profilegw::adapters
