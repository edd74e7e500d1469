// Compiling mappings in adapter tests: from JSON text, or from the tenant examples in
// config/examples/mappings/ (the same files the docs and the integration tests use).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/adapter.h"

namespace profilegw::adapters::testing {

// Compiles a `mapping` block; fails the current test (showing every issue) when it does not compile.
std::unique_ptr<core::Adapter> compile_mapping_text(std::string_view mapping_json);

// The `mapping` of config/examples/mappings/<name>.json, compiled.
std::unique_ptr<core::Adapter> compile_mapping_example(std::string_view name);

// Every issue compiling `mapping_json` reports, as "path: message" (path root "mapping").
std::vector<std::string> mapping_issues(std::string_view mapping_json);

}  // namespace profilegw::adapters::testing
