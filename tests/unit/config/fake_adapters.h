// Test doubles for the config floor: five tiny adapters named like the real providers (with the
// contract's default paths and customer-auth defaults) and a factory named like "mapped", so config
// tests do not depend on adapters/.
#pragma once

#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config_issue.h"
#include "config/config_loader.h"
#include "config/config_validator.h"
#include "config/json_loader.h"
#include "config/substitution.h"
#include "core/adapter.h"

namespace profilegw::config::testing {

class FakeAdapter final : public core::Adapter {
 public:
  FakeAdapter(std::string_view name, core::Addressing addressing, core::CustomerAuthScheme auth,
              std::vector<core::PathDefault> paths, bool verifies_contacts = false)
      : name_(name), paths_(std::move(paths)) {
    capabilities_.addressing = addressing;
    capabilities_.default_customer_auth = auth;
    capabilities_.fields[core::index(core::FieldId::kEmail)].requires_verification = verifies_contacts;
  }

  std::string_view name() const override { return name_; }
  const core::Capabilities& capabilities() const override { return capabilities_; }
  std::span<const core::PathDefault> default_paths() const override { return paths_; }
  core::UpstreamRequest read_request(const core::CallContext&) const override { return {}; }
  core::Result<core::Profile> parse_read(const core::CallContext&,
                                         const core::UpstreamResponse&) const override {
    return core::Profile{};
  }
  std::optional<core::Problem> check_patch(const core::ProfilePatch&) const override { return std::nullopt; }
  bool needs_current(const core::ProfilePatch&) const override { return false; }
  core::Result<core::UpdatePlan> plan_update(const core::CallContext&, const core::ProfilePatch&,
                                             const core::CurrentRecord*) const override {
    return core::UpdatePlan{};
  }
  std::optional<core::Problem> check_step(const core::CallContext&, const core::UpdatePlan&, std::size_t,
                                          const core::UpstreamResponse&) const override {
    return std::nullopt;
  }
  core::Result<core::UpdateOutcome> finish_update(const core::CallContext&, const core::ProfilePatch&,
                                                  const core::CurrentRecord*,
                                                  std::span<const core::UpstreamResponse>) const override {
    return core::UpdateOutcome{};
  }

 private:
  std::string_view name_;
  core::Capabilities capabilities_;
  std::vector<core::PathDefault> paths_;
};

// A provider declared in config, like "mapped": any object compiles into an id-addressed adapter;
// an object with an "invalid" member is rejected with an issue at that member's path.
class FakeFactory final : public core::AdapterFactory {
 public:
  std::string_view name() const override { return "mapped"; }
  std::string_view spec_key() const override { return "mapping"; }
  std::unique_ptr<core::Adapter> compile(const rapidjson::Value& spec, std::string_view path,
                                         std::vector<core::SpecIssue>& issues) const override {
    if (!spec.IsObject()) {
      issues.push_back({std::string(path), "expected an object"});
      return nullptr;
    }
    if (spec.HasMember("invalid")) {
      issues.push_back({std::string(path) + ".invalid", "rejected by the fake factory"});
      return nullptr;
    }
    if (spec.HasMember("doubtful")) issues.push_back({std::string(path) + ".doubtful", "a warning", true});
    return std::make_unique<FakeAdapter>(
        "mapped", core::Addressing::kId, core::CustomerAuthScheme::kNone,
        std::vector<core::PathDefault>{{"get", "/declared/{id}"}, {"update", "/declared/{id}"}});
  }
};

inline const core::AdapterRegistry& fake_registry() {
  static const core::AdapterRegistry registry = [] {
    using core::Addressing;
    using core::CustomerAuthScheme;
    core::AdapterRegistry r;
    r.add(std::make_unique<FakeAdapter>(
        "django", Addressing::kToken, CustomerAuthScheme::kBearer,
        std::vector<core::PathDefault>{{"get", "/api/customers/me/"},
                                       {"update", "/api/customers/me/update/"}}));
    r.add(
        std::make_unique<FakeAdapter>("shop", Addressing::kToken, CustomerAuthScheme::kToken,
                                      std::vector<core::PathDefault>{{"get", "/api/shop/customers/me"},
                                                                     {"update", "/api/shop/customers/me"}}));
    r.add(
        std::make_unique<FakeAdapter>("v1rest", Addressing::kId, CustomerAuthScheme::kBearer,
                                      std::vector<core::PathDefault>{{"get", "/api/v1/customers/{id}/"},
                                                                     {"update", "/api/v1/customers/{id}/"}}));
    r.add(
        std::make_unique<FakeAdapter>("partner", Addressing::kId, CustomerAuthScheme::kNone,
                                      std::vector<core::PathDefault>{{"get", "/partner/customer/{id}"},
                                                                     {"update", "/partner/customer/{id}"}}));
    r.add(
        std::make_unique<FakeAdapter>("salla", Addressing::kToken, CustomerAuthScheme::kBearer,
                                      std::vector<core::PathDefault>{{"get", "/auth/user"},
                                                                     {"update", "/profile/update"},
                                                                     {"contacts", "/profile/contacts/update"},
                                                                     {"verify", "/profile/verify"}},
                                      /*verifies_contacts=*/true));
    r.add_factory(std::make_unique<FakeFactory>());
    return r;
  }();
  return registry;
}

// An environment made of the given variables only.
inline EnvLookup fake_env(std::map<std::string, std::string> vars = {}) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    const auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

// Parses `json` (which must be well-formed) and validates it against the fake registry.
inline ValidationResult validate_text(std::string_view json) {
  JsonParseResult parsed = parse_json(json, "test.json");
  if (!parsed.ok()) throw std::runtime_error("bad test JSON: " + parsed.error->message);
  return validate(parsed.document, fake_registry());
}

// Every issue as format_issue prints it.
inline std::vector<std::string> issue_lines(const std::vector<Issue>& issues) {
  std::vector<std::string> out;
  for (const Issue& i : issues) out.push_back(format_issue(i));
  return out;
}

// Matcher: the lines include exactly `line` (prints every line on failure).
inline auto has_line(std::string line) { return Catch::Matchers::VectorContains(std::move(line)); }

// A config whose only tenant is `tenant_json` (an object literal).
inline std::string with_tenants(std::string_view tenants_json, std::string_view extra_root = "") {
  std::string out = "{";
  out += extra_root;
  if (!extra_root.empty()) out += ",";
  out += "\"tenants\": [";
  out += tenants_json;
  out += "]}";
  return out;
}

inline constexpr std::string_view kDjangoTenant = R"({
  "id": "acme",
  "api_keys": ["sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"],
  "provider": "django",
  "upstream": { "base_url": "https://api.acme.example" }
})";

}  // namespace profilegw::config::testing
