#include "core/model/fields.h"

namespace profilegw::core {

std::optional<FieldId> field_from_name(std::string_view unified_name) {
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    if (kFieldNames[i] == unified_name) return static_cast<FieldId>(i);
  }
  return std::nullopt;
}

std::optional<FieldId> address_field_from_key(std::string_view key) {
  for (std::size_t i = kFirstAddressField; i < kFieldCount; ++i) {
    if (json_key(static_cast<FieldId>(i)) == key) return static_cast<FieldId>(i);
  }
  return std::nullopt;
}

}  // namespace profilegw::core
