#include "tests/fuzz/fuzz_support.h"

#include <rapidjson/document.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "adapters/builtin_adapters.h"
#include "config/config_loader.h"
#include "core/model/utf8.h"
#include "core/problem.h"

namespace profilegw::fuzz {

void require(bool condition, std::string_view what) {
  if (condition) return;
  std::fprintf(stderr, "fuzz invariant broken: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

void require_json(std::string_view text, std::string_view what) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError()) {
    // Show what does not parse (escaped, bounded) before aborting: the finding is in these bytes.
    std::string shown;
    for (const char c : text.substr(0, 4000)) {
      const auto u = static_cast<unsigned char>(c);
      if (u >= 0x20 && u < 0x7f) {
        shown.push_back(c);
      } else {
        char hex[5];
        std::snprintf(hex, sizeof hex, "\\x%02x", u);
        shown.append(hex);
      }
    }
    std::fprintf(stderr, "not JSON (offset %zu): %s\n", doc.GetErrorOffset(), shown.c_str());
  }
  require(!doc.HasParseError(), what);
  // JSON text is UTF-8 (RFC 8259 section 8.1): bytes that are not, copied or decoded from a lone
  // surrogate escape, break clients that validate.
  require(core::is_valid_utf8(text), what);
}

void require_problem_renders(const core::Problem& problem) {
  const std::string body = core::render_problem(problem, "fuzz-request-id", "fuzz-tenant");
  require_json(body, "problem");
  require(core::is_valid_utf8(body), "a problem is not valid UTF-8");
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const core::AdapterRegistry& registry() {
  static const core::AdapterRegistry* instance = [] {
    auto* r = new core::AdapterRegistry();
    adapters::register_builtin(*r);
    return r;
  }();
  return *instance;
}

const config::Snapshot& demo_snapshot() {
  static const std::shared_ptr<config::Snapshot> instance = [] {
    const std::string path = std::string(PGW_SOURCE_DIR) + "/config/examples/demo.json";
    const std::string text = read_text(path);
    const config::EnvLookup no_env = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
    config::LoadResult result = config::load_config_text(text, path, no_env, registry());
    if (!result.ok()) {
      std::fputs(config::format_problems(result.issues).c_str(), stderr);
      require(false, "the demo config does not load");
    }
    return config::Snapshot::build(std::move(*result.loaded), registry());
  }();
  return *instance;
}

namespace {

// The example mappings (config/examples/mappings/), each a tenant of provider "mapped", in this order
// after the demo tenants; with the golden folder that holds a record for it.
struct MappedExample {
  const char* file;
  const char* golden;
};
constexpr MappedExample kMappedExamples[] = {
    {"django", "django"}, {"shop", "shop"}, {"v1rest", "v1rest"}, {"woocommerce", "mapped/woo"}, {"shopify", "mapped/shopify"},
};

const config::Snapshot& mapped_snapshot() {
  static const std::shared_ptr<config::Snapshot> instance = [] {
    std::string text = R"({"tenants": [)";
    for (const MappedExample& m : kMappedExamples) {
      const std::string tenant = read_text(std::string(PGW_SOURCE_DIR) + "/config/examples/mappings/" + m.file + ".json");
      require(!tenant.empty(), "an example mapping is missing");
      if (&m != &kMappedExamples[0]) text.push_back(',');
      text.append(tenant);
    }
    text.append("]}");
    const config::EnvLookup env = [](std::string_view) -> std::optional<std::string> { return "fuzz-secret"; };
    config::LoadResult result = config::load_config_text(text, "mappings.json", env, registry());
    if (!result.ok()) {
      std::fputs(config::format_problems(result.issues).c_str(), stderr);
      require(false, "the example mappings do not load");
    }
    return config::Snapshot::build(std::move(*result.loaded), registry());
  }();
  return *instance;
}

std::string golden_record(std::string_view folder) {
  const std::string dir = std::string(PGW_SOURCE_DIR) + "/tests/golden/" + std::string(folder) + "/";
  for (const char* name : {"read_ok.json", "read_user.json", "read_customer.json", "read_john.json", "read_bob.json"}) {
    std::string text = read_text(dir + name);
    if (!text.empty()) return text;
  }
  return {};
}

}  // namespace

const std::vector<AdapterSubject>& adapter_subjects() {
  static const std::vector<AdapterSubject>* instance = [] {
    auto* out = new std::vector<AdapterSubject>();
    std::vector<std::pair<const core::Tenant*, std::string>> tenants;  // with its golden folder
    for (const core::Tenant& t : demo_snapshot().tenants()) tenants.emplace_back(&t, t.provider);
    const auto& mapped = mapped_snapshot().tenants();
    for (std::size_t i = 0; i < mapped.size(); ++i) tenants.emplace_back(&mapped[i], kMappedExamples[i].golden);
    out->reserve(tenants.size());  // no reallocation: current.raw points into the element
    for (const auto& [tenant, golden] : tenants) {
      const core::Tenant& t = *tenant;
      AdapterSubject& s = out->emplace_back();
      s.tenant = &t;
      s.ctx.paths = &t.paths;
      s.ctx.provider = t.provider;
      s.ctx.customer_id = t.adapter->capabilities().addressing == core::Addressing::kId ? "123" : "";
      s.current_raw.status = 200;
      s.current_raw.headers = {{"content-type", "application/json"}};
      s.current_raw.body = golden_record(golden);
      core::Result<core::Profile> read = t.adapter->parse_read(s.ctx, s.current_raw);
      if (read) s.current = core::CurrentRecord{std::move(read).value(), &s.current_raw};
    }
    return out;
  }();
  return *instance;
}

}  // namespace profilegw::fuzz
