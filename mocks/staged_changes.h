// A write in two phases, as serializers and form requests do it: every field is validated and its
// new value staged first; the record changes only when all of them passed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mocks/json_text.h"

namespace profilegw::mocks {

class StagedChanges {
 public:
  explicit StagedChanges(JsonDoc::AllocatorType& allocator) : allocator_(allocator) {}

  void set_string(std::string_view key, const std::optional<std::string>& value);  // nullopt: null
  void set_integer(std::string_view key, const std::optional<std::int64_t>& value);
  void set_value(std::string_view key, JsonValue&& value);
  JsonDoc::AllocatorType& allocator() { return allocator_; }

  // Moves every staged value into `record` (existing keys keep their place; new ones go last).
  void apply_to(JsonValue& record);

 private:
  JsonDoc::AllocatorType& allocator_;
  std::vector<std::pair<std::string, JsonValue>> values_;
};

// The string member `key` of `record`, or "" when absent or not a string.
std::string_view string_member(const JsonValue& record, std::string_view key);

}  // namespace profilegw::mocks
