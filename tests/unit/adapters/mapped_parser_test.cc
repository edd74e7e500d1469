// Compiling a `mapping` block: every problem is reported, each at the path of the value at fault,
// and nothing of a broken mapping is half-used (the factory returns no adapter).
#include <catch2/catch.hpp>

#include "adapters/mapped/mapped_adapter.h"
#include "adapters/mapped/spec_reader.h"
#include "tests/unit/adapters/golden_support.h"
#include "tests/unit/adapters/mapped_test_support.h"

namespace profilegw::adapters {
namespace {

using Catch::Matchers::VectorContains;
using testing::mapping_issues;

// A valid token-addressed mapping with `fields` replaced.
std::string with_fields(std::string_view fields, std::string_view more = "") {
  std::string out = R"({"addressing": "token", "read": {"path": "/me"}, "update": {"path": "/me"}, )";
  out += more;
  out += R"("fields": )";
  out += fields;
  out += "}";
  return out;
}

TEST_CASE("mapped parser: a minimal mapping compiles with no issue", "[adapters][mapped][parser]") {
  CHECK(mapping_issues(with_fields(R"({"id": "/id", "email": "/email"})")).empty());
}

TEST_CASE("mapped parser: enum maps must be one-to-one", "[adapters][mapped][parser]") {
  CHECK_THAT(
      mapping_issues(with_fields(
          R"({"id": "/id", "gender": {"pointer": "/g", "values": {"male": "M", "female": "M"}}})")),
      VectorContains(std::string("mapping.fields.gender.values: not one-to-one (\"M\" appears twice)")));
  CHECK_THAT(mapping_issues(with_fields(
                 R"({"id": "/id", "language": {"pointer": "/l", "values": {"en": 1, "ar": 1}}})")),
             VectorContains(std::string("mapping.fields.language.values: not one-to-one (1 appears twice)")));
  CHECK_THAT(
      mapping_issues(
          with_fields(R"({"id": "/id", "gender": {"pointer": "/g", "values": ["male", "male"]}})")),
      VectorContains(std::string("mapping.fields.gender.values: not one-to-one (\"male\" appears twice)")));
  CHECK_THAT(
      mapping_issues(with_fields(R"({"id": "/id", "gender": {"pointer": "/g", "values": {"other": "O"}}})")),
      VectorContains(std::string("mapping.fields.gender.values.other: \"other\" is not a unified gender "
                                 "(male, female, unspecified)")));
  CHECK_THAT(mapping_issues(
                 with_fields(R"({"id": "/id", "gender": {"pointer": "/g", "values": {"male": {"x": 1}}}})")),
             VectorContains(
                 std::string("mapping.fields.gender.values.male: expected a string, integer or boolean")));
}

TEST_CASE("mapped parser: bad pointers are named with the reason", "[adapters][mapped][parser]") {
  const auto issues = mapping_issues(with_fields(
      R"({"id": "/id", "email": "email", "phone": "/a/~2", "address": {"city": "/a/-"}, "username": ""})"));
  CHECK_THAT(issues,
             VectorContains(std::string(
                 "mapping.fields.email: bad pointer \"email\": expected a JSON Pointer starting with '/' "
                 "(RFC 6901), like \"/billing/phone\"")));
  CHECK_THAT(issues,
             VectorContains(std::string(
                 "mapping.fields.phone: bad pointer \"/a/~2\": '~' must be followed by 0 (for '~') or 1 (for "
                 "'/') (RFC 6901)")));
  CHECK_THAT(
      issues,
      VectorContains(std::string(
          "mapping.fields.address.city: bad pointer \"/a/-\": '-' (the element after the last) names no "
          "value that can be read or written")));
  CHECK_THAT(issues, VectorContains(std::string(
                         "mapping.fields.username: must name a member of the record, not the whole record")));
  CHECK_THAT(
      mapping_issues(with_fields(R"({"id": "/id"})", R"("response": {"record": "data"}, )")),
      VectorContains(std::string("mapping.response.record: bad pointer \"data\": expected a JSON Pointer "
                                 "starting with '/' (RFC 6901), like \"/billing/phone\"")));
}

TEST_CASE("mapped parser: unknown conversions and misplaced options", "[adapters][mapped][parser]") {
  const auto issues = mapping_issues(with_fields(
      R"({"id": "/id", "birth_date": {"pointer": "/dob", "convert": "epoch"},
          "email": {"pointer": "/e", "convert": "date"},
          "username": {"pointer": "/u", "date_format": "DD/MM/YYYY"},
          "national_id": {"pointer": "/n", "convert": "integer", "values": ["1"]},
          "language": {"pointer": "/l", "min": 1}})"));
  CHECK_THAT(issues,
             VectorContains(std::string("mapping.fields.birth_date.convert: unknown conversion \"epoch\" "
                                        "(known: string, integer, date, datetime, phone, phone_split)")));
  CHECK_THAT(issues, VectorContains(std::string(
                         "mapping.fields.email.convert: conversion \"date\" applies to birth_date only")));
  CHECK_THAT(issues,
             VectorContains(std::string("mapping.fields.username.date_format: only with convert \"date\"")));
  CHECK_THAT(
      issues,
      VectorContains(std::string(
          "mapping.fields.national_id.values: an enum of values needs convert \"string\" (the default)")));
  CHECK_THAT(issues,
             VectorContains(std::string("mapping.fields.language.min: only with convert \"integer\"")));
  CHECK_THAT(
      mapping_issues(with_fields(
          R"({"id": "/id", "birth_date": {"pointer": "/d", "convert": "date", "date_format": "DD/MM/YY"}})")),
      VectorContains(std::string("mapping.fields.birth_date.date_format: unknown token at \"YY\" (use YYYY, "
                                 "MM, DD and separators)")));
  CHECK_THAT(
      mapping_issues(with_fields(
          R"({"id": "/id", "birth_date": {"pointer": "/d", "convert": "date", "date_format": "DD.MM"}})")),
      VectorContains(std::string("mapping.fields.birth_date.date_format: expected YYYY, MM and DD, each once "
                                 "(for example \"DD/MM/YYYY\")")));
}

TEST_CASE("mapped parser: a field that must be sent needs a source", "[adapters][mapped][parser]") {
  CHECK_THAT(
      mapping_issues(R"({"addressing": "token", "read": {"path": "/me"},
                                 "update": {"path": "/me", "always_send": ["first_name", "national_id"]},
                                 "fields": {"id": "/id", "first_name": "/f"}})"),
      VectorContains(std::string("mapping.update.always_send[1]: \"national_id\" has no source: map it in "
                                 "mapping.fields with a write location")));
  CHECK_THAT(mapping_issues(with_fields(R"({"id": "/id", "national_id": {"required": true}})")),
             VectorContains(std::string(
                 "mapping.fields.national_id: has no source: give \"pointer\", \"read\" or \"write\"")));
  CHECK_THAT(mapping_issues(with_fields(R"({"id": "/id", "email": {"read": "/e", "required": true}})")),
             VectorContains(std::string(
                 "mapping.fields.email.required: has no source to send: the field has no write location")));
  CHECK_THAT(
      mapping_issues(with_fields(R"({"email": "/e"})")),
      VectorContains(std::string("mapping.fields.id: required with addressing \"token\": the record must say "
                                 "which customer it is")));
}

TEST_CASE("mapped parser: requests and addressing agree", "[adapters][mapped][parser]") {
  const auto issues =
      mapping_issues(R"({"addressing": "id", "read": {"path": "/c"}, "update": {"path": "/c/{id}",
      "method": "DELETE", "update_mode": "merge"}, "fields": {"email": "/e"}})");
  CHECK_THAT(
      issues,
      VectorContains(std::string(
          "mapping.read.path: must contain {id}: with addressing \"id\" the path says which customer")));
  CHECK_THAT(
      issues,
      VectorContains(std::string(
          "mapping.update.method: unknown value \"DELETE\"; expected one of \"PATCH\", \"PUT\", \"POST\"")));
  CHECK_THAT(issues,
             VectorContains(std::string(
                 "mapping.update.update_mode: unknown value \"merge\"; expected one of \"patch\", \"put\"")));
  CHECK_THAT(
      mapping_issues(R"({"addressing": "token", "read": {"path": "/c/{id}"}, "fields": {"id": "/id"}})"),
      VectorContains(std::string("mapping.read.path: {id} is only for addressing \"id\"; token-addressed "
                                 "calls carry no customer id")));
  CHECK_THAT(
      mapping_issues(R"({"addressing": "both", "read": {"path": "/c/{cid}"}, "fields": {"id": "/id"}})"),
      VectorContains(std::string("mapping.read.path: unknown placeholder; only {id} is supported")));
  CHECK_THAT(mapping_issues(R"({"addressing": "token", "fields": {"id": "/id"}})"),
             VectorContains(std::string("mapping.read: required")));
}

