// The built-in provider families, registered by name at start-up.
#pragma once

#include "core/adapter.h"

namespace profilegw::adapters {

void register_builtin(core::AdapterRegistry& registry);

}  // namespace profilegw::adapters
