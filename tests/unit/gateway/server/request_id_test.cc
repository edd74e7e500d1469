#include "gateway/server/request_id.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

namespace profilegw::gateway {

TEST_CASE("request ids: 1 to 128 characters of A-Z a-z 0-9 . _ -", "[request_id]") {
  CHECK(is_valid_request_id("a"));
  CHECK(is_valid_request_id("Az09._-"));
  CHECK(is_valid_request_id(std::string(128, 'x')));
  CHECK(!is_valid_request_id(""));
  CHECK(!is_valid_request_id(std::string(129, 'x')));
  CHECK(!is_valid_request_id("a b"));
  CHECK(!is_valid_request_id("a/b"));
  CHECK(!is_valid_request_id("é"));
}

TEST_CASE("generated request ids are valid, 32 hex characters and distinct", "[request_id]") {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const auto id = generate_request_id();
    const auto view = id.view();
    REQUIRE(view.size() == 32);
    CHECK(view.find_first_not_of("0123456789abcdef") == std::string_view::npos);
    seen.emplace(view);
  }
  CHECK(seen.size() == 1000);
  GeneratedRequestId storage;
  CHECK(choose_request_id("mine", storage) == "mine");
  CHECK(choose_request_id("not mine!", storage).size() == 32);
}

}  // namespace profilegw::gateway
