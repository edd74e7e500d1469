// Strict JSON parsing of config text into a RapidJSON document. Syntax errors come back as a value
// naming the 1-based line and column: `line 3, column 5: Missing a comma or '}' after an object member.`
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <optional>
#include <string_view>

#include "config/config_issue.h"

namespace profilegw::config {

struct TextPosition {
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in characters (UTF-8 code points)
};

// The line and column of byte `offset` in `text` (clamped to the end of the text).
TextPosition position_of(std::string_view text, std::size_t offset);

struct JsonParseResult {
  rapidjson::Document document;
  std::optional<Issue> error;  // path = source name, message = "line L, column C: <what>"

  bool ok() const { return !error.has_value(); }
};

// Parses the whole text: no comments, no trailing commas, no NaN, nothing after the root value,
// valid UTF-8 only. A leading UTF-8 byte-order mark is skipped.
JsonParseResult parse_json(std::string_view text, std::string_view source_name);

}  // namespace profilegw::config
