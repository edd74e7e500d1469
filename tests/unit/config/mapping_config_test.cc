// Real mappings through the config validator: `profilegw --check-config` and the admin API report
// a broken mapping with the path of the value at fault, and a valid one becomes the tenant's own
// adapter in the snapshot (with the built-in adapters and the "mapped" factory registered).
#include <catch2/catch.hpp>

#include "adapters/builtin_adapters.h"
#include "config/file_reader.h"
#include "config/snapshot.h"
#include "fake_adapters.h"

using namespace profilegw;
using namespace profilegw::config;
using namespace profilegw::config::testing;
using Catch::Matchers::VectorContains;

namespace {

const core::AdapterRegistry& real_registry() {
  static const core::AdapterRegistry registry = [] {
    core::AdapterRegistry r;
    adapters::register_builtin(r);
    return r;
  }();
  return registry;
}

std::string tenant(int n, std::string_view mapping) {
  return R"({"id": "t)" + std::to_string(n) + R"(", "api_keys": ["key-)" + std::to_string(n) +
         R"(-0123456789"], "provider": "mapped", "upstream": {"base_url": "https://b.example"}, "mapping": )" +
         std::string(mapping) + "}";
}

constexpr std::string_view kGood =
    R"({"addressing": "id", "read": {"path": "/c/{id}"}, "update": {"path": "/c/{id}"},
  "fields": {"email": "/email", "gender": {"pointer": "/sex", "values": {"male": "M", "female": "F"}}}})";

LoadResult load(std::string_view text) {
  return load_config_text(text, "test.json", fake_env(), real_registry());
}

std::vector<std::string> errors(const LoadResult& r) {
  std::vector<std::string> out;
  for (const Issue& i : r.issues) {
    if (i.is_error()) out.push_back(format_issue(i));
  }
  return out;
}

}  // namespace

TEST_CASE("an invalid mapping is rejected with precise paths", "[config][mapping]") {
  const std::string bad_gender =
      R"({"addressing": "id", "read": {"path": "/c/{id}"}, "update": {"path": "/c/{id}"},
    "fields": {"gender": {"pointer": "/sex", "values": {"male": "M", "female": "M"}}}})";
  const LoadResult r = load(with_tenants(tenant(0, kGood) + "," + tenant(1, kGood) + "," + tenant(2, kGood) +
                                         "," + tenant(3, bad_gender)));
  CHECK_FALSE(r.ok());
  CHECK(errors(r) == std::vector<std::string>{
                         "tenants[3].mapping.fields.gender.values: not one-to-one (\"M\" appears twice)"});

  const LoadResult many = load(with_tenants(tenant(0, R"({"addressing": "id", "read": {"path": "/c/{id}"},
      "update": {"path": "/c/{id}", "always_send": ["national_id"]},
      "fields": {"email": "email", "birth_date": {"pointer": "/dob", "convert": "unix_time"}}})")));
  CHECK_THAT(errors(many),
             VectorContains(std::string(
                 "tenants[0].mapping.fields.email: bad pointer \"email\": expected a JSON Pointer "
                 "starting with '/' (RFC 6901), like \"/billing/phone\"")));
  CHECK_THAT(errors(many),
             VectorContains(std::string(
                 "tenants[0].mapping.fields.birth_date.convert: unknown conversion \"unix_time\" (known: "
                 "string, integer, date, datetime, phone, phone_split)")));
  CHECK_THAT(errors(many),
             VectorContains(std::string(
                 "tenants[0].mapping.update.always_send[0]: \"national_id\" has no source: map it in "
                 "mapping.fields with a write location")));
}

TEST_CASE("a valid mapping loads and its tenant gets its own compiled adapter", "[config][mapping]") {
  LoadResult r = load(with_tenants(tenant(0, kGood) + "," + tenant(1, kGood)));
  INFO(format_problems(r.issues));
  REQUIRE(r.ok());
  auto snapshot = Snapshot::build(std::move(*r.loaded), real_registry());
  const core::Tenant& t = snapshot->tenants().at(0);
  CHECK(t.provider == "mapped");
  REQUIRE(t.adapter != nullptr);
  CHECK(t.adapter != snapshot->tenants().at(1).adapter);
  CHECK(t.customer_auth == core::CustomerAuthScheme::kNone);
  CHECK(t.paths.get("get") == "/c/{id}");
  const core::Capabilities& caps = t.adapter->capabilities();
  CHECK(caps.addressing == core::Addressing::kId);
  CHECK(caps.fields[core::index(core::FieldId::kGender)].enum_values ==
        std::vector<std::string_view>{"male", "female"});
  CHECK_FALSE(caps.fields[core::index(core::FieldId::kPhone)].readable);
}

TEST_CASE("the example mappings are valid tenants", "[config][mapping]") {
  for (const char* name : {"woocommerce", "shopify", "shop", "v1rest"}) {
    CAPTURE(name);
    const std::string path = std::string(PGW_SOURCE_DIR) + "/config/examples/mappings/" + name + ".json";
    JsonParseResult tenant_doc = parse_json(read_file(path).text, path);
    REQUIRE(tenant_doc.ok());
    rapidjson::Document config;
    config.SetObject();
    rapidjson::Value tenants(rapidjson::kArrayType);
    tenants.PushBack(rapidjson::Value(tenant_doc.document, config.GetAllocator()), config.GetAllocator());
    config.AddMember("tenants", tenants, config.GetAllocator());
    const LoadResult r = load_config_document(
        config,
        fake_env(
            {{"WOO_CONSUMER_KEY", "ck"}, {"WOO_CONSUMER_SECRET", "cs"}, {"SHOPIFY_ACCESS_TOKEN", "shpat"}}),
        real_registry());
    INFO(format_problems(r.issues));
    CHECK(r.ok());
    CHECK(r.issues.empty());
  }
}
