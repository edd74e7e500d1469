#include "config/config_writer.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "config/json_loader.h"
#include "temp_dir.h"

using namespace profilegw::config;
using namespace profilegw::config::testing;

namespace {

rapidjson::Document parse(std::string_view text) {
  JsonParseResult r = parse_json(text, "t");
  REQUIRE(r.ok());
  return std::move(r.document);
}

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("documents are written as JSON indented by two spaces", "[config][writer]") {
  const rapidjson::Document doc = parse(R"({"a":1,"b":[1,"x"],"c":{"d":"${X}","e":{}},"f":"\u00e9"})");
  CHECK(to_pretty_json(doc) ==
        "{\n"
        "  \"a\": 1,\n"
        "  \"b\": [\n"
        "    1,\n"
        "    \"x\"\n"
        "  ],\n"
        "  \"c\": {\n"
        "    \"d\": \"${X}\",\n"
        "    \"e\": {}\n"
        "  },\n"
        "  \"f\": \"\xC3\xA9\"\n"
        "}\n");
}

TEST_CASE("an atomic write replaces the file and leaves no temporary file", "[config][writer]") {
  TempDir dir;
  const std::string target = dir.write("profilegw.json", "{\"old\": true}\n");
  REQUIRE(::chmod(target.c_str(), 0640) == 0);

  CHECK_FALSE(write_file_atomically(target, "{\"new\": true}\n").has_value());
  CHECK(TempDir::read(target) == "{\"new\": true}\n");
  CHECK(mode_of(target) == 0640);  // the operator's permissions survive
  CHECK(dir.entries() == std::vector<std::string>{"profilegw.json"});
}

TEST_CASE("a new file is created private", "[config][writer]") {
  TempDir dir;
  const std::string target = dir.file("fresh.json");
  CHECK_FALSE(write_file_atomically(target, "{}\n").has_value());
  CHECK(TempDir::read(target) == "{}\n");
  CHECK(mode_of(target) == 0600);
  CHECK(dir.entries() == std::vector<std::string>{"fresh.json"});
}

TEST_CASE("a symlinked config is replaced at its target, the link kept", "[config][writer]") {
  TempDir dir;
  const std::string real = dir.write("real.json", "old");
  const std::string link = dir.file("link.json");
  std::filesystem::create_symlink(real, link);
  CHECK_FALSE(write_file_atomically(link, "new").has_value());
  CHECK(std::filesystem::is_symlink(link));
  CHECK(TempDir::read(real) == "new");
  CHECK(dir.entries() == std::vector<std::string>{"link.json", "real.json"});
}

TEST_CASE("a failed write reports why and changes nothing", "[config][writer]") {
  TempDir dir;
  const auto error = write_file_atomically(dir.file("missing-folder/c.json"), "{}");
  REQUIRE(error.has_value());
  CHECK(error->find("No such file or directory") != std::string::npos);
  CHECK(dir.entries().empty());
}

TEST_CASE("persist_config round-trips through the parser", "[config][writer]") {
  TempDir dir;
  const rapidjson::Document doc = parse(R"({"tenants":[{"id":"a","api_keys":["${KEY}"]}],"watch":false})");
  const std::string target = dir.file("c.json");
  REQUIRE_FALSE(persist_config(target, doc).has_value());
  const rapidjson::Document back = parse(TempDir::read(target));
  CHECK(back == doc);
}
