#include "core/model/profile.h"

#include <openssl/evp.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace profilegw::core {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void write_optional(JsonWriter& w, const std::optional<std::string>& v) {
  if (v) {
    w.String(v->data(), static_cast<rapidjson::SizeType>(v->size()));
  } else {
    w.Null();
  }
}

void write_key(JsonWriter& w, std::string_view key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

}  // namespace

void write_profile_json(const Profile& p, std::string& out) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  write_key(w, "id");
  w.String(p.id.data(), static_cast<rapidjson::SizeType>(p.id.size()));
  write_key(w, "provider");
  w.String(p.provider.data(), static_cast<rapidjson::SizeType>(p.provider.size()));
  for (std::size_t i = 0; i < kFirstAddressField; ++i) {
    write_key(w, kFieldNames[i]);
    write_optional(w, p.fields[i]);
  }
  write_key(w, "address");
  if (p.has_address) {
    w.StartObject();
    for (std::size_t i = kFirstAddressField; i < kFieldCount; ++i) {
      write_key(w, json_key(static_cast<FieldId>(i)));
      write_optional(w, p.fields[i]);
    }
    w.EndObject();
  } else {
    w.Null();
  }
  write_key(w, "profile_completed");
  if (p.profile_completed) {
    w.Bool(*p.profile_completed);
  } else {
    w.Null();
  }
  write_key(w, "extra");
  // extra_json is produced by our own adapters' writers: already valid JSON, inserted verbatim.
  const std::string& extra = p.extra_json.empty() ? std::string("{}") : p.extra_json;
  w.RawValue(extra.data(), extra.size(), rapidjson::kObjectType);
  w.EndObject();
  out.append(buffer.GetString(), buffer.GetSize());
}

std::string profile_etag(const Profile& p) {
  std::string doc;
  doc.reserve(512);
  write_profile_json(p, doc);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(doc.data(), doc.size(), digest, &len, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string etag;
  etag.reserve(2 + 32);
  etag.push_back('"');
  // 128 bits of SHA-256 are plenty for a validator and keep the header short.
  for (unsigned int i = 0; i < 16 && i < len; ++i) {
    etag.push_back(kHex[digest[i] >> 4]);
    etag.push_back(kHex[digest[i] & 0xf]);
  }
  etag.push_back('"');
  return etag;
}

}  // namespace profilegw::core
