// Resolves the config's indirections in a COPY of the document, so the raw one (placeholders
// intact) can still be written back by the admin API:
//   `${NAME}` anywhere in a string value  -> the environment variable NAME (`$${` is a literal `${`);
//   `"@file:/path"` as a whole string value -> the file's contents, one trailing newline stripped
//                                            (`${NAME}` may appear in the path).
// Object keys are never substituted. Substituted text is not scanned again.
#pragma once

#include <rapidjson/document.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_issue.h"

namespace profilegw::config {

// Looks up one environment variable; nullopt when it is not set. Injectable for tests.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// The process environment (getenv).
EnvLookup process_env();

struct StringSubstitution {
  std::string value;                // the resolved string (placeholders that failed stay as written)
  std::vector<std::string> errors;  // "environment variable NAME is not set", ...
};

// Resolves one string value (both `${NAME}` and a whole-value `@file:`).
StringSubstitution substitute_string(std::string_view raw, const EnvLookup& env);

struct SubstitutionResult {
  rapidjson::Document document;  // the resolved copy
  std::vector<Issue> issues;     // `PATH: environment variable NAME is not set`, ...
};

SubstitutionResult substitute(const rapidjson::Value& raw, const EnvLookup& env);

}  // namespace profilegw::config
