// A MappedAdapter's behaviour for what the golden fixtures do not show: every conversion both ways,
// names split from and joined into full_name, fields sent on every update, envelopes with success
// flags, field errors as lists, update answers without a record, and the capabilities a mapping
// declares.
#include "adapters/mapped/mapped_adapter.h"

#include <catch2/catch.hpp>

#include "tests/unit/adapters/golden_support.h"
#include "tests/unit/adapters/mapped_test_support.h"

namespace profilegw::adapters {
namespace {

using core::FieldId;
using testing::compile_mapping_text;
using testing::FixtureContext;

core::ProfilePatch patch_of(std::string_view body) {
  auto parsed = core::parse_patch(body);
  REQUIRE(std::holds_alternative<core::ProfilePatch>(parsed));
  return std::get<core::ProfilePatch>(parsed);
}

core::Profile read_ok(const core::Adapter& adapter, std::string_view body) {
  FixtureContext fc(adapter);
  core::Result<core::Profile> p =
      adapter.parse_read(fc.ctx(), core::UpstreamResponse{200, {}, std::string(body)});
  INFO((p.ok() ? std::string() : p.problem().detail));
  REQUIRE(p.ok());
  return std::move(p).value();
}

core::Problem read_problem(const core::Adapter& adapter, int status, std::string_view body) {
  FixtureContext fc(adapter);
  core::Result<core::Profile> p =
      adapter.parse_read(fc.ctx(), core::UpstreamResponse{status, {}, std::string(body)});
  REQUIRE_FALSE(p.ok());
  return std::move(p).problem();
}

// The body planned for `patch` (with `current` as the backend's current answer, when given).
std::string body_for(const core::Adapter& adapter, std::string_view patch_json,
                     std::string_view current = "") {
  FixtureContext fc(adapter);
  const core::ProfilePatch patch = patch_of(patch_json);
  REQUIRE_FALSE(adapter.check_patch(patch).has_value());
  core::UpstreamResponse raw{200, {}, std::string(current)};
  std::optional<core::CurrentRecord> record;
  if (!current.empty()) record = core::CurrentRecord{read_ok(adapter, current), &raw};
  REQUIRE((!adapter.needs_current(patch) || record.has_value()));
  core::Result<core::UpdatePlan> plan = adapter.plan_update(fc.ctx(), patch, record ? &*record : nullptr);
  INFO((plan.ok() ? std::string() : plan.problem().detail));
  REQUIRE(plan.ok());
  REQUIRE(plan.value().steps.size() == 1);
  return plan.value().steps[0].body;
}

void same_json(std::string_view actual, std::string_view expected) {
  testing::require_same_json(actual, expected, "body");
}

constexpr std::string_view kNamesMapping = R"({
  "addressing": "token", "read": {"path": "/me"}, "update": {"path": "/me"},
  "fields": {
    "id": "/id",
    "full_name": {"pointer": "/name", "max_length": 20, "write_null_as": ""},
    "first_name": {"split": "first", "nullable": false, "min_length": 1},
    "last_name": {"split": "last"}
  }
})";

TEST_CASE("mapped: first and last name split from full_name", "[adapters][mapped]") {
  const auto a = compile_mapping_text(kNamesMapping);
  const core::Profile p = read_ok(*a, R"({"id": 1, "name": "John Ronald Doe"})");
  CHECK(p.get(FieldId::kFirstName) == "John Ronald");
  CHECK(p.get(FieldId::kLastName) == "Doe");
  CHECK(p.get(FieldId::kFullName) == "John Ronald Doe");
  const core::Profile single = read_ok(*a, R"({"id": 1, "name": "Cher"})");
  CHECK(single.get(FieldId::kFirstName) == "Cher");
  CHECK_FALSE(single.get(FieldId::kLastName).has_value());

  // Half a name takes the other half from the current record; both halves need nothing.
  CHECK(a->needs_current(patch_of(R"({"last_name": "Smith"})")));
  CHECK_FALSE(a->needs_current(patch_of(R"({"first_name": "A", "last_name": "B"})")));
  CHECK_FALSE(a->needs_current(patch_of(R"({"full_name": "A B"})")));
  same_json(body_for(*a, R"({"last_name": "Smith"})", R"({"id": 1, "name": "John Ronald Doe"})"),
            R"({"name": "John Ronald Smith"})");
  same_json(body_for(*a, R"({"first_name": "A", "last_name": "B"})"), R"({"name": "A B"})");
  same_json(body_for(*a, R"({"full_name": null})"), R"({"name": ""})");

  const auto conflict = a->check_patch(patch_of(R"({"full_name": "A B", "first_name": "A"})"));
  REQUIRE(conflict.has_value());
  CHECK(conflict->code == core::ProblemCode::kValidationFailed);
  CHECK(conflict->errors.at(0).code == "conflict");

  // The joined name must fit full_name's max_length; the half the caller sent is blamed.
  FixtureContext fc(*a);
  core::UpstreamResponse raw{200, {}, R"({"id": 1, "name": "Maximilian Doe"})"};
  core::CurrentRecord current{read_ok(*a, raw.body), &raw};
  auto plan = a->plan_update(fc.ctx(), patch_of(R"({"last_name": "Oppenheimer-Smith"})"), &current);
  REQUIRE_FALSE(plan.ok());
  CHECK(plan.problem().errors.at(0).field == "last_name");
  CHECK(plan.problem().errors.at(0).code == "too_long");
}

