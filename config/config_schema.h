// Every config key with its type, default and a one-line description (userver style): the one
// list that the validator takes its known keys from, and that README/--help print.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace profilegw::config {

struct SchemaEntry {
  std::string_view path;           // "tenants[].upstream.timeout_ms"; "*" stands for a free map key
  std::string_view type;           // "integer 1..600000"
  std::string_view default_value;  // "3000", "required", "-" (optional, no default)
  std::string_view description;
};

std::span<const SchemaEntry> config_schema();

// The key names allowed in the object at `object_path` ("" for the root, "tenants[]",
// "tenants[].upstream"), in schema order. Empty for free maps and unknown paths.
std::vector<std::string_view> schema_keys(std::string_view object_path);

// The table as aligned text: one line per key (for --help and the README).
std::string format_schema();

}  // namespace profilegw::config
