// UTF-8 well-formedness, and problems that stay UTF-8 whatever bytes they echo (security review,
// issue 8: a request target or a field name with bytes 0x80-0xFF made the problem body invalid JSON).
#include "core/model/utf8.h"

#include <catch2/catch.hpp>

#include "core/problem.h"

using namespace profilegw::core;

TEST_CASE("UTF-8: well-formed text passes, anything else does not", "[utf8][security]") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ascii"));
  CHECK(is_valid_utf8("\xd8\xb9\xd9\x84\xd9\x8a \xe2\x82\xac \xf0\x9f\x98\x80"));
  CHECK_FALSE(is_valid_utf8("\xff"));
  CHECK_FALSE(is_valid_utf8("\xc0\xae"));          // overlong '.'
  CHECK_FALSE(is_valid_utf8("\xe0\x80\xaf"));      // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
  CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xe2\x82"));          // truncated
  CHECK_FALSE(is_valid_utf8("a\x80"));             // stray continuation byte
}

TEST_CASE("UTF-8: invalid bytes become U+FFFD, valid ones stay", "[utf8][security]") {
  CHECK(to_valid_utf8("ok") == "ok");
  CHECK(to_valid_utf8("a\xff" "b") == "a\xef\xbf\xbd" "b");
  CHECK(to_valid_utf8("\xe2\x82") == "\xef\xbf\xbd\xef\xbf\xbd");
  CHECK(to_valid_utf8("\xe2\x82\xac") == "\xe2\x82\xac");
  CHECK(is_valid_utf8(to_valid_utf8("\xc0\xae\xed\xa0\x80\xf4\x90\x80\x80")));
}

TEST_CASE("problems echoing invalid bytes are still UTF-8", "[utf8][security][problem]") {
  Problem p = Problem::make(ProblemCode::kNotFound, "no route for GET /v1/\xff\xfe");
  p.errors.push_back({"\xc0\xae", "unknown_field", "unknown field \xed\xa0\x80"});
  const std::string body = render_problem(p, "id", "t");
  CHECK(is_valid_utf8(body));
  CHECK(body.find("/v1/\xef\xbf\xbd\xef\xbf\xbd") != std::string::npos);
}
