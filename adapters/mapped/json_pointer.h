// JSON Pointers (RFC 6901) as a mapping uses them: parsed and unescaped once when the mapping is
// compiled, into tokens that already know whether they can index an array, so a request only walks
// them (no string splitting, no "~1" decoding per request).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/json/json_document.h"

namespace profilegw::adapters::mapped {

struct PointerToken {
  static constexpr std::uint32_t kNotIndex = UINT32_MAX;

  std::string name;                 // unescaped member name ("a/b" for "a~1b")
  std::uint32_t index = kNotIndex;  // the array index this token also spells ("0", "12"), if any
};

class JsonPointer {
 public:
  JsonPointer() = default;

  // The pointer, or nullopt with `error` set ("expected '/' at the start", "'~' must be followed by
  // 0 or 1", ...). "" is the whole document.
  static std::optional<JsonPointer> parse(std::string_view text, std::string& error);

  const std::string& text() const { return text_; }
  const std::vector<PointerToken>& tokens() const { return tokens_; }
  bool is_root() const { return tokens_.empty(); }
  // "billing.phone": how backends name nested fields in their error bodies.
  std::string dotted() const;
  // True when `other` equals this pointer or lies below it.
  bool is_prefix_of(const JsonPointer& other) const;

 private:
  std::string text_;
  std::vector<PointerToken> tokens_;
};

enum class Lookup : std::uint8_t {
  kFound,
  kAbsent,     // a member or element on the way is missing, or null (a found null is kFound)
  kWrongType,  // a step lands on a string, number or boolean, or an array with a non-index token
};

struct Located {
  Lookup state = Lookup::kAbsent;
  const json::Value* value = nullptr;  // set when kFound
};

// Walks `tokens[from..]` down from `start` (RFC 6901 evaluation: a token names a member of an
// object or, when it is an index, an element of an array).
Located resolve(const json::Value& start, const std::vector<PointerToken>& tokens, std::size_t from = 0);

inline Located resolve(const json::Value& start, const JsonPointer& pointer) {
  return resolve(start, pointer.tokens());
}

// The member `name` of `object` (which must be an object), or nullptr. Records have a few dozen
// members at most: a linear scan beats hashing.
const json::Value* find_member(const json::Value& object, std::string_view name);

}  // namespace profilegw::adapters::mapped
