// The gateway-side checks of a unified PATCH for a mapped tenant, before any upstream call: the
// compiled capabilities (writable, null, enum, lengths, format), then what the conversions need
// (an integer the backend can hold, a phone whose country code is known, one way to set a name).
#pragma once

#include <optional>

#include "adapters/mapped/compiled_mapping.h"

namespace profilegw::adapters::mapped {

std::optional<core::Problem> check_mapped_patch(const CompiledMapping& m, const core::ProfilePatch& patch);

}  // namespace profilegw::adapters::mapped