TEST_CASE("mapped parser: two fields cannot write the same member", "[adapters][mapped][parser]") {
  CHECK_THAT(
      mapping_issues(with_fields(R"({"id": "/id", "email": "/contact", "phone": "/contact/phone"})")),
      VectorContains(std::string("mapping.fields.phone: writes \"/contact/phone\" inside a member that "
                                 "mapping.fields.email writes whole")));
  CHECK_THAT(mapping_issues(with_fields(R"({"id": "/id", "first_name": "/name", "last_name": "/name"})")),
             VectorContains(std::string(
                 "mapping.fields.last_name: writes \"/name\", which mapping.fields.first_name writes too")));
  // Reading one member twice is fine.
  CHECK(mapping_issues(
            with_fields(R"({"id": "/id", "email": "/e", "username": {"read": "/e", "read_only": true}})"))
            .empty());
}

TEST_CASE("mapped parser: unknown keys and names say what is known", "[adapters][mapped][parser]") {
  const auto issues = mapping_issues(
      with_fields(R"({"id": "/id", "nickname": "/n", "email": {"pointr": "/e"}, "address": {"zip": "/z"}})",
                  R"("extras": "*", )"));
  CHECK_THAT(
      issues,
      VectorContains(std::string(
          "mapping.extras: unknown key (known: description, addressing, read, update, response, errors, "
          "fields, extra)")));
  CHECK_THAT(
      issues,
      VectorContains(std::string(
          "mapping.fields.nickname: unknown unified field \"nickname\" (known: id, username, first_name, "
          "middle_name, last_name, full_name, email, phone, gender, birth_date, avatar_url, language, "
          "national_id, address.line1, address.postal_code, address.city, address.state, address.country, "
          "profile_completed)")));
  CHECK_THAT(issues,
             VectorContains(std::string(
                 "mapping.fields.address.zip: unknown address field (known: line1, postal_code, city, state, "
                 "country)")));
  CHECK(std::any_of(issues.begin(), issues.end(), [](const std::string& l) {
    return l.starts_with("mapping.fields.email.pointr: unknown key");
  }));
}

