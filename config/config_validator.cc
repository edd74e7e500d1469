#include "config/config_validator.h"

#include <arpa/inet.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "config/api_key.h"
#include "config/config_schema.h"
#include "config/did_you_mean.h"
#include "config/json_path.h"

namespace profilegw::config {
namespace {

using rapidjson::Value;

constexpr std::string_view kVerifyingProvider = "salla";
constexpr std::string_view kServiceAuthProvider = "partner";
constexpr std::size_t kMinVerificationKeyBytes = 16;
constexpr std::size_t kMinAdminTokenBytes = 16;
// The tenant key holding a config-declared provider's spec (core::AdapterFactory::spec_key()).
constexpr std::string_view kSpecKey = "mapping";

std::string_view view(const Value& v) { return {v.GetString(), v.GetStringLength()}; }

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string join(const std::vector<std::string_view>& items) {
  std::string out;
  for (std::string_view item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_ip_address(const std::string& text) {
  in_addr v4{};
  in6_addr v6{};
  return ::inet_pton(AF_INET, text.c_str(), &v4) == 1 || ::inet_pton(AF_INET6, text.c_str(), &v6) == 1;
}

bool is_wildcard_address(std::string_view address) { return address == "0.0.0.0" || address == "::"; }

bool valid_tenant_id(std::string_view id) {
  if (id.empty() || id.size() > 63) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '_' && c != '-'))) return false;
  }
  return true;
}

// RFC 9110 token characters: what a header name may be made of.
bool valid_header_name(std::string_view name) {
  constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  if (name.empty()) return false;
  for (char c : name) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && kSymbols.find(c) == std::string_view::npos) return false;
  }
  return true;
}

bool has_control_characters(std::string_view s, bool allow_tab) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && !(allow_tab && c == '\t')) || u == 0x7F) return true;
  }
  return false;
}

bool printable_ascii_without_spaces(std::string_view s) {
  for (char c : s) {
    if (c <= 0x20 || c >= 0x7F) return false;
  }
  return true;
}

// Path template characters: a URL path (and query) plus the "{id}" placeholder.
std::optional<std::string> path_template_error(std::string_view path) {
  if (!path.starts_with('/')) return "expected a path starting with '/'";
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '{') {
      if (path.substr(i, 4) != "{id}") return "unknown placeholder; only {id} is supported";
      i += 3;
      continue;
    }
    if (c <= 0x20 || c >= 0x7F || c == '}' || c == '#' || c == '"' || c == '<' || c == '>' || c == '\\') {
      return "invalid character in path";
    }
  }
  return std::nullopt;
}

class Checker {
 public:
  Checker(const core::AdapterRegistry& registry, std::vector<Issue>& issues)
      : registry_(registry), issues_(issues) {}

  Config run(const Value& root) {
    Config config;
    if (!object(root, "", "")) return config;
    if (const Value* v = find(root, "listen"); v != nullptr && object(*v, "listen", "listen")) {
      listen(*v, config.listen);
    }
    if (const Value* v = find(root, "admin"); v != nullptr && object(*v, "admin", "admin")) {
      admin(*v, config.admin.emplace());
    }
    if (const Value* v = find(root, "limits"); v != nullptr && object(*v, "limits", "limits")) {
      limits(*v, config.limits);
    }
    if (const Value* v = find(root, "log"); v != nullptr && object(*v, "log", "log")) log(*v, config.log);
    boolean(root, "", "watch", config.watch);
    const Value* secrets = find(root, "secrets");
    if (secrets != nullptr && object(*secrets, "secrets", "secrets")) {
      if (string(*secrets, "secrets", "verification_key", config.secrets.verification_key) &&
          find(*secrets, "verification_key") != nullptr &&
          config.secrets.verification_key.size() < kMinVerificationKeyBytes) {
        error("secrets.verification_key", "expected at least 16 bytes");
      }
    }
    if (const Value* v = find(root, "tenants"); v != nullptr) tenants(*v, config.tenants);
    cross_checks(config, secrets);
    return config;
  }

