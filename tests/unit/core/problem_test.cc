#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include "core/problem.h"

using namespace profilegw::core;

TEST_CASE("every contract code has its status") {
  CHECK(spec_of(ProblemCode::kMalformedRequest).status == 400);
  CHECK(spec_of(ProblemCode::kInvalidApiKey).status == 401);
  CHECK(spec_of(ProblemCode::kCustomerUnauthorized).status == 401);
  CHECK(spec_of(ProblemCode::kCustomerForbidden).status == 403);
  CHECK(spec_of(ProblemCode::kRouteNotSupported).status == 404);
  CHECK(spec_of(ProblemCode::kNotFound).status == 404);
  CHECK(spec_of(ProblemCode::kCustomerNotFound).status == 404);
  CHECK(spec_of(ProblemCode::kMethodNotAllowed).status == 405);
  CHECK(spec_of(ProblemCode::kPreconditionFailed).status == 412);
  CHECK(spec_of(ProblemCode::kPayloadTooLarge).status == 413);
  CHECK(spec_of(ProblemCode::kUnsupportedMediaType).status == 415);
  CHECK(spec_of(ProblemCode::kValidationFailed).status == 422);
  CHECK(spec_of(ProblemCode::kUnsupportedField).status == 422);
  CHECK(spec_of(ProblemCode::kUnsupportedValue).status == 422);
  CHECK(spec_of(ProblemCode::kInvalidVerificationCode).status == 422);
  CHECK(spec_of(ProblemCode::kRateLimited).status == 429);
  CHECK(spec_of(ProblemCode::kUpstreamBadResponse).status == 502);
  CHECK(spec_of(ProblemCode::kUpstreamError).status == 502);
  CHECK(spec_of(ProblemCode::kUpstreamUnavailable).status == 503);
  CHECK(spec_of(ProblemCode::kUpstreamTimeout).status == 504);
  for (const ProblemSpec& s : problem_specs()) CHECK(spec_of(s.code).name == s.name);
}

TEST_CASE("a problem renders as RFC 9457 with the contract's extensions") {
  Problem p = Problem::field(ProblemCode::kValidationFailed, "first_name", "too_short", "at least 3 characters");
  p.upstream_status = 422;
  const std::string json = render_problem(p, "req-1", "acme");
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  REQUIRE(doc.IsObject());
  CHECK(std::string(doc["type"].GetString()) == "https://profilegw.dev/problems/validation_failed");
  CHECK(std::string(doc["title"].GetString()) == "Validation failed");
  CHECK(doc["status"].GetInt() == 422);
  CHECK(std::string(doc["code"].GetString()) == "validation_failed");
  CHECK(std::string(doc["detail"].GetString()) == "first_name: at least 3 characters");
  CHECK(std::string(doc["request_id"].GetString()) == "req-1");
  CHECK(std::string(doc["tenant"].GetString()) == "acme");
  REQUIRE(doc["errors"].Size() == 1);
  CHECK(std::string(doc["errors"][0]["field"].GetString()) == "first_name");
  CHECK(std::string(doc["errors"][0]["code"].GetString()) == "too_short");
  CHECK(std::string(doc["errors"][0]["message"].GetString()) == "at least 3 characters");
  CHECK(doc["upstream"]["status"].GetInt() == 422);
}

TEST_CASE("without a tenant or errors those members are left out") {
  const std::string json = render_problem(Problem::make(ProblemCode::kInvalidApiKey, "missing"), "r", "");
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  CHECK_FALSE(doc.HasMember("tenant"));
  CHECK_FALSE(doc.HasMember("errors"));
  CHECK_FALSE(doc.HasMember("upstream"));
  CHECK(doc["status"].GetInt() == 401);
}
