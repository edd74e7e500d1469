// The verification body (POST .../verify): a JSON object with a non-empty verification_id and code.
#include "gateway/handlers/verification_body.h"

#include <catch2/catch.hpp>

using namespace profilegw;

TEST_CASE("verification body: both members, nothing else", "[handlers][verification]") {
  const auto ok = gateway::parse_verification_body(R"({"verification_id": "v1.abc.def", "code": "1234"})");
  REQUIRE(std::holds_alternative<gateway::VerificationBody>(ok));
  CHECK(std::get<gateway::VerificationBody>(ok).code == "1234");
  for (const char* body : {"", "[]", R"({"code": "1"})", R"({"verification_id": "v", "code": ""})",
                           R"({"verification_id": "v", "code": "1", "x": 1})"}) {
    CAPTURE(body);
    const auto bad = gateway::parse_verification_body(body);
    REQUIRE(std::holds_alternative<core::Problem>(bad));
    CHECK(std::get<core::Problem>(bad).code == core::ProblemCode::kMalformedRequest);
  }
}

TEST_CASE("verification body: a lone surrogate escape is malformed", "[handlers][verification][utf8]") {
  // RapidJSON decodes "\udc00" into bytes that are not UTF-8; an unknown member name is echoed.
  for (const char* body : {R"({"verification_id": "v", "code": "\udc00"})",
                           R"({"verification_id": "v", "code": "1", "\uDFFF": 1})"}) {
    CAPTURE(body);
    const auto bad = gateway::parse_verification_body(body);
    REQUIRE(std::holds_alternative<core::Problem>(bad));
    CHECK(std::get<core::Problem>(bad).code == core::ProblemCode::kMalformedRequest);
  }
}
