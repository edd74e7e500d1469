// Small helpers for reading and writing JSON with RapidJSON, shared by every demo backend. Stored
// records use CrtAllocator so that overwriting a field frees the old value (a pool would grow for
// as long as a benchmark keeps PATCHing).
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <string_view>

namespace profilegw::mocks {

using JsonDoc = rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::CrtAllocator>;
using JsonValue = JsonDoc::ValueType;
using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// The member `key` of `object`, or nullptr when `object` is not an object or has no such member.
template <class Value>
auto find_member(Value& object, std::string_view key) -> decltype(&object.MemberBegin()->value) {
  if (!object.IsObject()) return nullptr;
  const rapidjson::GenericValue<rapidjson::UTF8<>> name(
      rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size())));
  auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

// Compact JSON text of any RapidJSON value.
template <class Value>
std::string to_json_text(const Value& value) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

inline std::string_view as_view(const rapidjson::StringBuffer& buffer) {
  return {buffer.GetString(), buffer.GetSize()};
}

inline void write_key(JsonWriter& writer, std::string_view key) {
  writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

inline void write_string(JsonWriter& writer, std::string_view text) {
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

// Appends `text` as a quoted JSON string (for bodies short enough to build by concatenation).
void append_json_string(std::string& out, std::string_view text);

// Sets `target` to a copy of `text`, allocated from the store's allocator.
void set_string(JsonValue& target, std::string_view text, JsonDoc::AllocatorType& allocator);

// Sets or adds `object[key]`, keeping member order for existing keys.
void set_member(JsonValue& object, std::string_view key, JsonValue&& value, JsonDoc::AllocatorType& allocator);

}  // namespace profilegw::mocks
