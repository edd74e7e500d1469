#include <catch2/catch.hpp>

#include "core/service/call_context.h"
#include "core/service/profile_service.h"

using namespace profilegw::core;

TEST_CASE("a customer id becomes exactly one encoded path segment") {
  CHECK(expand_path("/api/v1/customers/{id}/", "123") == "/api/v1/customers/123/");
  CHECK(expand_path("/c/{id}", "a b") == "/c/a%20b");
  CHECK(expand_path("/c/{id}", "../admin") == "/c/..%2Fadmin");
  CHECK(expand_path("/c/{id}", "..") == "/c/%2E%2E");
  CHECK(expand_path("/c/{id}", ".") == "/c/%2E");
  CHECK(expand_path("/c/{id}", "x?y#z") == "/c/x%3Fy%23z");
  CHECK(expand_path("/c/{id}", "%2e") == "/c/%252e");
  CHECK(expand_path("/c/{id}", std::string_view("a\0b", 3)) == "/c/a%00b");
  CHECK(expand_path("/c/{id}", "a\r\nX: y") == "/c/a%0D%0AX%3A%20y");
  CHECK(expand_path("/no/template", "1") == "/no/template");
}

TEST_CASE("If-Match accepts the current ETag, a list, * and weak forms") {
  const std::string etag = "\"abc\"";
  CHECK(if_match_satisfied("\"abc\"", etag));
  CHECK(if_match_satisfied("*", etag));
  CHECK(if_match_satisfied("\"x\", \"abc\"", etag));
  CHECK(if_match_satisfied("W/\"abc\"", etag));
  CHECK_FALSE(if_match_satisfied("\"abd\"", etag));
  CHECK_FALSE(if_match_satisfied("abc", etag));
}

TEST_CASE("the customer credential is presented in the tenant's scheme") {
  CHECK(customer_authorization(CustomerAuthScheme::kBearer, "t") == "Bearer t");
  CHECK(customer_authorization(CustomerAuthScheme::kToken, "t") == "Token t");
  CHECK(customer_authorization(CustomerAuthScheme::kNone, "t").empty());
}
