#include "adapters/mapped/error_rules_parser.h"

#include <algorithm>
#include <array>

namespace profilegw::adapters::mapped {
namespace {

using json::Value;

constexpr std::array<std::string_view, 10> kErrorKeys = {
    "format",       "code",      "message",    "fields",       "not_found",
    "unauthorized", "forbidden", "validation", "rate_limited", "gateway_credentials"};
constexpr std::array<std::string_view, 2> kErrorFormats = {"generic", "drf"};
constexpr std::array<std::string_view, 5> kFieldErrorKeys = {"pointer", "shape", "field", "message", "code"};
constexpr std::array<std::string_view, 2> kShapes = {"map", "list"};
constexpr std::array<std::string_view, 2> kRuleKeys = {"statuses", "codes"};

struct CategoryName {
  std::string_view key;
  ErrorCategory category;
};
constexpr std::array<CategoryName, 6> kCategories = {{
    {"not_found", ErrorCategory::kNotFound},
    {"unauthorized", ErrorCategory::kUnauthorized},
    {"forbidden", ErrorCategory::kForbidden},
    {"validation", ErrorCategory::kValidation},
    {"rate_limited", ErrorCategory::kRateLimited},
    {"gateway_credentials", ErrorCategory::kGatewayCredentials},
}};

std::string_view category_key(ErrorCategory category) {
  for (const CategoryName& c : kCategories) {
    if (c.category == category) return c.key;
  }
  return "?";
}

// What an HTTP status means when the mapping does not say (CONTRACT.md section 3 "Errors").
constexpr std::array<StatusRule, 6> kDefaultStatuses = {{
    {400, ErrorCategory::kValidation},
    {401, ErrorCategory::kUnauthorized},
    {403, ErrorCategory::kForbidden},
    {404, ErrorCategory::kNotFound},
    {422, ErrorCategory::kValidation},
    {429, ErrorCategory::kRateLimited},
}};

class ErrorRulesParser {
 public:
  ErrorRulesParser(SpecReader& reader, ErrorRules& out) : r_(reader), out_(out) {}

  void run(const Value* v, const std::string& path) {
    out_.statuses.clear();
    if (v != nullptr) errors(*v, path);
    add_default_statuses();
  }

 private:
  void errors(const Value& v, const std::string& path) {
    ErrorRules& e = out_;
    if (!r_.object(v, path, kErrorKeys)) return;
    if (auto f = r_.choice(v, path, "format", kErrorFormats)) e.format = static_cast<ErrorFormat>(*f);
    if (e.format == ErrorFormat::kDrf) {
      for (std::string_view key : {"code", "message", "fields"}) {
        if (SpecReader::find(v, key) != nullptr) {
          r_.error(SpecReader::child(path, key), "not used with format \"drf\": DRF bodies are read as DRF");
        }
      }
    }
    if (std::optional<JsonPointer> code = r_.pointer_member(v, path, "code")) {
      e.code = std::move(*code);
      e.has_code = true;
    }
    if (std::optional<JsonPointer> message = r_.pointer_member(v, path, "message")) {
      e.message = std::move(*message);
      e.has_message = true;
    }
    if (const Value* fields = SpecReader::find(v, "fields"))
      field_errors(*fields, SpecReader::child(path, "fields"));
    for (const CategoryName& c : kCategories) {
      if (const Value* rule = SpecReader::find(v, c.key))
        category(*rule, SpecReader::child(path, c.key), c.category);
    }
  }