TEST_CASE("mapped: phone split into country code and number", "[adapters][mapped]") {
  for (const auto& [format, code, expected_code] :
       {std::tuple{"plus", "+966", "+966"}, std::tuple{"digits", "966", "966"},
        std::tuple{"iso", "SA", "SA"}}) {
    INFO(format);
    const auto a = compile_mapping_text(std::string(R"({"addressing": "token", "read": {"path": "/me"},
        "update": {"path": "/me"}, "fields": {"id": "/id", "phone": {"convert": "phone_split", "code_format": ")") +
                                        format + R"(",
        "read": {"code": "/phone/code", "number": "/phone/number"},
        "write": {"code": "/country_code", "number": "/mobile"}}}})");
    const core::Profile p = read_ok(
        *a, std::string(R"({"id": 1, "phone": {"code": ")") + code + R"(", "number": "0501234567"}})");
    CHECK(p.get(FieldId::kPhone) == "+966501234567");
    same_json(body_for(*a, R"({"phone": "+966501234567"})"),
              std::string(R"({"country_code": ")") + expected_code + R"(", "mobile": "501234567"})");
    same_json(body_for(*a, R"({"phone": null})"), R"({"country_code": null, "mobile": null})");
    const auto unknown = a->check_patch(patch_of(R"({"phone": "+80012345678"})"));
    REQUIRE(unknown.has_value());
    CHECK(unknown->errors.at(0).field == "phone");
    CHECK(a->capabilities().fields[core::index(FieldId::kPhone)].format == "e164");
  }
}

TEST_CASE("mapped: integers, dates, date-times and enums of numbers", "[adapters][mapped]") {
  const auto a = compile_mapping_text(R"({"addressing": "id", "read": {"path": "/c/{id}"},
    "update": {"path": "/c/{id}"},
    "fields": {
      "national_id": {"pointer": "/nid", "convert": "integer", "min": 1},
      "birth_date": {"pointer": "/born", "convert": "datetime"},
      "gender": {"pointer": "/sex", "values": {"male": 1, "female": 2, "unspecified": 0}},
      "language": {"pointer": "/rtl", "values": {"ar": true, "en": false}}
    }})");
  const core::Profile p =
      read_ok(*a, R"({"nid": 42, "born": "1990-01-15T10:20:00+03:00", "sex": 2, "rtl": true})");
  CHECK(p.id == "123");  // id addressing without an id pointer: the path's id
  CHECK(p.get(FieldId::kNationalId) == "42");
  CHECK(p.get(FieldId::kBirthDate) == "1990-01-15");
  CHECK(p.get(FieldId::kGender) == "female");
  CHECK(p.get(FieldId::kLanguage) == "ar");
  CHECK(read_ok(*a, R"({"nid": "0042", "sex": 7})").get(FieldId::kNationalId) == "0042");
  CHECK_FALSE(read_ok(*a, R"({"sex": 7})").get(FieldId::kGender).has_value());

  CHECK(read_problem(*a, 200, R"({"nid": 4.5})").code == core::ProblemCode::kUpstreamBadResponse);
  CHECK(read_problem(*a, 200, R"({"nid": 0})").detail.find("/nid") != std::string::npos);
  CHECK(read_problem(*a, 200, R"({"born": "15/01/1990"})").code == core::ProblemCode::kUpstreamBadResponse);
  CHECK(read_problem(*a, 200, R"({"sex": [1]})").code == core::ProblemCode::kUpstreamBadResponse);

  same_json(
      body_for(
          *a,
          R"({"national_id": "77", "birth_date": "2000-02-29", "gender": "unspecified", "language": "en"})"),
      R"({"nid": 77, "born": "2000-02-29T00:00:00", "sex": 0, "rtl": false})");
  for (const char* bad : {R"({"national_id": "007"})", R"({"national_id": "0"})", R"({"national_id": "-3"})",
                          R"({"national_id": "12a"})", R"({"national_id": "99999999999999999999"})"}) {
    INFO(bad);
    const auto problem = a->check_patch(patch_of(bad));
    REQUIRE(problem.has_value());
    CHECK(problem->errors.at(0).field == "national_id");
  }
  const core::FieldCapability& gender = a->capabilities().fields[core::index(FieldId::kGender)];
  CHECK(gender.enum_values == std::vector<std::string_view>{"male", "female", "unspecified"});
  CHECK(a->capabilities().fields[core::index(FieldId::kNationalId)].pattern == "^(0|[1-9][0-9]*)$");
}