 private:
  void error(std::string path, std::string message) {
    issues_.push_back(Issue{path.empty() ? "(root)" : std::move(path), std::move(message), Severity::kError});
  }
  void warning(std::string path, std::string message) {
    issues_.push_back(Issue{std::move(path), std::move(message), Severity::kWarning});
  }

  static const Value* find(const Value& object, std::string_view key) {
    for (const auto& m : object.GetObject()) {
      if (view(m.name) == key) return &m.value;
    }
    return nullptr;
  }

  // True when `v` is an object. Reports duplicate keys and, unless `schema_path` is null (a free
  // map), keys the schema does not list at `schema_path`.
  bool object(const Value& v, const std::string& path, const char* schema_path) {
    if (!v.IsObject()) {
      error(path, "expected an object");
      return false;
    }
    const std::vector<std::string_view> known =
        schema_path != nullptr ? schema_keys(schema_path) : std::vector<std::string_view>{};
    std::vector<std::string_view> seen;
    for (const auto& m : v.GetObject()) {
      const std::string_view key = view(m.name);
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
        error(child_path(path, key), "duplicate key");
        continue;
      }
      seen.push_back(key);
      if (schema_path == nullptr || std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string message = "unknown key";
      if (auto guess = closest_match(key, known)) message += " (did you mean " + quoted(*guess) + "?)";
      error(child_path(path, key), std::move(message));
    }
    return true;
  }

  template <class T>
  void integer(const Value& obj, const std::string& path, std::string_view key, std::int64_t lo,
               std::int64_t hi, T& out) {
    const Value* v = find(obj, key);
    if (v == nullptr) return;
    if (!v->IsInt64() || v->GetInt64() < lo || v->GetInt64() > hi) {
      error(child_path(path, key),
            "expected an integer between " + std::to_string(lo) + " and " + std::to_string(hi));
      return;
    }
    out = static_cast<T>(v->GetInt64());
  }

  void boolean(const Value& obj, const std::string& path, std::string_view key, bool& out) {
    const Value* v = find(obj, key);
    if (v == nullptr) return;
    if (!v->IsBool()) {
      error(child_path(path, key), "expected true or false");
      return;
    }
    out = v->GetBool();
  }

  // Reads an optional string member; false when it is present but not a string.
  bool string(const Value& obj, const std::string& path, std::string_view key, std::string& out) {
    const Value* v = find(obj, key);
    if (v == nullptr) return true;
    if (!v->IsString()) {
      error(child_path(path, key), "expected a string");
      return false;
    }
    out = std::string(view(*v));
    return true;
  }

  // A member that must be present and a non-empty string.
  bool required_string(const Value& obj, const std::string& path, std::string_view key, std::string& out) {
    const Value* v = find(obj, key);
    if (v == nullptr) {
      error(child_path(path, key), "required");
      return false;
    }
    if (!string(obj, path, key, out)) return false;
    if (out.empty()) {
      error(child_path(path, key), "must not be empty");
      return false;
    }
    return true;
  }

  // A string member that must be one of `choices`; returns the index chosen.
  std::optional<std::size_t> choice(const Value& obj, const std::string& path, std::string_view key,
                                    const std::vector<std::string_view>& choices) {
    const Value* v = find(obj, key);
    if (v == nullptr) return std::nullopt;
    if (v->IsString()) {
      for (std::size_t i = 0; i < choices.size(); ++i) {
        if (view(*v) == choices[i]) return i;
      }
    }
    std::string message = "expected one of ";
    for (std::size_t i = 0; i < choices.size(); ++i) message += (i == 0 ? "" : ", ") + quoted(choices[i]);
    error(child_path(path, key), std::move(message));
    return std::nullopt;
  }

