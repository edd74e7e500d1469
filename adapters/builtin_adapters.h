// The built-in provider families, registered by name at start-up, and the factory of "mapped"
// (backends declared in config).
#pragma once

#include "core/adapter.h"

namespace profilegw::adapters {

void register_builtin(core::AdapterRegistry& registry);

}  // namespace profilegw::adapters
