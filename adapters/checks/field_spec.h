// A compact way for adapters to declare their Capabilities table, one line per unified field:
//   cap(FieldId::kEmail) = FieldSpec::writable().not_nullable().max_length(254).format("email");
#pragma once

#include <initializer_list>
#include <string_view>

#include "core/adapter.h"

namespace profilegw::adapters::checks {

class FieldSpec {
 public:
  static FieldSpec read_only() { return FieldSpec(true, false); }
  // Nullable unless said otherwise (`null` clears the field).
  static FieldSpec writable() { return FieldSpec(true, true); }

  FieldSpec& not_nullable() {
    cap_.nullable = false;
    return *this;
  }
  FieldSpec& min_length(int n) {
    cap_.min_length = n;
    return *this;
  }
  FieldSpec& max_length(int n) {
    cap_.max_length = n;
    return *this;
  }
  FieldSpec& one_of(std::initializer_list<std::string_view> values) {
    cap_.enum_values.assign(values.begin(), values.end());
    return *this;
  }
  FieldSpec& pattern(std::string_view p) {
    cap_.pattern = p;
    return *this;
  }
  FieldSpec& format(std::string_view f) {
    cap_.format = f;
    return *this;
  }

  operator core::FieldCapability() const { return cap_; }  // NOLINT(google-explicit-constructor)

 private:
  FieldSpec(bool readable, bool writable) {
    cap_.readable = readable;
    cap_.writable = writable;
    cap_.nullable = writable;
  }

  core::FieldCapability cap_;
};

// A provider's capabilities with every field unreadable and unwritable (and so not nullable);
// adapters then declare the fields they have.
inline core::Capabilities no_fields(core::Addressing addressing, core::CustomerAuthScheme auth) {
  core::Capabilities caps;
  caps.addressing = addressing;
  caps.default_customer_auth = auth;
  for (core::FieldCapability& f : caps.fields) f.nullable = false;
  return caps;
}

}  // namespace profilegw::adapters::checks
