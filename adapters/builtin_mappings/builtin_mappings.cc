#include "adapters/builtin_mappings/builtin_mappings.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <stdexcept>

#include "adapters/mapped/mapped_adapter.h"
#include "adapters/mapped/mapping_parser.h"

namespace profilegw::adapters {
namespace builtin {
namespace {

bool scheme_of(std::string_view text, core::CustomerAuthScheme& out) {
  if (text == "Bearer") {
    out = core::CustomerAuthScheme::kBearer;
  } else if (text == "Token") {
    out = core::CustomerAuthScheme::kToken;
  } else if (text == "none") {
    out = core::CustomerAuthScheme::kNone;
  } else {
    return false;
  }
  return true;
}

}  // namespace

std::string_view embedded_mapping(std::string_view provider) {
  for (const EmbeddedMapping& e : embedded_mappings()) {
    if (e.provider == provider) return e.json;
  }
  return {};
}

std::unique_ptr<core::Adapter> compile_embedded(const EmbeddedMapping& embedded,
                                                std::vector<std::string>& problems) {
  const std::string where = "adapters/builtin_mappings/" + std::string(embedded.provider) + ".json";
  rapidjson::Document doc;
  doc.Parse(embedded.json.data(), embedded.json.size());
  if (doc.HasParseError()) {
    problems.push_back(where + ": not JSON: " + rapidjson::GetParseError_En(doc.GetParseError()) +
                       " at offset " + std::to_string(doc.GetErrorOffset()));
    return nullptr;
  }
  if (!doc.IsObject()) {
    problems.push_back(where + ": expected an object");
    return nullptr;
  }
  for (const auto& m : doc.GetObject()) {
    const std::string_view key(m.name.GetString(), m.name.GetStringLength());
    if (key != "provider" && key != "default_customer_auth" && key != "mapping") {
      problems.push_back(where + ": unknown member \"" + std::string(key) + "\"");
    }
  }
  const auto provider = doc.FindMember("provider");
  if (provider == doc.MemberEnd() || !provider->value.IsString() ||
      std::string_view(provider->value.GetString(), provider->value.GetStringLength()) != embedded.provider) {
    problems.push_back(where + ": provider: expected \"" + std::string(embedded.provider) + "\"");
  }
  core::CustomerAuthScheme scheme = core::CustomerAuthScheme::kBearer;
  const auto auth = doc.FindMember("default_customer_auth");
  if (auth == doc.MemberEnd() || !auth->value.IsString() ||
      !scheme_of(std::string_view(auth->value.GetString(), auth->value.GetStringLength()), scheme)) {
    problems.push_back(where + ": default_customer_auth: expected \"Bearer\", \"Token\" or \"none\"");
  }
  const auto spec = doc.FindMember("mapping");
  if (spec == doc.MemberEnd()) {
    problems.push_back(where + ": mapping: missing");
    return nullptr;
  }
  std::vector<core::SpecIssue> issues;
  std::unique_ptr<const mapped::CompiledMapping> mapping =
      mapped::compile_mapping(spec->value, "mapping", issues);
  for (const core::SpecIssue& i : issues) {
    problems.push_back(where + ": " + (i.warning ? "warning: " : "") + i.path + ": " + i.message);
  }
  if (mapping == nullptr || !problems.empty()) return nullptr;
  return make_mapped_adapter(std::move(mapping), embedded.provider, scheme);
}

}  // namespace builtin

std::unique_ptr<core::Adapter> make_builtin_mapped_adapter(std::string_view provider) {
  for (const builtin::EmbeddedMapping& e : builtin::embedded_mappings()) {
    if (e.provider != provider) continue;
    std::vector<std::string> problems;
    std::unique_ptr<core::Adapter> adapter = builtin::compile_embedded(e, problems);
    if (adapter == nullptr) {
      std::string text = "the built-in provider " + std::string(provider) + " does not compile:";
      for (const std::string& p : problems) text += "\n  " + p;
      throw std::logic_error(text);
    }
    return adapter;
  }
  throw std::logic_error("no built-in mapping for provider " + std::string(provider));
}

std::unique_ptr<core::Adapter> make_django_adapter() { return make_builtin_mapped_adapter("django"); }
std::unique_ptr<core::Adapter> make_shop_adapter() { return make_builtin_mapped_adapter("shop"); }
std::unique_ptr<core::Adapter> make_v1rest_adapter() { return make_builtin_mapped_adapter("v1rest"); }

}  // namespace profilegw::adapters
