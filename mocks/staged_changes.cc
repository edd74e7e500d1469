#include "mocks/staged_changes.h"

namespace profilegw::mocks {

void StagedChanges::set_string(std::string_view key, const std::optional<std::string>& value) {
  JsonValue json;  // null unless there is a value
  if (value) mocks::set_string(json, *value, allocator_);
  set_value(key, std::move(json));
}

void StagedChanges::set_integer(std::string_view key, const std::optional<std::int64_t>& value) {
  JsonValue json;
  if (value) json.SetInt64(*value);
  set_value(key, std::move(json));
}

void StagedChanges::set_value(std::string_view key, JsonValue&& value) {
  values_.emplace_back(std::string(key), std::move(value));
}

void StagedChanges::apply_to(JsonValue& record) {
  for (auto& [key, value] : values_) set_member(record, key, std::move(value), allocator_);
  values_.clear();
}

std::string_view string_member(const JsonValue& record, std::string_view key) {
  const JsonValue* value = find_member(record, key);
  if (value == nullptr || !value->IsString()) return {};
  return {value->GetString(), value->GetStringLength()};
}

}  // namespace profilegw::mocks
