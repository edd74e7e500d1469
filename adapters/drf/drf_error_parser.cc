#include "adapters/drf/drf_error_parser.h"

#include "adapters/json/json_document.h"

namespace profilegw::adapters::drf {
namespace {

using json::as_view;
using json::Value;

constexpr std::string_view kNonFieldErrors = "non_field_errors";
// Plain DRF gives no machine code per message; the contract's generic one stands in.
constexpr std::string_view kPlainCode = "invalid";

std::optional<std::string_view> string_member(const Value& object, std::string_view key) {
  auto it = object.FindMember(Value(rapidjson::StringRef(key.data(), key.size())));
  if (it == object.MemberEnd() || !it->value.IsString()) return std::nullopt;
  return as_view(it->value);
}

const Value* member(const Value& object, std::string_view key) {
  auto it = object.FindMember(Value(rapidjson::StringRef(key.data(), key.size())));
  return it == object.MemberEnd() ? nullptr : &it->value;
}

// Plain DRF nests messages under field names (objects) and list positions (arrays), like the
// drf-standardized-errors package joins them into "a.b.0".
void flatten(const Value& v, std::string& path, const FieldNames& names, std::vector<core::FieldError>& out) {
  if (v.IsString()) {
    out.push_back({names.unified(path), std::string(kPlainCode), std::string(as_view(v))});
    return;
  }
  const std::size_t mark = path.size();
  if (v.IsObject()) {
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
      if (mark > 0) path += '.';
      path.append(it->name.GetString(), it->name.GetStringLength());
      flatten(it->value, path, names, out);
      path.resize(mark);
    }
  } else if (v.IsArray()) {
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
      const Value& item = v[i];
      if (item.IsObject() || item.IsArray()) {
        if (mark > 0) path += '.';
        path += std::to_string(i);
        flatten(item, path, names, out);
        path.resize(mark);
      } else {
        flatten(item, path, names, out);
      }
    }
  }
  // Numbers, booleans and nulls carry no message: nothing to report.
}

void append_detail(std::string& detail, std::string_view message) {
  if (!detail.empty()) detail += "; ";
  detail += message;
}

ErrorBody parse_standardized(std::string_view type, const Value& errors, const FieldNames& names) {
  ErrorBody body;
  const bool validation = type == "validation_error";
  for (const Value& e : errors.GetArray()) {
    if (!e.IsObject()) continue;
    const std::string_view message = string_member(e, "detail").value_or("");
    const std::string_view code = string_member(e, "code").value_or("");
    if (validation) {
      const std::optional<std::string_view> attr = string_member(e, "attr");
      body.errors.push_back({attr ? names.unified(*attr) : std::string(),
                             std::string(code.empty() ? kPlainCode : code), std::string(message)});
    } else {
      // A dict detail (simplejwt's {"detail", "code", "messages": [...]}) arrives flattened, one
      // entry per leaf with its path as attr; only the "detail" leaf is the message itself.
      if (const std::optional<std::string_view> attr = string_member(e, "attr"); attr && *attr != "detail") {
        continue;
      }
      append_detail(body.detail, message);
      if (body.code.empty()) body.code = std::string(code);
    }
  }
  return body;
}

ErrorBody parse_plain(const Value& root, const FieldNames& names) {
  ErrorBody body;
  std::string path;
  if (root.IsArray()) {
    flatten(root, path, names, body.errors);
    return body;
  }
  if (auto detail = string_member(root, "detail")) {
    body.detail = std::string(*detail);
    body.code = std::string(string_member(root, "code").value_or(""));
    return body;
  }
  flatten(root, path, names, body.errors);
  return body;
}

}  // namespace

std::string FieldNames::unified(std::string_view backend_path) const {
  if (backend_path == kNonFieldErrors) return {};
  if (backend_path.ends_with(kNonFieldErrors) &&
      backend_path[backend_path.size() - kNonFieldErrors.size() - 1] == '.') {
    backend_path.remove_suffix(kNonFieldErrors.size() + 1);
  }
  for (const FieldRename& r : renames_) {
    if (r.backend == backend_path) return std::string(r.unified);
  }
  return std::string(backend_path);
}

std::optional<ErrorBody> parse_error_body(std::string_view text, const FieldNames& names) {
  json::ParsedJson parsed;
  if (!parsed.parse(text)) return std::nullopt;
  const Value& root = parsed.root();
  if (root.IsArray()) return parse_plain(root, names);
  if (!root.IsObject()) return std::nullopt;
  const std::optional<std::string_view> type = string_member(root, "type");
  const Value* errors = member(root, "errors");
  if (type && errors != nullptr && errors->IsArray()) return parse_standardized(*type, *errors, names);
  return parse_plain(root, names);
}

}  // namespace profilegw::adapters::drf
