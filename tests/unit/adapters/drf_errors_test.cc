// The DRF error parser (both dialects) and the status → problem mapping, without any adapter.
#include <array>
#include <catch2/catch.hpp>

#include "adapters/drf/drf_error_parser.h"
#include "adapters/drf/drf_status_mapping.h"

namespace profilegw::adapters::drf {
namespace {

constexpr std::array<FieldRename, 3> kRenames = {{
    {"phone_number", "phone"},
    {"date_of_birth", "birth_date"},
    {"address.street_address", "address.line1"},
}};
constexpr FieldNames kNames{kRenames};

TEST_CASE("drf: field paths translate to unified names", "[adapters][drf]") {
  CHECK(kNames.unified("phone_number") == "phone");
  CHECK(kNames.unified("address.street_address") == "address.line1");
  CHECK(kNames.unified("email") == "email");
  CHECK(kNames.unified("street_address") == "street_address");  // only the nested path is renamed
  CHECK(kNames.unified("non_field_errors").empty());
  CHECK(kNames.unified("address.non_field_errors") == "address");
  CHECK(kNames.unified("wallet.balance") == "wallet.balance");
}

TEST_CASE("drf: plain dialect, flat, nested and listed", "[adapters][drf]") {
  auto body = parse_error_body(
      R"({"phone_number": ["taken"], "address": {"street_address": ["too long", "bad"], "city": "blank"},
          "tags": [{"name": ["required"]}, "loose"], "date_of_birth": ["wrong format"]})",
      kNames);
  REQUIRE(body.has_value());
  CHECK(body->detail.empty());
  REQUIRE(body->errors.size() == 7);
  CHECK(body->errors[0].field == "phone");
  CHECK(body->errors[0].message == "taken");
  CHECK(body->errors[0].code == "invalid");
  CHECK(body->errors[1].field == "address.line1");
  CHECK(body->errors[2].field == "address.line1");
  CHECK(body->errors[2].message == "bad");
  CHECK(body->errors[3].field == "address.city");
  CHECK(body->errors[4].field == "tags.0.name");
  CHECK(body->errors[5].field == "tags");
  CHECK(body->errors[5].message == "loose");
  CHECK(body->errors[6].field == "birth_date");
}

TEST_CASE("drf: plain dialect, detail and non-field errors", "[adapters][drf]") {
  auto detail = parse_error_body(R"({"detail": "Not found.", "code": "not_found"})", kNames);
  REQUIRE(detail.has_value());
  CHECK(detail->errors.empty());
  CHECK(detail->detail == "Not found.");
  CHECK(detail->code == "not_found");

  auto non_field = parse_error_body(R"({"non_field_errors": ["a", "b"]})", kNames);
  REQUIRE(non_field.has_value());
  REQUIRE(non_field->errors.size() == 2);
  CHECK(non_field->errors[0].field.empty());
  CHECK(non_field->errors[1].message == "b");
}

TEST_CASE("drf: standardized dialect", "[adapters][drf]") {
  auto body = parse_error_body(
      R"({"type": "validation_error", "errors": [
           {"code": "invalid_choice", "detail": "\"X\" is not a valid choice.", "attr": "gender"},
           {"code": "max_length", "detail": "too long", "attr": "address.street_address"},
           {"code": "invalid", "detail": "whole", "attr": null},
           {"code": "unique", "detail": "taken", "attr": "phone_number"}]})",
      kNames);
  REQUIRE(body.has_value());
  REQUIRE(body->errors.size() == 4);
  CHECK(body->errors[0].field == "gender");
  CHECK(body->errors[0].code == "invalid_choice");
  CHECK(body->errors[1].field == "address.line1");
  CHECK(body->errors[1].code == "max_length");
  CHECK(body->errors[2].field.empty());
  CHECK(body->errors[3].field == "phone");

  auto client = parse_error_body(
      R"({"type": "client_error", "errors": [{"code": "not_authenticated", "detail": "No credentials.", "attr": null}]})",
      kNames);
  REQUIRE(client.has_value());
  CHECK(client->errors.empty());
  CHECK(client->detail == "No credentials.");
  CHECK(client->code == "not_authenticated");
}

