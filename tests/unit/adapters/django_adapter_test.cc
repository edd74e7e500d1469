// The django provider, now the embedded mapping adapters/builtin_mappings/django.json: golden fixtures
// (tests/golden/django/) plus the rules that are easier to state in code.
#include "adapters/builtin_mappings/builtin_mappings.h"

#include <catch2/catch.hpp>

#include "tests/unit/adapters/golden_support.h"

namespace profilegw::adapters {
namespace {

using core::FieldId;
using testing::FixtureContext;

constexpr std::string_view kProvider = "django";

core::ProfilePatch patch_of(std::string_view body) {
  auto parsed = core::parse_patch(body);
  REQUIRE(std::holds_alternative<core::ProfilePatch>(parsed));
  return std::get<core::ProfilePatch>(parsed);
}

TEST_CASE("django: golden reads", "[adapters][django]") {
  testing::run_read_fixtures(*make_django_adapter(), kProvider);
}
TEST_CASE("django: golden patches", "[adapters][django]") {
  testing::run_patch_fixtures(*make_django_adapter(), kProvider);
}
TEST_CASE("django: golden update answers", "[adapters][django]") {
  testing::run_update_fixtures(*make_django_adapter(), kProvider);
}
TEST_CASE("django: golden error answers", "[adapters][django]") {
  testing::run_error_fixtures(*make_django_adapter(), kProvider);
}

TEST_CASE("django: identity, defaults and capabilities", "[adapters][django]") {
  auto adapter = make_django_adapter();
  CHECK(adapter->name() == "django");
  const core::Capabilities& caps = adapter->capabilities();
  CHECK(caps.addressing == core::Addressing::kToken);
  CHECK(caps.default_customer_auth == core::CustomerAuthScheme::kBearer);
  CHECK_FALSE(caps.has_address);
  CHECK(caps.profile_completed_readable);

  auto cap = [&](FieldId f) -> const core::FieldCapability& { return caps.fields[core::index(f)]; };
  for (FieldId f : {FieldId::kFirstName, FieldId::kLastName, FieldId::kFullName, FieldId::kEmail,
                    FieldId::kGender, FieldId::kBirthDate, FieldId::kLanguage}) {
    INFO(core::field_name(f));
    CHECK(cap(f).readable);
    CHECK(cap(f).writable);
  }
  for (FieldId f : {FieldId::kPhone, FieldId::kAvatarUrl}) {
    INFO(core::field_name(f));
    CHECK(cap(f).readable);
    CHECK_FALSE(cap(f).writable);
  }
  for (FieldId f : {FieldId::kUsername, FieldId::kMiddleName, FieldId::kNationalId, FieldId::kAddressLine1,
                    FieldId::kAddressPostalCode, FieldId::kAddressCity, FieldId::kAddressState,
                    FieldId::kAddressCountry}) {
    INFO(core::field_name(f));
    CHECK_FALSE(cap(f).readable);
    CHECK_FALSE(cap(f).writable);
  }
  CHECK(cap(FieldId::kGender).enum_values == std::vector<std::string_view>{"male", "female", "unspecified"});
  CHECK(cap(FieldId::kLanguage).enum_values == std::vector<std::string_view>{"en", "ar"});
  CHECK(cap(FieldId::kFullName).max_length == 255);
  CHECK(cap(FieldId::kEmail).format == "email");
  CHECK(cap(FieldId::kBirthDate).format == "date");
  CHECK(cap(FieldId::kBirthDate).nullable);
  CHECK_FALSE(cap(FieldId::kFirstName).nullable);
  CHECK(cap(FieldId::kLastName).nullable);

  const auto paths = adapter->default_paths();
  REQUIRE(paths.size() == 2);
  CHECK(paths[0].key == "get");
  CHECK(paths[0].path == "/api/customers/me/");
  CHECK(paths[1].key == "update");
  CHECK(paths[1].path == "/api/customers/me/update/");
}

TEST_CASE("django: read request uses the tenant's path", "[adapters][django]") {
  auto adapter = make_django_adapter();
  FixtureContext fc(*adapter);
  core::UpstreamRequest r = adapter->read_request(fc.ctx());
  CHECK(r.method == core::HttpMethod::kGet);
  CHECK(r.path == "/api/customers/me/");
  CHECK(r.body.empty());

  core::PathTemplates custom({{"get", "/v2/me"}, {"update", "/v2/me/edit"}});
  core::CallContext ctx{&custom, "django", {}};
  CHECK(adapter->read_request(ctx).path == "/v2/me");
  auto plan = adapter->plan_update(ctx, patch_of(R"({"email":"a@b.co"})"), nullptr);
  REQUIRE(plan.ok());
  CHECK(plan.value().steps.at(0).path == "/v2/me/edit");
}

TEST_CASE("django: the current record is needed only for half a name", "[adapters][django]") {
  auto adapter = make_django_adapter();
  CHECK(adapter->needs_current(patch_of(R"({"first_name":"A"})")));
  CHECK(adapter->needs_current(patch_of(R"({"last_name":"B"})")));
  CHECK(adapter->needs_current(patch_of(R"({"last_name":null,"email":"a@b.co"})")));
  CHECK_FALSE(adapter->needs_current(patch_of(R"({"first_name":"A","last_name":"B"})")));
  CHECK_FALSE(adapter->needs_current(patch_of(R"({"full_name":"A B"})")));
  CHECK_FALSE(adapter->needs_current(patch_of(R"({"email":"a@b.co","gender":"male"})")));
  CHECK_FALSE(adapter->needs_current(patch_of("{}")));

  // Planned without it anyway (a core bug): an internal error, not a guess.
  FixtureContext fc(*adapter);
  auto plan = adapter->plan_update(fc.ctx(), patch_of(R"({"first_name":"A"})"), nullptr);
  REQUIRE_FALSE(plan.ok());
  CHECK(plan.problem().code == core::ProblemCode::kInternalError);
}

TEST_CASE("django: read then write half a name round-trips", "[adapters][django]") {
  auto adapter = make_django_adapter();
  FixtureContext fc(*adapter);
  const core::UpstreamResponse raw{200, {}, R"({"id": 5, "full_name": "Mary Ann Smith", "gender": "F"})"};
  auto profile = adapter->parse_read(fc.ctx(), raw);
  REQUIRE(profile.ok());
  const core::CurrentRecord current{profile.value(), &raw};
  auto plan = adapter->plan_update(fc.ctx(), patch_of(R"({"first_name":"Anne"})"), &current);
  REQUIRE(plan.ok());
  REQUIRE(plan.value().steps.size() == 1);
  CHECK(plan.value().steps[0].method == core::HttpMethod::kPatch);
  testing::require_same_json(plan.value().steps[0].body, R"({"full_name":"Anne Smith"})", "body");
}

TEST_CASE("django: an update answered without a body asks the core to read back", "[adapters][django]") {
  auto adapter = make_django_adapter();
  FixtureContext fc(*adapter);
  const core::UpstreamResponse r{204, {}, ""};
  CHECK_FALSE(adapter->check_step(fc.ctx(), core::UpdatePlan{}, 0, r).has_value());
  auto outcome = adapter->finish_update(fc.ctx(), core::ProfilePatch{}, nullptr, std::span(&r, 1));
  REQUIRE(outcome.ok());
  CHECK(outcome.value().reread);
  CHECK_FALSE(outcome.value().profile.has_value());
}

TEST_CASE("django: text that is not UTF-8 is a bad response, never copied out", "[adapters][django]") {
  auto adapter = make_django_adapter();
  FixtureContext fc(*adapter);
  const core::UpstreamResponse r{200, {}, "{\"id\": 1, \"full_name\": \"\xff\xfe\"}"};
  auto profile = adapter->parse_read(fc.ctx(), r);
  REQUIRE_FALSE(profile.ok());
  CHECK(profile.problem().code == core::ProblemCode::kUpstreamBadResponse);
}

TEST_CASE("django: a lone surrogate escape is a bad response, never decoded into the answer", "[adapters][django]") {
  // RapidJSON decodes "\udc00" alone into bytes that are not UTF-8; in pure-ASCII text (which skips
  // encoding validation) and in text with other UTF-8, in a mapped field and in `extra` alike.
  auto adapter = make_django_adapter();
  FixtureContext fc(*adapter);
  for (const char* body : {R"({"id": 1, "full_name": "Ada \udc00"})",
                           "{\"id\": 1, \"full_name\": \"J\xc3\xa9r\xc3\xb4me \\udfff\"}",
                           R"({"id": 1, "full_name": "Ada", "loyalty_tier": "\uDC01"})"}) {
    INFO(body);
    const core::UpstreamResponse r{200, {}, body};
    auto profile = adapter->parse_read(fc.ctx(), r);
    REQUIRE_FALSE(profile.ok());
    CHECK(profile.problem().code == core::ProblemCode::kUpstreamBadResponse);
  }
  // A surrogate pair is one character, and an escaped backslash before "udc00" is no escape at all.
  for (const char* body : {R"({"id": 1, "full_name": "Ada \ud83d\ude00"})",
                           R"({"id": 1, "full_name": "Ada \\udc00"})"}) {
    INFO(body);
    const core::UpstreamResponse r{200, {}, body};
    CHECK(adapter->parse_read(fc.ctx(), r).ok());
  }
}

TEST_CASE("django: has no contact verification", "[adapters][django]") {
  auto adapter = make_django_adapter();
  FixtureContext fc(*adapter);
  auto r = adapter->verify_request(fc.ctx(), core::VerificationClaim{"email", "a@b.co"}, "1234");
  CHECK_FALSE(r.ok());
}

}  // namespace
}  // namespace profilegw::adapters