  void address(const Value& obj, const std::string& path, std::string& out) {
    std::string value;
    const Value* v = find(obj, "address");
    if (v == nullptr || !string(obj, path, "address", value)) return;
    if (!is_ip_address(value)) {
      error(child_path(path, "address"), "expected an IPv4 or IPv6 address");
      return;
    }
    out = std::move(value);
  }

  void listen(const Value& v, ListenConfig& out) {
    address(v, "listen", out.address);
    integer(v, "listen", "port", 0, 65535, out.port);
    integer(v, "listen", "threads", 1, 1024, out.threads);
  }

  void admin(const Value& v, AdminConfig& out) {
    address(v, "admin", out.address);
    integer(v, "admin", "port", 0, 65535, out.port);
    if (required_string(v, "admin", "token", out.token) && out.token.size() < kMinAdminTokenBytes) {
      warning("admin.token", "short token; use at least 16 random characters");
    }
  }

  void limits(const Value& v, LimitsConfig& out) {
    integer(v, "limits", "max_body_bytes", 1, 64 * 1024 * 1024, out.max_body_bytes);
    integer(v, "limits", "header_timeout_ms", 1, 3600000, out.header_timeout_ms);
    integer(v, "limits", "idle_timeout_ms", 1, 86400000, out.idle_timeout_ms);
    integer(v, "limits", "drain_timeout_ms", 0, 3600000, out.drain_timeout_ms);
    integer(v, "limits", "max_header_bytes", 1024, 1024 * 1024, out.max_header_bytes);
    integer(v, "limits", "max_connections", 1, 1000000, out.max_connections);
    integer(v, "limits", "max_in_flight", 1, 1000000, out.max_in_flight);
  }

  void log(const Value& v, LogConfig& out) {
    if (auto i = choice(v, "log", "format", {"json", "text"}))
      out.format = *i == 0 ? LogFormat::kJson : LogFormat::kText;
    if (auto i = choice(v, "log", "level", {"trace", "debug", "info", "warn", "error", "off"})) {
      out.level = static_cast<LogLevel>(*i);
    }
  }

  void tenants(const Value& v, std::vector<TenantConfig>& out) {
    if (!v.IsArray()) {
      error("tenants", "expected an array");
      return;
    }
    std::size_t index = 0;
    for (const Value& element : v.GetArray()) {
      const std::string path = index_path("tenants", index++);
      if (!object(element, path, "tenants[]")) continue;
      tenant(element, path, out.emplace_back());
      tenant_paths_.push_back(path);
    }
  }

