// Per-field validation errors collected while checking a write, rendered in each backend's dialect:
// DRF's nested `{"field": ["message"]}`, drf-standardized-errors' flat list, and Laravel's flat map.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mocks/json_text.h"

namespace profilegw::mocks {

struct FieldError {
  std::string attr;     // dotted for nested fields: "address.postal_code"
  std::string code;     // DRF error code: "invalid", "max_length", "invalid_choice", ...
  std::string message;  // what the backend says
};

class ValidationErrors {
 public:
  void add(std::string_view attr, std::string_view code, std::string_view message);
  bool empty() const { return errors_.empty(); }
  const std::vector<FieldError>& all() const { return errors_; }

  // {"address": {"postal_code": ["..."]}, "email": ["..."]}, attrs nested at their dots.
  std::string drf_json() const;
  // {"type":"validation_error","errors":[{"code":..., "detail":..., "attr":"address.postal_code"}]}
  std::string standardized_json() const;
  // {"first_name": ["..."]} keyed by the whole attr, written into an open writer.
  void write_flat(JsonWriter& writer) const;

 private:
  std::vector<FieldError> errors_;
};

}  // namespace profilegw::mocks
