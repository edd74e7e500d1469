// The salla customer (`data` of `GET auth/user`) and the unified profile: which member holds each
// unified field, and the read mapping, including the phone joined from {code, number, country}.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "adapters/json/json_document.h"
#include "core/model/fields.h"
#include "core/model/profile.h"
#include "core/result.h"

namespace profilegw::adapters::salla {

// Backend member per unified field; empty where salla has none. `phone` is an object and
// `full_name` is computed from first and last name.
constexpr core::FieldArray<std::string_view> make_members() {
  using core::FieldId;
  core::FieldArray<std::string_view> m{};
  m[core::index(FieldId::kFirstName)] = "first_name";
  m[core::index(FieldId::kLastName)] = "last_name";
  m[core::index(FieldId::kEmail)] = "email";
  m[core::index(FieldId::kPhone)] = "phone";
  m[core::index(FieldId::kGender)] = "gender";
  m[core::index(FieldId::kBirthDate)] = "birthday";
  m[core::index(FieldId::kAvatarUrl)] = "avatar";
  return m;
}
inline constexpr core::FieldArray<std::string_view> kMembers = make_members();
inline constexpr std::string_view kIdMember = "id";

// "+966" (or "966") and "501234567" -> "+966501234567". The code may be missing when `country`
// ("SA") names it. Separators in the number are dropped; nullopt when no number remains.
std::optional<std::string> join_phone(std::string_view code, std::string_view number,
                                      std::string_view country);

// `data` of a user answer -> unified profile; `status` is the answer's, for problems.
core::Result<core::Profile> profile_from_user(const json::Value& data, std::string_view provider, int status);

}  // namespace profilegw::adapters::salla
