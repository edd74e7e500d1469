#include "gateway/openapi/openapi_document.h"

#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "adapters/builtin_adapters.h"
#include "core/model/fields.h"
#include "core/problem.h"
#include "gateway/openapi/json_tree.h"
#include "gateway/router/route_table.h"

namespace profilegw::gateway::openapi {
namespace {

core::AdapterRegistry builtin_registry() {
  core::AdapterRegistry registry;
  adapters::register_builtin(registry);
  return registry;
}

const Json& at(const Json& j, std::initializer_list<std::string_view> path) {
  const Json* cur = &j;
  for (std::string_view key : path) {
    const Json* next = cur->find(key);
    INFO("missing key " << key);
    REQUIRE(next != nullptr);
    cur = next;
  }
  return *cur;
}

std::set<std::string> strings_of(const Json& array) {
  std::set<std::string> out;
  for (const Json& v : array.values()) {
    if (v.kind() == Json::Kind::kString) out.insert(v.text());
  }
  return out;
}

// Every "$ref" in the tree, as written.
void collect_refs(const Json& j, std::set<std::string>& refs) {
  if (j.is_object()) {
    if (const Json* ref = j.find("$ref")) refs.insert(ref->text());
  }
  for (const Json& v : j.values()) collect_refs(v, refs);
}

}  // namespace

TEST_CASE("the OpenAPI document is valid JSON, version 3.1", "[openapi]") {
  const std::string text = build_openapi_document(builtin_registry());
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsObject());
  CHECK(std::string(doc["openapi"].GetString()) == "3.1.0");
}

TEST_CASE("every $ref points at a component that exists", "[openapi]") {
  const Json doc = openapi_tree(builtin_registry());
  std::set<std::string> refs;
  collect_refs(doc, refs);
  REQUIRE_FALSE(refs.empty());
  for (const std::string& ref : refs) {
    INFO(ref);
    REQUIRE(ref.starts_with("#/components/"));
    const std::string rest = ref.substr(std::string("#/components/").size());
    const std::size_t slash = rest.find('/');
    REQUIRE(slash != std::string::npos);
    CHECK(at(doc, {"components", rest.substr(0, slash)}).find(rest.substr(slash + 1)) != nullptr);
  }
}

TEST_CASE("every public route of the route table is documented under its own template", "[openapi]") {
  const Json doc = openapi_tree(builtin_registry());
  const Json& paths = at(doc, {"paths"});
  struct Case {
    const char* method;
    const char* target;
  };
  for (const Case& c :
       {Case{"GET", "/v1/profile"}, Case{"PATCH", "/v1/profile"}, Case{"GET", "/v1/customers/abc/profile"},
        Case{"PATCH", "/v1/customers/abc/profile"}, Case{"POST", "/v1/profile/verification"},
        Case{"GET", "/v1/capabilities"}, Case{"GET", "/healthz"}, Case{"GET", "/readyz"},
        Case{"GET", "/metrics"}, Case{"GET", "/openapi.json"}}) {
    const RouteMatch m = match_route(c.method, c.target);
    INFO(c.method << " " << c.target);
    REQUIRE(m.route != RouteId::kNone);
    const Json* item = paths.find(m.label);
    REQUIRE(item != nullptr);
    std::string method(c.method);
    for (char& ch : method) ch = static_cast<char>(ch - 'A' + 'a');
    CHECK(item->find(method) != nullptr);
    CHECK(at(*item->find(method), {"responses"}).find("405") != nullptr);
  }
  // The admin API, tagged admin.
  for (const char* path : {"/admin/tenants", "/admin/tenants/{tenant_id}", "/admin/tenants/{tenant_id}/probe",
                           "/admin/reload"}) {
    INFO(path);
    CHECK(paths.find(path) != nullptr);
  }
}

TEST_CASE("the unified profile schema requires every key and allows null where the contract does",
          "[openapi]") {
  const Json doc = openapi_tree(builtin_registry());
  const Json& profile = at(doc, {"components", "schemas", "UnifiedProfile"});
  const std::set<std::string> required = strings_of(at(profile, {"required"}));
  for (std::size_t i = 0; i < core::kFirstAddressField; ++i) {
    const std::string name(core::kFieldNames[i]);
    INFO(name);
    CHECK(required.count(name) == 1);
    CHECK(strings_of(at(profile, {"properties", name, "type"})) == std::set<std::string>{"string", "null"});
  }
  for (const char* key : {"id", "provider", "address", "profile_completed", "extra"})
    CHECK(required.count(key) == 1);
  const Json& address = at(doc, {"components", "schemas", "Address"});
  for (std::size_t i = core::kFirstAddressField; i < core::kFieldCount; ++i) {
    CHECK(strings_of(at(address, {"required"}))
              .count(std::string(core::json_key(static_cast<core::FieldId>(i)))) == 1);
  }
}

TEST_CASE("the patch schema has no read-only keys and no additional properties", "[openapi]") {
  const Json doc = openapi_tree(builtin_registry());
  const Json& patch = at(doc, {"components", "schemas", "ProfilePatch"});
  for (const char* key : {"id", "provider", "extra", "profile_completed"}) {
    CHECK(at(patch, {"properties"}).find(key) == nullptr);
  }
  CHECK(at(patch, {"additionalProperties"}).kind() == Json::Kind::kBool);
  CHECK_FALSE(at(patch, {"additionalProperties"}).as_bool());
  CHECK(at(patch, {"properties"}).find("first_name") != nullptr);
  CHECK(at(patch, {"properties"}).find("address") != nullptr);
}

TEST_CASE("every public problem code is documented under its status", "[openapi]") {
  const Json doc = openapi_tree(builtin_registry());
  const Json& responses = at(doc, {"components", "responses"});
  for (const core::ProblemSpec& spec : core::problem_specs()) {
    if (spec.code == core::ProblemCode::kUnauthorized || spec.code == core::ProblemCode::kConflict) continue;
    INFO(spec.name);
    const Json& response = at(responses, {"Problem" + std::to_string(spec.status)});
    const Json& schema = at(response, {"content", "application/problem+json", "schema", "allOf"});
    REQUIRE(schema.size() == 2);
    CHECK(strings_of(at(schema.values()[1], {"properties", "code", "enum"})).count(std::string(spec.name)) ==
          1);
    CHECK(at(schema.values()[1], {"properties", "status", "const"}).as_int() == spec.status);
  }
  CHECK(at(responses, {"Problem405", "headers"}).find("Allow") != nullptr);
  CHECK(at(responses, {"Problem429", "headers"}).find("Retry-After") != nullptr);
  CHECK(at(responses, {"Problem503", "headers"}).find("Retry-After") != nullptr);
  CHECK(at(responses, {"AdminProblem401"}).find("content") != nullptr);
}

TEST_CASE("PATCH documents If-Match, 202, 412 and ETag", "[openapi]") {
  const Json doc = openapi_tree(builtin_registry());
  const Json& patch = at(doc, {"paths", "/v1/profile", "patch"});
  bool if_match = false;
  for (const Json& p : at(patch, {"parameters"}).values()) {
    if (at(p, {"$ref"}).text() == "#/components/parameters/If-Match") if_match = true;
  }
  CHECK(if_match);
  for (const char* status :
       {"200", "202", "400", "401", "404", "412", "413", "415", "422", "429", "502", "503", "504"}) {
    INFO(status);
    CHECK(at(patch, {"responses"}).find(status) != nullptr);
  }
  CHECK(at(patch, {"responses", "200", "headers"}).find("ETag") != nullptr);
}

}  // namespace profilegw::gateway::openapi
