// Compiles a tenant's `mapping` block (docs/mapping.md) into a CompiledMapping, reporting every
// problem with its path (`tenants[3].mapping.fields.gender.values: not one-to-one ("M" appears twice)`).
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "adapters/mapped/compiled_mapping.h"
#include "core/adapter_factory.h"

namespace profilegw::adapters::mapped {

// Null when any error was reported. `path` names the block ("tenants[3].mapping").
std::unique_ptr<const CompiledMapping> compile_mapping(const json::Value& spec, std::string_view path,
                                                       std::vector<core::SpecIssue>& issues);

}  // namespace profilegw::adapters::mapped
