#include "mocks/json_text.h"

namespace profilegw::mocks {

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (byte < 0x20) {
          out += "\\u00";
          out.push_back(kHex[byte >> 4]);
          out.push_back(kHex[byte & 0xF]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void set_string(JsonValue& target, std::string_view text, JsonDoc::AllocatorType& allocator) {
  target.SetString(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
}

void set_member(JsonValue& object, std::string_view key, JsonValue&& value, JsonDoc::AllocatorType& allocator) {
  if (JsonValue* existing = find_member(object, key)) {
    *existing = std::move(value);
    return;
  }
  JsonValue name;
  set_string(name, key, allocator);
  object.AddMember(name, value, allocator);
}

}  // namespace profilegw::mocks
