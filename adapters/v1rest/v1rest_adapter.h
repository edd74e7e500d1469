// The `v1rest` provider: a DRF customer API addressed by id, whose update is a PUT of the whole
// record (nested address included), so every unified PATCH is a read-modify-write
// (CONTRACT.md section 5).
#pragma once

#include <memory>

#include "core/adapter.h"

namespace profilegw::adapters {

std::unique_ptr<core::Adapter> make_v1rest_adapter();

}  // namespace profilegw::adapters
