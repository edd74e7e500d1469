// A small ordered JSON tree for documents built once at start-up (the OpenAPI document), where
// readable construction matters more than speed. Never used on the request path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace profilegw::gateway::openapi {

class Json {
 public:
  enum class Kind : std::uint8_t { kNull, kBool, kInt, kString, kArray, kObject };

  Json() = default;                               // null
  Json(std::nullptr_t) {}                         // NOLINT(google-explicit-constructor): reads like JSON
  Json(bool b) : kind_(Kind::kBool), bool_(b) {}  // NOLINT(google-explicit-constructor)
  Json(int n) : kind_(Kind::kInt), int_(n) {}     // NOLINT(google-explicit-constructor)
  Json(std::int64_t n) : kind_(Kind::kInt), int_(n) {}                // NOLINT(google-explicit-constructor)
  Json(const char* s) : kind_(Kind::kString), text_(s) {}             // NOLINT(google-explicit-constructor)
  Json(std::string_view s) : kind_(Kind::kString), text_(s) {}        // NOLINT(google-explicit-constructor)
  Json(std::string s) : kind_(Kind::kString), text_(std::move(s)) {}  // NOLINT(google-explicit-constructor)

  static Json object() { return Json(Kind::kObject); }
  static Json array() { return Json(Kind::kArray); }
  static Json array(std::initializer_list<Json> items);
  // An array of strings.
  static Json strings(const std::vector<std::string_view>& items);

  Kind kind() const { return kind_; }
  bool is_object() const { return kind_ == Kind::kObject; }
  bool is_array() const { return kind_ == Kind::kArray; }
  std::size_t size() const { return values_.size(); }

  // Objects keep insertion order; setting an existing key replaces its value in place.
  Json& set(std::string_view key, Json value) &;
  Json&& set(std::string_view key, Json value) &&;
  Json& push(Json value) &;
  Json&& push(Json value) &&;

  const Json* find(std::string_view key) const;
  Json* find(std::string_view key);
  // The member `key`, created as an empty object when missing (for building nested maps).
  Json& member(std::string_view key);

  const std::vector<std::string>& keys() const { return keys_; }
  const std::vector<Json>& values() const { return values_; }
  const std::string& text() const { return text_; }
  bool as_bool() const { return bool_; }
  std::int64_t as_int() const { return int_; }

  std::string dump() const;         // compact
  std::string dump_pretty() const;  // two-space indent, for files people read

 private:
  explicit Json(Kind kind) : kind_(kind) {}

  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  std::int64_t int_ = 0;
  std::string text_;
  std::vector<std::string> keys_;  // objects: keys_[i] names values_[i]
  std::vector<Json> values_;
};

}  // namespace profilegw::gateway::openapi
