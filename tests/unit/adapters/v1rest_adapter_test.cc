// The v1rest provider, now the embedded mapping adapters/builtin_mappings/v1rest.json: golden fixtures
// (tests/golden/v1rest/) plus the rules that are easier to state in code.
#include "adapters/builtin_mappings/builtin_mappings.h"

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

// The backend's postal code is a non-negative 32-bit integer; the unified one a string. Only strings
// the integer holds exactly are written (leading zeros would be dropped on the way back).
TEST_CASE("v1rest: postal codes", "[adapters][v1rest]") {
  auto adapter = make_v1rest_adapter();
  auto problem = [&](std::string_view code) {
    return adapter->check_patch(patch_of(R"({"address":{"postal_code":")" + std::string(code) + R"("}})"));
  };
  CHECK_FALSE(problem("54321").has_value());
  CHECK_FALSE(problem("0").has_value());
  CHECK_FALSE(problem("2147483647").has_value());
  CHECK(problem("2147483648").has_value());
  CHECK(problem("99999999999999999999").has_value());
  CHECK(problem("02134").has_value());
  CHECK(problem("").has_value());
  CHECK(problem("12-345").has_value());
  CHECK(problem("-1").has_value());
  CHECK(problem(" 12345").has_value());
  CHECK(problem("\u0661\u0662\u0663").has_value());  // Arabic-Indic digits are not ASCII digits
  const auto leading_zero = problem("02134");
  REQUIRE(leading_zero.has_value());
  CHECK(leading_zero->code == core::ProblemCode::kValidationFailed);

  FixtureContext fc(*adapter);
  const core::UpstreamResponse raw{200, {}, R"({"id":123,"first_name":"A","last_name":"B","email":"a@b.co",
      "address":{"street_address":"1 Main St","postal_code":1,"city":"Town","state":"CA","country":"USA1"}})"};
  auto profile = adapter->parse_read(fc.ctx(), raw);
  REQUIRE(profile.ok());
  const core::CurrentRecord current{profile.value(), &raw};
  for (const std::int64_t value : {std::int64_t{54321}, std::int64_t{2147483647}}) {
    const std::string patch = R"({"address":{"postal_code":")" + std::to_string(value) + R"("}})";
    auto plan = adapter->plan_update(fc.ctx(), patch_of(patch), &current);
    REQUIRE(plan.ok());
    const rapidjson::Document body = testing::parse_json(plan.value().steps.at(0).body, "body");
    REQUIRE(body["address"]["postal_code"].IsInt64());
    CHECK(body["address"]["postal_code"].GetInt64() == value);
  }
}

}  // namespace
}  // namespace profilegw::adapters