TEST_CASE("mapped: date layouts", "[adapters][mapped]") {
  const auto a =
      compile_mapping_text(R"({"addressing": "token", "read": {"path": "/me"}, "update": {"path": "/me"},
    "fields": {"id": "/id", "birth_date": {"pointer": "/d", "convert": "date", "date_format": "MM/DD/YYYY"}}})");
  CHECK(read_ok(*a, R"({"id": 1, "d": "02/29/2000"})").get(FieldId::kBirthDate) == "2000-02-29");
  CHECK_FALSE(read_ok(*a, R"({"id": 1, "d": ""})").get(FieldId::kBirthDate).has_value());
  CHECK(read_problem(*a, 200, R"({"id": 1, "d": "02/30/2000"})").code ==
        core::ProblemCode::kUpstreamBadResponse);
  CHECK(read_problem(*a, 200, R"({"id": 1, "d": "2000-02-29"})").code ==
        core::ProblemCode::kUpstreamBadResponse);
  same_json(body_for(*a, R"({"birth_date": "1999-12-31"})"), R"({"d": "12/31/1999"})");
}

TEST_CASE("mapped: fields sent on every update come from the current profile", "[adapters][mapped]") {
  const auto a = compile_mapping_text(R"({"addressing": "id", "read": {"path": "/c/{id}"},
    "update": {"path": "/c/{id}", "always_send": ["first_name", "national_id"]},
    "fields": {"first_name": "/first", "email": "/email", "national_id": {"pointer": "/nid", "required": true}}})");
  CHECK(a->needs_current(patch_of(R"({"email": "a@b.co"})")));
  CHECK_FALSE(a->needs_current(patch_of(R"({"first_name": "Z", "national_id": "9", "email": "a@b.co"})")));
  same_json(body_for(*a, R"({"email": "a@b.co"})",
                     R"({"first": "Ann", "email": "x@y.co", "nid": "5", "other": 1})"),
            R"({"first": "Ann", "email": "a@b.co", "nid": "5"})");
  FixtureContext fc(*a);
  core::UpstreamResponse raw{200, {}, R"({"first": "Ann"})"};
  core::CurrentRecord current{read_ok(*a, raw.body), &raw};
  auto plan = a->plan_update(fc.ctx(), patch_of(R"({"email": "a@b.co"})"), &current);
  REQUIRE_FALSE(plan.ok());
  CHECK(plan.problem().code == core::ProblemCode::kValidationFailed);
  CHECK(plan.problem().errors.at(0).field == "national_id");
  CHECK(plan.problem().errors.at(0).code == "required");
}

