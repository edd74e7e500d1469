// Checks a substituted config document against the contract (CONTRACT.md section 2) and the
// registered adapters, collecting EVERY problem (not just the first) as `PATH: message`, and builds
// the typed Config (defaults applied) when there is no error. Warnings never fail a config.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <vector>

#include "config/config_issue.h"
#include "config/config_model.h"
#include "core/adapter.h"

namespace profilegw::config {

struct ValidationResult {
  std::vector<Issue> issues;     // errors and warnings, in the order the document is walked
  std::optional<Config> config;  // set exactly when `issues` holds no error

  bool ok() const { return config.has_value(); }
};

// `substituted` is the document after `${NAME}`/`@file:` resolution (substitution.h).
ValidationResult validate(const rapidjson::Value& substituted, const core::AdapterRegistry& registry);

}  // namespace profilegw::config