TEST_CASE("mapped parser: error rules", "[adapters][mapped][parser]") {
  const auto issues = mapping_issues(with_fields(
      R"({"id": "/id"})",
      R"("errors": {"not_found": {"statuses": [404], "codes": ["gone"]}, "validation": {"statuses": [404, 200]},
                    "fields": {"pointer": "/errors", "shape": "tree"}}, )"));
  CHECK_THAT(
      issues,
      VectorContains(std::string(
          "mapping.errors.not_found.codes: codes need errors.code: where the backend's error code is")));
  CHECK_THAT(issues,
             VectorContains(std::string(
                 "mapping.errors.validation.statuses[0]: 404 is claimed twice (also by errors.not_found)")));
  CHECK_THAT(issues,
             VectorContains(std::string(
                 "mapping.errors.validation.statuses[1]: expected an HTTP error status (400 to 599)")));
  CHECK_THAT(issues,
             VectorContains(std::string(
                 "mapping.errors.fields.shape: unknown value \"tree\"; expected one of \"map\", \"list\"")));
  CHECK_THAT(
      mapping_issues(with_fields(R"({"id": "/id"})", R"("errors": {"format": "drf", "message": "/m"}, )")),
      VectorContains(
          std::string("mapping.errors.message: not used with format \"drf\": DRF bodies are read as DRF")));
}

