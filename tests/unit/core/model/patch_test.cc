#include <catch2/catch.hpp>

#include "core/model/patch.h"

using namespace profilegw::core;

namespace {

ProfilePatch ok(std::string_view body) {
  auto parsed = parse_patch(body);
  REQUIRE(std::holds_alternative<ProfilePatch>(parsed));
  return std::get<ProfilePatch>(parsed);
}

Problem bad(std::string_view body) {
  auto parsed = parse_patch(body);
  REQUIRE(std::holds_alternative<Problem>(parsed));
  return std::get<Problem>(parsed);
}

}  // namespace

TEST_CASE("a patch distinguishes absent, null and value") {
  const ProfilePatch p = ok(R"({"first_name":"Ann","birth_date":null})");
  CHECK(p.get(FieldId::kFirstName).has_value());
  CHECK(p.get(FieldId::kFirstName).value == "Ann");
  CHECK(p.get(FieldId::kBirthDate).is_null());
  CHECK(p.get(FieldId::kLastName).absent());
  CHECK_FALSE(p.empty());
  CHECK_FALSE(p.touches_address());
}

TEST_CASE("an empty object is an empty patch") { CHECK(ok("{}").empty()); }

TEST_CASE("address merges key by key and null clears every member") {
  const ProfilePatch p = ok(R"({"address":{"city":"Riyadh"}})");
  CHECK(p.get(FieldId::kAddressCity).value == "Riyadh");
  CHECK(p.get(FieldId::kAddressLine1).absent());
  CHECK(p.touches_address());

  const ProfilePatch cleared = ok(R"({"address":null})");
  for (std::size_t i = kFirstAddressField; i < kFieldCount; ++i) CHECK(cleared.fields[i].is_null());
}

TEST_CASE("malformed bodies are 400 malformed_request naming the field") {
  CHECK(bad("{").code == ProblemCode::kMalformedRequest);
  CHECK(bad("[1,2]").code == ProblemCode::kMalformedRequest);
  CHECK(bad("\"text\"").code == ProblemCode::kMalformedRequest);

  const Problem wrong_type = bad(R"({"first_name": 42})");
  CHECK(wrong_type.code == ProblemCode::kMalformedRequest);
  REQUIRE(wrong_type.errors.size() == 1);
  CHECK(wrong_type.errors[0].field == "first_name");
  CHECK(wrong_type.errors[0].code == "invalid_type");

  const Problem unknown = bad(R"({"nickname": "x"})");
  REQUIRE(unknown.errors.size() == 1);
  CHECK(unknown.errors[0].field == "nickname");
  CHECK(unknown.errors[0].code == "unknown_field");

  const Problem unknown_nested = bad(R"({"address": {"zip": "1"}})");
  CHECK(unknown_nested.errors[0].field == "address.zip");

  CHECK(bad(R"({"address": "Main St"})").errors[0].field == "address");
  CHECK(bad(R"({"email":"a@b.c","email":"d@e.f"})").errors[0].code == "duplicate");
}

TEST_CASE("read-only unified keys are 422 unsupported_field") {
  for (const char* body : {R"({"id":"1"})", R"({"provider":"x"})", R"({"extra":{}})", R"({"profile_completed":true})"}) {
    const Problem p = bad(body);
    CHECK(p.code == ProblemCode::kUnsupportedField);
    CHECK(p.status() == 422);
    REQUIRE(p.errors.size() == 1);
  }
}

TEST_CASE("a malformed field wins over a read-only one") {
  CHECK(bad(R"({"id":"1","first_name":3})").code == ProblemCode::kMalformedRequest);
}

TEST_CASE("apply_patch sets, clears and keeps") {
  Profile profile;
  profile.set(FieldId::kFirstName, "Old");
  profile.set(FieldId::kLastName, "Keep");
  profile.set(FieldId::kBirthDate, "1990-01-01");
  apply_patch(ok(R"({"first_name":"New","birth_date":null})"), profile);
  CHECK(profile.get(FieldId::kFirstName) == "New");
  CHECK(profile.get(FieldId::kLastName) == "Keep");
  CHECK_FALSE(profile.get(FieldId::kBirthDate).has_value());
}

TEST_CASE("a lone surrogate escape is not a character: 400", "[patch][utf8]") {
  // fuzz_patch: RapidJSON decoded "\udCCC" into bytes that are not UTF-8, and an adapter put them
  // into the upstream body.
  const Problem p = bad(R"({"address": {"country": "CCCCCCCCCCCCCCCCCCCCCCC\udCCCCC"}})");
  CHECK(p.code == ProblemCode::kMalformedRequest);
  CHECK(bad(R"({"first_name": "\uDFFF"})").code == ProblemCode::kMalformedRequest);
  CHECK(bad(R"({"first_name": "a\udc00b"})").code == ProblemCode::kMalformedRequest);
  // A high surrogate without its low one was always refused by the parser; a pair is one character.
  CHECK(bad(R"({"first_name": "\ud83d"})").code == ProblemCode::kMalformedRequest);
  CHECK(ok(R"({"first_name": "\ud83d\ude00"})").get(FieldId::kFirstName).value == "\xF0\x9F\x98\x80");
  CHECK(ok(R"({"first_name": "\\udc00"})").get(FieldId::kFirstName).value == "\\udc00");
}
