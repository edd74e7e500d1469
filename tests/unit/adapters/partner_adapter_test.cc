// partner adapter: golden fixtures (tests/golden/partner/: reads, PATCH plans with the required
// members filled from the current record, length rules, update answers, envelope failures) plus
// the rules that are easier to state in code.
#include "adapters/partner/partner_adapter.h"

#include <catch2/catch.hpp>

#include "tests/unit/adapters/golden_support.h"

namespace profilegw::adapters {
namespace {

using core::FieldId;
using core::ProblemCode;
using testing::FixtureContext;

constexpr std::string_view kProvider = "partner";

core::ProfilePatch patch_of(std::string_view body) {
  auto parsed = core::parse_patch(body);
  REQUIRE(std::holds_alternative<core::ProfilePatch>(parsed));
  return std::get<core::ProfilePatch>(parsed);
}

core::UpstreamResponse answer(int status, std::string body) {
  return core::UpstreamResponse{status, {}, std::move(body)};
}

}  // namespace

TEST_CASE("partner: golden reads", "[adapters][partner]") {
  testing::run_read_fixtures(*make_partner_adapter(), kProvider);
}
TEST_CASE("partner: golden patches", "[adapters][partner]") {
  testing::run_patch_fixtures(*make_partner_adapter(), kProvider);
}
TEST_CASE("partner: golden update answers", "[adapters][partner]") {
  testing::run_update_fixtures(*make_partner_adapter(), kProvider);
}
TEST_CASE("partner: golden error answers", "[adapters][partner]") {
  testing::run_error_fixtures(*make_partner_adapter(), kProvider);
}

TEST_CASE("partner: identity, defaults and capabilities", "[adapters][partner]") {
  auto adapter = make_partner_adapter();
  CHECK(adapter->name() == "partner");
  const core::Capabilities& caps = adapter->capabilities();
  CHECK(caps.addressing == core::Addressing::kId);
  CHECK(caps.default_customer_auth == core::CustomerAuthScheme::kNone);
  CHECK_FALSE(caps.has_address);
  CHECK_FALSE(caps.profile_completed_readable);

  auto cap = [&](FieldId f) -> const core::FieldCapability& { return caps.fields[core::index(f)]; };
  for (FieldId f : {FieldId::kFirstName, FieldId::kMiddleName, FieldId::kLastName, FieldId::kEmail,
                    FieldId::kPhone, FieldId::kGender, FieldId::kBirthDate, FieldId::kNationalId}) {
    INFO(core::field_name(f));
    CHECK(cap(f).readable);
    CHECK(cap(f).writable);
    CHECK_FALSE(cap(f).requires_verification);
  }
  CHECK(cap(FieldId::kFullName).readable);
  CHECK_FALSE(cap(FieldId::kFullName).writable);
  for (FieldId f : {FieldId::kUsername, FieldId::kAvatarUrl, FieldId::kLanguage, FieldId::kAddressLine1,
                    FieldId::kAddressPostalCode, FieldId::kAddressCity, FieldId::kAddressState,
                    FieldId::kAddressCountry}) {
    INFO(core::field_name(f));
    CHECK_FALSE(cap(f).readable);
    CHECK_FALSE(cap(f).writable);
  }
  // The backend requires these on every PATCH: they can be changed, never cleared.
  for (FieldId f : {FieldId::kFirstName, FieldId::kLastName, FieldId::kPhone, FieldId::kNationalId}) {
    INFO(core::field_name(f));
    CHECK_FALSE(cap(f).nullable);
  }
  for (FieldId f : {FieldId::kMiddleName, FieldId::kEmail, FieldId::kGender, FieldId::kBirthDate}) {
    INFO(core::field_name(f));
    CHECK(cap(f).nullable);
  }
  for (FieldId f : {FieldId::kFirstName, FieldId::kMiddleName, FieldId::kLastName}) {
    CHECK(cap(f).min_length == 3);
    CHECK(cap(f).max_length == 40);
  }
  CHECK(cap(FieldId::kNationalId).min_length == 3);
  CHECK_FALSE(cap(FieldId::kNationalId).max_length.has_value());
  CHECK(cap(FieldId::kGender).enum_values == std::vector<std::string_view>{"male", "female"});
  CHECK(cap(FieldId::kBirthDate).format == "date");
  CHECK(cap(FieldId::kPhone).format == "e164");
  CHECK(cap(FieldId::kEmail).format == "email");

  std::vector<std::pair<std::string_view, std::string_view>> paths;
  for (const core::PathDefault& d : adapter->default_paths()) paths.emplace_back(d.key, d.path);
  CHECK(paths == std::vector<std::pair<std::string_view, std::string_view>>{
                     {"get", "/partner/customer/{id}"}, {"update", "/partner/customer/{id}"}});
}

TEST_CASE("partner: the read request addresses the customer by id", "[adapters][partner]") {
  auto adapter = make_partner_adapter();
  FixtureContext fc(*adapter);
  core::CallContext ctx = fc.ctx();
  ctx.customer_id = "MTD 18/2";
  const core::UpstreamRequest get = adapter->read_request(ctx);
  CHECK(get.method == core::HttpMethod::kGet);
  CHECK(get.path == "/partner/customer/MTD%2018%2F2");
  CHECK(get.body.empty());
}

TEST_CASE("partner: every PATCH needs the current record", "[adapters][partner]") {
  auto adapter = make_partner_adapter();
  CHECK(adapter->needs_current(patch_of(R"({"first_name":"Jonathan"})")));
  CHECK(adapter->needs_current(patch_of(
      R"({"first_name":"Jane","last_name":"Roe","phone":"+905550001122","national_id":"11111111111"})")));
  FixtureContext fc(*adapter);
  core::Result<core::UpdatePlan> plan =
      adapter->plan_update(fc.ctx(), patch_of(R"({"first_name":"Jonathan"})"), nullptr);
  REQUIRE_FALSE(plan.ok());
  CHECK(plan.problem().code == ProblemCode::kInternalError);
}

TEST_CASE("partner: an update answer without the record asks the core to read it back",
          "[adapters][partner]") {
  auto adapter = make_partner_adapter();
  FixtureContext fc(*adapter);
  const core::ProfilePatch patch = patch_of(R"({"email":"x@example.com"})");
  for (const char* body : {R"({"data":null,"success":true,"code":0,"message":"Updated"})",
                           R"({"data":{},"success":true,"code":0,"message":"Updated"})", ""}) {
    INFO(body);
    const core::UpstreamResponse r = answer(200, body);
    CHECK_FALSE(adapter->check_step(fc.ctx(), core::UpdatePlan{}, 0, r).has_value());
    core::Result<core::UpdateOutcome> out =
        adapter->finish_update(fc.ctx(), patch, nullptr, std::span<const core::UpstreamResponse>(&r, 1));
    REQUIRE(out.ok());
    CHECK(out.value().reread);
    CHECK_FALSE(out.value().profile.has_value());
    CHECK_FALSE(out.value().verification.has_value());
  }
}

TEST_CASE("partner: the update answer's data becomes the profile", "[adapters][partner]") {
  auto adapter = make_partner_adapter();
  FixtureContext fc(*adapter);
  const core::UpstreamResponse r{
      200, {}, testing::read_text(testing::golden_path(kProvider, "update_answer.response.json"))};
  CHECK_FALSE(adapter->check_step(fc.ctx(), core::UpdatePlan{}, 0, r).has_value());
  core::Result<core::UpdateOutcome> out =
      adapter->finish_update(fc.ctx(), patch_of(R"({"first_name":"Jonathan"})"), nullptr,
                             std::span<const core::UpstreamResponse>(&r, 1));
  REQUIRE(out.ok());
  CHECK_FALSE(out.value().reread);
  REQUIRE(out.value().profile.has_value());
  CHECK(out.value().profile->get(FieldId::kFirstName) == "Jonathan");
  CHECK(out.value().profile->get(FieldId::kFullName) == "Jonathan Due");
}

}  // namespace profilegw::adapters
