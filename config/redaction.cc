#include "config/redaction.h"

#include <array>
#include <string>

#include "config/json_path.h"

namespace profilegw::config {
namespace {

using rapidjson::Value;
using Allocator = rapidjson::Document::AllocatorType;

// Where a value sits, as far as secrets are concerned.
enum class Context : std::uint8_t { kPlain, kSecret, kApiKeys, kHeaders };

std::string_view view(const Value& v) { return {v.GetString(), v.GetStringLength()}; }

// The context of the member `key` of an object; `in_headers`: the object is an upstream.headers map.
Context member_context(std::string_view key, bool in_headers) {
  if (in_headers) return is_secret_header(key) ? Context::kSecret : Context::kPlain;
  if (key == "password" || key == "token" || key == "verification_key") return Context::kSecret;
  if (key == "api_keys") return Context::kApiKeys;
  if (key == "headers") return Context::kHeaders;
  return Context::kPlain;
}

Value redact_value(const Value& v, Context context, Allocator& a) {
  if (v.IsString() && context == Context::kSecret)
    return Value(kRedacted.data(), static_cast<rapidjson::SizeType>(kRedacted.size()), a);
  if (v.IsObject()) {
    Value out(rapidjson::kObjectType);
    for (const auto& m : v.GetObject()) {
      const Context child = member_context(view(m.name), context == Context::kHeaders);
      out.AddMember(Value(m.name, a), redact_value(m.value, child, a), a);
    }
    return out;
  }
  if (v.IsArray()) {
    Value out(rapidjson::kArrayType);
    for (const Value& e : v.GetArray()) {
      out.PushBack(redact_value(e, context == Context::kApiKeys ? Context::kSecret : Context::kPlain, a), a);
    }
    return out;
  }
  return Value(v, a);
}

const Value* stored_member(const Value* stored, std::string_view key) {
  if (stored == nullptr || !stored->IsObject()) return nullptr;
  for (const auto& m : stored->GetObject()) {
    if (view(m.name) == key) return &m.value;
  }
  return nullptr;
}

const Value* stored_element(const Value* stored, const Value& incoming, std::size_t index) {
  if (stored == nullptr || !stored->IsArray()) return nullptr;
  if (incoming.IsObject()) {
    const Value* id = stored_member(&incoming, "id");
    if (id != nullptr && id->IsString()) {
      for (const Value& e : stored->GetArray()) {
        const Value* stored_id = stored_member(&e, "id");
        if (stored_id != nullptr && stored_id->IsString() && view(*stored_id) == view(*id)) return &e;
      }
      return nullptr;
    }
  }
  return index < stored->Size() ? &(*stored)[static_cast<rapidjson::SizeType>(index)] : nullptr;
}

void restore_value(Value& v, const Value* stored, Context context, const std::string& path, Allocator& a,
                   std::vector<Issue>& issues) {
  if (context == Context::kSecret && v.IsString() && view(v) == kRedacted) {
    if (stored != nullptr && stored->IsString()) {
      v.SetString(stored->GetString(), stored->GetStringLength(), a);
    } else {
      issues.push_back(Issue{path, "\"***\" keeps the stored secret, but there is none", Severity::kError});
    }
    return;
  }
  if (v.IsObject()) {
    for (auto& m : v.GetObject()) {
      const std::string_view key = view(m.name);
      restore_value(m.value, stored_member(stored, key), member_context(key, context == Context::kHeaders),
                    child_path(path, key), a, issues);
    }
  } else if (v.IsArray()) {
    std::size_t index = 0;
    for (Value& e : v.GetArray()) {
      const Context child = context == Context::kApiKeys ? Context::kSecret : Context::kPlain;
      // API keys are matched by position: "***" in slot i keeps stored key i.
      const Value* match = context == Context::kApiKeys
                               ? (stored != nullptr && stored->IsArray() && index < stored->Size()
                                      ? &(*stored)[static_cast<rapidjson::SizeType>(index)]
                                      : nullptr)
                               : stored_element(stored, e, index);
      restore_value(e, match, child, index_path(path, index), a, issues);
      ++index;
    }
  }
}

}  // namespace

bool is_secret_header(std::string_view name) {
  constexpr std::array<std::string_view, 8> kHints = {"key",  "token",  "secret",    "password",
                                                      "auth", "cookie", "signature", "credential"};
  std::string lowered(name);
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (std::string_view hint : kHints) {
    if (lowered.find(hint) != std::string::npos) return true;
  }
  return false;
}

rapidjson::Value redact(const rapidjson::Value& value, rapidjson::Document::AllocatorType& allocator) {
  return redact_value(value, Context::kPlain, allocator);
}

std::vector<Issue> restore_redacted(rapidjson::Value& incoming, const rapidjson::Value* stored,
                                    rapidjson::Document::AllocatorType& allocator,
                                    std::string_view base_path) {
  std::vector<Issue> issues;
  restore_value(incoming, stored, Context::kPlain, std::string(base_path), allocator, issues);
  return issues;
}

}  // namespace profilegw::config
