#include "adapters/mapped/json_pointer.h"

#include <cstring>

namespace profilegw::adapters::mapped {
namespace {

// "0", "7", "42": an array index as RFC 6901 spells it (no sign, no leading zero). Indexes past
// a million are treated as names: no record holds such an array.
std::uint32_t index_of(std::string_view token) {
  if (token.empty() || token.size() > 6) return PointerToken::kNotIndex;
  if (token.size() > 1 && token.front() == '0') return PointerToken::kNotIndex;
  std::uint32_t value = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return PointerToken::kNotIndex;
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return value;
}

}  // namespace

std::optional<JsonPointer> JsonPointer::parse(std::string_view text, std::string& error) {
  JsonPointer pointer;
  pointer.text_ = std::string(text);
  if (text.empty()) return pointer;
  if (text.front() != '/') {
    error = "expected a JSON Pointer starting with '/' (RFC 6901), like \"/billing/phone\"";
    return std::nullopt;
  }
  std::size_t start = 1;
  while (true) {
    const std::size_t end = std::min(text.find('/', start), text.size());
    const std::string_view raw = text.substr(start, end - start);
    PointerToken token;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '~') {
        token.name += raw[i];
        continue;
      }
      if (i + 1 >= raw.size() || (raw[i + 1] != '0' && raw[i + 1] != '1')) {
        error = "'~' must be followed by 0 (for '~') or 1 (for '/') (RFC 6901)";
        return std::nullopt;
      }
      token.name += raw[i + 1] == '0' ? '~' : '/';
      ++i;
    }
    if (raw == "-") {
      error = "'-' (the element after the last) names no value that can be read or written";
      return std::nullopt;
    }
    token.index = index_of(raw);
    pointer.tokens_.push_back(std::move(token));
    if (end == text.size()) break;
    start = end + 1;
  }
  return pointer;
}

std::string JsonPointer::dotted() const {
  std::string out;
  for (const PointerToken& t : tokens_) {
    if (!out.empty()) out += '.';
    out += t.name;
  }
  return out;
}

bool JsonPointer::is_prefix_of(const JsonPointer& other) const {
  if (tokens_.size() > other.tokens_.size()) return false;
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    if (tokens_[i].name != other.tokens_[i].name) return false;
  }
  return true;
}

const json::Value* find_member(const json::Value& object, std::string_view name) {
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    if (it->name.GetStringLength() == name.size() &&
        std::memcmp(it->name.GetString(), name.data(), name.size()) == 0) {
      return &it->value;
    }
  }
  return nullptr;
}

Located resolve(const json::Value& start, const std::vector<PointerToken>& tokens, std::size_t from) {
  const json::Value* at = &start;
  for (std::size_t i = from; i < tokens.size(); ++i) {
    const PointerToken& token = tokens[i];
    if (at->IsObject()) {
      at = find_member(*at, token.name);
      if (at == nullptr) return {Lookup::kAbsent, nullptr};
    } else if (at->IsArray()) {
      if (token.index == PointerToken::kNotIndex) return {Lookup::kWrongType, nullptr};
      if (token.index >= at->Size()) return {Lookup::kAbsent, nullptr};
      at = &(*at)[static_cast<rapidjson::SizeType>(token.index)];
    } else if (at->IsNull()) {
      return {Lookup::kAbsent, nullptr};
    } else {
      return {Lookup::kWrongType, nullptr};
    }
  }
  return {Lookup::kFound, at};
}

}  // namespace profilegw::adapters::mapped
