#include "config/json_loader.h"

#include <catch2/catch.hpp>

using namespace profilegw::config;

namespace {

std::string syntax_error(std::string_view text) {
  JsonParseResult r = parse_json(text, "cfg.json");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error->path == "cfg.json");
  CHECK(r.error->severity == Severity::kError);
  return r.error->message;
}

}  // namespace

TEST_CASE("valid JSON parses into a document", "[config][json]") {
  JsonParseResult r = parse_json(R"({"a": [1, "x"], "b": {"c": true}})", "cfg.json");
  REQUIRE(r.ok());
  REQUIRE(r.document.IsObject());
  CHECK(r.document["a"][1].GetString() == std::string("x"));
}

TEST_CASE("syntax errors name line and column, 1-based", "[config][json]") {
  CHECK(syntax_error("{\n  \"listen\": {\n    \"port\": 8080,\n  }\n}") ==
        "line 4, column 3: Missing a name for object member.");
  CHECK(syntax_error("{\"a\": 1 \"b\": 2}") ==
        "line 1, column 9: Missing a comma or '}' after an object member.");
  CHECK(syntax_error("") == "line 1, column 1: The document is empty.");
  CHECK(syntax_error("{} x") == "line 1, column 4: The document root must not be followed by other values.");
  CHECK(syntax_error("{\"a\": 1,\n}") == "line 2, column 1: Missing a name for object member.");
  CHECK(syntax_error("{\"a\":\n  [1, x]}") == "line 2, column 7: Invalid value.");
}

TEST_CASE("strict JSON: no comments, no NaN, valid UTF-8 only", "[config][json]") {
  CHECK_FALSE(parse_json("{\"a\": 1} // comment", "c").ok());
  CHECK_FALSE(parse_json("{\"a\": NaN}", "c").ok());
  CHECK_FALSE(parse_json("{\"a\": \"\xff\"}", "c").ok());
  CHECK_FALSE(parse_json("{\"a\": [1,]}", "c").ok());
}

TEST_CASE("an escape of a lone surrogate is refused: it decodes to bytes that are not UTF-8", "[config][json]") {
  // fuzz_config: such a header value loaded, and the file the admin API wrote back did not.
  CHECK(syntax_error(R"({"h": "demo\ude54pr"})") ==
        "a \\u escape decodes to a lone surrogate (U+D800-U+DFFF), which is not a character");
  CHECK_FALSE(parse_json(R"({"h": "\ud800"})", "c").ok());
  CHECK_FALSE(parse_json(R"({"\udfff": 1})", "c").ok());
  JsonParseResult pair = parse_json(R"({"h": "\ud83d\ude00"})", "c");
  REQUIRE(pair.ok());
  CHECK(std::string(pair.document["h"].GetString()) == "\xF0\x9F\x98\x80");
}

TEST_CASE("a byte-order mark is skipped", "[config][json]") {
  CHECK(parse_json("\xEF\xBB\xBF{\"a\": 1}", "c").ok());
}

TEST_CASE("columns count characters, not bytes", "[config][json]") {
  // "é" is two bytes in UTF-8 but one column.
  CHECK(position_of("\"\xC3\xA9\" x", 5).column == 5);
  CHECK(position_of("ab\ncd", 4).line == 2);
  CHECK(position_of("ab\ncd", 4).column == 2);
  CHECK(position_of("ab", 99).column == 3);
}
