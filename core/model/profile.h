// The unified customer profile (CONTRACT.md section 3): what every adapter reads into and what the
// gateway serialises. All scalar fields are strings or null; `extra` is provider JSON kept verbatim.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/model/fields.h"

namespace profilegw::core {

struct Profile {
  std::string id;        // always a string, even when the backend uses integers
  std::string provider;  // the tenant's provider name
  FieldArray<std::optional<std::string>> fields{};  // nullopt serialises as null
  // False when the provider has no address at all: `address` serialises as null.
  bool has_address = false;
  std::optional<bool> profile_completed;
  // A JSON object, serialised; provider fields without a unified home. Never empty: "{}" at least.
  std::string extra_json = "{}";

  const std::optional<std::string>& get(FieldId f) const { return fields[index(f)]; }
  std::optional<std::string>& get(FieldId f) { return fields[index(f)]; }
  void set(FieldId f, std::string v) { fields[index(f)] = std::move(v); }
};

// Appends the unified JSON document (every key present, CONTRACT.md order) to `out`.
void write_profile_json(const Profile& p, std::string& out);

// A strong validator over the unified document: "\"<hex>\"" (quotes included, as sent in ETag).
std::string profile_etag(const Profile& p);
// The same validator from the document write_profile_json wrote: a caller that sends the document
// anyway hashes it without writing it a second time.
std::string document_etag(std::string_view document);

}  // namespace profilegw::core
