#include "config/substitution.h"

#include <catch2/catch.hpp>

#include "config/json_loader.h"
#include "fake_adapters.h"
#include "temp_dir.h"

using namespace profilegw::config;
using namespace profilegw::config::testing;

TEST_CASE("${NAME} is replaced by the environment variable anywhere in a string", "[config][substitution]") {
  const EnvLookup env = fake_env({{"HOST", "api.example"}, {"PORT", "8443"}, {"EMPTY", ""}});
  auto s = substitute_string("https://${HOST}:${PORT}/v1", env);
  CHECK(s.errors.empty());
  CHECK(s.value == "https://api.example:8443/v1");
  CHECK(substitute_string("${EMPTY}", env).value.empty());
  CHECK(substitute_string("no placeholders, $5 and $HOME stay", env).value ==
        "no placeholders, $5 and $HOME stay");
  CHECK(substitute_string("literal $${HOST}", env).value == "literal ${HOST}");
  // Substituted text is not scanned again.
  CHECK(substitute_string("${X}", fake_env({{"X", "${HOST}"}})).value == "${HOST}");
}

TEST_CASE("a missing variable or a malformed placeholder is an error", "[config][substitution]") {
  const EnvLookup env = fake_env({{"A", "a"}});
  auto s = substitute_string("${A}-${MISSING}-${ALSO_MISSING}", env);
  CHECK(s.errors == std::vector<std::string>{"environment variable MISSING is not set",
                                             "environment variable ALSO_MISSING is not set"});
  CHECK(substitute_string("${A", env).errors ==
        std::vector<std::string>{
            "malformed placeholder \"${A\" (expected ${NAME} with letters, digits and _)"});
  CHECK(substitute_string("${1A}", env).errors ==
        std::vector<std::string>{
            "malformed placeholder \"${1A}\" (expected ${NAME} with letters, digits and _)"});
  CHECK(substitute_string("${}", env).errors.size() == 1);
  CHECK(substitute_string("${A-B}", env).errors.size() == 1);
}

TEST_CASE("@file: reads the value from a file, one trailing newline stripped", "[config][substitution]") {
  TempDir dir;
  const std::string secret = dir.write("secret", "s3cret\n");
  const std::string two_lines = dir.write("two", "line\n\n");
  const std::string crlf = dir.write("crlf", "win\r\n");
  const std::string bare = dir.write("bare", "bare");
  const EnvLookup env = fake_env({{"DIR", dir.path().string()}});
  CHECK(substitute_string("@file:" + secret, env).value == "s3cret");
  CHECK(substitute_string("@file:" + two_lines, env).value == "line\n");
  CHECK(substitute_string("@file:" + crlf, env).value == "win");
  CHECK(substitute_string("@file:" + bare, env).value == "bare");
  // Variables may name the folder (systemd's $CREDENTIALS_DIRECTORY); file contents are not expanded.
  dir.write("templated", "${DIR}");
  CHECK(substitute_string("@file:${DIR}/secret", env).value == "s3cret");
  CHECK(substitute_string("@file:${DIR}/templated", env).value == "${DIR}");
  // Only a whole value is a file reference.
  CHECK(substitute_string("x @file:" + secret, env).value == "x @file:" + secret);

  auto missing = substitute_string("@file:/nonexistent/secret", env);
  CHECK(missing.errors ==
        std::vector<std::string>{"cannot read file \"/nonexistent/secret\": No such file or directory"});
  CHECK(substitute_string("@file:" + dir.path().string(), env).errors ==
        std::vector<std::string>{"cannot read file \"" + dir.path().string() + "\": Is a directory"});
  CHECK(substitute_string("@file:${NOPE}/x", env).errors ==
        std::vector<std::string>{"environment variable NOPE is not set"});
  CHECK(substitute_string("@file:", env).errors == std::vector<std::string>{"@file: needs a file path"});
}

TEST_CASE("substitution works on a copy and reports paths", "[config][substitution]") {
  JsonParseResult parsed = parse_json(R"({
    "admin": {"token": "${ADMIN_TOKEN}"},
    "tenants": [{"api_keys": ["plain", "${KEY2}"], "${NOT_A_VALUE}": "x", "n": 5}]
  })",
                                      "c");
  REQUIRE(parsed.ok());
  SubstitutionResult r = substitute(parsed.document, fake_env({{"ADMIN_TOKEN", "tok"}}));
  CHECK(issue_lines(r.issues) ==
        std::vector<std::string>{"tenants[0].api_keys[1]: environment variable KEY2 is not set"});
  CHECK(r.document["admin"]["token"].GetString() == std::string("tok"));
  CHECK(r.document["tenants"][0]["n"].GetInt() == 5);
  CHECK(r.document["tenants"][0].HasMember("${NOT_A_VALUE}"));  // keys are never substituted
  // The raw document keeps its placeholders.
  CHECK(parsed.document["admin"]["token"].GetString() == std::string("${ADMIN_TOKEN}"));
}

TEST_CASE("the process environment is the default lookup", "[config][substitution]") {
  ::setenv("PGW_CONFIG_TEST_VAR", "from-env", 1);
  CHECK(process_env()("PGW_CONFIG_TEST_VAR") == std::optional<std::string>("from-env"));
  ::unsetenv("PGW_CONFIG_TEST_VAR");
  CHECK_FALSE(process_env()("PGW_CONFIG_TEST_VAR"));
}