  void tenant(const Value& v, const std::string& path, TenantConfig& out) {
    const std::string id_path = child_path(path, "id");
    if (required_string(v, path, "id", out.id)) {
      if (!valid_tenant_id(out.id)) {
        error(id_path, "expected 1 to 63 characters of a-z 0-9 _ -, starting with a letter or digit");
      } else if (auto [it, inserted] = tenant_ids_.emplace(out.id, id_path); !inserted) {
        error(id_path, "duplicate tenant id " + quoted(out.id) + " (first at " + it->second + ")");
      }
    }

    const core::Adapter* adapter = nullptr;
    const core::AdapterFactory* factory = nullptr;
    if (required_string(v, path, "provider", out.provider)) {
      adapter = registry_.find(out.provider);
      factory = adapter == nullptr ? registry_.find_factory(out.provider) : nullptr;
      if (adapter == nullptr && factory == nullptr) {
        error(child_path(path, "provider"),
              "unknown provider " + quoted(out.provider) + " (known: " + join(registry_.names()) + ")");
      }
    }
    if (factory != nullptr) {
      adapter = declared_adapter(v, path, *factory, out);
    } else if (adapter != nullptr && find(v, kSpecKey) != nullptr) {
      error(child_path(path, kSpecKey), "only for a provider declared in config (\"mapped\"); provider " +
                                            quoted(out.provider) + " is built in");
    }

    api_keys(v, path, out.api_keys);

    const std::string upstream_path = child_path(path, "upstream");
    if (const Value* up = find(v, "upstream"); up == nullptr) {
      error(upstream_path, "required");
    } else if (object(*up, upstream_path, "tenants[].upstream")) {
      upstream(*up, upstream_path, adapter, out.upstream);
    }

    if (adapter != nullptr) out.customer_auth = adapter->capabilities().default_customer_auth;
    const std::string customer_auth_path = child_path(path, "customer_auth");
    if (const Value* ca = find(v, "customer_auth");
        ca != nullptr && object(*ca, customer_auth_path, "tenants[].customer_auth")) {
      if (auto i = choice(*ca, customer_auth_path, "scheme", {"Bearer", "Token", "none"})) {
        out.customer_auth = static_cast<core::CustomerAuthScheme>(*i);
        if (adapter != nullptr && out.customer_auth == core::CustomerAuthScheme::kNone &&
            adapter->capabilities().addressing == core::Addressing::kToken) {
          warning(child_path(customer_auth_path, "scheme"),
                  "provider " + quoted(out.provider) +
                      " identifies the customer by their token; without one no profile can be read");
        }
      }
    }

    const std::string service_auth_path = child_path(path, "service_auth");
    const Value* sa = find(v, "service_auth");
    if (sa != nullptr && object(*sa, service_auth_path, "tenants[].service_auth")) {
      service_auth(*sa, service_auth_path, out.service_auth);
    }
    if (adapter != nullptr && out.provider == kServiceAuthProvider) {
      if (sa == nullptr) {
        error(service_auth_path, "required for provider " + quoted(out.provider) + " (digest)");
      } else if (out.service_auth.type != core::upstream::ServiceAuthType::kNone &&
                 out.service_auth.type != core::upstream::ServiceAuthType::kDigest) {
        warning(child_path(service_auth_path, "type"),
                "provider " + quoted(out.provider) + " expects \"digest\"");
      }
    }

    const std::string rate_path = child_path(path, "rate_limit");
    if (const Value* rl = find(v, "rate_limit");
        rl != nullptr && object(*rl, rate_path, "tenants[].rate_limit")) {
      rate_limit(*rl, rate_path, out.rate_limit.emplace());
    }

    uses_verification_.push_back(adapter != nullptr && requires_verification_key(*adapter));
  }

  // A provider declared in config: its spec is compiled here, so that its problems are reported
  // with their paths and the rest of the tenant (path keys, customer auth) is checked against what
  // it declares. Snapshot::build compiles the kept copy again into the adapter it owns.
  const core::Adapter* declared_adapter(const Value& tenant, const std::string& path,
                                        const core::AdapterFactory& factory, TenantConfig& out) {
    const std::string spec_path = child_path(path, factory.spec_key());
    const Value* spec = find(tenant, factory.spec_key());
    if (spec == nullptr) {
      error(spec_path, "required for provider " + quoted(out.provider));
      return nullptr;
    }
    std::vector<core::SpecIssue> spec_issues;
    std::unique_ptr<core::Adapter> compiled = factory.compile(*spec, spec_path, spec_issues);
    for (core::SpecIssue& issue : spec_issues) {
      if (issue.warning) {
        warning(std::move(issue.path), std::move(issue.message));
      } else {
        error(std::move(issue.path), std::move(issue.message));
      }
    }
    if (compiled == nullptr) return nullptr;
    auto copy = std::make_shared<rapidjson::Document>();
    copy->CopyFrom(*spec, copy->GetAllocator());
    out.mapping = std::move(copy);
    declared_.push_back(std::move(compiled));
    return declared_.back().get();
  }

  static bool requires_verification_key(const core::Adapter& adapter) {
    if (adapter.name() == kVerifyingProvider) return true;
    for (const core::FieldCapability& f : adapter.capabilities().fields) {
      if (f.requires_verification) return true;
    }
    return false;
  }

