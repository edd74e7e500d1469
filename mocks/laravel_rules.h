// Laravel validation rules as the partner and salla backends (both PHP/Laravel APIs) apply them,
// with Laravel 9's English messages. Input is trimmed first (TrimStrings), and empty strings then
// count as null (ConvertEmptyStringsToNull), as Laravel's default middleware does.
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace profilegw::mocks {

struct LaravelRules {
  bool required = false;
  bool string = true;  // the `string` rule
  std::size_t min = 0;  // characters; 0: no rule
  std::size_t max = 0;
  bool email = false;
  bool date_ymd = false;  // date_format:Y-m-d
  std::initializer_list<std::string_view> in = {};
};

// The first failing rule's message for field `key` (absent: `value` is nullptr), or nullopt.
std::optional<std::string> laravel_check(const rapidjson::Value* value, std::string_view key, const LaravelRules& rules);

// Laravel's rendering of an attribute in messages: "identity_number" -> "identity number".
std::string laravel_attribute(std::string_view key);

// True for absent, null and blank strings (all of which Laravel treats as "not given").
bool laravel_blank(const rapidjson::Value* value);

// A string value as Laravel's TrimStrings middleware hands it on; "" for non-strings.
std::string_view laravel_text(const rapidjson::Value& value);

}  // namespace profilegw::mocks
