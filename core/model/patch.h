// A unified partial update: each field is absent (leave unchanged), null (clear) or a new value.
// Parsed from the PATCH body with the contract's 400 rules; adapters decide what they can write.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "core/model/fields.h"
#include "core/model/profile.h"
#include "core/problem.h"

namespace profilegw::core {

struct PatchValue {
  enum class State : std::uint8_t { kAbsent, kNull, kValue };
  State state = State::kAbsent;
  std::string value;  // meaningful only when state == kValue

  bool absent() const { return state == State::kAbsent; }
  bool is_null() const { return state == State::kNull; }
  bool has_value() const { return state == State::kValue; }
};

struct ProfilePatch {
  FieldArray<PatchValue> fields{};

  const PatchValue& get(FieldId f) const { return fields[index(f)]; }
  PatchValue& get(FieldId f) { return fields[index(f)]; }
  bool touches(FieldId f) const { return !fields[index(f)].absent(); }
  bool empty() const;
  bool touches_address() const;
};

// Parses a PATCH body. Errors (all 400 malformed_request, or 422 unsupported_field for the
// read-only keys id/provider/extra/profile_completed) name the offending field.
// `address: null` clears every address member; `address: {...}` merges key by key.
std::variant<ProfilePatch, Problem> parse_patch(std::string_view body);

// Applies a patch to a profile (the read-modify-write merge): values set, nulls cleared, absents kept.
void apply_patch(const ProfilePatch& patch, Profile& profile);

}  // namespace profilegw::core