TEST_CASE("mapped: put mode rewrites the whole record inside its wrapper", "[adapters][mapped]") {
  const auto a = compile_mapping_text(R"({"addressing": "id", "read": {"path": "/c/{id}"},
    "update": {"path": "/c/{id}", "method": "POST", "update_mode": "put", "record": "/data/customer"},
    "response": {"record": "/data/customer"},
    "fields": {"email": "/email", "address": {"city": "/addresses/1/city", "line1": "/addresses/1/street"}}})");
  const std::string current =
      R"({"data": {"customer": {"email": "a@b.co", "addresses": [{"city": "X"}, {"city": "Y", "street": "S"}], "n": 1}}})";
  same_json(
      body_for(*a, R"({"address": {"city": "Z"}})", current),
      R"({"data": {"customer": {"email": "a@b.co", "addresses": [{"city": "X"}, {"city": "Z", "street": "S"}], "n": 1}}})");
  // An array shorter than the index is padded (there is nothing to keep).
  same_json(body_for(*a, R"({"address": {"line1": "L"}})", R"({"data": {"customer": {"email": "a@b.co"}}})"),
            R"({"data": {"customer": {"email": "a@b.co", "addresses": [null, {"street": "L"}]}}})");
  FixtureContext fc(*a);
  CHECK(a->needs_current(patch_of(R"({"email": "c@d.co"})")));
  CHECK(a->plan_update(fc.ctx(), patch_of(R"({"email": "c@d.co"})"), nullptr).problem().code ==
        core::ProblemCode::kInternalError);
  core::UpstreamResponse raw{200, {}, current};
  core::CurrentRecord record{read_ok(*a, current), &raw};
  CHECK(a->plan_update(fc.ctx(), patch_of(R"({"email": "c@d.co"})"), &record).value().steps.at(0).method ==
        core::HttpMethod::kPost);
}

TEST_CASE("mapped: an envelope's success flag and codes decide failures", "[adapters][mapped]") {
  const auto a =
      compile_mapping_text(R"({"addressing": "id", "read": {"path": "/c/{id}"}, "update": {"path": "/c/{id}"},
    "response": {"record": "/data", "success": {"pointer": "/status", "equals": "ok"}},
    "errors": {"code": "/code", "message": "/message",
               "fields": {"pointer": "/problems", "shape": "list", "field": "/attr", "message": "/detail", "code": "/kind"},
               "not_found": {"codes": [404, "E_GONE"]}, "validation": {"codes": [422]},
               "forbidden": {"statuses": [409]}},
    "fields": {"email": "/email", "phone": "/contact/phone"}})");
  CHECK(read_ok(*a, R"({"status": "ok", "data": {"email": "a@b.co"}})").get(FieldId::kEmail) == "a@b.co");
  const core::Problem gone =
      read_problem(*a, 200, R"({"status": "error", "code": 404, "message": "no such customer"})");
  CHECK(gone.code == core::ProblemCode::kCustomerNotFound);
  CHECK(gone.detail == "no such customer");
  CHECK(gone.upstream_status == 200);
  CHECK(read_problem(*a, 410, R"({"status": "error", "code": "E_GONE"})").code ==
        core::ProblemCode::kCustomerNotFound);
  CHECK(read_problem(*a, 409, R"({})").code == core::ProblemCode::kCustomerForbidden);
  CHECK(read_problem(*a, 200, R"({"status": "error", "code": 7, "message": "odd"})").detail == "odd");
  CHECK(read_problem(*a, 200, R"({"data": {}})").code == core::ProblemCode::kUpstreamBadResponse);
  CHECK(read_problem(*a, 200, R"({"status": "ok"})").detail.find("/data") != std::string::npos);

  const core::Problem invalid = read_problem(
      *a, 200,
      R"({"status": "error", "code": 422, "problems": [{"attr": "contact.phone", "detail": "bad", "kind": "format"},
                                                       {"attr": "/email", "detail": "taken"}, {"detail": "general"}]})");
  CHECK(invalid.code == core::ProblemCode::kValidationFailed);
  REQUIRE(invalid.errors.size() == 3);
  CHECK(invalid.errors[0].field == "phone");
  CHECK(invalid.errors[0].code == "format");
  CHECK(invalid.errors[1].field == "email");
  CHECK(invalid.errors[1].code == "invalid");
  CHECK(invalid.errors[2].field == "");
}

TEST_CASE("mapped: update answers without the record are read back", "[adapters][mapped]") {
  const auto with_record = compile_mapping_text(R"({"addressing": "id", "read": {"path": "/c/{id}"},
    "update": {"path": "/c/{id}"}, "response": {"record": "/data"}, "fields": {"email": "/email"}})");
  const auto without = compile_mapping_text(R"({"addressing": "id", "read": {"path": "/c/{id}"},
    "update": {"path": "/c/{id}", "answer": "none"}, "fields": {"email": "/email"}})");
  FixtureContext fc(*with_record);
  auto finish = [&](const core::Adapter& a, std::string body) {
    const core::UpstreamResponse r{200, {}, std::move(body)};
    auto outcome = a.finish_update(fc.ctx(), core::ProfilePatch{}, nullptr, std::span(&r, 1));
    REQUIRE(outcome.ok());
    return std::move(outcome).value();
  };
  CHECK(finish(*with_record, "").reread);
  CHECK(finish(*with_record, R"({"data": null})").reread);
  CHECK(finish(*with_record, R"({"ok": true})").reread);
  CHECK(finish(*with_record, R"({"data": {"email": "a@b.co"}})").profile->get(FieldId::kEmail) == "a@b.co");
  CHECK(finish(*without, R"({"email": "ignored@b.co"})").reread);
}

