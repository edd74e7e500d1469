// The shop provider, now the embedded mapping adapters/builtin_mappings/shop.json: golden fixtures
// (tests/golden/shop/) plus the rules that are easier to state in code.
#include "adapters/builtin_mappings/builtin_mappings.h"

#include <catch2/catch.hpp>

#include "tests/unit/adapters/golden_support.h"

namespace profilegw::adapters {
namespace {

using core::FieldId;
using testing::FixtureContext;

constexpr std::string_view kProvider = "shop";

core::ProfilePatch patch_of(std::string_view body) {
  auto parsed = core::parse_patch(body);
  REQUIRE(std::holds_alternative<core::ProfilePatch>(parsed));
  return std::get<core::ProfilePatch>(parsed);
}

TEST_CASE("shop: golden reads", "[adapters][shop]") {
  testing::run_read_fixtures(*make_shop_adapter(), kProvider);
}
TEST_CASE("shop: golden patches", "[adapters][shop]") {
  testing::run_patch_fixtures(*make_shop_adapter(), kProvider);
}
TEST_CASE("shop: golden update answers", "[adapters][shop]") {
  testing::run_update_fixtures(*make_shop_adapter(), kProvider);
}
TEST_CASE("shop: golden error answers", "[adapters][shop]") {
  testing::run_error_fixtures(*make_shop_adapter(), kProvider);
}

TEST_CASE("shop: identity, defaults and capabilities", "[adapters][shop]") {
  auto adapter = make_shop_adapter();
  CHECK(adapter->name() == "shop");
  const core::Capabilities& caps = adapter->capabilities();
  CHECK(caps.addressing == core::Addressing::kToken);
  CHECK(caps.default_customer_auth == core::CustomerAuthScheme::kToken);
  CHECK_FALSE(caps.has_address);
  CHECK(caps.profile_completed_readable);
  auto cap = [&](FieldId f) -> const core::FieldCapability& { return caps.fields[core::index(f)]; };
  for (FieldId f :
       {FieldId::kUsername, FieldId::kFirstName, FieldId::kLastName, FieldId::kGender, FieldId::kAvatarUrl}) {
    INFO(core::field_name(f));
    CHECK(cap(f).readable);
    CHECK(cap(f).writable);
  }
  for (FieldId f : {FieldId::kFullName, FieldId::kEmail, FieldId::kPhone}) {
    INFO(core::field_name(f));
    CHECK(cap(f).readable);
    CHECK_FALSE(cap(f).writable);
  }
  for (FieldId f : {FieldId::kMiddleName, FieldId::kBirthDate, FieldId::kLanguage, FieldId::kNationalId,
                    FieldId::kAddressLine1, FieldId::kAddressCountry}) {
    INFO(core::field_name(f));
    CHECK_FALSE(cap(f).readable);
    CHECK_FALSE(cap(f).writable);
  }
  CHECK(cap(FieldId::kGender).enum_values == std::vector<std::string_view>{"male", "female"});
  CHECK(cap(FieldId::kAvatarUrl).format == "uri");
  CHECK_FALSE(cap(FieldId::kUsername).nullable);

  const auto paths = adapter->default_paths();
  REQUIRE(paths.size() == 2);
  CHECK(paths[0].path == "/api/shop/customers/me");
  CHECK(paths[1].path == "/api/shop/customers/me");
}

TEST_CASE("shop: reads with GET and writes with PATCH, never needing the current record",
          "[adapters][shop]") {
  auto adapter = make_shop_adapter();
  FixtureContext fc(*adapter);
  core::UpstreamRequest r = adapter->read_request(fc.ctx());
  CHECK(r.method == core::HttpMethod::kGet);
  CHECK(r.path == "/api/shop/customers/me");
  const core::ProfilePatch patch = patch_of(R"({"first_name":"A","last_name":"B","gender":"female"})");
  CHECK_FALSE(adapter->needs_current(patch));
  auto plan = adapter->plan_update(fc.ctx(), patch, nullptr);
  REQUIRE(plan.ok());
  REQUIRE(plan.value().steps.size() == 1);
  CHECK(plan.value().steps[0].method == core::HttpMethod::kPatch);
}

TEST_CASE("shop: any redirect answering the update is a bad response", "[adapters][shop]") {
  auto adapter = make_shop_adapter();
  FixtureContext fc(*adapter);
  for (int status : {300, 301, 302, 303, 307, 308}) {
    INFO(status);
    const core::UpstreamResponse r{status, {{"location", "/elsewhere"}}, ""};
    auto problem = adapter->check_step(fc.ctx(), core::UpdatePlan{}, 0, r);
    REQUIRE(problem.has_value());
    CHECK(problem->code == core::ProblemCode::kUpstreamBadResponse);
    CHECK(problem->upstream_status == status);
  }
}

}  // namespace
}  // namespace profilegw::adapters
