#include "adapters/salla/salla_record.h"

#include "adapters/checks/value_formats.h"
#include "adapters/drf/drf_status_mapping.h"
#include "adapters/json/record_values.h"
#include "adapters/phone/e164_phone.h"
#include "adapters/salla/calling_codes.h"

namespace profilegw::adapters::salla {
namespace {

using core::FieldId;
using core::Profile;

std::string wrong_type(std::string_view member) {
  return "the backend's customer record has an unexpected type for `" + std::string(member) + "`";
}

int member_index(std::string_view name) { return name.empty() ? -1 : json::find_key(kMembers, name); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Digits of a string or an integer member ("+966", 966, "50 123 4567"); false on other types.
bool read_digits(const json::Value* v, std::string& out) {
  out.clear();
  if (v == nullptr || v->IsNull()) return true;
  if (v->IsString()) {
    for (char c : json::as_view(*v)) {
      if (is_digit(c)) out.push_back(c);
    }
    return true;
  }
  return v->IsNumber() && json::read_id(*v, out);
}

const json::Value* member(const json::Value& object, std::string_view key) {
  auto it = object.FindMember(json::Value(rapidjson::StringRef(key.data(), key.size())));
  return it == object.MemberEnd() ? nullptr : &it->value;
}

// {code: "+966", number: "501234567", country: "SA"}; also a plain string, which is taken as a
// full number when it has a country code.
bool read_phone(const json::Value& v, Profile& p) {
  if (v.IsNull()) return true;
  if (v.IsString()) {
    if (v.GetStringLength() > 0) p.set(FieldId::kPhone, phone::unified_phone(json::as_view(v)));
    return true;
  }
  if (!v.IsObject()) return false;
  const json::Value* number = member(v, "number");
  if (number != nullptr && number->IsString() && json::as_view(*number).starts_with('+')) {
    p.set(FieldId::kPhone, phone::unified_phone(json::as_view(*number)));
    return true;
  }
  std::string code;
  std::string digits;
  if (!read_digits(member(v, "code"), code) || !read_digits(number, digits)) return false;
  std::string_view country;
  if (const json::Value* c = member(v, "country"); c != nullptr && c->IsString()) country = json::as_view(*c);
  p.get(FieldId::kPhone) = join_phone(code, digits, country);
  return true;
}

std::optional<std::string> read_gender(std::string_view text) {
  if (text.size() == 4 && (text[0] | 0x20) == 'm' && text.substr(1) == "ale") return std::string("male");
  if (text.size() == 6 && (text[0] | 0x20) == 'f' && text.substr(1) == "emale") return std::string("female");
  // A value this gateway does not know reads as "no value" rather than failing the whole read.
  return std::nullopt;
}

std::optional<std::string> read_date(std::string_view text) {
  if (text.size() >= 10 && checks::is_iso_date(text.substr(0, 10)) &&
      (text.size() == 10 || text[10] == ' ' || text[10] == 'T')) {
    return std::string(text.substr(0, 10));
  }
  return std::nullopt;
}

bool read_member(FieldId f, const json::Value& v, Profile& p) {
  if (f == FieldId::kPhone) return read_phone(v, p);
  std::optional<std::string> text;
  if (!json::read_text(v, true, text)) return false;
  if (text && f == FieldId::kGender) text = read_gender(*text);
  if (text && f == FieldId::kBirthDate) text = read_date(*text);
  p.get(f) = std::move(text);
  return true;
}

std::optional<std::string> full_name(const Profile& p) {
  const auto& first = p.get(FieldId::kFirstName);
  const auto& last = p.get(FieldId::kLastName);
  if (first && last) return *first + ' ' + *last;
  if (first) return first;
  return last;
}

}  // namespace

std::optional<std::string> join_phone(std::string_view code, std::string_view number,
                                      std::string_view country) {
  std::string out;
  out.reserve(16);
  out.push_back('+');
  for (char c : code) {
    if (is_digit(c)) out.push_back(c);
  }
  if (out.size() == 1) {
    const std::optional<std::string_view> from_country = calling_code_of(country);
    if (!from_country) return std::nullopt;
    out.append(*from_country);
  }
  const std::size_t code_end = out.size();
  for (char c : number) {
    if (is_digit(c)) out.push_back(c);
  }
  if (out.size() == code_end) return std::nullopt;
  return out;
}

core::Result<Profile> profile_from_user(const json::Value& data, std::string_view provider, int status) {
  if (!data.IsObject()) return drf::bad_response(status, "the backend's `data` is not a customer record");
  Profile p;
  p.provider = std::string(provider);
  json::ExtraCollector extra;  // whatever the backend sends beyond the mapped members
  bool have_id = false;
  for (const auto& m : data.GetObject()) {
    const std::string_view name = json::as_view(m.name);
    if (name == kIdMember) {
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
  if (!have_id) return drf::bad_response(status, "the backend's customer record has no `id`");
  p.get(FieldId::kFullName) = full_name(p);
  p.extra_json = extra.finish();
  return p;
}

}  // namespace profilegw::adapters::salla
