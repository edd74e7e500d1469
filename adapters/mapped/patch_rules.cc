#include "adapters/mapped/patch_rules.h"

#include "adapters/checks/patch_checks.h"
#include "adapters/checks/value_formats.h"
#include "adapters/mapped/value_conversions.h"
#include "adapters/salla/calling_codes.h"

namespace profilegw::adapters::mapped {

using core::FieldId;

std::optional<core::Problem> check_mapped_patch(const CompiledMapping& m, const core::ProfilePatch& patch) {
  checks::PatchErrors errors;
  checks::check_capabilities(m.capabilities, patch, errors);
  for (const FieldRule& rule : m.fields) {
    const core::PatchValue& v = patch.get(rule.field);
    if (!rule.writable || !v.has_value()) continue;
    if (rule.conversion == Conversion::kInteger) {
      if (std::optional<std::string> why = integer_problem(rule, v.value)) {
        errors.invalid(rule.field, "invalid", std::move(*why));
      }
    } else if (rule.conversion == Conversion::kPhoneSplit && checks::is_e164(v.value) &&
               !salla::split_e164(v.value)) {
      errors.invalid(rule.field, "invalid", "has no country calling code this provider knows");
    }
  }
  const auto split = [&m](FieldId f) {
    const Derivation d = m.rule(f).derivation;
    return d == Derivation::kSplitFirst || d == Derivation::kSplitLast;
  };
  if (patch.touches(FieldId::kFullName) &&
      ((split(FieldId::kFirstName) && patch.touches(FieldId::kFirstName)) ||
       (split(FieldId::kLastName) && patch.touches(FieldId::kLastName)))) {
    errors.invalid(
        FieldId::kFullName, "conflict",
        "send either full_name or first_name/last_name, not both: this provider stores one full name");
  }
  return errors.take_problem();
}

}  // namespace profilegw::adapters::mapped
