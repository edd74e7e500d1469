#include "gateway/admin/tenant_document.h"

#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "config/json_path.h"
#include "config/redaction.h"
#include "core/model/json_utf8.h"

namespace profilegw::gateway::admin {
namespace {

using rapidjson::Value;

std::string_view view(const Value& v) { return {v.GetString(), v.GetStringLength()}; }

const Value* tenants_array(const Value& raw) {
  if (!raw.IsObject()) return nullptr;
  const auto it = raw.FindMember("tenants");
  return it != raw.MemberEnd() && it->value.IsArray() ? &it->value : nullptr;
}

std::string write_compact(const Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

// A short machine code for a validator message (the message itself says the rest).
std::string issue_code(std::string_view message) {
  if (message == "required" || message.starts_with("required ")) return "required";
  if (message.starts_with("unknown key")) return "unknown_field";
  if (message.starts_with("duplicate")) return "duplicate";
  return "invalid";
}

// `tenants[3].upstream.base_url` → `upstream.base_url` when 3 is `index`; else unchanged.
std::string relative_path(const std::string& path, std::optional<std::size_t> index) {
  if (!index) return path;
  const std::string prefix = config::index_path("tenants", *index);
  if (!path.starts_with(prefix) || path.size() == prefix.size()) return path;
  const char next = path[prefix.size()];
  if (next == '.') return path.substr(prefix.size() + 1);
  if (next == '[') return path.substr(prefix.size());
  return path;
}

core::Problem invalid_body(std::vector<core::FieldError> errors) {
  core::Problem p = core::Problem::make(core::ProblemCode::kValidationFailed,
                                        errors.front().field + ": " + errors.front().message);
  p.errors = std::move(errors);
  return p;
}

}  // namespace

std::optional<std::size_t> find_tenant(const rapidjson::Value& raw, std::string_view id) {
  const Value* tenants = tenants_array(raw);
  if (tenants == nullptr) return std::nullopt;
  for (rapidjson::SizeType i = 0; i < tenants->Size(); ++i) {
    const Value& t = (*tenants)[i];
    if (!t.IsObject()) continue;
    const auto it = t.FindMember("id");
    if (it != t.MemberEnd() && it->value.IsString() && view(it->value) == id) return i;
  }
  return std::nullopt;
}

core::Result<rapidjson::Document> parse_tenant_body(std::string_view body, std::string_view path_id,
                                                    const rapidjson::Value* stored) {
  rapidjson::Document doc;
  // UTF-8 only, as the config file is read: what is accepted here is written to that file.
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(body.data(), body.size());
  if (doc.HasParseError()) {
    return core::Problem::make(
        core::ProblemCode::kMalformedRequest,
        "body is not valid JSON: " + std::string(rapidjson::GetParseError_En(doc.GetParseError())) +
            " (offset " + std::to_string(doc.GetErrorOffset()) + ")");
  }
  if (!core::json_strings_are_utf8(body, doc)) {
    return core::Problem::make(core::ProblemCode::kMalformedRequest,
                               "body is not valid JSON: a \\u escape decodes to a lone surrogate (U+D800-U+DFFF)");
  }
  if (!doc.IsObject()) {
    return core::Problem::make(core::ProblemCode::kMalformedRequest,
                               "body must be a JSON object (one tenant)");
  }
  const auto id = doc.FindMember("id");
  if (id == doc.MemberEnd()) {
    doc.AddMember("id",
                  Value(path_id.data(), static_cast<rapidjson::SizeType>(path_id.size()), doc.GetAllocator()),
                  doc.GetAllocator());
  } else if (!id->value.IsString() || view(id->value) != path_id) {
    return invalid_body(
        {{"id", "mismatch", "must be the id in the path (\"" + std::string(path_id) + "\") or absent"}});
  }
  std::vector<config::Issue> issues = config::restore_redacted(doc, stored, doc.GetAllocator());
  if (!issues.empty()) {
    std::vector<core::FieldError> errors;
    for (const config::Issue& issue : issues)
      errors.push_back({issue.path, "no_stored_secret", issue.message});
    return invalid_body(std::move(errors));
  }
  return core::Result<rapidjson::Document>(std::move(doc));
}

std::size_t put_tenant(rapidjson::Document& raw, const rapidjson::Value& tenant) {
  auto& a = raw.GetAllocator();
  if (!raw.IsObject()) raw.SetObject();
  auto it = raw.FindMember("tenants");
  if (it == raw.MemberEnd()) {
    raw.AddMember("tenants", Value(rapidjson::kArrayType), a);
    it = raw.FindMember("tenants");
  } else if (!it->value.IsArray()) {
    it->value.SetArray();
  }
  Value copy(tenant, a);
  const auto id = tenant.FindMember("id");
  const std::optional<std::size_t> index =
      id != tenant.MemberEnd() && id->value.IsString() ? find_tenant(raw, view(id->value)) : std::nullopt;
  if (index) {
    it->value[static_cast<rapidjson::SizeType>(*index)] = copy;  // rapidjson assignment moves
    return *index;
  }
  it->value.PushBack(copy, a);
  return it->value.Size() - 1;
}

bool remove_tenant(rapidjson::Document& raw, std::string_view id) {
  const std::optional<std::size_t> index = find_tenant(raw, id);
  if (!index) return false;
  Value& tenants = raw["tenants"];
  tenants.Erase(tenants.Begin() + static_cast<std::ptrdiff_t>(*index));
  return true;
}

core::Problem config_problem(std::span<const config::Issue> issues, std::optional<std::size_t> tenant_index) {
  std::vector<core::FieldError> errors;
  for (const config::Issue& issue : issues) {
    if (!issue.is_error()) continue;
    errors.push_back({relative_path(issue.path, tenant_index), issue_code(issue.message), issue.message});
  }
  if (errors.empty()) errors.push_back({"", "invalid", "the config was rejected"});
  core::Problem p = core::Problem::make(
      core::ProblemCode::kValidationFailed,
      (errors.front().field.empty() ? "" : errors.front().field + ": ") + errors.front().message +
          (errors.size() > 1 ? " (and " + std::to_string(errors.size() - 1) + " more)" : ""));
  p.errors = std::move(errors);
  return p;
}

std::string redacted_json(const rapidjson::Value& value) {
  rapidjson::Document scratch;
  const Value redacted = config::redact(value, scratch.GetAllocator());
  return write_compact(redacted);
}

std::string tenants_json(const rapidjson::Value& raw, std::uint64_t generation) {
  std::string out = R"({"tenants":[)";
  if (const Value* tenants = tenants_array(raw)) {
    bool first = true;
    for (const Value& t : tenants->GetArray()) {
      if (!first) out.push_back(',');
      first = false;
      out += redacted_json(t);
    }
  }
  out += R"(],"config_generation":)" + std::to_string(generation) + "}";
  return out;
}

}  // namespace profilegw::gateway::admin
