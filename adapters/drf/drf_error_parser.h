// Django REST Framework error bodies, in both dialects a DRF backend may speak, turned into unified
// field errors: plain DRF ({"field": ["msg"]}, nested {"address": {"country": ["msg"]}},
// {"non_field_errors": [...]}, {"detail": "..."}) and drf-standardized-errors
// ({"type": "validation_error", "errors": [{"code", "detail", "attr": "address.country"}]}).
// Field paths are translated to unified names through the adapter's own rename table; messages
// pass through verbatim (they are the backend's words, possibly localised).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.h"

namespace profilegw::adapters::drf {

struct FieldRename {
  std::string_view backend;  // dotted path as the backend reports it ("address.street_address")
  std::string_view unified;  // unified field name ("address.line1")
};

// One backend's error paths → unified field names.
class FieldNames {
 public:
  constexpr explicit FieldNames(std::span<const FieldRename> renames) : renames_(renames) {}

  // Renamed paths map through the table; "non_field_errors" (the whole record) becomes "" and
  // "x.non_field_errors" becomes "x"; any other path is kept as the backend gave it.
  std::string unified(std::string_view backend_path) const;

 private:
  std::span<const FieldRename> renames_;
};

struct ErrorBody {
  std::vector<core::FieldError> errors;  // validation errors; field "" when about no single field
  std::string detail;                    // message of a non-validation error ({"detail": ...})
  std::string code;                      // the backend's machine code for it, when it gave one
};

// nullopt when `body` is in neither dialect (not JSON, not an object or array of messages).
std::optional<ErrorBody> parse_error_body(std::string_view body, const FieldNames& names);

}  // namespace profilegw::adapters::drf
