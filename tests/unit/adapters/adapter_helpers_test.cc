// The small shared pieces of the django, shop and v1rest adapters: value formats, E.164
// normalisation, full-name splitting, postal codes and the capability-driven patch checks.
#include <catch2/catch.hpp>

#include "adapters/checks/field_spec.h"
#include "adapters/checks/patch_checks.h"
#include "adapters/checks/value_formats.h"
#include "adapters/mapped/full_name.h"
#include "adapters/phone/e164_phone.h"

namespace profilegw::adapters {
namespace {

TEST_CASE("checks: dates", "[adapters][checks]") {
  using checks::is_iso_date;
  CHECK(is_iso_date("1990-01-01"));
  CHECK(is_iso_date("2000-02-29"));
  CHECK(is_iso_date("2024-02-29"));
  CHECK(is_iso_date("0001-01-01"));
  CHECK(is_iso_date("9999-12-31"));
  CHECK_FALSE(is_iso_date("1900-02-29"));
  CHECK_FALSE(is_iso_date("2023-02-29"));
  CHECK_FALSE(is_iso_date("2023-04-31"));
  CHECK_FALSE(is_iso_date("2023-13-01"));
  CHECK_FALSE(is_iso_date("2023-00-10"));
  CHECK_FALSE(is_iso_date("2023-01-00"));
  CHECK_FALSE(is_iso_date("0000-01-01"));
  CHECK_FALSE(is_iso_date("1990-1-01"));
  CHECK_FALSE(is_iso_date("1990/01/01"));
  CHECK_FALSE(is_iso_date("1990-01-01T00:00:00"));
  CHECK_FALSE(is_iso_date(""));
  CHECK_FALSE(is_iso_date("199a-01-01"));
}

TEST_CASE("checks: e-mail, URL, E.164, digits, length", "[adapters][checks]") {
  using namespace checks;
  CHECK(looks_like_email("john.doe@example.com"));
  CHECK(looks_like_email("a@b.co"));
  CHECK_FALSE(looks_like_email("@example.com"));
  CHECK_FALSE(looks_like_email("john@"));
  CHECK_FALSE(looks_like_email("john@example"));
  CHECK_FALSE(looks_like_email("john@.com"));
  CHECK_FALSE(looks_like_email("john@example."));
  CHECK_FALSE(looks_like_email("jo hn@example.com"));
  CHECK_FALSE(looks_like_email("a@b@example.com"));
  CHECK_FALSE(looks_like_email(""));

  CHECK(looks_like_http_url("http://example.com"));
  CHECK(looks_like_http_url("https://cdn.example.com/a.png?x=1"));
  CHECK_FALSE(looks_like_http_url("ftp://example.com/a"));
  CHECK_FALSE(looks_like_http_url("https://"));
  CHECK_FALSE(looks_like_http_url("https:///path"));
  CHECK_FALSE(looks_like_http_url("https://exa mple.com"));
  CHECK_FALSE(looks_like_http_url("example.com/a.png"));

  CHECK(is_e164("+12345678"));
  CHECK(is_e164("+966500000000"));
  CHECK(is_e164("+123456789012345"));
  CHECK_FALSE(is_e164("+1234567"));
  CHECK_FALSE(is_e164("+1234567890123456"));
  CHECK_FALSE(is_e164("966500000000"));
  CHECK_FALSE(is_e164("+96650000000a"));

  CHECK(is_all_digits("0"));
  CHECK_FALSE(is_all_digits(""));
  CHECK_FALSE(is_all_digits("12 3"));

  CHECK(utf8_length("") == 0);
  CHECK(utf8_length("abc") == 3);
  CHECK(utf8_length("محمد") == 4);
  CHECK(utf8_length("é€😀") == 3);
}

TEST_CASE("phone: E.164 where the stored text allows it, verbatim otherwise", "[adapters][phone]") {
  using phone::unified_phone;
  CHECK(unified_phone("+966500000000") == "+966500000000");
  CHECK(unified_phone("+966 50-000 0000") == "+966500000000");
  CHECK(unified_phone("+1 (415) 555-0100") == "+14155550100");
  CHECK(unified_phone("00966500000000") == "+966500000000");
  CHECK(unified_phone("09308744204") == "09308744204");
  CHECK(unified_phone("0500000000") == "0500000000");
  CHECK(unified_phone("+12") == "+12");
  CHECK(unified_phone("call me") == "call me");
  CHECK(unified_phone("") == "");
  const std::string long_text(100, '1');
  CHECK(unified_phone(long_text) == long_text);
}

TEST_CASE("full name split at the last space and joined with one (django, `split`)", "[adapters][mapped]") {
  using mapped::join_full_name;
  using mapped::split_full_name;
  auto parts = split_full_name("John Doe");
  CHECK(parts.first == "John");
  CHECK(parts.last == "Doe");
  parts = split_full_name("Mary Ann Smith");
  CHECK(parts.first == "Mary Ann");
  CHECK(parts.last == "Smith");
  parts = split_full_name("Madonna");
  CHECK(parts.first == "Madonna");
  CHECK_FALSE(parts.last.has_value());
  parts = split_full_name("  John   Doe  ");
  CHECK(parts.first == "John");
  CHECK(parts.last == "Doe");
  parts = split_full_name("   ");
  CHECK_FALSE(parts.first.has_value());
  CHECK_FALSE(parts.last.has_value());

  CHECK(join_full_name("John", "Doe") == "John Doe");
  CHECK(join_full_name("John", "") == "John");
  CHECK(join_full_name("", "Doe") == "Doe");
  CHECK(join_full_name(" John ", " Doe ") == "John Doe");
  CHECK(join_full_name("", "") == "");
}

TEST_CASE("checks: capability-driven patch checks pick the most severe kind", "[adapters][checks]") {
  using checks::FieldSpec;
  using core::FieldId;
  core::Capabilities caps = checks::no_fields(core::Addressing::kToken, core::CustomerAuthScheme::kBearer);
  caps.fields[core::index(FieldId::kGender)] = FieldSpec::writable().one_of({"male", "female"});
  caps.fields[core::index(FieldId::kFirstName)] = FieldSpec::writable().min_length(2).max_length(3);
  caps.fields[core::index(FieldId::kEmail)] = FieldSpec::read_only();

  auto run = [&](std::string_view body) {
    auto parsed = core::parse_patch(body);
    REQUIRE(std::holds_alternative<core::ProfilePatch>(parsed));
    checks::PatchErrors errors;
    checks::check_capabilities(caps, std::get<core::ProfilePatch>(parsed), errors);
    return errors.take_problem();
  };
  CHECK_FALSE(run(R"({"gender":"male","first_name":"Abc"})").has_value());
  CHECK_FALSE(run(R"({"gender":null,"first_name":null})").has_value());

  auto p = run(R"({"gender":"unspecified","first_name":"A","email":"a@b.co"})");
  REQUIRE(p.has_value());
  CHECK(p->code == core::ProblemCode::kUnsupportedField);
  REQUIRE(p->errors.size() == 1);
  CHECK(p->errors[0].field == "email");

  p = run(R"({"gender":"unspecified","first_name":"A"})");
  REQUIRE(p.has_value());
  CHECK(p->code == core::ProblemCode::kUnsupportedValue);

  p = run(R"({"gender":"x","first_name":"Abcd"})");
  REQUIRE(p.has_value());
  CHECK(p->code == core::ProblemCode::kValidationFailed);
  REQUIRE(p->errors.size() == 2);
  CHECK(p->errors[0].field == "first_name");
  CHECK(p->errors[0].code == "too_long");
  CHECK(p->errors[0].message == "at most 3 characters");
  CHECK(p->errors[1].field == "gender");
  CHECK(p->errors[1].code == "invalid_choice");
  CHECK(p->detail == "first_name: at most 3 characters; gender: must be one of: male, female");
  CHECK_FALSE(p->upstream_status.has_value());

  // Unsupported entirely (not readable either) vs read-only.
  p = run(R"({"username":"u"})");
  REQUIRE(p.has_value());
  CHECK(p->errors.at(0).code == "not_supported");
  p = run(R"({"email":"a@b.co"})");
  REQUIRE(p.has_value());
  CHECK(p->errors.at(0).code == "read_only");
}

}  // namespace
}  // namespace profilegw::adapters
