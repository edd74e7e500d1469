// Built-in providers expressed as mappings (config/examples/mappings/<provider>.json) give the
// same results as their hand-written adapters: every golden fixture of the built-in (reads, patches
// with and without the current record, update answers, error answers) replayed through a
// MappedAdapter compiled from the mapping, and the capabilities compared field by field.
#include <catch2/catch.hpp>

#include "adapters/django/django_adapter.h"
#include "adapters/shop/shop_adapter.h"
#include "adapters/v1rest/v1rest_adapter.h"
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

}  // namespace
}  // namespace profilegw::adapters
