// The whole load: text -> strict JSON -> `${NAME}`/`@file:` substitution (on a copy) -> validation
// -> typed Config. Used at start-up, on reload (SIGHUP, watch, POST /admin/reload), by
// `profilegw --check-config` (exit 2 on errors) and by the admin API (which edits the raw document).
#pragma once

#include <rapidjson/document.h>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_issue.h"
#include "config/config_model.h"
#include "config/substitution.h"
#include "core/adapter.h"

namespace profilegw::config {

struct LoadedConfig {
  Config config;
  // The document as written, placeholders intact: what the admin API edits and writes back.
  std::shared_ptr<const rapidjson::Document> raw;
  std::vector<Issue> warnings;
};

struct LoadResult {
  std::optional<LoadedConfig> loaded;  // set when there is no error
  std::vector<Issue> issues;           // every error and warning, in order

  bool ok() const { return loaded.has_value(); }
};

// `source_name` names the text in syntax errors ("profilegw.json: line 3, column 5: ...").
LoadResult load_config_text(std::string_view text, std::string_view source_name, const EnvLookup& env,
                            const core::AdapterRegistry& registry);

// Reads `path` and loads it; an unreadable file is one issue `PATH: cannot read: <reason>`.
LoadResult load_config_file(const std::string& path, const EnvLookup& env,
                            const core::AdapterRegistry& registry);

// Loads an already parsed raw document (the admin API's edited copy). The document is copied.
LoadResult load_config_document(const rapidjson::Value& raw, const EnvLookup& env,
                                const core::AdapterRegistry& registry);

// One issue as a line: `PATH: message` for errors, `warning: PATH: message` for warnings.
std::string format_issue(const Issue& issue);

// Every issue, one line each, '\n'-terminated (what --check-config prints).
std::string format_problems(std::span<const Issue> issues);

}  // namespace profilegw::config
