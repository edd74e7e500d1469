#include "config/substitution.h"

#include <cstdlib>

#include "config/file_reader.h"
#include "config/json_path.h"

namespace profilegw::config {
namespace {

constexpr std::string_view kFilePrefix = "@file:";

bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

// Expands `${NAME}` placeholders of `raw` into `out`, reporting each problem into `errors`.
void expand_env(std::string_view raw, const EnvLookup& env, std::string& out,
                std::vector<std::string>& errors) {
  std::size_t i = 0;
  while (i < raw.size()) {
    const std::size_t dollar = raw.find('$', i);
    if (dollar == std::string_view::npos) {
      out.append(raw.substr(i));
      return;
    }
    out.append(raw.substr(i, dollar - i));
    const std::string_view rest = raw.substr(dollar);
    if (rest.starts_with("$${")) {
      out.append("${");
      i = dollar + 3;
      continue;
    }
    if (!rest.starts_with("${")) {
      out.push_back('$');
      i = dollar + 1;
      continue;
    }
    const std::size_t close = rest.find('}');
    const std::string_view name =
        close == std::string_view::npos ? rest.substr(2) : rest.substr(2, close - 2);
    bool valid = close != std::string_view::npos && !name.empty() && is_name_start(name.front());
    for (char c : name) valid = valid && is_name_char(c);
    if (!valid) {
      const std::string_view shown = close == std::string_view::npos ? rest : rest.substr(0, close + 1);
      errors.push_back("malformed placeholder \"" + std::string(shown.substr(0, 40)) +
                       "\" (expected ${NAME} with letters, digits and _)");
      out.append(shown);
      i = dollar + shown.size();
      continue;
    }
    if (auto value = env(name)) {
      out.append(*value);
    } else {
      errors.push_back("environment variable " + std::string(name) + " is not set");
      out.append(rest.substr(0, close + 1));
    }
    i = dollar + close + 1;
  }
}

void substitute_value(rapidjson::Value& v, const std::string& path, const EnvLookup& env,
                      rapidjson::Document::AllocatorType& alloc, std::vector<Issue>& issues) {
  if (v.IsString()) {
    const std::string_view raw(v.GetString(), v.GetStringLength());
    if (raw.find('$') == std::string_view::npos && !raw.starts_with(kFilePrefix)) return;
    StringSubstitution s = substitute_string(raw, env);
    for (auto& e : s.errors) issues.push_back(Issue{path, std::move(e), Severity::kError});
    v.SetString(s.value.data(), static_cast<rapidjson::SizeType>(s.value.size()), alloc);
  } else if (v.IsObject()) {
    for (auto& m : v.GetObject()) {
      substitute_value(m.value,
                       child_path(path, std::string_view(m.name.GetString(), m.name.GetStringLength())), env,
                       alloc, issues);
    }
  } else if (v.IsArray()) {
    std::size_t index = 0;
    for (auto& element : v.GetArray())
      substitute_value(element, index_path(path, index++), env, alloc, issues);
  }
}

}  // namespace

EnvLookup process_env() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

StringSubstitution substitute_string(std::string_view raw, const EnvLookup& env) {
  StringSubstitution out;
  if (!raw.starts_with(kFilePrefix)) {
    expand_env(raw, env, out.value, out.errors);
    return out;
  }
  std::string file_path;
  expand_env(raw.substr(kFilePrefix.size()), env, file_path, out.errors);
  if (!out.errors.empty()) {
    out.value = std::string(raw);
    return out;
  }
  if (file_path.empty()) {
    out.errors.push_back("@file: needs a file path");
    out.value = std::string(raw);
    return out;
  }
  FileContents file = read_file(file_path);
  if (!file.ok()) {
    out.errors.push_back("cannot read file \"" + file_path + "\": " + file.error);
    out.value = std::string(raw);
    return out;
  }
  // Files written by editors and `echo` end with a newline that is not part of the secret.
  if (file.text.ends_with("\r\n")) {
    file.text.resize(file.text.size() - 2);
  } else if (file.text.ends_with('\n')) {
    file.text.pop_back();
  }
  out.value = std::move(file.text);
  return out;
}

SubstitutionResult substitute(const rapidjson::Value& raw, const EnvLookup& env) {
  SubstitutionResult result;
  result.document.CopyFrom(raw, result.document.GetAllocator());
  substitute_value(result.document, "", env, result.document.GetAllocator(), result.issues);
  return result;
}

}  // namespace profilegw::config
