// Builds the human-readable paths that name a value in a config document in every message:
// `tenants[2].upstream.base_url`, `tenants[0].upstream.headers["bad name"]`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace profilegw::config {

// `parent.key`, or `parent["key"]` when the key is not a plain identifier (letters, digits, _ -).
// An empty parent names the document root, so the result is just `key`.
std::string child_path(std::string_view parent, std::string_view key);

// `parent[index]`.
std::string index_path(std::string_view parent, std::size_t index);

}  // namespace profilegw::config
