#include "config/did_you_mean.h"

#include <array>
#include <catch2/catch.hpp>

using namespace profilegw::config;

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps", "[config][did_you_mean]") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("upstreem", "upstream") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("brust", "burst") == 1);
  CHECK(edit_distance("ab", "ba") == 1);
  CHECK(edit_distance("abc", "ca") == 3);
}

TEST_CASE("the closest key is suggested only when it is a plausible typo", "[config][did_you_mean]") {
  constexpr std::array<std::string_view, 4> kKeys = {"upstream", "provider", "api_keys", "id"};
  CHECK(closest_match("upstreem", kKeys) == std::optional<std::string_view>("upstream"));
  CHECK(closest_match("Provider", kKeys) == std::optional<std::string_view>("provider"));
  CHECK(closest_match("apikeys", kKeys) == std::optional<std::string_view>("api_keys"));
  CHECK(closest_match("ix", kKeys) == std::optional<std::string_view>("id"));
  CHECK_FALSE(closest_match("frobnicate", kKeys));
  CHECK_FALSE(closest_match("xy", kKeys));
}
