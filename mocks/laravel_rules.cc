#include "mocks/laravel_rules.h"

#include "mocks/field_checks.h"

namespace profilegw::mocks {

std::string laravel_attribute(std::string_view key) {
  std::string out(key);
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  return out;
}

std::string_view laravel_text(const rapidjson::Value& value) {
  if (!value.IsString()) return {};
  return trim(std::string_view(value.GetString(), value.GetStringLength()));
}

bool laravel_blank(const rapidjson::Value* value) {
  if (value == nullptr || value->IsNull()) return true;
  return value->IsString() && laravel_text(*value).empty();
}

std::optional<std::string> laravel_check(const rapidjson::Value* value, std::string_view key, const LaravelRules& rules) {
  const std::string attribute = laravel_attribute(key);
  if (laravel_blank(value)) {
    if (rules.required) return "The " + attribute + " field is required.";
    return std::nullopt;
  }
  if (!value->IsString()) {
    if (rules.string || rules.email || rules.date_ymd) return "The " + attribute + " must be a string.";
    return std::nullopt;
  }
  const std::string_view text = laravel_text(*value);
  const std::size_t length = char_count(text);
  if (rules.min != 0 && length < rules.min) {
    return "The " + attribute + " must be at least " + std::to_string(rules.min) + " characters.";
  }
  if (rules.max != 0 && length > rules.max) {
    return "The " + attribute + " must not be greater than " + std::to_string(rules.max) + " characters.";
  }
  if (rules.email && !is_email(text)) return "The " + attribute + " must be a valid email address.";
  if (rules.date_ymd && !is_iso_date(text)) return "The " + attribute + " does not match the format Y-m-d.";
  if (rules.in.size() != 0) {
    bool listed = false;
    for (const std::string_view allowed : rules.in) listed = listed || text == allowed;
    if (!listed) return "The selected " + attribute + " is invalid.";
  }
  return std::nullopt;
}

}  // namespace profilegw::mocks