  void api_keys(const Value& tenant, const std::string& path, std::vector<ApiKey>& out) {
    const std::string keys_path = child_path(path, "api_keys");
    const Value* keys = find(tenant, "api_keys");
    if (keys == nullptr) {
      error(keys_path, "required");
      return;
    }
    if (!keys->IsArray()) {
      error(keys_path, "expected an array of strings");
      return;
    }
    if (keys->Empty()) {
      error(keys_path, "expected at least one key");
      return;
    }
    std::size_t index = 0;
    for (const Value& key : keys->GetArray()) {
      const std::string key_path = index_path(keys_path, index++);
      if (!key.IsString()) {
        error(key_path, "expected a string");
        continue;
      }
      const std::string_view text = view(key);
      ApiKey entry;
      if (is_sha256_entry(text)) {
        auto digest = parse_sha256_entry(text);
        if (!digest) {
          error(key_path, "expected sha256: followed by 64 lower-case hex digits");
          continue;
        }
        entry.hashed = true;
        entry.digest = *digest;
      } else {
        if (text.empty()) {
          error(key_path, "must not be empty");
          continue;
        }
        if (!printable_ascii_without_spaces(text)) {
          error(key_path, "expected printable ASCII without spaces");
          continue;
        }
        entry.digest = digest_api_key(text);
        warning(key_path, "plain-text key; store it as sha256:" + digest_hex(entry.digest));
      }
      if (auto [it, inserted] = api_key_paths_.emplace(entry.digest, key_path); !inserted) {
        error(key_path, "duplicate API key (first at " + it->second + ")");
        continue;
      }
      out.push_back(entry);
    }
  }

  void upstream(const Value& v, const std::string& path, const core::Adapter* adapter, UpstreamConfig& out) {
    const std::string url_path = child_path(path, "base_url");
    if (required_string(v, path, "base_url", out.base_url)) {
      UrlParseResult parsed = parse_upstream_url(out.base_url);
      if (parsed.url) {
        out.url = std::move(*parsed.url);
      } else {
        error(url_path, parsed.error);
      }
    }
    integer(v, path, "timeout_ms", 1, 600000, out.timeout_ms);
    integer(v, path, "connect_timeout_ms", 1, 600000, out.connect_timeout_ms);
    integer(v, path, "max_connections", 1, 100000, out.max_connections);
    integer(v, path, "retries", 0, 3, out.retries);
    integer(v, path, "deadline_ms", 1, 3600000, out.deadline_ms);

    const std::string tls_path = child_path(path, "tls");
    if (const Value* tls = find(v, "tls");
        tls != nullptr && object(*tls, tls_path, "tenants[].upstream.tls")) {
      boolean(*tls, tls_path, "verify", out.tls.verify);
      const std::string ca_path = child_path(tls_path, "ca_file");
      if (string(*tls, tls_path, "ca_file", out.tls.ca_file) && find(*tls, "ca_file") != nullptr) {
        if (out.tls.ca_file.empty()) {
          error(ca_path, "must not be empty");
        } else if (::access(out.tls.ca_file.c_str(), R_OK) != 0) {
          error(ca_path, "cannot read " + quoted(out.tls.ca_file) + ": " + std::strerror(errno));
        }
      }
      if (!out.url.scheme.empty() && !out.url.tls()) {
        warning(tls_path, "has no effect on an http:// upstream");
      } else if (!out.tls.verify) {
        warning(child_path(tls_path, "verify"), "certificate verification is off");
      }
    }

    const std::string paths_path = child_path(path, "paths");
    if (const Value* paths = find(v, "paths"); paths != nullptr && object(*paths, paths_path, nullptr)) {
      this->paths(*paths, paths_path, adapter, out.paths);
    }
    const std::string headers_path = child_path(path, "headers");
    if (const Value* headers = find(v, "headers");
        headers != nullptr && object(*headers, headers_path, nullptr)) {
      this->headers(*headers, headers_path, out.headers);
    }
    const std::string cb_path = child_path(path, "circuit_breaker");
    if (const Value* cb = find(v, "circuit_breaker");
        cb != nullptr && object(*cb, cb_path, "tenants[].upstream.circuit_breaker")) {
      integer(*cb, cb_path, "failure_threshold", 1, 1000, out.circuit_breaker.failure_threshold);
      integer(*cb, cb_path, "open_ms", 1, 3600000, out.circuit_breaker.open_ms);
    }
  }

