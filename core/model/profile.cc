#include "core/model/profile.h"

#include <cstdint>
#include <span>

#include "core/crypto/sha256.h"
#include "core/model/json_escape.h"

namespace profilegw::core {
namespace {

// Room for a typical document (about 600 bytes), so that writing one allocates at most once.
constexpr std::size_t kDocumentReserve = 1024;

// A JSON string, escaped exactly as RapidJSON's Writer escapes it (the ETag hashes these bytes, so
// they must not depend on the writer): '"', '\\' and control characters, the short forms for \b \f
// \n \r \t and \u00XX (upper-case hex) for the other controls; every other byte verbatim. Stretches
// that need no escaping are appended whole: this runs once per field of every answer.
void append_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out.push_back('"');
  std::size_t plain = 0;  // start of the stretch not yet appended
  for (std::size_t i = json_plain_end(s); i < s.size(); i = json_plain_end(s, plain)) {
    const auto c = static_cast<unsigned char>(s[i]);
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    out.push_back('\\');
    switch (c) {
      case '"': out.push_back('"'); break;
      case '\\': out.push_back('\\'); break;
      case '\b': out.push_back('b'); break;
      case '\f': out.push_back('f'); break;
      case '\n': out.push_back('n'); break;
      case '\r': out.push_back('r'); break;
      case '\t': out.push_back('t'); break;
      default:
        out.append("u00");
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out.push_back('"');
}

// `"key":` (keys are the contract's names: nothing to escape, but they go through the same rules).
void append_key(std::string& out, std::string_view key) {
  append_string(out, key);
  out.push_back(':');
}

void append_optional(std::string& out, const std::optional<std::string>& v) {
  if (v) {
    append_string(out, *v);
  } else {
    out.append("null");
  }
}

}  // namespace

void write_profile_json(const Profile& p, std::string& out) {
  out.reserve(out.size() + kDocumentReserve);
  out.push_back('{');
  append_key(out, "id");
  append_string(out, p.id);
  out.push_back(',');
  append_key(out, "provider");
  append_string(out, p.provider);
  for (std::size_t i = 0; i < kFirstAddressField; ++i) {
    out.push_back(',');
    append_key(out, kFieldNames[i]);
    append_optional(out, p.fields[i]);
  }
  out.push_back(',');
  append_key(out, "address");
  if (p.has_address) {
    out.push_back('{');
    for (std::size_t i = kFirstAddressField; i < kFieldCount; ++i) {
      if (i != kFirstAddressField) out.push_back(',');
      append_key(out, json_key(static_cast<FieldId>(i)));
      append_optional(out, p.fields[i]);
    }
    out.push_back('}');
  } else {
    out.append("null");
  }
  out.push_back(',');
  append_key(out, "profile_completed");
  if (p.profile_completed) {
    out.append(*p.profile_completed ? "true" : "false");
  } else {
    out.append("null");
  }
  out.push_back(',');
  append_key(out, "extra");
  // extra_json is produced by our own adapters' writers: already valid JSON, inserted verbatim.
  out.append(p.extra_json.empty() ? std::string_view("{}") : std::string_view(p.extra_json));
  out.push_back('}');
}

std::string profile_etag(const Profile& p) {
  std::string doc;
  write_profile_json(p, doc);
  return document_etag(doc);
}

std::string document_etag(std::string_view document) {
  const crypto::Sha256Digest digest = crypto::sha256(document);
  std::string etag;
  etag.reserve(2 + 32);
  etag.push_back('"');
  // 128 bits of SHA-256 are plenty for a validator and keep the header short.
  crypto::append_hex(etag, std::span<const std::uint8_t>(digest.data(), 16));
  etag.push_back('"');
  return etag;
}

}  // namespace profilegw::core