TEST_CASE("mapped parser: names are joined or split, not both, and only where they fit",
          "[adapters][mapped][parser]") {
  CHECK_THAT(mapping_issues(with_fields(R"({"id": "/id", "first_name": {"split": "first"}})")),
             VectorContains(std::string(
                 "mapping.fields.first_name.split: needs fields.full_name with a pointer to split")));
  CHECK_THAT(mapping_issues(with_fields(R"({"id": "/id", "email": {"split": "first"}})")),
             VectorContains(std::string(
                 "mapping.fields.email.split: only first_name and last_name are split from full_name")));
  CHECK_THAT(
      mapping_issues(with_fields(R"({"id": "/id", "full_name": {"join": ["first_name", "last_name"]}})")),
      VectorContains(std::string("mapping.fields.full_name.join: \"first_name\" is not mapped")));
  CHECK_THAT(
      mapping_issues(with_fields(
          R"({"id": "/id", "first_name": "/f", "full_name": {"join": ["first_name"], "write": "/n"}})")),
      VectorContains(std::string(
          "mapping.fields.full_name.write: a joined full_name is computed; it cannot be written")));
}

TEST_CASE("mapped parser: one mistake is one problem", "[adapters][mapped][parser]") {
  // "pointer" is both the read and the write location: a bad one is reported once.
  CHECK(mapping_issues(with_fields(R"({"id": "/id", "phone": {"pointer": "/a/~2", "convert": "phone"}})")) ==
        std::vector<std::string>{"mapping.fields.phone.pointer: bad pointer \"/a/~2\": '~' must be followed by 0 "
                                 "(for '~') or 1 (for '/') (RFC 6901)"});
  CHECK(mapping_issues(with_fields(
            R"({"id": "/id", "phone": {"pointer": {"code": "c", "number": "/n"}, "convert": "phone_split"}})")) ==
        std::vector<std::string>{"mapping.fields.phone.pointer.code: bad pointer \"c\": expected a JSON Pointer "
                                 "starting with '/' (RFC 6901), like \"/billing/phone\""});
  // An unknown conversion does not make its options wrong as well.
  CHECK(mapping_issues(with_fields(
            R"({"id": "/id", "birth_date": {"pointer": "/d", "convert": "unix", "date_format": "DD/MM/YYYY"}})")) ==
        std::vector<std::string>{"mapping.fields.birth_date.convert: unknown conversion \"unix\" (known: string, "
                                 "integer, date, datetime, phone, phone_split)"});
  // A required field without any location: the missing location is the problem.
  CHECK(mapping_issues(with_fields(R"({"id": "/id", "national_id": {"required": true}})")) ==
        std::vector<std::string>{
            "mapping.fields.national_id: has no source: give \"pointer\", \"read\" or \"write\""});
}

TEST_CASE("mapped parser: messages name other values inside the tenant", "[adapters][mapped][parser]") {
  // The admin API reports paths inside the tenant; "tenants[7]." in a message would mean nothing there.
  CHECK(mapped::SpecReader::in_tenant("tenants[7].mapping.fields.email") == "mapping.fields.email");
  CHECK(mapped::SpecReader::in_tenant("mapping.fields.email") == "mapping.fields.email");
  CHECK(mapped::SpecReader::in_tenant("tenants[x].mapping") == "tenants[x].mapping");
  const rapidjson::Document doc = testing::parse_json(
      with_fields(R"({"id": "/id", "first_name": "/name", "last_name": "/name"})"), "mapping");
  std::vector<core::SpecIssue> issues;
  CHECK(make_mapped_adapter_factory()->compile(doc, "tenants[7].mapping", issues) == nullptr);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].path == "tenants[7].mapping.fields.last_name");
  CHECK(issues[0].message == "writes \"/name\", which mapping.fields.first_name writes too");
}

TEST_CASE("mapped parser: every problem is reported at once", "[adapters][mapped][parser]") {
  const auto issues = mapping_issues(R"({"addressing": "sideways", "read": {"path": "me"},
      "fields": {"email": "e", "gender": {"pointer": "/g", "values": {"male": "M", "female": "M"}}}})");
  CHECK(issues.size() >= 4);
  CHECK_THAT(issues,
             VectorContains(std::string(
                 "mapping.addressing: unknown value \"sideways\"; expected one of \"token\", \"id\"")));
  CHECK_THAT(issues, VectorContains(std::string("mapping.read.path: expected a path starting with '/'")));
}

}  // namespace
}  // namespace profilegw::adapters
