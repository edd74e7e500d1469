// DRF serializer fields as the DRF backends declare them. Each check either cleans a JSON value
// into what would be stored, or says with DRF's error code and message why it is refused.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "mocks/validation_errors.h"

namespace profilegw::mocks {

struct DrfFieldError {
  std::string_view code;
  std::string message;
};

using DrfCheck = std::optional<DrfFieldError>;

struct CharRules {
  std::size_t max_length = 0;  // 0: unlimited
  std::size_t min_length = 0;
  bool allow_blank = false;
  bool allow_null = false;
};

// CharField: strings only, trimmed; `out` = nullopt stands for null.
DrfCheck clean_char(const rapidjson::Value& value, const CharRules& rules, std::optional<std::string>& out);
// EmailField: a CharField whose non-blank value must look like an email address.
DrfCheck clean_email(const rapidjson::Value& value, const CharRules& rules, std::optional<std::string>& out);
// URLField: a CharField whose non-blank value must be a URL.
DrfCheck clean_url(const rapidjson::Value& value, const CharRules& rules, std::optional<std::string>& out);
// ChoiceField over string choices.
DrfCheck clean_choice(const rapidjson::Value& value, std::initializer_list<std::string_view> choices, bool allow_null,
                      std::optional<std::string>& out);
// DateField with the ISO format only.
DrfCheck clean_date(const rapidjson::Value& value, bool allow_null, std::optional<std::string>& out);
// IntegerField: JSON integers, integral floats and decimal strings; optional lower bound.
DrfCheck clean_integer(const rapidjson::Value& value, std::optional<std::int64_t> min_value, bool allow_null,
                       std::optional<std::int64_t>& out);

DrfFieldError drf_required();

// Adds `check`'s error under `attr`; true when there was none.
bool passes(ValidationErrors& errors, std::string_view attr, const DrfCheck& check);

}  // namespace profilegw::mocks