TEST_CASE("mapped: extra passes unmapped members, or the ones listed", "[adapters][mapped]") {
  const auto all =
      compile_mapping_text(R"({"addressing": "token", "read": {"path": "/me"}, "update": {"path": "/me"},
    "fields": {"id": "/id", "email": {"write": "/new_email"}, "phone": "/contact/phone"}})");
  const core::Profile p =
      read_ok(*all, R"({"id": 1, "new_email": "w", "contact": {"phone": "+15551234567"}, "tier": "gold"})");
  testing::require_same_json(p.extra_json, R"({"tier": "gold"})", "extra");
  CHECK_FALSE(p.get(FieldId::kEmail).has_value());  // write-only: never read
  const auto listed = compile_mapping_text(R"({"addressing": "token", "read": {"path": "/me"},
    "fields": {"id": "/id"}, "extra": ["/tier", "/contact/phone", "/missing"]})");
  testing::require_same_json(
      read_ok(*listed, R"({"id": 1, "contact": {"phone": "+1"}, "tier": "gold", "other": 2})").extra_json,
      R"({"tier": "gold", "phone": "+1"})", "extra");
  const auto none = compile_mapping_text(
      R"({"addressing": "token", "read": {"path": "/me"}, "fields": {"id": "/id"}, "extra": []})");
  CHECK(read_ok(*none, R"({"id": 1, "tier": "gold"})").extra_json == "{}");
}

TEST_CASE("mapped: capabilities and paths come from the mapping", "[adapters][mapped]") {
  const auto a = compile_mapping_text(R"({"addressing": "token", "read": {"path": "/me"},
    "update": {"method": "PUT", "path": "/me/edit"},
    "fields": {"id": "/id", "profile_completed": "/done", "email": "/email", "avatar_url": "/img",
               "username": {"pointer": "/u", "read_only": true}, "birth_date": "/dob",
               "address": {"city": "/city"}}})");
  CHECK(a->name() == "mapped");
  const core::Capabilities& caps = a->capabilities();
  CHECK(caps.addressing == core::Addressing::kToken);
  CHECK(caps.default_customer_auth == core::CustomerAuthScheme::kBearer);
  CHECK(caps.has_address);
  CHECK(caps.profile_completed_readable);
  auto cap = [&](FieldId f) -> const core::FieldCapability& { return caps.fields[core::index(f)]; };
  CHECK(cap(FieldId::kEmail).writable);
  CHECK(cap(FieldId::kEmail).nullable);
  CHECK(cap(FieldId::kEmail).format == "email");
  CHECK(cap(FieldId::kAvatarUrl).format == "uri");
  CHECK(cap(FieldId::kBirthDate).format == "date");
  CHECK(cap(FieldId::kUsername).readable);
  CHECK_FALSE(cap(FieldId::kUsername).writable);
  CHECK_FALSE(cap(FieldId::kPhone).readable);
  CHECK_FALSE(cap(FieldId::kAddressLine1).readable);
  CHECK(cap(FieldId::kAddressCity).writable);
  const auto paths = a->default_paths();
  REQUIRE(paths.size() == 2);
  CHECK(paths[0].key == "get");
  CHECK(paths[0].path == "/me");
  CHECK(paths[1].key == "update");
  CHECK(paths[1].path == "/me/edit");
  CHECK(read_ok(*a, R"({"id": "u-1", "done": true})").profile_completed == true);

  const auto read_only =
      compile_mapping_text(R"({"addressing": "id", "read": {"path": "/c/{id}"}, "fields": {"email": "/e"}})");
  CHECK(read_only->capabilities().default_customer_auth == core::CustomerAuthScheme::kNone);
  CHECK(read_only->default_paths().size() == 1);
  CHECK_FALSE(read_only->capabilities().has_address);
  const auto refused = read_only->check_patch(patch_of(R"({"email": "a@b.co"})"));
  REQUIRE(refused.has_value());
  CHECK(refused->code == core::ProblemCode::kUnsupportedField);
}

}  // namespace
}  // namespace profilegw::adapters
