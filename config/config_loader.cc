#include "config/config_loader.h"

#include <algorithm>

#include "config/config_validator.h"
#include "config/file_reader.h"
#include "config/json_loader.h"

namespace profilegw::config {
namespace {

// True when `path` is `prefix` or lies below it (`prefix.x`, `prefix[0]`, `prefix["x"]`).
bool is_at_or_below(std::string_view path, std::string_view prefix) {
  if (!path.starts_with(prefix)) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[';
}

LoadResult load_owned(std::shared_ptr<const rapidjson::Document> raw, const EnvLookup& env,
                      const core::AdapterRegistry& registry) {
  LoadResult result;
  SubstitutionResult substituted = substitute(*raw, env);
  ValidationResult validated = validate(substituted.document, registry);

  // A value whose placeholder failed still holds the placeholder text; what the validator says
  // about that text is noise next to the real cause, so only the substitution issue is kept.
  result.issues = substituted.issues;
  for (Issue& issue : validated.issues) {
    const bool shadowed = std::any_of(substituted.issues.begin(), substituted.issues.end(),
                                      [&](const Issue& s) { return is_at_or_below(issue.path, s.path); });
    if (!shadowed) result.issues.push_back(std::move(issue));
  }
  if (has_errors(result.issues) || !validated.config) return result;

  LoadedConfig loaded;
  loaded.config = std::move(*validated.config);
  loaded.raw = std::move(raw);
  for (const Issue& issue : result.issues) {
    if (!issue.is_error()) loaded.warnings.push_back(issue);
  }
  result.loaded = std::move(loaded);
  return result;
}

}  // namespace

LoadResult load_config_text(std::string_view text, std::string_view source_name, const EnvLookup& env,
                            const core::AdapterRegistry& registry) {
  JsonParseResult parsed = parse_json(text, source_name);
  if (!parsed.ok()) {
    LoadResult result;
    result.issues.push_back(std::move(*parsed.error));
    return result;
  }
  return load_owned(std::make_shared<const rapidjson::Document>(std::move(parsed.document)), env, registry);
}

LoadResult load_config_file(const std::string& path, const EnvLookup& env,
                            const core::AdapterRegistry& registry) {
  FileContents file = read_file(path);
  if (!file.ok()) {
    LoadResult result;
    result.issues.push_back(Issue{path, "cannot read: " + file.error, Severity::kError});
    return result;
  }
  return load_config_text(file.text, path, env, registry);
}

LoadResult load_config_document(const rapidjson::Value& raw, const EnvLookup& env,
                                const core::AdapterRegistry& registry) {
  auto copy = std::make_shared<rapidjson::Document>();
  copy->CopyFrom(raw, copy->GetAllocator());
  return load_owned(std::move(copy), env, registry);
}

std::string format_issue(const Issue& issue) {
  std::string line = issue.is_error() ? "" : "warning: ";
  line += issue.path;
  line += ": ";
  line += issue.message;
  return line;
}

std::string format_problems(std::span<const Issue> issues) {
  std::string out;
  for (const Issue& issue : issues) {
    out += format_issue(issue);
    out += '\n';
  }
  return out;
}

}  // namespace profilegw::config
