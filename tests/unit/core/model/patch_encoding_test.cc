// Regression (security review, issue 8): PATCH bodies that are not UTF-8 are not JSON. They used to
// be accepted, their bytes forwarded to the backend and echoed raw in problem answers.
#include <catch2/catch.hpp>
#include <string>
#include <variant>

#include "core/model/patch.h"

using namespace profilegw::core;

namespace {

const Problem* problem_of(const std::variant<ProfilePatch, Problem>& r) { return std::get_if<Problem>(&r); }

}  // namespace

TEST_CASE("a PATCH body with invalid UTF-8 is 400 malformed_request", "[patch][security]") {
  for (const std::string& body : {std::string("{\"first_name\":\"\xff\"}"), std::string("{\"\xff\xfe\":\"ab\"}"),
                                 std::string("{\"last_name\":\"\xc0\xae\"}"),  // overlong '.'
                                 std::string("{\"address\":{\"city\":\"\xed\xa0\x80\"}}")}) {  // a surrogate
    INFO(body);
    auto parsed = parse_patch(body);
    const Problem* p = problem_of(parsed);
    REQUIRE(p != nullptr);
    CHECK(p->code == ProblemCode::kMalformedRequest);
  }
}

TEST_CASE("a PATCH body in valid UTF-8 keeps its characters", "[patch][security]") {
  auto parsed = parse_patch("{\"first_name\":\"\xd8\xb9\xd9\x84\xd9\x8a\", \"last_name\":\"\\u00e9\"}");
  REQUIRE(std::holds_alternative<ProfilePatch>(parsed));
  const ProfilePatch& patch = std::get<ProfilePatch>(parsed);
  CHECK(patch.get(FieldId::kFirstName).value == "\xd8\xb9\xd9\x84\xd9\x8a");
  CHECK(patch.get(FieldId::kLastName).value == "\xc3\xa9");
}
