// One JSON scalar a mapping names as a constant: a backend's enum value ("M", 2, true), the value of
// an envelope's success flag, what to write for a cleared field. Compared and written without
// building a JSON value per request.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "adapters/json/json_document.h"
#include "adapters/json/json_writer.h"

namespace profilegw::adapters::mapped {

struct Scalar {
  enum class Kind : std::uint8_t { kNull, kString, kInteger, kBoolean };

  Kind kind = Kind::kNull;
  std::string text;  // kString: the value; every kind: how messages show it ("M", 2, true, null)
  std::int64_t integer = 0;
  bool boolean = false;

  // nullopt for numbers with fractions, objects and arrays.
  static std::optional<Scalar> from_json(const json::Value& v);

  bool matches(const json::Value& v) const;
  void write(json::Writer& w) const;
};

}  // namespace profilegw::adapters::mapped
