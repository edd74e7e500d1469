#include "gateway/handlers/capabilities_json.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace profilegw::gateway {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void str(JsonWriter& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }
void key(JsonWriter& w, std::string_view s) { w.Key(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void write_field(JsonWriter& w, const core::FieldCapability& f) {
  w.StartObject();
  key(w, "readable");
  w.Bool(f.readable);
  key(w, "writable");
  w.Bool(f.writable);
  key(w, "requires_verification");
  w.Bool(f.requires_verification);
  key(w, "nullable");
  w.Bool(f.writable && f.nullable);
  key(w, "constraints");
  w.StartObject();
  if (f.min_length) {
    key(w, "min_length");
    w.Int(*f.min_length);
  }
  if (f.max_length) {
    key(w, "max_length");
    w.Int(*f.max_length);
  }
  if (!f.enum_values.empty()) {
    key(w, "enum");
    w.StartArray();
    for (std::string_view v : f.enum_values) str(w, v);
    w.EndArray();
  }
  if (!f.pattern.empty()) {
    key(w, "pattern");
    str(w, f.pattern);
  }
  if (!f.format.empty()) {
    key(w, "format");
    str(w, f.format);
  }
  w.EndObject();
  w.EndObject();
}

void write_read_only(JsonWriter& w, std::string_view name, bool readable) {
  key(w, name);
  core::FieldCapability f;
  f.readable = readable;
  write_field(w, f);
}

// The `address` key itself: readable when the provider has an address; writable when any member
// is; `null` (which clears every member) only when every member may be cleared.
core::FieldCapability address_as_a_whole(const core::Capabilities& caps) {
  core::FieldCapability a;
  a.readable = caps.has_address;
  a.nullable = true;
  for (std::size_t i = core::kFirstAddressField; i < core::kFieldCount; ++i) {
    const core::FieldCapability& m = caps.fields[i];
    a.writable = a.writable || m.writable;
    a.requires_verification = a.requires_verification || m.requires_verification;
    a.nullable = a.nullable && m.writable && m.nullable;
  }
  return a;
}

std::string_view scheme_name(core::CustomerAuthScheme s) {
  switch (s) {
    case core::CustomerAuthScheme::kBearer: return "Bearer";
    case core::CustomerAuthScheme::kToken: return "Token";
    case core::CustomerAuthScheme::kNone: return "none";
  }
  return "none";
}

}  // namespace

std::string render_capabilities(const core::Tenant& tenant) {
  const core::Capabilities& caps = tenant.adapter->capabilities();
  const bool by_id = caps.addressing == core::Addressing::kId;
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  key(w, "tenant");
  str(w, tenant.id);
  key(w, "provider");
  str(w, tenant.provider);
  key(w, "addressing");
  str(w, by_id ? "id" : "token");
  key(w, "routes");
  w.StartObject();
  key(w, "profile");
  str(w, by_id ? "/v1/customers/{customer_id}/profile" : "/v1/profile");
  key(w, "verification");
  bool verifies = false;
  for (const auto& f : caps.fields) verifies = verifies || f.requires_verification;
  if (verifies) {
    str(w, "/v1/profile/verification");
  } else {
    w.Null();
  }
  w.EndObject();
  key(w, "customer_auth");
  str(w, scheme_name(tenant.customer_auth));
  key(w, "fields");
  w.StartObject();
  write_read_only(w, "id", true);
  write_read_only(w, "provider", true);
  for (std::size_t i = 0; i < core::kFieldCount; ++i) {
    if (i == core::kFirstAddressField) {
      key(w, "address");
      write_field(w, address_as_a_whole(caps));
    }
    key(w, core::kFieldNames[i]);
    write_field(w, caps.fields[i]);
  }
  write_read_only(w, "profile_completed", caps.profile_completed_readable);
  write_read_only(w, "extra", true);
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace profilegw::gateway
