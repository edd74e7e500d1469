#include "adapters/mapped/scalar.h"

namespace profilegw::adapters::mapped {

std::optional<Scalar> Scalar::from_json(const json::Value& v) {
  Scalar s;
  if (v.IsNull()) {
    s.kind = Kind::kNull;
    s.text = "null";
  } else if (v.IsString()) {
    s.kind = Kind::kString;
    s.text = std::string(json::as_view(v));
  } else if (v.IsInt64()) {
    s.kind = Kind::kInteger;
    s.integer = v.GetInt64();
    s.text = std::to_string(s.integer);
  } else if (v.IsBool()) {
    s.kind = Kind::kBoolean;
    s.boolean = v.GetBool();
    s.text = s.boolean ? "true" : "false";
  } else {
    return std::nullopt;
  }
  return s;
}

bool Scalar::matches(const json::Value& v) const {
  switch (kind) {
    case Kind::kNull:
      return v.IsNull();
    case Kind::kString:
      return v.IsString() && json::as_view(v) == text;
    case Kind::kInteger:
      return v.IsInt64() && v.GetInt64() == integer;
    case Kind::kBoolean:
      return v.IsBool() && v.GetBool() == boolean;
  }
  return false;
}

void Scalar::write(json::Writer& w) const {
  switch (kind) {
    case Kind::kNull:
      w.Null();
      return;
    case Kind::kString:
      json::write_string(w, text);
      return;
    case Kind::kInteger:
      w.Int64(integer);
      return;
    case Kind::kBoolean:
      w.Bool(boolean);
      return;
  }
}

}  // namespace profilegw::adapters::mapped
