// The `partner` provider: a partner customer API addressed by external customer id, authenticated
// with the gateway's own Digest credentials, whose PATCH requires firstname, lastname, phone and
// identity_number every time (CONTRACT.md section 5).
#pragma once

#include <memory>

#include "core/adapter.h"

namespace profilegw::adapters {

std::unique_ptr<core::Adapter> make_partner_adapter();

}  // namespace profilegw::adapters
