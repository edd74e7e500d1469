// The partner customer record (the `data` of every answer) and the unified profile: which backend
// member holds each unified field, the read mapping, and the names in the backend's error messages.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "adapters/json/json_document.h"
#include "core/model/fields.h"
#include "core/model/profile.h"
#include "core/result.h"

namespace profilegw::adapters::partner {

// Backend member per unified field; empty where the backend has none (username, avatar_url,
// language, address.*). `fullname` is read-only.
constexpr core::FieldArray<std::string_view> make_members() {
  using core::FieldId;
  core::FieldArray<std::string_view> m{};
  m[core::index(FieldId::kFirstName)] = "firstname";
  m[core::index(FieldId::kMiddleName)] = "middlename";
  m[core::index(FieldId::kLastName)] = "lastname";
  m[core::index(FieldId::kFullName)] = "fullname";
  m[core::index(FieldId::kEmail)] = "email";
  m[core::index(FieldId::kPhone)] = "phone";
  m[core::index(FieldId::kGender)] = "gender";
  m[core::index(FieldId::kBirthDate)] = "birthdate";
  m[core::index(FieldId::kNationalId)] = "identity_number";
  return m;
}
inline constexpr core::FieldArray<std::string_view> kMembers = make_members();
inline constexpr std::string_view kIdMember = "external_id";

// "male" -> "M", "female" -> "F"; nullopt for anything else.
std::optional<std::string_view> backend_gender(std::string_view unified);

// A backend member named in an error ("firstname") -> unified field ("first_name"); "external_id"
// -> "id"; a member with no unified home keeps the backend's name.
std::string unified_field(std::string_view member);

// `data` of an answer -> unified profile. `path_id` (the id in the request path) stands in when
// the record lacks external_id. `status` is the answer's, for problems.
core::Result<core::Profile> profile_from_record(const json::Value& data, std::string_view provider,
                                                std::string_view path_id, int status);

}  // namespace profilegw::adapters::partner
