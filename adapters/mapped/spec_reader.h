// Reading a `mapping` block with every problem reported at its path, the way config validation
// reports the rest of a tenant (`tenants[3].mapping.fields.gender.values: ...`): typed getters that
// record an issue and return nullopt instead of throwing, and unknown-key checks per object.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/json/json_document.h"
#include "adapters/mapped/json_pointer.h"
#include "core/adapter_factory.h"

namespace profilegw::adapters::mapped {

class SpecReader {
 public:
  explicit SpecReader(std::vector<core::SpecIssue>& issues) : issues_(issues) {}

  void error(std::string path, std::string message);
  void warning(std::string path, std::string message);
  std::size_t error_count() const { return errors_; }

  // `parent.key`, or `parent["key"]` when the key is not made of letters, digits, '_' and '-'.
  static std::string child(std::string_view parent, std::string_view key);
  static std::string element(std::string_view parent, std::size_t index);
  static std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }
  // `path` without its leading "tenants[N].": how a message names another value of the same tenant,
  // so it reads the same from --check-config and from the admin API (where N means nothing).
  static std::string in_tenant(std::string_view path);

  static const json::Value* find(const json::Value& object, std::string_view key);

  // True when `v` is an object; reports duplicate keys and keys not in `known`.
  bool object(const json::Value& v, const std::string& path, std::span<const std::string_view> known);

  // Optional members: nullopt (and an issue, when present with a wrong type).
  std::optional<std::string> string(const json::Value& obj, const std::string& path, std::string_view key);
  std::optional<bool> boolean(const json::Value& obj, const std::string& path, std::string_view key);
  std::optional<std::int64_t> integer(const json::Value& obj, const std::string& path, std::string_view key,
                                      std::int64_t lo, std::int64_t hi);
  // The index of the member's value in `choices`.
  std::optional<std::size_t> choice(const json::Value& obj, const std::string& path, std::string_view key,
                                    std::span<const std::string_view> choices);
  // A JSON Pointer written as a string at `path`.
  std::optional<JsonPointer> pointer(const json::Value& v, const std::string& path);
  std::optional<JsonPointer> pointer_member(const json::Value& obj, const std::string& path,
                                            std::string_view key);

  // A member that must be present: reports "required" when it is not.
  const json::Value* required(const json::Value& obj, const std::string& path, std::string_view key);

 private:
  std::vector<core::SpecIssue>& issues_;
  std::size_t errors_ = 0;
};

// "a, b, c": for "(known: ...)" hints.
std::string join_names(std::span<const std::string_view> names);

}  // namespace profilegw::adapters::mapped
