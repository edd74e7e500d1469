// The two backends onboarded by configuration alone, through the mappings partners would write
// (config/examples/mappings/woocommerce.json and shopify.json), against golden fixtures taken from
// their public API documentation (tests/golden/mapped/<backend>/).
#include <catch2/catch.hpp>

#include "tests/unit/adapters/golden_support.h"
#include "tests/unit/adapters/mapped_test_support.h"

namespace profilegw::adapters {
namespace {

TEST_CASE("woocommerce mapping: golden fixtures", "[adapters][mapped][golden]") {
  const auto adapter = testing::compile_mapping_example("woocommerce");
  SECTION("reads") { testing::run_read_fixtures(*adapter, "mapped/woo"); }
  SECTION("patches") { testing::run_patch_fixtures(*adapter, "mapped/woo"); }
  SECTION("update answers") { testing::run_update_fixtures(*adapter, "mapped/woo"); }
  SECTION("error answers") { testing::run_error_fixtures(*adapter, "mapped/woo"); }
}

TEST_CASE("shopify mapping: golden fixtures", "[adapters][mapped][golden]") {
  const auto adapter = testing::compile_mapping_example("shopify");
  SECTION("reads") { testing::run_read_fixtures(*adapter, "mapped/shopify"); }
  SECTION("patches") { testing::run_patch_fixtures(*adapter, "mapped/shopify"); }
  SECTION("update answers") { testing::run_update_fixtures(*adapter, "mapped/shopify"); }
  SECTION("error answers") { testing::run_error_fixtures(*adapter, "mapped/shopify"); }
}

}  // namespace
}  // namespace profilegw::adapters
