#include "tests/unit/adapters/mapped_test_support.h"

#include <rapidjson/document.h>

#include <catch2/catch.hpp>

#include "adapters/mapped/mapped_adapter.h"
#include "tests/unit/adapters/golden_support.h"

namespace profilegw::adapters::testing {
namespace {

std::unique_ptr<core::Adapter> compile(const rapidjson::Value& spec, std::vector<core::SpecIssue>& issues) {
  return make_mapped_adapter_factory()->compile(spec, "mapping", issues);
}

std::string lines(const std::vector<core::SpecIssue>& issues) {
  std::string out;
  for (const core::SpecIssue& i : issues)
    out += (i.warning ? "warning: " : "") + i.path + ": " + i.message + "\n";
  return out;
}

}  // namespace

std::unique_ptr<core::Adapter> compile_mapping_text(std::string_view mapping_json) {
  const rapidjson::Document doc = parse_json(mapping_json, "mapping");
  std::vector<core::SpecIssue> issues;
  std::unique_ptr<core::Adapter> adapter = compile(doc, issues);
  INFO(lines(issues));
  REQUIRE(adapter != nullptr);
  return adapter;
}

std::unique_ptr<core::Adapter> compile_mapping_example(std::string_view name) {
  const std::string path =
      std::string(PGW_SOURCE_DIR) + "/config/examples/mappings/" + std::string(name) + ".json";
  const rapidjson::Document doc = parse_json(read_text(path), path);
  REQUIRE(doc.IsObject());
  REQUIRE(doc.HasMember("mapping"));
  std::vector<core::SpecIssue> issues;
  std::unique_ptr<core::Adapter> adapter = compile(doc["mapping"], issues);
  INFO(path << "\n" << lines(issues));
  REQUIRE(adapter != nullptr);
  return adapter;
}

std::vector<std::string> mapping_issues(std::string_view mapping_json) {
  const rapidjson::Document doc = parse_json(mapping_json, "mapping");
  std::vector<core::SpecIssue> issues;
  compile(doc, issues);
  std::vector<std::string> out;
  for (const core::SpecIssue& i : issues)
    out.push_back((i.warning ? "warning: " : "") + i.path + ": " + i.message);
  return out;
}

}  // namespace profilegw::adapters::testing
