#include "config/json_loader.h"

#include <rapidjson/error/en.h>

#include <string>

#include "core/model/json_utf8.h"

namespace profilegw::config {

TextPosition position_of(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  TextPosition pos;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if ((c & 0xC0) != 0x80) {  // continuation bytes belong to the previous character
      ++pos.column;
    }
  }
  return pos;
}

JsonParseResult parse_json(std::string_view text, std::string_view source_name) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());

  JsonParseResult result;
  // Default flags parse strictly and insist that nothing but whitespace follows the root value.
  result.document.Parse<rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
  if (!result.document.HasParseError()) {
    // The text is UTF-8, but a `\uDC00`-style escape of a lone surrogate decodes to bytes that are
    // not: they would reach upstream headers, and the file the admin API writes back would not load
    // (found by fuzz_config).
    if (core::json_strings_are_utf8(text, result.document)) return result;
    result.error = Issue{std::string(source_name),
                         "a \\u escape decodes to a lone surrogate (U+D800-U+DFFF), which is not a character",
                         Severity::kError};
    result.document.SetNull();
    return result;
  }

  const TextPosition pos = position_of(text, result.document.GetErrorOffset());
  std::string message = "line " + std::to_string(pos.line) + ", column " + std::to_string(pos.column) + ": " +
                        rapidjson::GetParseError_En(result.document.GetParseError());
  result.error = Issue{std::string(source_name), std::move(message), Severity::kError};
  result.document.SetNull();
  return result;
}

}  // namespace profilegw::config
