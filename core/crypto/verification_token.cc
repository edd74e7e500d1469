#include "core/crypto/verification_token.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/crypto/base64url.h"
#include "core/crypto/constant_time.h"
#include "core/crypto/hmac.h"
#include "core/crypto/random.h"
#include "core/crypto/sha256.h"

namespace profilegw::core::crypto {
namespace {

constexpr std::string_view kPrefix = "v1.";
// Far above any real token; stops a hostile client from making us decode megabytes.
constexpr std::size_t kMaxTokenLength = 4096;
constexpr std::size_t kNonceBytes = 16;

constexpr const char* kTenant = "tenant";
constexpr const char* kCredential = "cred";
constexpr const char* kType = "type";
constexpr const char* kValue = "value";
constexpr const char* kCountryCode = "country_code";
constexpr const char* kExpiresAt = "exp";
constexpr const char* kNonce = "nonce";

std::string encode_payload(const VerificationClaims& c) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  auto put = [&w](const char* key, const std::string& value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  w.StartObject();
  put(kTenant, c.tenant_id);
  put(kCredential, c.credential_hash);
  put(kType, c.type);
  put(kValue, c.value);
  if (!c.country_code.empty()) put(kCountryCode, c.country_code);
  w.Key(kExpiresAt);
  w.Int64(c.expires_at);
  put(kNonce, c.nonce);
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

bool read_string(const rapidjson::Value& obj, const char* key, std::string& out, bool required = true) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd()) return !required;
  if (!it->value.IsString()) return false;
  out.assign(it->value.GetString(), it->value.GetStringLength());
  return true;
}

std::optional<VerificationClaims> decode_payload(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
  VerificationClaims c;
  if (!read_string(doc, kTenant, c.tenant_id) || !read_string(doc, kCredential, c.credential_hash) ||
      !read_string(doc, kType, c.type) || !read_string(doc, kValue, c.value) ||
      !read_string(doc, kCountryCode, c.country_code, /*required=*/false) ||
      !read_string(doc, kNonce, c.nonce)) {
    return std::nullopt;
  }
  auto exp = doc.FindMember(kExpiresAt);
  if (exp == doc.MemberEnd() || !exp->value.IsInt64()) return std::nullopt;
  c.expires_at = exp->value.GetInt64();
  return c;
}

std::string sign(std::string_view key, std::string_view signed_part) {
  return base64url_encode(hmac_sha256(key, signed_part));
}

}  // namespace

std::string_view to_string(VerificationError e) {
  switch (e) {
    case VerificationError::kMalformed:
      return "malformed";
    case VerificationError::kBadSignature:
      return "bad_signature";
    case VerificationError::kExpired:
      return "expired";
    case VerificationError::kWrongTenant:
      return "wrong_tenant";
    case VerificationError::kWrongCustomer:
      return "wrong_customer";
  }
  return "unknown";
}

std::string credential_hash(std::string_view customer_credential) { return sha256_hex(customer_credential); }

std::optional<std::string> mint_verification_token(std::string_view key, VerificationClaims claims) {
  if (key.empty()) return std::nullopt;
  if (claims.nonce.empty()) {
    auto nonce = random_base64url(kNonceBytes);
    if (!nonce) return std::nullopt;
    claims.nonce = std::move(*nonce);
  }
  std::string token(kPrefix);
  token += base64url_encode(encode_payload(claims));
  const std::string mac = sign(key, token);
  token.push_back('.');
  token += mac;
  return token;
}

VerifyResult verify_verification_token(std::string_view key, std::string_view token,
                                       std::string_view tenant_id, std::string_view customer_credential,
                                       std::int64_t now_unix) {
  if (token.size() > kMaxTokenLength || !token.starts_with(kPrefix)) return VerificationError::kMalformed;
  const std::size_t dot = token.find('.', kPrefix.size());
  if (dot == std::string_view::npos) return VerificationError::kMalformed;
  const std::string_view signed_part = token.substr(0, dot);
  const std::string_view payload_b64 = signed_part.substr(kPrefix.size());
  const std::string_view mac_b64 = token.substr(dot + 1);
  if (payload_b64.empty() || mac_b64.find('.') != std::string_view::npos)
    return VerificationError::kMalformed;

  const auto mac = base64url_decode(mac_b64);
  const auto payload = base64url_decode(payload_b64);
  if (!mac || !payload) return VerificationError::kMalformed;
  const Sha256Digest expected = hmac_sha256(key, signed_part);
  if (key.empty() || !constant_time_equal(as_bytes(*mac), expected)) return VerificationError::kBadSignature;

  // Authentic from here on: a bad payload means our own bug or a leaked key, still not trusted.
  auto claims = decode_payload(*payload);
  if (!claims) return VerificationError::kMalformed;
  if (now_unix >= claims->expires_at) return VerificationError::kExpired;
  if (claims->tenant_id != tenant_id) return VerificationError::kWrongTenant;
  if (!constant_time_equal(claims->credential_hash, credential_hash(customer_credential))) {
    return VerificationError::kWrongCustomer;
  }
  return std::move(*claims);
}

}  // namespace profilegw::core::crypto
