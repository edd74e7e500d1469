#include "config/api_key.h"

#include <catch2/catch.hpp>

#include "config/api_key_index.h"

using namespace profilegw::config;

TEST_CASE("API key digests are SHA-256", "[config][api_key]") {
  CHECK(digest_hex(digest_api_key("test")) ==
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  CHECK(digest_hex(digest_api_key("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("sha256 entries parse only as 64 lower-case hex digits", "[config][api_key]") {
  const auto d =
      parse_sha256_entry("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  REQUIRE(d.has_value());
  CHECK(*d == digest_api_key("test"));
  CHECK_FALSE(parse_sha256_entry("sha256:9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"));
  CHECK_FALSE(parse_sha256_entry("sha256:9f86d0"));
  CHECK_FALSE(parse_sha256_entry("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0g"));
  CHECK_FALSE(parse_sha256_entry("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
  CHECK(digest_of_entry("test") ==
        digest_of_entry("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
}

TEST_CASE("the key index finds tenants by the presented key", "[config][api_key]") {
  ApiKeyIndex index;
  CHECK(index.add(digest_api_key("alpha"), 0));
  CHECK(index.add(digest_api_key("beta"), 1));
  CHECK_FALSE(index.add(digest_api_key("alpha"), 2));
  CHECK(index.size() == 2);
  CHECK(index.find("alpha") == std::optional<std::size_t>(0));
  CHECK(index.find("beta") == std::optional<std::size_t>(1));
  CHECK_FALSE(index.find("gamma"));
  CHECK_FALSE(index.find("alph"));
  CHECK_FALSE(index.find(""));
}
