#include "adapters/json/record_values.h"

#include <charconv>

namespace profilegw::adapters::json {

int find_key(std::span<const std::string_view> keys, std::string_view key) {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return static_cast<int>(i);
  }
  return -1;
}

bool is_blank(std::string_view body) {
  for (char c : body) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

bool read_text(const Value& v, bool empty_is_null, std::optional<std::string>& out) {
  if (v.IsNull()) {
    out.reset();
    return true;
  }
  if (!v.IsString()) return false;
  if (empty_is_null && v.GetStringLength() == 0) {
    out.reset();
    return true;
  }
  out.emplace(v.GetString(), v.GetStringLength());
  return true;
}

bool read_id(const Value& v, std::string& out) {
  char buf[24];
  std::to_chars_result r{};
  if (v.IsUint64()) {
    r = std::to_chars(buf, buf + sizeof buf, v.GetUint64());
  } else if (v.IsInt64()) {
    r = std::to_chars(buf, buf + sizeof buf, v.GetInt64());
  } else if (v.IsString() && v.GetStringLength() > 0) {
    out.assign(v.GetString(), v.GetStringLength());
    return true;
  } else {
    return false;
  }
  out.assign(buf, r.ptr);
  return true;
}

bool read_bool(const Value& v, std::optional<bool>& out) {
  if (v.IsNull()) {
    out.reset();
    return true;
  }
  if (!v.IsBool()) return false;
  out = v.GetBool();
  return true;
}

}  // namespace profilegw::adapters::json
