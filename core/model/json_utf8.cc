#include "core/model/json_utf8.h"

#include "core/model/utf8.h"

namespace profilegw::core {
namespace {

bool escapes_a_low_surrogate(std::string_view text) {
  for (std::size_t at = text.find("\\u"); at != std::string_view::npos; at = text.find("\\u", at + 2)) {
    if (at + 3 >= text.size()) return false;
    const char d = text[at + 2];
    const char c = text[at + 3];
    if ((d == 'd' || d == 'D') && ((c >= 'c' && c <= 'f') || (c >= 'C' && c <= 'F'))) return true;
  }
  return false;
}

bool strings_are_utf8(const rapidjson::Value& v) {
  if (v.IsString()) return is_valid_utf8(std::string_view(v.GetString(), v.GetStringLength()));
  if (v.IsArray()) {
    for (const rapidjson::Value& e : v.GetArray()) {
      if (!strings_are_utf8(e)) return false;
    }
  } else if (v.IsObject()) {
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
      if (!strings_are_utf8(it->name) || !strings_are_utf8(it->value)) return false;
    }
  }
  return true;
}

}  // namespace

bool json_strings_are_utf8(std::string_view text, const rapidjson::Value& value) {
  return !escapes_a_low_surrogate(text) || strings_are_utf8(value);
}

}  // namespace profilegw::core
