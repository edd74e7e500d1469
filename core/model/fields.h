// The unified profile's writable/readable scalar fields, named once. Every table that maps a
// unified field (adapters, capabilities, patch parsing, OpenAPI) indexes by FieldId.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace profilegw::core {

enum class FieldId : std::uint8_t {
  kUsername,
  kFirstName,
  kMiddleName,
  kLastName,
  kFullName,
  kEmail,
  kPhone,
  kGender,
  kBirthDate,
  kAvatarUrl,
  kLanguage,
  kNationalId,
  kAddressLine1,
  kAddressPostalCode,
  kAddressCity,
  kAddressState,
  kAddressCountry,
};

inline constexpr std::size_t kFieldCount = 17;
inline constexpr std::size_t kFirstAddressField = static_cast<std::size_t>(FieldId::kAddressLine1);

constexpr std::size_t index(FieldId f) { return static_cast<std::size_t>(f); }
constexpr bool is_address_field(FieldId f) { return index(f) >= kFirstAddressField; }

// Unified names: top-level key, or "address.<key>" for address members.
inline constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "username",     "first_name",          "middle_name",  "last_name",     "full_name",
    "email",        "phone",               "gender",       "birth_date",    "avatar_url",
    "language",     "national_id",         "address.line1", "address.postal_code", "address.city",
    "address.state", "address.country",
};

// The key inside the JSON object that holds the field ("line1" for address.line1).
constexpr std::string_view json_key(FieldId f) {
  std::string_view n = kFieldNames[index(f)];
  return is_address_field(f) ? n.substr(8) : n;
}
constexpr std::string_view field_name(FieldId f) { return kFieldNames[index(f)]; }

// Linear over 17 short names: cheaper than hashing at this size.
std::optional<FieldId> field_from_name(std::string_view unified_name);
std::optional<FieldId> address_field_from_key(std::string_view key);  // "line1" -> kAddressLine1

template <class T>
using FieldArray = std::array<T, kFieldCount>;

}  // namespace profilegw::core
