// salla adapter: golden fixtures (tests/golden/salla/: reads, single-step plans with the phone split
// by the calling-code table, gateway-side refusals, error envelopes) plus what the runners do not
// cover: the two-step update, the 202 outcome, the phone join, and contact verification.
#include "adapters/salla/salla_adapter.h"

#include <catch2/catch.hpp>

#include "tests/unit/adapters/golden_support.h"

namespace profilegw::adapters {
namespace {

using core::FieldId;
using core::ProblemCode;
using testing::FixtureContext;

constexpr std::string_view kProvider = "salla";

core::ProfilePatch patch_of(std::string_view body) {
  auto parsed = core::parse_patch(body);
  REQUIRE(std::holds_alternative<core::ProfilePatch>(parsed));
  return std::get<core::ProfilePatch>(parsed);
}

std::string golden(std::string_view file) {
  return testing::read_text(testing::golden_path(kProvider, file));
}

core::UpstreamResponse answer(int status, std::string body) {
  return core::UpstreamResponse{status, {}, std::move(body)};
}

core::CurrentRecord current_from(const core::Adapter& adapter, const core::CallContext& ctx,
                                 const core::UpstreamResponse& raw) {
  core::Result<core::Profile> read = adapter.parse_read(ctx, raw);
  REQUIRE(read.ok());
  return core::CurrentRecord{std::move(read).value(), &raw};
}

// The unified phone read from a user whose `phone` member is `phone_json`.
std::string phone_read_from(std::string_view phone_json) {
  auto adapter = make_salla_adapter();
  FixtureContext fc(*adapter);
  core::Result<core::Profile> p =
      adapter->parse_read(fc.ctx(), answer(200, R"({"status":200,"success":true,"data":{"id":1,"phone":)" +
                                                    std::string(phone_json) + "}}"));
  REQUIRE(p.ok());
  return p.value().get(FieldId::kPhone).value_or("<null>");
}

core::Problem verify_problem(const core::Adapter& adapter, const core::UpstreamResponse& r) {
  FixtureContext fc(adapter);
  std::optional<core::Problem> p = adapter.parse_verify(fc.ctx(), r);
  REQUIRE(p.has_value());
  return std::move(*p);
}

}  // namespace

TEST_CASE("salla: golden reads", "[adapters][salla]") {
  testing::run_read_fixtures(*make_salla_adapter(), kProvider);
}
TEST_CASE("salla: golden patches", "[adapters][salla]") {
  testing::run_patch_fixtures(*make_salla_adapter(), kProvider);
}
TEST_CASE("salla: golden error answers", "[adapters][salla]") {
  testing::run_error_fixtures(*make_salla_adapter(), kProvider);
}

TEST_CASE("salla: identity, defaults and capabilities", "[adapters][salla]") {
  auto adapter = make_salla_adapter();
  CHECK(adapter->name() == "salla");
  const core::Capabilities& caps = adapter->capabilities();
  CHECK(caps.addressing == core::Addressing::kToken);
  CHECK(caps.default_customer_auth == core::CustomerAuthScheme::kBearer);
  CHECK_FALSE(caps.has_address);
  CHECK_FALSE(caps.profile_completed_readable);

  auto cap = [&](FieldId f) -> const core::FieldCapability& { return caps.fields[core::index(f)]; };
  for (FieldId f : {FieldId::kEmail, FieldId::kPhone}) {
    INFO(core::field_name(f));
    CHECK((cap(f).readable && cap(f).writable && cap(f).requires_verification));
    CHECK_FALSE(cap(f).nullable);
  }
  for (FieldId f : {FieldId::kFirstName, FieldId::kLastName, FieldId::kGender, FieldId::kBirthDate}) {
    INFO(core::field_name(f));
    CHECK((cap(f).readable && cap(f).writable));
    CHECK_FALSE(cap(f).requires_verification);
  }
  CHECK_FALSE(cap(FieldId::kFirstName).nullable);
  CHECK_FALSE(cap(FieldId::kLastName).nullable);
  CHECK(cap(FieldId::kGender).nullable);
  CHECK(cap(FieldId::kBirthDate).nullable);
  for (FieldId f : {FieldId::kFullName, FieldId::kAvatarUrl}) {
    INFO(core::field_name(f));
    CHECK(cap(f).readable);
    CHECK_FALSE(cap(f).writable);
  }
  for (FieldId f : {FieldId::kUsername, FieldId::kMiddleName, FieldId::kLanguage, FieldId::kNationalId,
                    FieldId::kAddressLine1, FieldId::kAddressCountry}) {
    INFO(core::field_name(f));
    CHECK_FALSE(cap(f).readable);
    CHECK_FALSE(cap(f).writable);
  }
  CHECK(cap(FieldId::kGender).enum_values == std::vector<std::string_view>{"male", "female"});
  CHECK(cap(FieldId::kPhone).format == "e164");
  CHECK(cap(FieldId::kEmail).format == "email");
  CHECK(cap(FieldId::kBirthDate).format == "date");
  CHECK(cap(FieldId::kAvatarUrl).format == "uri");

  std::vector<std::pair<std::string_view, std::string_view>> paths;
  for (const core::PathDefault& d : adapter->default_paths()) paths.emplace_back(d.key, d.path);
  CHECK(paths ==
        std::vector<std::pair<std::string_view, std::string_view>>{{"get", "/auth/user"},
                                                                   {"update", "/profile/update"},
                                                                   {"contacts", "/profile/contacts/update"},
                                                                   {"verify", "/profile/verify"}});
  FixtureContext fc(*adapter);
  const core::UpstreamRequest get = adapter->read_request(fc.ctx());
  CHECK(get.method == core::HttpMethod::kGet);
  CHECK(get.path == "/auth/user");
}

TEST_CASE("salla: phone joined from code and number", "[adapters][salla]") {
  CHECK(phone_read_from(R"({"code":"+966","number":"501234567","country":"SA"})") == "+966501234567");
  CHECK(phone_read_from(R"({"code":"+1","number":"2025550123","country":"US"})") == "+12025550123");
  CHECK(phone_read_from(R"({"code":"+44","number":"7400 123456","country":"GB"})") == "+447400123456");
  CHECK(phone_read_from(R"({"code":"971","number":"50-123-4567","country":"AE"})") == "+971501234567");
  CHECK(phone_read_from(R"({"code":"+20","number":1001234567,"country":"EG"})") == "+201001234567");
  CHECK(phone_read_from(R"({"number":"501234567","country":"SA"})") == "+966501234567");
  CHECK(phone_read_from(R"({"number":"+966501234567"})") == "+966501234567");
  CHECK(phone_read_from(R"({"code":"+966","number":"","country":"SA"})") == "<null>");
  CHECK(phone_read_from(R"({"number":"501234567","country":"ZZ"})") == "<null>");
  CHECK(phone_read_from("null") == "<null>");
  CHECK(phone_read_from(R"("+966 50 123 4567")") == "+966501234567");
}

TEST_CASE("salla: a profile update answer with the record needs no re-read", "[adapters][salla]") {
  auto adapter = make_salla_adapter();
  FixtureContext fc(*adapter);
  const core::ProfilePatch patch = patch_of(R"({"birth_date":"1991-02-03"})");
  const core::UpstreamResponse r = answer(200, golden("answer_profile_update.response.json"));
  CHECK_FALSE(adapter->check_step(fc.ctx(), core::UpdatePlan{}, 0, r).has_value());
  core::Result<core::UpdateOutcome> out =
      adapter->finish_update(fc.ctx(), patch, nullptr, std::span<const core::UpstreamResponse>(&r, 1));
  REQUIRE(out.ok());
  CHECK_FALSE(out.value().reread);
  CHECK_FALSE(out.value().verification.has_value());
  REQUIRE(out.value().profile.has_value());
  testing::require_same_json(testing::unified_json(*out.value().profile),
                             golden("answer_profile_update.unified.json"), "profile update answer");

  // Without the record, the core reads it back.
  const core::UpstreamResponse bare =
      answer(200, R"({"status":200,"success":true,"data":{"message":"updated"}})");
  core::Result<core::UpdateOutcome> reread =
      adapter->finish_update(fc.ctx(), patch, nullptr, std::span<const core::UpstreamResponse>(&bare, 1));
  REQUIRE(reread.ok());
  CHECK(reread.value().reread);
  CHECK_FALSE(reread.value().profile.has_value());
}

TEST_CASE("salla: a contacts-only change answers 202 with the pending verification", "[adapters][salla]") {
  auto adapter = make_salla_adapter();
  FixtureContext fc(*adapter);
  const core::ProfilePatch patch = patch_of(R"({"phone":"+971501234567"})");
  const core::UpstreamResponse r = answer(200, golden("answer_contacts_pending.response.json"));
  CHECK_FALSE(adapter->check_step(fc.ctx(), core::UpdatePlan{}, 0, r).has_value());
  core::Result<core::UpdateOutcome> out =
      adapter->finish_update(fc.ctx(), patch, nullptr, std::span<const core::UpstreamResponse>(&r, 1));
  REQUIRE(out.ok());
  CHECK(out.value().reread);
  CHECK_FALSE(out.value().profile.has_value());
  REQUIRE(out.value().verification.has_value());
  CHECK(out.value().verification->type == "mobile");
  CHECK(out.value().verification->fields == std::vector<std::string>{"phone"});
  CHECK(out.value().verification->value == "+971501234567");

  // A contact the backend applies at once (no pending verification) is a plain 200.
  const core::UpstreamResponse applied =
      answer(200, R"({"status":200,"success":true,"data":{"message":"updated"}})");
  core::Result<core::UpdateOutcome> done =
      adapter->finish_update(fc.ctx(), patch_of(R"({"email":"new@example.com"})"), nullptr,
                             std::span<const core::UpstreamResponse>(&applied, 1));
  REQUIRE(done.ok());
  CHECK(done.value().reread);
  CHECK_FALSE(done.value().verification.has_value());
}

TEST_CASE("salla: names and contact together: profile/update, then contacts/update", "[adapters][salla]") {
  auto adapter = make_salla_adapter();
  FixtureContext fc(*adapter);
  const core::UpstreamResponse raw = answer(200, golden("read_user.json"));
  const core::CurrentRecord current = current_from(*adapter, fc.ctx(), raw);
  const core::ProfilePatch patch = patch_of(golden("twostep.request.json"));
  CHECK_FALSE(adapter->check_patch(patch).has_value());
  CHECK(adapter->needs_current(patch));
  core::Result<core::UpdatePlan> plan = adapter->plan_update(fc.ctx(), patch, &current);
  REQUIRE(plan.ok());
  REQUIRE(plan.value().steps.size() == 2);
  CHECK(plan.value().steps[0].method == core::HttpMethod::kPost);
  CHECK(plan.value().steps[0].path == "/profile/update");
  testing::require_same_json(plan.value().steps[0].body, golden("twostep.update.upstream.json"),
                             "profile/update body");
  CHECK(plan.value().steps[1].method == core::HttpMethod::kPost);
  CHECK(plan.value().steps[1].path == "/profile/contacts/update");
  testing::require_same_json(plan.value().steps[1].body, golden("twostep.contacts.upstream.json"),
                             "contacts/update body");

  const core::UpstreamResponse answers[] = {answer(200, golden("answer_profile_update.response.json")),
                                            answer(200, golden("answer_contacts_pending.response.json"))};
  for (std::size_t step = 0; step < 2; ++step) {
    CHECK_FALSE(adapter->check_step(fc.ctx(), plan.value(), step, answers[step]).has_value());
  }
  core::Result<core::UpdateOutcome> out = adapter->finish_update(fc.ctx(), patch, &current, answers);
  REQUIRE(out.ok());
  CHECK(out.value().reread);
  REQUIRE(out.value().verification.has_value());
  CHECK(out.value().verification->type == "email");
  CHECK(out.value().verification->fields == std::vector<std::string>{"email"});
  CHECK(out.value().verification->value == "ahmed.saleh@example.com");
}

TEST_CASE("salla: current record needed only to fill a missing name", "[adapters][salla]") {
  auto adapter = make_salla_adapter();
  CHECK(adapter->needs_current(patch_of(R"({"gender":"female"})")));
  CHECK(adapter->needs_current(patch_of(R"({"first_name":"Omar","phone":"+966501234567"})")));
  CHECK_FALSE(adapter->needs_current(patch_of(R"({"first_name":"Omar","last_name":"Saleh"})")));
  CHECK_FALSE(adapter->needs_current(patch_of(R"({"email":"new@example.com"})")));
  CHECK_FALSE(adapter->needs_current(patch_of("{}")));
  FixtureContext fc(*adapter);
  core::Result<core::UpdatePlan> empty = adapter->plan_update(fc.ctx(), patch_of("{}"), nullptr);
  REQUIRE(empty.ok());
  CHECK(empty.value().steps.empty());
}

TEST_CASE("salla: verification requests", "[adapters][salla]") {
  auto adapter = make_salla_adapter();
  FixtureContext fc(*adapter);
  core::Result<core::UpstreamRequest> mobile =
      adapter->verify_request(fc.ctx(), core::VerificationClaim{"mobile", "+966501234567"}, "4821");
  REQUIRE(mobile.ok());
  CHECK(mobile.value().method == core::HttpMethod::kPost);
  CHECK(mobile.value().path == "/profile/verify");
  testing::require_same_json(mobile.value().body, golden("verify_mobile.upstream.json"), "verify mobile");

  core::Result<core::UpstreamRequest> email =
      adapter->verify_request(fc.ctx(), core::VerificationClaim{"email", "ahmed.saleh@example.com"}, "4821");
  REQUIRE(email.ok());
  testing::require_same_json(email.value().body, golden("verify_email.upstream.json"), "verify email");

  core::Result<core::UpstreamRequest> no_code =
      adapter->verify_request(fc.ctx(), core::VerificationClaim{"email", "ahmed.saleh@example.com"}, "");
  REQUIRE_FALSE(no_code.ok());
  CHECK(no_code.problem().code == ProblemCode::kInvalidVerificationCode);
  CHECK_FALSE(adapter->verify_request(fc.ctx(), core::VerificationClaim{"fax", "x"}, "1234").ok());
}

TEST_CASE("salla: verification answers", "[adapters][salla]") {
  auto adapter = make_salla_adapter();
  FixtureContext fc(*adapter);
  CHECK_FALSE(adapter->parse_verify(fc.ctx(), answer(200, golden("verify_ok.response.json"))).has_value());

  const rapidjson::Document expected =
      testing::parse_json(golden("verify_invalid_code.problem.json"), "verify_invalid_code.problem.json");
  testing::expect_problem(verify_problem(*adapter, answer(422, golden("verify_invalid_code.response.json"))),
                          expected, "verify_invalid_code");
  CHECK(verify_problem(*adapter, answer(422, golden("verify_code_field.response.json"))).code ==
        ProblemCode::kInvalidVerificationCode);
  CHECK(
      verify_problem(
          *adapter,
          answer(400, R"({"status":400,"success":false,"error":{"message":"Expired","code":"otp_expired"}})"))
          .code == ProblemCode::kInvalidVerificationCode);
  CHECK(
      verify_problem(
          *adapter,
          answer(200, R"({"status":200,"success":false,"error":{"message":"Wrong","code":"INVALID_CODE"}})"))
          .code == ProblemCode::kInvalidVerificationCode);
  // Not about the code: mapped as anywhere else.
  const core::UpstreamResponse fields422 = answer(
      422,
      R"({"status":422,"success":false,"error":{"message":"m","code":"error","fields":{"mobile":["taken"]}}})");
  const core::Problem other = verify_problem(*adapter, fields422);
  CHECK(other.code == ProblemCode::kValidationFailed);
  CHECK(other.errors.at(0).field == "phone");
  CHECK(verify_problem(*adapter, answer(401, "")).code == ProblemCode::kCustomerUnauthorized);
  CHECK(verify_problem(*adapter, answer(429, "")).code == ProblemCode::kRateLimited);
  CHECK(verify_problem(*adapter, answer(503, "")).code == ProblemCode::kUpstreamError);
  // The same code error outside verification is plain validation.
  const std::optional<core::Problem> step = adapter->check_step(
      fc.ctx(), core::UpdatePlan{}, 0, answer(422, golden("verify_code_field.response.json")));
  REQUIRE(step.has_value());
  CHECK(step->code == ProblemCode::kValidationFailed);
}

}  // namespace profilegw::adapters
