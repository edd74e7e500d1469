// Writes the config file back (admin API changes, CONTRACT.md section 4): pretty JSON, replaced
// atomically, so a crash leaves either the old file or the new one, never half of one.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

namespace profilegw::config {

// The document as JSON indented by 2 spaces, ending in a newline. Strings are written as given
// (placeholders such as ${NAME} stay placeholders).
std::string to_pretty_json(const rapidjson::Value& document);

// Writes `contents` to a temporary file in the target's folder, fsyncs it, renames it over `path`,
// then fsyncs the folder. An existing target keeps its permission bits (a new one gets 0600); when
// `path` is a symbolic link, the file it points to is replaced. Returns the error, or nullopt.
std::optional<std::string> write_file_atomically(const std::string& path, std::string_view contents);

// to_pretty_json + write_file_atomically.
std::optional<std::string> persist_config(const std::string& path, const rapidjson::Value& document);

}  // namespace profilegw::config
