#include "adapters/mapped/value_conversions.h"

#include <charconv>

#include "adapters/json/record_values.h"
#include "adapters/phone/e164_phone.h"
#include "adapters/salla/calling_codes.h"

namespace profilegw::adapters::mapped {
namespace {

ReadOutcome read_enum(const FieldRule& rule, const json::Value& v, std::optional<std::string>& out) {
  out.reset();
  if (v.IsNull()) return ReadOutcome::kOk;
  if (v.IsObject() || v.IsArray()) return ReadOutcome::kWrongType;
  for (const EnumValue& e : rule.values) {
    if (e.backend.matches(v)) {
      out = e.unified;
      break;
    }
  }
  return ReadOutcome::kOk;
}

ReadOutcome read_integer(const FieldRule& rule, const json::Value& v, std::optional<std::string>& out) {
  if (v.IsInt64()) {
    const std::int64_t n = v.GetInt64();
    if (n < rule.min || n > rule.max) return ReadOutcome::kBadValue;
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, n).ptr;
    out.emplace(buf, end);
    return ReadOutcome::kOk;
  }
  if (v.IsNumber()) return ReadOutcome::kWrongType;
  // Some backends keep such numbers as text; the unified value is text anyway.
  return json::read_text(v, rule.empty_is_null, out) ? ReadOutcome::kOk : ReadOutcome::kWrongType;
}

ReadOutcome read_date(const FieldRule& rule, const json::Value& v, std::optional<std::string>& out) {
  std::optional<std::string> text;
  if (!json::read_text(v, true, text)) return ReadOutcome::kWrongType;
  out.reset();
  if (!text) return ReadOutcome::kOk;
  out = rule.conversion == Conversion::kDate ? rule.date.to_unified(*text) : date_of_datetime(*text);
  return out ? ReadOutcome::kOk : ReadOutcome::kBadValue;
}

std::string_view digits_of(std::string_view code) {
  if (code.starts_with('+')) code.remove_prefix(1);
  if (code.starts_with("00")) code.remove_prefix(2);
  return code;
}

}  // namespace

ReadOutcome read_value(const FieldRule& rule, const json::Value& v, std::optional<std::string>& out) {
  switch (rule.conversion) {
    case Conversion::kString:
      if (!rule.values.empty()) return read_enum(rule, v, out);
      return json::read_text(v, rule.empty_is_null, out) ? ReadOutcome::kOk : ReadOutcome::kWrongType;
    case Conversion::kInteger:
      return read_integer(rule, v, out);
    case Conversion::kDate:
    case Conversion::kDateTime:
      return read_date(rule, v, out);
    case Conversion::kPhone: {
      std::optional<std::string> stored;
      if (!json::read_text(v, true, stored)) return ReadOutcome::kWrongType;
      if (stored) {
        out = phone::unified_phone(*stored);
      } else {
        out.reset();
      }
      return ReadOutcome::kOk;
    }
    case Conversion::kPhoneSplit:
      break;  // two values: read_split_phone
  }
  return ReadOutcome::kWrongType;
}

ReadOutcome read_split_phone(const FieldRule& rule, const json::Value* code, const json::Value* number,
                             std::optional<std::string>& out) {
  std::optional<std::string> c;
  std::optional<std::string> n;
  if (code != nullptr && !json::read_text(*code, true, c)) return ReadOutcome::kWrongType;
  if (number != nullptr && !json::read_text(*number, true, n)) return ReadOutcome::kWrongType;
  out.reset();
  if (!n) return ReadOutcome::kOk;
  std::string_view digits;
  if (c && rule.code_format == CodeFormat::kIso) {
    digits = salla::calling_code_of(*c).value_or(std::string_view());
  } else if (c) {
    digits = digits_of(*c);
  }
  // Without a code the number may still carry one ("+966..."): the free-text rule decides.
  if (digits.empty()) {
    out = phone::unified_phone(*n);
    return ReadOutcome::kOk;
  }
  std::string national = *n;
  // A trunk prefix ("0501234567") is not part of the international number.
  while (national.size() > 1 && national.front() == '0') national.erase(0, 1);
  std::string e164 = "+";
  e164 += digits;
  e164 += national;
  out = phone::unified_phone(e164);
  return ReadOutcome::kOk;
}

void write_value(const FieldRule& rule, std::string_view unified, json::Writer& w) {
  switch (rule.conversion) {
    case Conversion::kString:
      if (!rule.values.empty()) {
        for (const EnumValue& e : rule.values) {
          if (e.unified == unified) {
            e.backend.write(w);
            return;
          }
        }
      }
      json::write_string(w, unified);
      return;
    case Conversion::kInteger: {
      std::int64_t n = 0;
      std::from_chars(unified.data(), unified.data() + unified.size(), n);
      w.Int64(n);
      return;
    }
    case Conversion::kDate:
      json::write_string(w, rule.date.from_unified(unified));
      return;
    case Conversion::kDateTime:
      json::write_string(w, datetime_of_date(unified));
      return;
    case Conversion::kPhone:
    case Conversion::kPhoneSplit:
      json::write_string(w, unified);
      return;
  }
}

std::optional<std::string> integer_problem(const FieldRule& rule, std::string_view unified) {
  std::string_view digits = unified;
  const bool negative = digits.starts_with('-');
  if (negative) digits.remove_prefix(1);
  bool all_digits = !digits.empty();
  for (char c : digits) all_digits = all_digits && c >= '0' && c <= '9';
  // Worded as the built-in v1rest adapter words it, so a provider moved to a mapping answers alike.
  const std::string_view stores = rule.field == core::FieldId::kAddressPostalCode
                                      ? "this provider stores postal codes as numbers"
                                      : "this provider stores it as a number";
  if (!all_digits || (negative && rule.min >= 0)) {
    return "must be digits only: " + std::string(stores);
  }
  if (digits.size() > 1 && digits.front() == '0') {
    return "must not start with 0: " + std::string(stores) + " and would drop the leading zero";
  }
  std::int64_t n = 0;
  const auto parsed = std::from_chars(unified.data(), unified.data() + unified.size(), n);
  if (parsed.ec != std::errc() || n > rule.max) {
    return "must be at most " + std::to_string(rule.max) + " for this provider";
  }
  if (n < rule.min) return "must be at least " + std::to_string(rule.min) + " for this provider";
  return std::nullopt;
}

}  // namespace profilegw::adapters::mapped
