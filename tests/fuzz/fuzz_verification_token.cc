// Fuzz target 6: the verification-id verifier. A client controls the whole verification_id it
// posts; verify_verification_token with a fixed key must reject anything it did not mint, and for
// minted tokens the round trip must hold: the claims come back equal, only for the tenant and the
// customer credential they were minted for, only before they expire, only under the minting key,
// and no single-character change is accepted.
//
// Input: byte 0 picks the mode. Even: the rest is a token to verify as-is. Odd: the rest is split
// at NUL bytes into claims (tenant, type, value, country code, nonce, expiry in seconds) that are
// minted and then checked.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/crypto/verification_token.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using namespace profilegw;
using namespace profilegw::core::crypto;

constexpr std::string_view kKey = "integration-verification-key-0123456789";
constexpr std::string_view kTenant = "demo-salla";
constexpr std::string_view kCredential = "salla-token-grace";
constexpr std::int64_t kNow = 1700000000;

bool rejected(const VerifyResult& r, VerificationError want) {
  const auto* e = std::get_if<VerificationError>(&r);
  return e != nullptr && *e == want;
}

void round_trip(std::string_view input) {
  std::vector<std::string_view> parts;
  while (parts.size() < 6) {
    const std::size_t nul = input.find('\0');
    parts.push_back(input.substr(0, nul));
    if (nul == std::string_view::npos) break;
    input.remove_prefix(nul + 1);
  }
  parts.resize(6);
  VerificationClaims claims;
  claims.tenant_id = parts[0].empty() ? std::string(kTenant) : std::string(parts[0]);
  claims.credential_hash = credential_hash(kCredential);
  claims.type = std::string(parts[1]);
  claims.value = std::string(parts[2]);
  claims.country_code = std::string(parts[3]);
  claims.nonce = std::string(parts[4]);
  std::int64_t lifetime = 0;
  for (char c : parts[5].substr(0, 9)) lifetime = lifetime * 10 + (static_cast<unsigned char>(c) % 10);
  claims.expires_at = kNow - 5 + lifetime;

  const std::optional<std::string> token = mint_verification_token(kKey, claims);
  fuzz::require(token.has_value(), "minting failed");
  if (claims.nonce.empty()) {
    // mint filled a random nonce: read it back to compare the rest.
    const VerifyResult r = verify_verification_token(kKey, *token, claims.tenant_id, kCredential, kNow - 10);
    if (const auto* c = std::get_if<VerificationClaims>(&r)) claims.nonce = c->nonce;
  }
  const VerifyResult ok = verify_verification_token(kKey, *token, claims.tenant_id, kCredential, kNow);
  if (claims.expires_at <= kNow) {
    fuzz::require(!std::holds_alternative<VerificationClaims>(ok), "an expired token was accepted");
    return;
  }
  // A token too long to verify is refused as malformed; everything shorter must round-trip.
  if (const auto* e = std::get_if<VerificationError>(&ok)) {
    fuzz::require(*e == VerificationError::kMalformed && token->size() > 4096, "a fresh token was refused");
    return;
  }
  fuzz::require(std::get<VerificationClaims>(ok) == claims, "claims do not round-trip");

  const std::string other_tenant = claims.tenant_id + "x";
  fuzz::require(rejected(verify_verification_token(kKey, *token, other_tenant, kCredential, kNow),
                         VerificationError::kWrongTenant),
                "accepted for another tenant");
  fuzz::require(rejected(verify_verification_token(kKey, *token, claims.tenant_id, "salla-token-heidi", kNow),
                         VerificationError::kWrongCustomer),
                "accepted for another customer");
  fuzz::require(rejected(verify_verification_token("another-key", *token, claims.tenant_id, kCredential, kNow),
                         VerificationError::kBadSignature),
                "accepted under another key");
  fuzz::require(rejected(verify_verification_token(kKey, *token, claims.tenant_id, kCredential, claims.expires_at),
                         VerificationError::kExpired),
                "accepted at its expiry");
  // Every single-character change is refused (the position comes from the input, to stay cheap).
  std::string altered = *token;
  const std::size_t at = (claims.value.size() * 31 + claims.type.size()) % altered.size();
  altered[at] = altered[at] == 'A' ? 'B' : 'A';
  fuzz::require(!std::holds_alternative<VerificationClaims>(
                    verify_verification_token(kKey, altered, claims.tenant_id, kCredential, kNow)),
                "an altered token was accepted");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] % 2 == 0) {
    const VerifyResult r = verify_verification_token(kKey, rest, kTenant, kCredential, kNow);
    if (const auto* claims = std::get_if<VerificationClaims>(&r)) {
      // Only a token we minted can get here (the seeds hold one); it must be bound as verified.
      fuzz::require(claims->tenant_id == kTenant, "verified for another tenant");
      fuzz::require(claims->credential_hash == credential_hash(kCredential), "verified for another customer");
      fuzz::require(claims->expires_at > kNow, "verified after expiry");
    }
  } else {
    round_trip(rest);
  }
  return 0;
}
