// v1rest adapter: golden fixtures (tests/golden/v1rest/) plus the rules that are easier to state in code.
#include "adapters/v1rest/v1rest_adapter.h"

#include <catch2/catch.hpp>

#include "tests/unit/adapters/golden_support.h"

namespace profilegw::adapters {
namespace {

using core::FieldId;
using testing::FixtureContext;

constexpr std::string_view kProvider = "v1rest";

core::ProfilePatch patch_of(std::string_view body) {
  auto parsed = core::parse_patch(body);
  REQUIRE(std::holds_alternative<core::ProfilePatch>(parsed));
  return std::get<core::ProfilePatch>(parsed);
}

TEST_CASE("v1rest: golden reads", "[adapters][v1rest]") {
  testing::run_read_fixtures(*make_v1rest_adapter(), kProvider);
}
TEST_CASE("v1rest: golden patches", "[adapters][v1rest]") {
  testing::run_patch_fixtures(*make_v1rest_adapter(), kProvider);
}
TEST_CASE("v1rest: golden update answers", "[adapters][v1rest]") {
  testing::run_update_fixtures(*make_v1rest_adapter(), kProvider);
}
TEST_CASE("v1rest: golden error answers", "[adapters][v1rest]") {
  testing::run_error_fixtures(*make_v1rest_adapter(), kProvider);
}

TEST_CASE("v1rest: identity, defaults and capabilities", "[adapters][v1rest]") {
  auto adapter = make_v1rest_adapter();
  CHECK(adapter->name() == "v1rest");
  const core::Capabilities& caps = adapter->capabilities();
  CHECK(caps.addressing == core::Addressing::kId);
  CHECK(caps.default_customer_auth == core::CustomerAuthScheme::kBearer);
  CHECK(caps.has_address);
  CHECK_FALSE(caps.profile_completed_readable);
  auto cap = [&](FieldId f) -> const core::FieldCapability& { return caps.fields[core::index(f)]; };
  for (FieldId f : {FieldId::kFirstName, FieldId::kLastName, FieldId::kEmail, FieldId::kBirthDate,
                    FieldId::kAddressLine1, FieldId::kAddressPostalCode, FieldId::kAddressCity,
                    FieldId::kAddressState, FieldId::kAddressCountry}) {
    INFO(core::field_name(f));
    CHECK(cap(f).readable);
    CHECK(cap(f).writable);
  }
  CHECK(cap(FieldId::kFullName).readable);
  CHECK_FALSE(cap(FieldId::kFullName).writable);
  for (FieldId f : {FieldId::kUsername, FieldId::kMiddleName, FieldId::kPhone, FieldId::kGender,
                    FieldId::kAvatarUrl, FieldId::kLanguage, FieldId::kNationalId}) {
    INFO(core::field_name(f));
    CHECK_FALSE(cap(f).readable);
    CHECK_FALSE(cap(f).writable);
  }
  CHECK(cap(FieldId::kAddressLine1).max_length == 30);
  CHECK(cap(FieldId::kAddressCountry).min_length == 4);
  CHECK(cap(FieldId::kAddressCountry).max_length == 30);
  CHECK(cap(FieldId::kAddressCity).max_length == 50);
  CHECK(cap(FieldId::kAddressState).max_length == 50);
  CHECK_FALSE(cap(FieldId::kEmail).nullable);
  CHECK_FALSE(cap(FieldId::kAddressPostalCode).pattern.empty());
}

TEST_CASE("v1rest: the customer id is percent-encoded into both paths", "[adapters][v1rest]") {
  auto adapter = make_v1rest_adapter();
  core::PathTemplates paths({{"get", "/api/v1/customers/{id}/"}, {"update", "/api/v1/customers/{id}/"}});
  core::CallContext ctx{&paths, "v1rest", "a/b?c"};
  const core::UpstreamRequest r = adapter->read_request(ctx);
  CHECK(r.method == core::HttpMethod::kGet);
  CHECK(r.path == "/api/v1/customers/a%2Fb%3Fc/");

  const core::UpstreamResponse raw{
      200, {}, R"({"email":"a@b.co","first_name":"A","last_name":"B","address":null})"};
  auto profile = adapter->parse_read(ctx, raw);
  REQUIRE(profile.ok());
  CHECK(profile.value().id == "a/b?c");
  const core::CurrentRecord current{profile.value(), &raw};
  auto plan = adapter->plan_update(ctx, patch_of(R"({"first_name":"C"})"), &current);
  REQUIRE(plan.ok());
  CHECK(plan.value().steps.at(0).method == core::HttpMethod::kPut);
  CHECK(plan.value().steps.at(0).path == "/api/v1/customers/a%2Fb%3Fc/");
}

TEST_CASE("v1rest: every update is a read-modify-write", "[adapters][v1rest]") {
  auto adapter = make_v1rest_adapter();
  CHECK(adapter->needs_current(patch_of("{}")));
  CHECK(adapter->needs_current(patch_of(R"({"email":"a@b.co"})")));
  CHECK(adapter->needs_current(patch_of(R"({"address":{"city":"X"}})")));

  FixtureContext fc(*adapter);
  auto without = adapter->plan_update(fc.ctx(), patch_of(R"({"email":"a@b.co"})"), nullptr);
  REQUIRE_FALSE(without.ok());
  CHECK(without.problem().code == core::ProblemCode::kInternalError);

  // A current record the backend sent in a shape we cannot read is the backend's fault.
  const core::UpstreamResponse raw{200, {}, "[]"};
  const core::CurrentRecord current{core::Profile{}, &raw};
  auto bad = adapter->plan_update(fc.ctx(), patch_of(R"({"email":"a@b.co"})"), &current);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.problem().code == core::ProblemCode::kUpstreamBadResponse);
}

TEST_CASE("v1rest: the PUT answer becomes the profile under the path id", "[adapters][v1rest]") {
  auto adapter = make_v1rest_adapter();
  FixtureContext fc(*adapter);
  const core::UpstreamResponse r{
      200, {}, R"({"email":"a@b.co","first_name":"A","last_name":"","address":null})"};
  auto outcome = adapter->finish_update(fc.ctx(), core::ProfilePatch{}, nullptr, std::span(&r, 1));
  REQUIRE(outcome.ok());
  REQUIRE(outcome.value().profile.has_value());
  CHECK(outcome.value().profile->id == "123");
  CHECK(outcome.value().profile->get(FieldId::kFullName) == "A");
  CHECK_FALSE(outcome.value().profile->get(FieldId::kLastName).has_value());
}

}  // namespace
}  // namespace profilegw::adapters
