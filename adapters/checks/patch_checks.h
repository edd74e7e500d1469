// The gateway-side checks of a unified PATCH that every adapter runs before any upstream call,
// driven by its Capabilities table, plus a collector for the adapter's own rules. One Problem
// comes out, of the most severe kind found (unsupported_field, then unsupported_value, then
// validation_failed), naming every field of that kind.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/adapter.h"

namespace profilegw::adapters::checks {

// A Problem carrying `errors`; detail lists them as "field: message; field: message".
core::Problem fields_problem(core::ProblemCode code, std::vector<core::FieldError> errors);

class PatchErrors {
 public:
  void unsupported_field(core::FieldId field, bool readable);
  void unsupported_value(core::FieldId field, std::string message);
  void invalid(core::FieldId field, std::string code, std::string message);
  void invalid(std::string field, std::string code, std::string message);

  bool any() const { return !fields_.empty() || !values_.empty() || !invalid_.empty(); }
  std::optional<core::Problem> take_problem();

 private:
  std::vector<core::FieldError> fields_;
  std::vector<core::FieldError> values_;
  std::vector<core::FieldError> invalid_;
};

// Per touched field: writable, null allowed, enum (a unified value the provider lacks is
// unsupported_value, anything else invalid_choice), lengths in characters, format
// ("date", "email", "uri", "e164").
void check_capabilities(const core::Capabilities& caps, const core::ProfilePatch& patch, PatchErrors& errors);

}  // namespace profilegw::adapters::checks
