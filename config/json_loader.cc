#include "config/json_loader.h"

#include <rapidjson/error/en.h>

#include <string>

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
  if (!result.document.HasParseError()) return result;

  const TextPosition pos = position_of(text, result.document.GetErrorOffset());
  std::string message = "line " + std::to_string(pos.line) + ", column " + std::to_string(pos.column) + ": " +
                        rapidjson::GetParseError_En(result.document.GetParseError());
  result.error = Issue{std::string(source_name), std::move(message), Severity::kError};
  result.document.SetNull();
  return result;
}

}  // namespace profilegw::config