  void paths(const Value& v, const std::string& path, const core::Adapter* adapter,
             std::vector<std::pair<std::string, std::string>>& out) {
    std::vector<std::string_view> known;
    if (adapter != nullptr) {
      for (const core::PathDefault& d : adapter->default_paths()) known.push_back(d.key);
    }
    for (const auto& m : v.GetObject()) {
      const std::string_view key = view(m.name);
      const std::string entry_path = child_path(path, key);
      if (adapter != nullptr && std::find(known.begin(), known.end(), key) == known.end()) {
        std::string message = "unknown path key for provider " + quoted(adapter->name());
        if (auto guess = closest_match(key, known)) {
          message += " (did you mean " + quoted(*guess) + "?)";
        } else {
          message += " (known: " + join(known) + ")";
        }
        error(entry_path, std::move(message));
        continue;
      }
      if (!m.value.IsString()) {
        error(entry_path, "expected a string");
        continue;
      }
      if (auto problem = path_template_error(view(m.value))) {
        error(entry_path, std::move(*problem));
        continue;
      }
      out.emplace_back(std::string(key), std::string(view(m.value)));
    }
  }

  void headers(const Value& v, const std::string& path,
               std::vector<std::pair<std::string, std::string>>& out) {
    static const std::vector<std::string_view> kReserved = {"host", "content-length", "transfer-encoding",
                                                            "connection", "authorization"};
    std::map<std::string, std::pair<std::string_view, std::string>> seen;  // lower-case name -> name, path
    for (const auto& m : v.GetObject()) {
      const std::string_view name = view(m.name);
      const std::string entry_path = child_path(path, name);
      const std::string folded = lower(name);
      if (!valid_header_name(name)) {
        error(entry_path, "invalid header name");
        continue;
      }
      if (std::find(kReserved.begin(), kReserved.end(), folded) != kReserved.end()) {
        error(entry_path, "set by the gateway; cannot be configured");
        continue;
      }
      if (auto [it, inserted] = seen.try_emplace(folded, name, entry_path); !inserted) {
        // Exact duplicates are already reported by object(); this catches other spellings.
        if (it->second.first != name)
          error(entry_path, "duplicate header (first at " + it->second.second + ")");
        continue;
      }
      if (!m.value.IsString()) {
        error(entry_path, "expected a string");
        continue;
      }
      if (has_control_characters(view(m.value), /*allow_tab=*/true)) {
        error(entry_path, "must not contain CR, LF, NUL or other control characters");
        continue;
      }
      out.emplace_back(std::string(name), std::string(view(m.value)));
    }
  }

