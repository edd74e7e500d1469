// The built-in django, shop and v1rest providers are mappings embedded into the binary
// (adapters/builtin_mappings/<provider>.json). The example mappings a partner would copy
// (config/examples/mappings/<provider>.json, provider "mapped") are the same mapping: compiled from
// the example, every golden fixture of the built-in (reads, patches with and without the current
// record, update answers, error answers) gives the built-in's results, the capabilities match field
// by field, and the two files hold the same mapping block but for its description.
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "adapters/builtin_adapters.h"
#include "adapters/builtin_mappings/builtin_mappings.h"
#include "tests/unit/adapters/golden_support.h"
#include "tests/unit/adapters/mapped_test_support.h"

namespace profilegw::adapters {
namespace {

// Everything the capabilities document shows, except the default customer-auth scheme: a mapped
// tenant states it in `customer_auth`, as the examples do.
void require_same_capabilities(const core::Adapter& mapped, const core::Adapter& builtin) {
  const core::Capabilities& a = mapped.capabilities();
  const core::Capabilities& b = builtin.capabilities();
  CHECK(a.addressing == b.addressing);
  CHECK(a.has_address == b.has_address);
  CHECK(a.profile_completed_readable == b.profile_completed_readable);
  for (std::size_t i = 0; i < core::kFieldCount; ++i) {
    INFO(core::kFieldNames[i]);
    const core::FieldCapability& x = a.fields[i];
    const core::FieldCapability& y = b.fields[i];
    CHECK(x.readable == y.readable);
    CHECK(x.writable == y.writable);
    CHECK((x.writable && x.nullable) == (y.writable && y.nullable));
    CHECK(x.min_length == y.min_length);
    CHECK(x.max_length == y.max_length);
    CHECK(x.enum_values == y.enum_values);
    CHECK(x.format == y.format);
    CHECK(x.pattern == y.pattern);
  }
  const auto pa = mapped.default_paths();
  const auto pb = builtin.default_paths();
  REQUIRE(pa.size() == pb.size());
  for (std::size_t i = 0; i < pa.size(); ++i) {
    CHECK(pa[i].key == pb[i].key);
    CHECK(pa[i].path == pb[i].path);
  }
}

TEST_CASE("django as a mapping: the django golden fixtures give identical results",
          "[adapters][mapped][equivalence]") {
  const auto mapped = testing::compile_mapping_example("django");
  SECTION("reads") { testing::run_read_fixtures(*mapped, "django", "django"); }
  SECTION("patches") { testing::run_patch_fixtures(*mapped, "django", "django"); }
  SECTION("update answers") { testing::run_update_fixtures(*mapped, "django", "django"); }
  SECTION("error answers") { testing::run_error_fixtures(*mapped, "django", "django"); }
  SECTION("capabilities") { require_same_capabilities(*mapped, *make_django_adapter()); }
}

TEST_CASE("shop as a mapping: the shop golden fixtures give identical results",
          "[adapters][mapped][equivalence]") {
  const auto mapped = testing::compile_mapping_example("shop");
  SECTION("reads") { testing::run_read_fixtures(*mapped, "shop", "shop"); }
  SECTION("patches") { testing::run_patch_fixtures(*mapped, "shop", "shop"); }
  SECTION("update answers") { testing::run_update_fixtures(*mapped, "shop", "shop"); }
  SECTION("error answers") { testing::run_error_fixtures(*mapped, "shop", "shop"); }
  SECTION("capabilities") { require_same_capabilities(*mapped, *make_shop_adapter()); }
}

TEST_CASE("v1rest as a mapping: the v1rest golden fixtures give identical results",
          "[adapters][mapped][equivalence]") {
  const auto mapped = testing::compile_mapping_example("v1rest");
  SECTION("reads") { testing::run_read_fixtures(*mapped, "v1rest", "v1rest"); }
  SECTION("patches") { testing::run_patch_fixtures(*mapped, "v1rest", "v1rest"); }
  SECTION("update answers") { testing::run_update_fixtures(*mapped, "v1rest", "v1rest"); }
  SECTION("error answers") { testing::run_error_fixtures(*mapped, "v1rest", "v1rest"); }
  SECTION("capabilities") { require_same_capabilities(*mapped, *make_v1rest_adapter()); }
}

TEST_CASE("built-in mappings: embedded, compiled without a problem, registered under their names",
          "[adapters][mapped][builtin]") {
  core::AdapterRegistry registry;
  register_builtin(registry);
  std::vector<std::string_view> names;
  for (const builtin::EmbeddedMapping& e : builtin::embedded_mappings()) {
    INFO(e.provider);
    names.push_back(e.provider);
    std::vector<std::string> problems;
    const auto adapter = builtin::compile_embedded(e, problems);
    CHECK(problems.empty());
    REQUIRE(adapter != nullptr);
    CHECK(adapter->name() == e.provider);
    const core::Adapter* registered = registry.find(e.provider);
    REQUIRE(registered != nullptr);
    CHECK(registered->name() == e.provider);
    CHECK(registry.find_factory(e.provider) == nullptr);
  }
  CHECK(names == std::vector<std::string_view>{"django", "shop", "v1rest"});
  CHECK(registry.names() ==
        std::vector<std::string_view>{"django", "shop", "v1rest", "partner", "salla", "mapped"});

  // The customer-auth scheme a tenant that names none gets, as before the move.
  CHECK(make_django_adapter()->capabilities().default_customer_auth == core::CustomerAuthScheme::kBearer);
  CHECK(make_shop_adapter()->capabilities().default_customer_auth == core::CustomerAuthScheme::kToken);
  CHECK(make_v1rest_adapter()->capabilities().default_customer_auth == core::CustomerAuthScheme::kBearer);
}

TEST_CASE("built-in mappings: a broken embedded file is refused with its problems",
          "[adapters][mapped][builtin]") {
  std::vector<std::string> problems;
  CHECK(builtin::compile_embedded({"django", "{"}, problems) == nullptr);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].starts_with("adapters/builtin_mappings/django.json: not JSON"));

  problems.clear();
  const builtin::EmbeddedMapping wrong{
      "shop", R"({"provider": "shop", "default_customer_auth": "Basic", "mapping": {"addressing": "token",
                 "read": {"method": "GET", "path": "/me"}, "fields": {"email": "email"}}})"};
  CHECK(builtin::compile_embedded(wrong, problems) == nullptr);
  CHECK(problems.size() >= 2);
  CHECK_THROWS_AS(make_builtin_mapped_adapter("partner"), std::logic_error);
}

TEST_CASE("built-in mappings: the example files hold the same mapping", "[adapters][mapped][builtin]") {
  for (const builtin::EmbeddedMapping& e : builtin::embedded_mappings()) {
    INFO(e.provider);
    const std::string path =
        std::string(PGW_SOURCE_DIR) + "/config/examples/mappings/" + std::string(e.provider) + ".json";
    rapidjson::Document example = testing::parse_json(testing::read_text(path), path);
    rapidjson::Document embedded = testing::parse_json(e.json, e.provider);
    REQUIRE(example.HasMember("mapping"));
    REQUIRE(embedded.HasMember("mapping"));
    example["mapping"].RemoveMember("description");
    embedded["mapping"].RemoveMember("description");
    CHECK(example["mapping"] == embedded["mapping"]);
  }
}

}  // namespace
}  // namespace profilegw::adapters
