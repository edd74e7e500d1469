#include "adapters/mapped/spec_reader.h"

#include <algorithm>

namespace profilegw::adapters::mapped {
namespace {

bool is_plain_key(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string join_names(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

void SpecReader::error(std::string path, std::string message) {
  issues_.push_back(core::SpecIssue{std::move(path), std::move(message), false});
  ++errors_;
}

void SpecReader::warning(std::string path, std::string message) {
  issues_.push_back(core::SpecIssue{std::move(path), std::move(message), true});
}

std::string SpecReader::in_tenant(std::string_view path) {
  constexpr std::string_view kTenants = "tenants[";
  if (!path.starts_with(kTenants)) return std::string(path);
  const std::size_t close = path.find("].", kTenants.size());
  if (close == std::string_view::npos) return std::string(path);
  for (std::size_t i = kTenants.size(); i < close; ++i) {
    if (path[i] < '0' || path[i] > '9') return std::string(path);
  }
  return std::string(path.substr(close + 2));
}

std::string SpecReader::child(std::string_view parent, std::string_view key) {
  std::string out(parent);
  if (is_plain_key(key)) {
    if (!out.empty()) out += '.';
    out += key;
    return out;
  }
  out += "[\"";
  for (char c : key) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += "\"]";
  return out;
}

std::string SpecReader::element(std::string_view parent, std::size_t index) {
  std::string out(parent);
  out += '[';
  out += std::to_string(index);
  out += ']';
  return out;
}

const json::Value* SpecReader::find(const json::Value& object, std::string_view key) {
  return object.IsObject() ? find_member(object, key) : nullptr;
}

bool SpecReader::object(const json::Value& v, const std::string& path,
                        std::span<const std::string_view> known) {
  if (!v.IsObject()) {
    error(path, "expected an object");
    return false;
  }
  std::vector<std::string_view> seen;
  for (const auto& m : v.GetObject()) {
    const std::string_view key = json::as_view(m.name);
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      error(child(path, key), "duplicate key");
      continue;
    }
    seen.push_back(key);
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      error(child(path, key), "unknown key (known: " + join_names(known) + ")");
    }
  }
  return true;
}

std::optional<std::string> SpecReader::string(const json::Value& obj, const std::string& path,
                                              std::string_view key) {
  const json::Value* v = find(obj, key);
  if (v == nullptr) return std::nullopt;
  if (!v->IsString()) {
    error(child(path, key), "expected a string");
    return std::nullopt;
  }
  return std::string(json::as_view(*v));
}

std::optional<bool> SpecReader::boolean(const json::Value& obj, const std::string& path,
                                        std::string_view key) {
  const json::Value* v = find(obj, key);
  if (v == nullptr) return std::nullopt;
  if (!v->IsBool()) {
    error(child(path, key), "expected true or false");
    return std::nullopt;
  }
  return v->GetBool();
}

std::optional<std::int64_t> SpecReader::integer(const json::Value& obj, const std::string& path,
                                                std::string_view key, std::int64_t lo, std::int64_t hi) {
  const json::Value* v = find(obj, key);
  if (v == nullptr) return std::nullopt;
  if (!v->IsInt64() || v->GetInt64() < lo || v->GetInt64() > hi) {
    error(child(path, key),
          "expected an integer between " + std::to_string(lo) + " and " + std::to_string(hi));
    return std::nullopt;
  }
  return v->GetInt64();
}

std::optional<std::size_t> SpecReader::choice(const json::Value& obj, const std::string& path,
                                              std::string_view key,
                                              std::span<const std::string_view> choices) {
  const json::Value* v = find(obj, key);
  if (v == nullptr) return std::nullopt;
  if (v->IsString()) {
    for (std::size_t i = 0; i < choices.size(); ++i) {
      if (json::as_view(*v) == choices[i]) return i;
    }
  }
  std::string message = v->IsString() ? "unknown value " + quoted(json::as_view(*v)) + "; expected one of "
                                      : "expected one of ";
  for (std::size_t i = 0; i < choices.size(); ++i) message += (i == 0 ? "" : ", ") + quoted(choices[i]);
  error(child(path, key), std::move(message));
  return std::nullopt;
}

std::optional<JsonPointer> SpecReader::pointer(const json::Value& v, const std::string& path) {
  if (!v.IsString()) {
    error(path, "expected a JSON Pointer string (RFC 6901), like \"/billing/phone\"");
    return std::nullopt;
  }
  std::string why;
  std::optional<JsonPointer> p = JsonPointer::parse(json::as_view(v), why);
  if (!p) error(path, "bad pointer " + quoted(json::as_view(v)) + ": " + why);
  return p;
}

std::optional<JsonPointer> SpecReader::pointer_member(const json::Value& obj, const std::string& path,
                                                      std::string_view key) {
  const json::Value* v = find(obj, key);
  if (v == nullptr) return std::nullopt;
  return pointer(*v, child(path, key));
}

const json::Value* SpecReader::required(const json::Value& obj, const std::string& path,
                                        std::string_view key) {
  const json::Value* v = find(obj, key);
  if (v == nullptr) error(child(path, key), "required");
  return v;
}

}  // namespace profilegw::adapters::mapped