  void service_auth(const Value& v, const std::string& path, core::upstream::ServiceAuth& out) {
    using core::upstream::ServiceAuthType;
    const std::string type_path = child_path(path, "type");
    if (find(v, "type") == nullptr) {
      error(type_path, "required");
      return;
    }
    const auto type = choice(v, path, "type", {"digest", "basic", "bearer"});
    if (!type) return;
    const std::string type_name = std::string(view(*find(v, "type")));
    out.type = *type == 0   ? ServiceAuthType::kDigest
               : *type == 1 ? ServiceAuthType::kBasic
                            : ServiceAuthType::kBearer;

    auto credential = [&](std::string_view key, std::string& field, bool allow_empty) {
      const std::string field_path = child_path(path, key);
      if (find(v, key) == nullptr) {
        error(field_path, "required for type " + quoted(type_name));
        return;
      }
      if (!string(v, path, key, field)) return;
      if (field.empty() && !allow_empty) {
        error(field_path, "must not be empty");
      } else if (has_control_characters(field, /*allow_tab=*/false)) {
        error(field_path, "must not contain control characters");
      }
    };
    auto unused = [&](std::string_view key) {
      if (find(v, key) != nullptr) error(child_path(path, key), "not used with type " + quoted(type_name));
    };

    if (out.type == ServiceAuthType::kBearer) {
      credential("token", out.token, false);
      unused("username");
      unused("password");
      if (!has_control_characters(out.token, false) && out.token.find(' ') != std::string::npos) {
        error(child_path(path, "token"), "must not contain spaces");
      }
      return;
    }
    credential("username", out.username, false);
    credential("password", out.password, true);
    unused("token");
    if (out.type == ServiceAuthType::kBasic && out.username.find(':') != std::string::npos) {
      error(child_path(path, "username"), "must not contain ':' (Basic auth)");
    }
    if (out.type == ServiceAuthType::kDigest && out.username.find('"') != std::string::npos) {
      error(child_path(path, "username"), "must not contain '\"' (Digest auth)");
    }
  }

  void rate_limit(const Value& v, const std::string& path, core::RateLimitSettings& out) {
    auto number = [&](std::string_view key, double lo, bool lo_inclusive, double hi, const char* message,
                      double& field) {
      const Value* n = find(v, key);
      if (n == nullptr) {
        error(child_path(path, key), "required");
        return;
      }
      const bool ok = n->IsNumber() && (lo_inclusive ? n->GetDouble() >= lo : n->GetDouble() > lo) &&
                      n->GetDouble() <= hi;
      if (!ok) {
        error(child_path(path, key), message);
        return;
      }
      field = n->GetDouble();
    };
    number("requests_per_second", 0, false, 1e6, "expected a number greater than 0 and at most 1000000",
           out.requests_per_second);
    number("burst", 1, true, 1e7, "expected a number between 1 and 10000000", out.burst);
  }

  void cross_checks(const Config& config, const Value* secrets) {
    if (config.admin && config.admin->port != 0 && config.admin->port == config.listen.port &&
        (config.admin->address == config.listen.address || is_wildcard_address(config.admin->address) ||
         is_wildcard_address(config.listen.address))) {
      error("admin.port", "same as listen.port");
    }
    const bool key_present =
        secrets != nullptr && secrets->IsObject() && find(*secrets, "verification_key") != nullptr;
    if (key_present) return;  // its length was checked where it was read
    for (std::size_t i = 0; i < uses_verification_.size(); ++i) {
      if (!uses_verification_[i]) continue;
      error("secrets.verification_key", "required when a tenant uses provider " +
                                            quoted(config.tenants[i].provider) + " (" + tenant_paths_[i] +
                                            ")");
      break;
    }
  }

  const core::AdapterRegistry& registry_;
  std::vector<Issue>& issues_;
  std::map<std::string, std::string> tenant_ids_;         // id -> path of its first use
  std::map<ApiKeyDigest, std::string> api_key_paths_;     // digest -> path of its first use
  std::vector<std::string> tenant_paths_;                 // parallel to Config::tenants
  std::vector<bool> uses_verification_;                   // parallel to Config::tenants
  std::vector<std::unique_ptr<core::Adapter>> declared_;  // compiled specs, alive while checking
};

}  // namespace

ValidationResult validate(const rapidjson::Value& substituted, const core::AdapterRegistry& registry) {
  ValidationResult result;
  Config config = Checker(registry, result.issues).run(substituted);
  if (!has_errors(result.issues)) result.config = std::move(config);
  return result;
}

}  // namespace profilegw::config
