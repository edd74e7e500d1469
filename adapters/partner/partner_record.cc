#include "adapters/partner/partner_record.h"

#include "adapters/checks/value_formats.h"
#include "adapters/drf/drf_status_mapping.h"
#include "adapters/json/record_values.h"
#include "adapters/phone/e164_phone.h"

namespace profilegw::adapters::partner {
namespace {

using core::FieldId;
using core::Profile;

struct Gender {
  std::string_view backend;
  std::string_view unified;
};
constexpr Gender kGenders[] = {{"M", "male"}, {"F", "female"}};

// The backend's member names, never values: problems end up in logs.
std::string wrong_type(std::string_view member) {
  return "the backend's customer record has an unexpected type for `" + std::string(member) + "`";
}

int member_index(std::string_view name) {
  // Empty slots in kMembers stand for "no member"; an empty name must not match them.
  return name.empty() ? -1 : json::find_key(kMembers, name);
}

std::optional<std::string> read_gender(std::string_view code) {
  for (const Gender& g : kGenders) {
    if (code.size() == g.backend.size() && (code[0] | 0x20) == (g.backend[0] | 0x20))
      return std::string(g.unified);
    if (code == g.unified) return std::string(g.unified);
  }
  // A code this gateway does not know reads as "no value" rather than failing the whole read.
  return std::nullopt;
}

// "1970-01-31", also when the backend appends a time ("1970-01-31 00:00:00"); anything else is no date.
std::optional<std::string> read_date(std::string_view text) {
  if (text.size() >= 10 && checks::is_iso_date(text.substr(0, 10)) &&
      (text.size() == 10 || text[10] == ' ' || text[10] == 'T')) {
    return std::string(text.substr(0, 10));
  }
  return std::nullopt;
}

// Reads one mapped member into `p`; false on a wrong JSON type.
bool read_member(FieldId f, const json::Value& v, Profile& p) {
  std::optional<std::string> text;
  if (f == FieldId::kNationalId && v.IsNumber()) {
    // Identity numbers are digits; a backend that stores them as numbers still means the text.
    std::string digits;
    if (!json::read_id(v, digits)) return false;
    text = std::move(digits);
  } else if (!json::read_text(v, true, text)) {
    return false;
  }
  if (!text) {
    p.get(f).reset();
    return true;
  }
  switch (f) {
    case FieldId::kGender:
      p.get(f) = read_gender(*text);
      break;
    case FieldId::kBirthDate:
      p.get(f) = read_date(*text);
      break;
    case FieldId::kPhone:
      p.set(f, phone::unified_phone(*text));
      break;
    default:
      p.get(f) = std::move(text);
      break;
  }
  return true;
}

std::optional<std::string> joined_name(const Profile& p) {
  std::string out;
  for (FieldId f : {FieldId::kFirstName, FieldId::kMiddleName, FieldId::kLastName}) {
    if (const auto& part = p.get(f)) {
      if (!out.empty()) out += ' ';
      out += *part;
    }
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace

std::optional<std::string_view> backend_gender(std::string_view unified) {
  for (const Gender& g : kGenders) {
    if (g.unified == unified) return g.backend;
  }
  return std::nullopt;
}

std::string unified_field(std::string_view member) {
  if (member == kIdMember) return "id";
  const int i = member_index(member);
  if (i < 0) return std::string(member);
  return std::string(core::field_name(static_cast<FieldId>(i)));
}

core::Result<Profile> profile_from_record(const json::Value& data, std::string_view provider,
                                          std::string_view path_id, int status) {
  if (!data.IsObject()) return drf::bad_response(status, "the backend's `data` is not a customer record");
  Profile p;
  p.provider = std::string(provider);
  json::ExtraCollector extra;  // wallets, and whatever the backend adds later
  bool have_id = false;
  for (const auto& m : data.GetObject()) {
    const std::string_view name = json::as_view(m.name);
    if (name == kIdMember) {
      if (m.value.IsNull()) continue;
      if (!json::read_id(m.value, p.id)) return drf::bad_response(status, wrong_type(name));
      have_id = true;
      continue;
    }
    const int i = member_index(name);
    if (i < 0) {
      extra.add(name, m.value);
    } else if (!read_member(static_cast<FieldId>(i), m.value, p)) {
      return drf::bad_response(status, wrong_type(name));
    }
  }
  if (!have_id) {
    if (path_id.empty())
      return drf::bad_response(status, "the backend's customer record has no `external_id`");
    p.id = std::string(path_id);
  }
  if (!p.get(FieldId::kFullName)) p.get(FieldId::kFullName) = joined_name(p);
  p.extra_json = extra.finish();
  return p;
}

}  // namespace profilegw::adapters::partner
