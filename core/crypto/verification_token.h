// Signed, self-contained `verification_id`s for pending contact changes (CONTRACT.md section 5,
// salla): everything needed to complete the change later travels in the token, so any replica can
// verify it and no state is kept in memory. Format:
//   v1.<base64url(JSON payload)>.<base64url(HMAC-SHA256(key, "v1." + payload_b64))>
// The payload binds the token to the tenant and to the customer's credential (by its SHA-256, never
// the credential itself). Pure: the clock and the nonce source are the caller's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace profilegw::core::crypto {

struct VerificationClaims {
  std::string tenant_id;
  std::string credential_hash;  // lower-case hex SHA-256 of the customer credential (credential_hash())
  std::string type;             // "mobile" or "email"
  std::string value;            // the new phone number (without country code) or e-mail address
  std::string country_code;     // for "mobile": the calling code sent with the phone ("+966"); else empty
  std::int64_t expires_at = 0;  // unix seconds; the token is valid while now < expires_at
  std::string nonce;            // random; mint fills it when empty

  bool operator==(const VerificationClaims&) const = default;
};

enum class VerificationError : std::uint8_t {
  kMalformed,      // not a v1 token, bad base64url, bad JSON or missing payload fields
  kBadSignature,   // MAC mismatch: forged, altered, or signed with another key
  kExpired,        // now >= expires_at
  kWrongTenant,    // minted for another tenant
  kWrongCustomer,  // minted for another customer credential
};

std::string_view to_string(VerificationError e);

using VerifyResult = std::variant<VerificationClaims, VerificationError>;

// Lower-case hex SHA-256 of the customer credential as it is bound into tokens.
std::string credential_hash(std::string_view customer_credential);

// Signs `claims` with `key`. Fills a 16-byte random nonce when claims.nonce is empty.
// nullopt when the key is empty or the random generator fails.
std::optional<std::string> mint_verification_token(std::string_view key, VerificationClaims claims);

// Checks, in this order: format, MAC (constant time), expiry against `now_unix`, tenant, customer
// (the SHA-256 of `customer_credential` against the bound hash, constant time).
VerifyResult verify_verification_token(std::string_view key, std::string_view token,
                                       std::string_view tenant_id, std::string_view customer_credential,
                                       std::int64_t now_unix);

}  // namespace profilegw::core::crypto
