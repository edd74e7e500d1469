// `mapping.errors`: how a backend's failures are told apart (its error code, then the HTTP status,
// into the contract's problems) and where its per-field messages are. Parsed into ErrorRules with
// the defaults by HTTP status appended after the mapping's own rules.
#pragma once

#include <string>

#include "adapters/mapped/compiled_mapping.h"
#include "adapters/mapped/spec_reader.h"

namespace profilegw::adapters::mapped {

// `errors` may be null (no block: the defaults alone).
void parse_error_rules(const json::Value* errors, const std::string& path, SpecReader& reader,
                       ErrorRules& out);

}  // namespace profilegw::adapters::mapped
