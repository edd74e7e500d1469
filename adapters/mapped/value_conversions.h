// One field's value between the backend's JSON and the unified string, by the field's compiled
// conversion (a switch over Conversion; nothing is looked up by name per request).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/json/json_writer.h"
#include "adapters/mapped/compiled_mapping.h"

namespace profilegw::adapters::mapped {

enum class ReadOutcome : std::uint8_t {
  kOk,
  kWrongType,  // a JSON type the conversion does not take (502: the backend broke its own API)
  kBadValue,   // the right type, but a value the conversion cannot turn into the unified form
};

// `v` (found at the field's read pointer) → unified value, or nullopt for "no value".
// Enum values the mapping does not list read as no value, as the built-in adapters do.
ReadOutcome read_value(const FieldRule& rule, const json::Value& v, std::optional<std::string>& out);

// A split phone: the country code and number found (either may be null) → E.164.
ReadOutcome read_split_phone(const FieldRule& rule, const json::Value* code, const json::Value* number,
                             std::optional<std::string>& out);

// Writes a unified value (checked by check_patch) in the backend's form.
void write_value(const FieldRule& rule, std::string_view unified, json::Writer& w);

// Writes what a cleared field becomes (`write_null_as`, null by default).
inline void write_null(const FieldRule& rule, json::Writer& w) { rule.write_null_as.write(w); }

// Why a unified value cannot be written as an integer within [rule.min, rule.max]; nullopt if it can.
std::optional<std::string> integer_problem(const FieldRule& rule, std::string_view unified);

}  // namespace profilegw::adapters::mapped