TEST_CASE("drf: bodies in neither dialect", "[adapters][drf]") {
  CHECK_FALSE(parse_error_body("", kNames).has_value());
  CHECK_FALSE(parse_error_body("<html>", kNames).has_value());
  CHECK_FALSE(parse_error_body("\"text\"", kNames).has_value());
  CHECK_FALSE(parse_error_body("42", kNames).has_value());
  // Odd but JSON: only strings are messages; a non-string "type" is not the standardized dialect.
  auto odd = parse_error_body(R"({"field": 5, "other": null, "errors": "x", "type": 3})", kNames);
  REQUIRE(odd.has_value());
  REQUIRE(odd->errors.size() == 1);
  CHECK(odd->errors[0].field == "errors");
  CHECK(odd->errors[0].message == "x");
}

TEST_CASE("drf: Retry-After", "[adapters][drf]") {
  CHECK(parse_retry_after("0") == 0);
  CHECK(parse_retry_after("17") == 17);
  CHECK(parse_retry_after(" 5\t") == 5);
  CHECK(parse_retry_after("86400") == 86400);
  CHECK(parse_retry_after("123456789012345678901234567890") == 86400);
  CHECK_FALSE(parse_retry_after("").has_value());
  CHECK_FALSE(parse_retry_after("-1").has_value());
  CHECK_FALSE(parse_retry_after("1.5").has_value());
  CHECK_FALSE(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT").has_value());
}

core::UpstreamResponse answer(int status, std::string body) {
  return core::UpstreamResponse{status, {}, std::move(body)};
}

TEST_CASE("drf: every status has its problem", "[adapters][drf]") {
  using core::ProblemCode;
  struct Case {
    int status;
    const char* body;
    ProblemCode code;
  };
  const Case cases[] = {
      {400, R"({"email": ["bad"]})", ProblemCode::kValidationFailed},
      {400, R"({"detail": "JSON parse error"})", ProblemCode::kUpstreamError},
      {400, "oops", ProblemCode::kUpstreamBadResponse},
      {422, R"({"email": ["bad"]})", ProblemCode::kValidationFailed},
      {401, "", ProblemCode::kCustomerUnauthorized},
      {403, "", ProblemCode::kCustomerForbidden},
      {404, "<html>", ProblemCode::kCustomerNotFound},
      {405, "", ProblemCode::kUpstreamError},
      {409, "", ProblemCode::kUpstreamError},
      {413, "", ProblemCode::kUpstreamError},
      {415, "", ProblemCode::kUpstreamError},
      {429, "", ProblemCode::kRateLimited},
      {500, "", ProblemCode::kUpstreamError},
      {502, "", ProblemCode::kUpstreamError},
      {503, "", ProblemCode::kUpstreamError},
      {504, "", ProblemCode::kUpstreamError},
      {301, "", ProblemCode::kUpstreamBadResponse},
      {304, "", ProblemCode::kUpstreamBadResponse},
      {100, "", ProblemCode::kUpstreamBadResponse},
      {0, "", ProblemCode::kUpstreamBadResponse},
      {600, "", ProblemCode::kUpstreamBadResponse},
  };
  for (const Case& c : cases) {
    INFO(c.status << " " << c.body);
    core::Problem p = problem_for_response(answer(c.status, c.body), kNames);
    CHECK(p.code == c.code);
    CHECK(p.upstream_status == c.status);
  }
}

TEST_CASE("drf: validation problem detail names every field", "[adapters][drf]") {
  core::Problem p =
      problem_for_response(answer(400, R"({"phone_number": ["taken"], "non_field_errors": ["no"]})"), kNames);
  CHECK(p.code == core::ProblemCode::kValidationFailed);
  CHECK(p.detail == "phone: taken; no");
}

}  // namespace
}  // namespace profilegw::adapters::drf