  void field_errors(const Value& v, const std::string& path) {
    ErrorRules& e = out_;
    if (v.IsString()) {
      if (std::optional<JsonPointer> p = r_.pointer(v, path)) {
        e.fields = std::move(*p);
        e.shape = FieldErrorShape::kMap;
      }
      return;
    }
    if (!r_.object(v, path, kFieldErrorKeys)) return;
    const Value* p = r_.required(v, path, "pointer");
    if (p == nullptr) return;
    std::optional<JsonPointer> pointer = r_.pointer(*p, SpecReader::child(path, "pointer"));
    if (!pointer) return;
    e.fields = std::move(*pointer);
    e.shape = FieldErrorShape::kMap;
    if (auto shape = r_.choice(v, path, "shape", kShapes)) {
      e.shape = *shape == 0 ? FieldErrorShape::kMap : FieldErrorShape::kList;
    }
    std::string ignored;
    e.list_field = *JsonPointer::parse("/field", ignored);
    e.list_message = *JsonPointer::parse("/message", ignored);
    for (std::string_view key : {"field", "message", "code"}) {
      if (SpecReader::find(v, key) == nullptr) continue;
      if (e.shape != FieldErrorShape::kList) {
        r_.error(SpecReader::child(path, key), "only with shape \"list\"");
        continue;
      }
      std::optional<JsonPointer> q = r_.pointer_member(v, path, key);
      if (!q) continue;
      if (key == "field") e.list_field = std::move(*q);
      if (key == "message") e.list_message = std::move(*q);
      if (key == "code") {
        e.list_code = std::move(*q);
        e.has_list_code = true;
      }
    }
  }

  void category(const Value& v, const std::string& path, ErrorCategory category) {
    if (!r_.object(v, path, kRuleKeys)) return;
    ErrorRules& e = out_;
    if (const Value* statuses = SpecReader::find(v, "statuses")) {
      const std::string s_path = SpecReader::child(path, "statuses");
      if (!statuses->IsArray()) {
        r_.error(s_path, "expected a list of HTTP statuses");
      } else {
        for (rapidjson::SizeType i = 0; i < statuses->Size(); ++i) {
          const Value& s = (*statuses)[i];
          const std::string item = SpecReader::element(s_path, i);
          if (!s.IsInt() || s.GetInt() < 400 || s.GetInt() > 599) {
            r_.error(item, "expected an HTTP error status (400 to 599)");
            continue;
          }
          const auto dup = std::find_if(e.statuses.begin(), e.statuses.end(),
                                        [&](const StatusRule& r) { return r.status == s.GetInt(); });
          if (dup != e.statuses.end()) {
            r_.error(item, std::to_string(s.GetInt()) + " is claimed twice (also by errors." +
                               std::string(category_key(dup->category)) + ")");
            continue;
          }
          e.statuses.push_back({s.GetInt(), category});
        }
      }
    }
    if (const Value* codes = SpecReader::find(v, "codes")) {
      const std::string c_path = SpecReader::child(path, "codes");
      if (!codes->IsArray()) {
        r_.error(c_path, "expected a list of the backend's error codes (strings or integers)");
        return;
      }
      for (rapidjson::SizeType i = 0; i < codes->Size(); ++i) {
        const Value& c = (*codes)[i];
        const std::string item = SpecReader::element(c_path, i);
        std::string code;
        if (c.IsString() && c.GetStringLength() > 0) {
          code = std::string(json::as_view(c));
        } else if (c.IsInt64()) {
          code = std::to_string(c.GetInt64());
        } else {
          r_.error(item, "expected a non-empty string or an integer");
          continue;
        }
        const auto dup =
            std::find_if(e.codes.begin(), e.codes.end(), [&](const CodeRule& r) { return r.code == code; });
        if (dup != e.codes.end()) {
          r_.error(item, SpecReader::quoted(code) + " is claimed twice (also by errors." +
                             std::string(category_key(dup->category)) + ")");
          continue;
        }
        e.codes.push_back({std::move(code), category});
      }
      if (!out_.has_code && out_.format == ErrorFormat::kGeneric) {
        r_.error(c_path, "codes need errors.code: where the backend's error code is");
      }
    }
  }

  void add_default_statuses() {
    for (const StatusRule& d : kDefaultStatuses) {
      const bool claimed = std::any_of(out_.statuses.begin(), out_.statuses.end(),
                                       [&](const StatusRule& r) { return r.status == d.status; });
      if (!claimed) out_.statuses.push_back(d);
    }
  }

  SpecReader& r_;
  ErrorRules& out_;
};

}  // namespace

void parse_error_rules(const json::Value* errors, const std::string& path, SpecReader& reader,
                       ErrorRules& out) {
  ErrorRulesParser(reader, out).run(errors, path);
}

}  // namespace profilegw::adapters::mapped
