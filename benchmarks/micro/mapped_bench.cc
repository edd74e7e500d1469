// The built-in providers that are mappings (adapters/builtin_mappings/, embedded and compiled at
// start-up) against the same mappings given as a tenant's "mapping" block
// (config/examples/mappings/<provider>.json), per direction, in ns/op, on the same golden
// fixtures: both are the one translation engine, so the two columns should agree; before django,
// shop and v1rest moved onto the engine the first column was their hand-written adapters, within
// 10-20% of the mapping. Also the WooCommerce and Shopify mappings on their own fixtures.
//   request  — PATCH body → upstream request: parse_patch, check_patch, plan_update
//   response — upstream answer → unified JSON: parse_read or finish_update, write_profile_json, ETag
// Also what compiling a mapping costs, paid once per config snapshot (load, reload, admin change)
// and never per request.
// Run: build/<dir>/benchmarks/micro/micro_benchmarks "[mapped]" (an optimised build: release, bench)
#include <catch2/catch.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "adapters/builtin_adapters.h"
#include "adapters/mapped/mapped_adapter.h"
#include "core/adapter.h"
#include "tests/unit/adapters/golden_support.h"
#include "tests/unit/adapters/mapped_test_support.h"

namespace profilegw::benchmarks {
namespace {

using adapters::testing::golden_path;
using adapters::testing::read_text;

struct Case {
  std::string_view fixtures;  // tests/golden/<fixtures>/
  std::string_view read;      // a backend record
  std::string_view patch;     // patch_<case>: .request.json (+ .current.json)
  std::string_view update;    // the backend's answer to the update
};

const core::Adapter& builtin(std::string_view name) {
  static const core::AdapterRegistry r = [] {
    core::AdapterRegistry reg;
    adapters::register_builtin(reg);
    return reg;
  }();
  const core::Adapter* a = r.find(name);
  REQUIRE(a != nullptr);
  return *a;
}

std::size_t render(const core::Profile& profile, std::string& out) {
  out.clear();
  core::write_profile_json(profile, out);
  return out.size() + core::profile_etag(profile).size();
}

// The same four measurements for `adapter` on `c`'s fixtures, named "<label> <direction>: <fixture>".
void bench(const std::string& label, const core::Adapter& adapter, const Case& c) {
  const adapters::testing::FixtureContext fc(adapter);
  const core::CallContext& ctx = fc.ctx();

  const core::UpstreamResponse read_answer{200, {}, read_text(golden_path(c.fixtures, c.read))};
  REQUIRE(adapter.parse_read(ctx, read_answer).ok());

  const std::string patch_body = read_text(golden_path(c.fixtures, std::string(c.patch) + ".request.json"));
  auto first = core::parse_patch(patch_body);
  REQUIRE(std::holds_alternative<core::ProfilePatch>(first));
  const core::ProfilePatch& sample = std::get<core::ProfilePatch>(first);
  REQUIRE_FALSE(adapter.check_patch(sample).has_value());
  std::optional<core::CurrentRecord> current;
  core::UpstreamResponse current_raw;
  const std::string current_file = golden_path(c.fixtures, std::string(c.patch) + ".current.json");
  if (adapters::testing::file_exists(current_file)) {
    current_raw = core::UpstreamResponse{200, {}, read_text(current_file)};
    current = core::CurrentRecord{adapter.parse_read(ctx, current_raw).value(), &current_raw};
  }
  REQUIRE((!adapter.needs_current(sample) || current.has_value()));
  const core::CurrentRecord* current_ptr = current ? &*current : nullptr;
  REQUIRE(adapter.plan_update(ctx, sample, current_ptr).ok());

  const core::UpstreamResponse update_answer{200, {}, read_text(golden_path(c.fixtures, c.update))};
  const core::ProfilePatch empty;
  const auto answers = std::span<const core::UpstreamResponse>(&update_answer, 1);
  REQUIRE(adapter.finish_update(ctx, empty, nullptr, answers).value().profile.has_value());

  std::string out;
  out.reserve(2048);
  BENCHMARK(label + " request: " + std::string(c.patch)) {
    auto parsed = core::parse_patch(patch_body);
    const core::ProfilePatch& patch = std::get<core::ProfilePatch>(parsed);
    if (adapter.check_patch(patch)) return std::size_t{0};
    return adapter.plan_update(ctx, patch, current_ptr).value().steps.front().body.size();
  };
  BENCHMARK(label + " response: " + std::string(c.read)) {
    return render(adapter.parse_read(ctx, read_answer).value(), out);
  };
  BENCHMARK(label + " response: " + std::string(c.update)) {
    return render(*adapter.finish_update(ctx, empty, nullptr, answers).value().profile, out);
  };
}

constexpr Case kDjango = {"django", "read_ok.json", "patch_everything", "update_ok.response.json"};
// Half a name: the other half comes from the current record (read-modify-write).
constexpr Case kDjangoHalfName = {"django", "read_multi_word.json", "patch_first_only",
                                  "update_ok.response.json"};
constexpr Case kShop = {"shop", "read_ok.json", "patch_seed_example", "update_ok.response.json"};
constexpr Case kV1rest = {"v1rest", "read_ok.json", "patch_whole_address", "update_ok.response.json"};

}  // namespace

TEST_CASE("embedded vs tenant mapping: django", "[mapped][django]") {
  const auto mapped = adapters::testing::compile_mapping_example("django");
  bench("django embedded", builtin("django"), kDjango);
  bench("django tenant  ", *mapped, kDjango);
  bench("django embedded", builtin("django"), kDjangoHalfName);
  bench("django tenant  ", *mapped, kDjangoHalfName);
}

TEST_CASE("embedded vs tenant mapping: shop and v1rest", "[mapped][shop][v1rest]") {
  const auto shop = adapters::testing::compile_mapping_example("shop");
  const auto v1rest = adapters::testing::compile_mapping_example("v1rest");
  bench("shop embedded", builtin("shop"), kShop);
  bench("shop tenant  ", *shop, kShop);
  bench("v1rest embedded", builtin("v1rest"), kV1rest);
  bench("v1rest tenant  ", *v1rest, kV1rest);
}

TEST_CASE("mapped: compiling a mapping, once per config snapshot", "[mapped][compile]") {
  for (std::string_view name : {"woocommerce", "shopify", "django"}) {
    const std::string path = std::string(PGW_SOURCE_DIR) + "/config/examples/mappings/" + std::string(name) + ".json";
    const rapidjson::Document doc = adapters::testing::parse_json(read_text(path), path);
    const rapidjson::Value& spec = doc["mapping"];
    const auto factory = adapters::make_mapped_adapter_factory();
    std::vector<core::SpecIssue> issues;
    REQUIRE(factory->compile(spec, "mapping", issues) != nullptr);
    BENCHMARK("compile " + std::string(name) + " mapping") {
      std::vector<core::SpecIssue> found;
      return factory->compile(spec, "mapping", found) != nullptr;
    };
  }
}

TEST_CASE("mapped: woocommerce and shopify", "[mapped][woo][shopify]") {
  bench("woocommerce", *adapters::testing::compile_mapping_example("woocommerce"),
        Case{"mapped/woo", "read_john.json", "patch_gender_address", "update_ok.response.json"});
  bench("shopify", *adapters::testing::compile_mapping_example("shopify"),
        Case{"mapped/shopify", "read_bob.json", "patch_city", "update_ok.response.json"});
}

}  // namespace profilegw::benchmarks
