#include "core/model/patch.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "core/model/json_utf8.h"

namespace profilegw::core {
namespace {

constexpr std::string_view kReadOnlyKeys[] = {"id", "provider", "extra", "profile_completed"};

bool is_read_only_key(std::string_view key) {
  for (std::string_view k : kReadOnlyKeys) {
    if (k == key) return true;
  }
  return false;
}

struct Collector {
  std::vector<FieldError> malformed;   // 400s
  std::vector<FieldError> read_only;   // 422 unsupported_field

  void bad(std::string field, std::string code, std::string message) {
    malformed.push_back(FieldError{std::move(field), std::move(code), std::move(message)});
  }
};

// Stores one scalar member; only strings and null are valid unified values.
void take_value(const rapidjson::Value& v, FieldId id, ProfilePatch& patch, Collector& c) {
  PatchValue& slot = patch.get(id);
  const std::string name(field_name(id));
  if (!slot.absent()) {
    c.bad(name, "duplicate", "given more than once");
    return;
  }
  if (v.IsNull()) {
    slot.state = PatchValue::State::kNull;
  } else if (v.IsString()) {
    slot.state = PatchValue::State::kValue;
    slot.value.assign(v.GetString(), v.GetStringLength());
  } else {
    c.bad(name, "invalid_type", "must be a string or null");
  }
}

void take_address(const rapidjson::Value& v, ProfilePatch& patch, Collector& c) {
  if (v.IsNull()) {
    for (std::size_t i = kFirstAddressField; i < kFieldCount; ++i) {
      patch.fields[i].state = PatchValue::State::kNull;
    }
    return;
  }
  if (!v.IsObject()) {
    c.bad("address", "invalid_type", "must be an object or null");
    return;
  }
  for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
    const std::string_view key(it->name.GetString(), it->name.GetStringLength());
    const auto id = address_field_from_key(key);
    if (!id) {
      c.bad("address." + std::string(key), "unknown_field", "unknown field");
      continue;
    }
    take_value(it->value, *id, patch, c);
  }
}

std::string join_fields(const std::vector<FieldError>& errors) {
  std::string out;
  for (const FieldError& e : errors) {
    if (!out.empty()) out += "; ";
    out += e.field + ": " + e.message;
  }
  return out;
}

}  // namespace

bool ProfilePatch::empty() const {
  for (const PatchValue& v : fields) {
    if (!v.absent()) return false;
  }
  return true;
}

bool ProfilePatch::touches_address() const {
  for (std::size_t i = kFirstAddressField; i < kFieldCount; ++i) {
    if (!fields[i].absent()) return true;
  }
  return false;
}

std::variant<ProfilePatch, Problem> parse_patch(std::string_view body) {
  rapidjson::Document doc;
  // JSON is UTF-8 (RFC 8259): other bytes would be forwarded to backends and echoed in problems.
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(body.data(), body.size());
  if (doc.HasParseError()) {
    return Problem::make(ProblemCode::kMalformedRequest,
                         std::string("body is not valid JSON: ") + rapidjson::GetParseError_En(doc.GetParseError()) +
                             " (at byte " + std::to_string(doc.GetErrorOffset()) + ")");
  }
  if (!json_strings_are_utf8(body, doc)) {
    return Problem::make(ProblemCode::kMalformedRequest,
                         "body is not valid JSON: a \\u escape is a lone surrogate, not a character");
  }
  if (!doc.IsObject()) {
    return Problem::make(ProblemCode::kMalformedRequest, "body must be a JSON object");
  }
  ProfilePatch patch;
  Collector c;
  for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
    const std::string_view key(it->name.GetString(), it->name.GetStringLength());
    if (key == "address") {
      take_address(it->value, patch, c);
    } else if (is_read_only_key(key)) {
      c.read_only.push_back(FieldError{std::string(key), "read_only", "is read-only"});
    } else if (const auto id = field_from_name(key); id && !is_address_field(*id)) {
      take_value(it->value, *id, patch, c);
    } else {
      c.bad(std::string(key), "unknown_field", "unknown field");
    }
  }
  if (!c.malformed.empty()) {
    Problem p = Problem::make(ProblemCode::kMalformedRequest, join_fields(c.malformed));
    p.errors = std::move(c.malformed);
    return p;
  }
  if (!c.read_only.empty()) {
    Problem p = Problem::make(ProblemCode::kUnsupportedField, join_fields(c.read_only));
    p.errors = std::move(c.read_only);
    return p;
  }
  return patch;
}

void apply_patch(const ProfilePatch& patch, Profile& profile) {
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    const PatchValue& v = patch.fields[i];
    if (v.has_value()) {
      profile.fields[i] = v.value;
    } else if (v.is_null()) {
      profile.fields[i].reset();
    }
  }
}

}  // namespace profilegw::core
