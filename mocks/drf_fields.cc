#include "mocks/drf_fields.h"

#include <charconv>

#include "mocks/field_checks.h"
#include "mocks/json_text.h"

namespace profilegw::mocks {

namespace {

DrfFieldError null_error() { return {"null", "This field may not be null."}; }

// How DRF quotes an input it refuses in "\"X\" is not a valid choice.": the string itself, Python's
// spelling for booleans, JSON text for the rest.
std::string python_text(const rapidjson::Value& value) {
  if (value.IsString()) return std::string(value.GetString(), value.GetStringLength());
  if (value.IsBool()) return value.GetBool() ? "True" : "False";
  return to_json_text(value);
}

}  // namespace

DrfFieldError drf_required() { return {"required", "This field is required."}; }

DrfCheck clean_char(const rapidjson::Value& value, const CharRules& rules, std::optional<std::string>& out) {
  if (value.IsNull()) {
    if (!rules.allow_null) return null_error();
    out.reset();
    return std::nullopt;
  }
  if (!value.IsString()) return DrfFieldError{"invalid", "Not a valid string."};
  const std::string_view text = trim(std::string_view(value.GetString(), value.GetStringLength()));
  if (text.empty()) {
    if (!rules.allow_blank) return DrfFieldError{"blank", "This field may not be blank."};
    out = std::string();
    return std::nullopt;
  }
  const std::size_t length = char_count(text);
  if (rules.max_length != 0 && length > rules.max_length) {
    return DrfFieldError{"max_length",
                         "Ensure this field has no more than " + std::to_string(rules.max_length) + " characters."};
  }
  if (length < rules.min_length) {
    return DrfFieldError{"min_length", "Ensure this field has at least " + std::to_string(rules.min_length) + " characters."};
  }
  out = std::string(text);
  return std::nullopt;
}

DrfCheck clean_email(const rapidjson::Value& value, const CharRules& rules, std::optional<std::string>& out) {
  if (DrfCheck error = clean_char(value, rules, out)) return error;
  if (out && !out->empty() && !is_email(*out)) return DrfFieldError{"invalid", "Enter a valid email address."};
  return std::nullopt;
}

DrfCheck clean_url(const rapidjson::Value& value, const CharRules& rules, std::optional<std::string>& out) {
  if (DrfCheck error = clean_char(value, rules, out)) return error;
  if (out && !out->empty() && !is_url(*out)) return DrfFieldError{"invalid", "Enter a valid URL."};
  return std::nullopt;
}

DrfCheck clean_choice(const rapidjson::Value& value, std::initializer_list<std::string_view> choices, bool allow_null,
                      std::optional<std::string>& out) {
  if (value.IsNull()) {
    if (!allow_null) return null_error();
    out.reset();
    return std::nullopt;
  }
  if (value.IsString()) {
    const std::string_view text(value.GetString(), value.GetStringLength());
    for (const std::string_view choice : choices) {
      if (text == choice) {
        out = std::string(text);
        return std::nullopt;
      }
    }
  }
  return DrfFieldError{"invalid_choice", "\"" + python_text(value) + "\" is not a valid choice."};
}

DrfCheck clean_date(const rapidjson::Value& value, bool allow_null, std::optional<std::string>& out) {
  if (value.IsNull()) {
    if (!allow_null) return null_error();
    out.reset();
    return std::nullopt;
  }
  if (value.IsString() && is_iso_date(std::string_view(value.GetString(), value.GetStringLength()))) {
    out = std::string(value.GetString(), value.GetStringLength());
    return std::nullopt;
  }
  return DrfFieldError{"invalid", "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."};
}

DrfCheck clean_integer(const rapidjson::Value& value, std::optional<std::int64_t> min_value, bool allow_null,
                       std::optional<std::int64_t>& out) {
  if (value.IsNull()) {
    if (!allow_null) return null_error();
    out.reset();
    return std::nullopt;
  }
  std::optional<std::int64_t> number;
  if (value.IsInt64()) {
    number = value.GetInt64();
  } else if (value.IsDouble()) {
    const double d = value.GetDouble();
    if (d > -9e18 && d < 9e18 && d == static_cast<double>(static_cast<std::int64_t>(d))) number = static_cast<std::int64_t>(d);
  } else if (value.IsString()) {
    // int(str) after DRF strips a trailing ".0...": "54321", " 42 ", "7.00".
    std::string_view text = trim(std::string_view(value.GetString(), value.GetStringLength()));
    if (const std::size_t dot = text.find('.');
        dot != std::string_view::npos && text.find_first_not_of('0', dot + 1) == std::string_view::npos) {
      text = text.substr(0, dot);
    }
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    std::int64_t parsed = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (!text.empty() && result.ec == std::errc() && result.ptr == text.data() + text.size()) number = parsed;
  }
  if (!number) return DrfFieldError{"invalid", "A valid integer is required."};
  if (min_value && *number < *min_value) {
    return DrfFieldError{"min_value", "Ensure this value is greater than or equal to " + std::to_string(*min_value) + "."};
  }
  out = number;
  return std::nullopt;
}

bool passes(ValidationErrors& errors, std::string_view attr, const DrfCheck& check) {
  if (!check) return true;
  errors.add(attr, check->code, check->message);
  return false;
}

}  // namespace profilegw::mocks
