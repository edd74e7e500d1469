// README.md's "Configuration reference" table is generated from config::config_schema() (type,
// default, description) and config/examples/*.json (an example value per key). This test fails when
// the two drift apart, for example when a key is added to the schema and not to the README.
// To regenerate the table: PROFILEGW_UPDATE_README=1 build/<preset>/tests/unit_config "[readme]"
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_schema.h"

namespace {

constexpr std::string_view kBegin =
    "<!-- BEGIN config-reference: generated from config/config_schema.cc by "
    "tests/unit/config/readme_config_reference_test.cc -->";
constexpr std::string_view kEnd = "<!-- END config-reference -->";
constexpr std::size_t kMaxExample = 48;

// The examples that lend a value to the table, richest first.
constexpr const char* kExamples[] = {"django", "partner", "salla", "v1rest", "shop", "demo"};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string compact(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  v.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// The value at a schema path ("tenants[].upstream.paths.*") in one example, rendered as JSON;
// nullopt when the example lacks it. Objects are containers, not examples.
std::optional<std::string> value_at(const rapidjson::Value& v, std::string_view path) {
  const std::size_t dot = path.find('.');
  std::string_view head = path.substr(0, dot);
  const std::string_view rest = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  const bool each = head.ends_with("[]");
  if (each) head.remove_suffix(2);
  if (!v.IsObject()) return std::nullopt;
  if (head == "*") {
    if (v.MemberCount() == 0 || !rest.empty()) return std::nullopt;
    const auto& m = *v.MemberBegin();
    return "\"" + std::string(m.name.GetString(), m.name.GetStringLength()) + "\": " + compact(m.value);
  }
  auto it = v.FindMember(std::string(head));  // a view into `path` is not NUL-terminated
  if (it == v.MemberEnd()) return std::nullopt;
  if (each) {
    if (!it->value.IsArray()) return std::nullopt;
    for (const auto& item : it->value.GetArray()) {
      if (auto found = rest.empty() ? std::optional<std::string>() : value_at(item, rest)) return found;
    }
    return std::nullopt;
  }
  if (!rest.empty()) return value_at(it->value, rest);
  if (it->value.IsObject() || (it->value.IsArray() && !it->value.Empty() && it->value[0].IsObject())) {
    return std::nullopt;
  }
  return compact(it->value);
}

std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string code_cell(std::string text) {
  if (text.size() > kMaxExample) text = text.substr(0, kMaxExample - 3) + "...";
  return "`" + cell(text) + "`";
}

std::string generated_table() {
  std::vector<rapidjson::Document> examples;
  examples.reserve(std::size(kExamples));
  for (const char* name : kExamples) {
    const std::string text = read_file(std::string(PGW_SOURCE_DIR) + "/config/examples/" + name + ".json");
    examples.emplace_back().Parse(text.data(), text.size());
    REQUIRE_FALSE(examples.back().HasParseError());
  }
  std::string out;
  out += "| key | type | default | example | description |\n";
  out += "| --- | --- | --- | --- | --- |\n";
  for (const profilegw::config::SchemaEntry& e : profilegw::config::config_schema()) {
    std::string example;
    for (const rapidjson::Document& doc : examples) {
      if (auto v = value_at(doc, e.path)) {
        example = code_cell(*v);
        break;
      }
    }
    out += "| `" + cell(e.path) + "` | " + cell(e.type) + " | " + cell(e.default_value) + " | " + example +
           " | " + cell(e.description) + " |\n";
  }
  return out;
}

}  // namespace

TEST_CASE("README.md's configuration reference matches config_schema()", "[config][readme]") {
  const std::string readme_path = std::string(PGW_SOURCE_DIR) + "/README.md";
  std::string readme = read_file(readme_path);
  const std::string table = generated_table();

  const std::size_t begin = readme.find(kBegin);
  const std::size_t end = readme.find(kEnd);
  INFO("README.md needs the markers\n"
       << kBegin << "\n"
       << kEnd << "\naround the configuration reference table");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  REQUIRE(begin < end);
  const std::size_t body = begin + kBegin.size() + 1;
  const std::string current = readme.substr(body, end - body);

  if (current != table && std::getenv("PROFILEGW_UPDATE_README") != nullptr) {
    readme.replace(body, end - body, table);
    std::ofstream(readme_path, std::ios::binary | std::ios::trunc) << readme;
    WARN("README.md's configuration reference was regenerated");
    return;
  }
  for (const profilegw::config::SchemaEntry& e : profilegw::config::config_schema()) {
    INFO("config key " << e.path << " is missing from README.md's configuration reference");
    CHECK(current.find("| `" + cell(e.path) + "` |") != std::string::npos);
  }
  INFO(
      "README.md's configuration reference is out of date with config/config_schema.cc or config/examples;\n"
      "regenerate it: PROFILEGW_UPDATE_README=1 build/<preset>/tests/unit_config \"[readme]\"\nExpected:\n"
      << table);
  CHECK(current == table);
}
