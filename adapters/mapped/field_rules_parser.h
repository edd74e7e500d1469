// `mapping.fields`: one entry per unified field (plus `id` and `profile_completed`), each a JSON
// Pointer or an object saying where the field lives, how its value converts and what the gateway
// checks before writing it. Parsed into CompiledMapping::fields with every problem at its path.
#pragma once

#include <string>

#include "adapters/mapped/compiled_mapping.h"
#include "adapters/mapped/spec_reader.h"

namespace profilegw::adapters::mapped {

// `can_write`: the mapping has an `update` request (without one every field is read-only).
// Returns where each field was declared.
FieldPaths parse_fields(const json::Value& fields, const std::string& path, bool can_write,
                        SpecReader& reader, CompiledMapping& out);

}  // namespace profilegw::adapters::mapped
