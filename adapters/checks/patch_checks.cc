#include "adapters/checks/patch_checks.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string_view>

#include "adapters/checks/value_formats.h"

namespace profilegw::adapters::checks {
namespace {

using core::FieldId;

// Values the unified API defines for enumerated fields (CONTRACT.md section 3).
constexpr std::array<std::string_view, 3> kUnifiedGenders = {"male", "female", "unspecified"};

std::string join_values(const std::vector<std::string_view>& values) {
  std::string out;
  for (std::string_view v : values) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

std::string with_count(std::string_view prefix, int n, std::string_view suffix) {
  char buf[16];
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  std::string out(prefix);
  out.append(buf, r.ptr);
  out += suffix;
  return out;
}

bool is_unified_value(FieldId f, std::string_view v) {
  if (f != FieldId::kGender) return false;
  return std::find(kUnifiedGenders.begin(), kUnifiedGenders.end(), v) != kUnifiedGenders.end();
}

void check_format(FieldId f, std::string_view format, std::string_view v, PatchErrors& errors) {
  if (format.empty()) return;
  if (format == "date" && !is_iso_date(v)) {
    errors.invalid(f, "invalid", "must be a real date as YYYY-MM-DD");
  } else if (format == "email" && !looks_like_email(v)) {
    errors.invalid(f, "invalid", "must be an email address");
  } else if (format == "uri" && !looks_like_http_url(v)) {
    errors.invalid(f, "invalid", "must be an absolute http(s) URL");
  } else if (format == "e164" && !is_e164(v)) {
    errors.invalid(f, "invalid", "must be E.164: + and 8 to 15 digits");
  }
}

void check_value(FieldId f, const core::FieldCapability& cap, std::string_view v, PatchErrors& errors) {
  if (!cap.enum_values.empty() &&
      std::find(cap.enum_values.begin(), cap.enum_values.end(), v) == cap.enum_values.end()) {
    std::string allowed = join_values(cap.enum_values);
    if (is_unified_value(f, v)) {
      errors.unsupported_value(f, "not supported by this provider; supported: " + allowed);
    } else {
      errors.invalid(f, "invalid_choice", "must be one of: " + allowed);
    }
    return;
  }
  const std::size_t length = utf8_length(v);
  if (cap.min_length && length < static_cast<std::size_t>(*cap.min_length)) {
    errors.invalid(f, "too_short", with_count("at least ", *cap.min_length, " characters"));
    return;
  }
  if (cap.max_length && length > static_cast<std::size_t>(*cap.max_length)) {
    errors.invalid(f, "too_long", with_count("at most ", *cap.max_length, " characters"));
    return;
  }
  check_format(f, cap.format, v, errors);
}

}  // namespace

core::Problem fields_problem(core::ProblemCode code, std::vector<core::FieldError> errors) {
  core::Problem p;
  p.code = code;
  for (const core::FieldError& e : errors) {
    if (!p.detail.empty()) p.detail += "; ";
    if (!e.field.empty()) {
      p.detail += e.field;
      p.detail += ": ";
    }
    p.detail += e.message;
  }
  p.errors = std::move(errors);
  return p;
}

void PatchErrors::unsupported_field(FieldId field, bool readable) {
  fields_.push_back({std::string(core::field_name(field)), readable ? "read_only" : "not_supported",
                     readable ? "read-only for this provider" : "not available for this provider"});
}

void PatchErrors::unsupported_value(FieldId field, std::string message) {
  values_.push_back({std::string(core::field_name(field)), "unsupported_value", std::move(message)});
}

void PatchErrors::invalid(FieldId field, std::string code, std::string message) {
  invalid(std::string(core::field_name(field)), std::move(code), std::move(message));
}

void PatchErrors::invalid(std::string field, std::string code, std::string message) {
  invalid_.push_back({std::move(field), std::move(code), std::move(message)});
}

std::optional<core::Problem> PatchErrors::take_problem() {
  if (!fields_.empty()) return fields_problem(core::ProblemCode::kUnsupportedField, std::move(fields_));
  if (!values_.empty()) return fields_problem(core::ProblemCode::kUnsupportedValue, std::move(values_));
  if (!invalid_.empty()) return fields_problem(core::ProblemCode::kValidationFailed, std::move(invalid_));
  return std::nullopt;
}

void check_capabilities(const core::Capabilities& caps, const core::ProfilePatch& patch,
                        PatchErrors& errors) {
  for (std::size_t i = 0; i < core::kFieldCount; ++i) {
    const core::PatchValue& pv = patch.fields[i];
    if (pv.absent()) continue;
    const auto f = static_cast<FieldId>(i);
    const core::FieldCapability& cap = caps.fields[i];
    if (!cap.writable) {
      errors.unsupported_field(f, cap.readable);
    } else if (pv.is_null()) {
      if (!cap.nullable) errors.invalid(f, "null", "may not be null for this provider");
    } else {
      check_value(f, cap, pv.value, errors);
    }
  }
}

}  // namespace profilegw::adapters::checks
