// Signed verification ids: round trip, tampering with each part, expiry, tenant and customer binding.
#include "core/crypto/verification_token.h"

#include <catch2/catch.hpp>

#include "core/crypto/base64url.h"
#include "core/crypto/hmac.h"

namespace profilegw::core::crypto {
namespace {

constexpr std::string_view kKey = "0123456789abcdef0123456789abcdef";
constexpr std::int64_t kNow = 1'700'000'000;

VerificationClaims sample_claims() {
  VerificationClaims c;
  c.tenant_id = "acme";
  c.credential_hash = credential_hash("customer-jwt");
  c.type = "mobile";
  c.value = "500000000";
  c.country_code = "+966";
  c.expires_at = kNow + 600;
  return c;
}

VerificationError error_of(const VerifyResult& r) {
  REQUIRE(std::holds_alternative<VerificationError>(r));
  return std::get<VerificationError>(r);
}

std::string replace_part(const std::string& token, int index, const std::string& part) {
  const auto d1 = token.find('.');
  const auto d2 = token.find('.', d1 + 1);
  if (index == 0) return part + token.substr(d1);
  if (index == 1) return token.substr(0, d1 + 1) + part + token.substr(d2);
  return token.substr(0, d2 + 1) + part;
}

TEST_CASE("verification token: round trip", "[crypto][verification]") {
  const auto token = mint_verification_token(kKey, sample_claims());
  REQUIRE(token.has_value());
  CHECK(token->starts_with("v1."));
  CHECK(token->find("customer-jwt") == std::string::npos);
  CHECK(std::count(token->begin(), token->end(), '.') == 2);

  const VerifyResult r = verify_verification_token(kKey, *token, "acme", "customer-jwt", kNow);
  REQUIRE(std::holds_alternative<VerificationClaims>(r));
  const auto& claims = std::get<VerificationClaims>(r);
  auto expected = sample_claims();
  expected.nonce = claims.nonce;
  CHECK(claims == expected);
  CHECK(claims.nonce.size() >= 16);

  // Same claims, different nonce: different tokens.
  CHECK(*mint_verification_token(kKey, sample_claims()) != *token);
}

TEST_CASE("verification token: email without country code", "[crypto][verification]") {
  auto c = sample_claims();
  c.type = "email";
  c.value = "new@example.com";
  c.country_code.clear();
  c.nonce = "fixed-nonce";
  const auto token = mint_verification_token(kKey, c);
  REQUIRE(token);
  const VerifyResult r = verify_verification_token(kKey, *token, "acme", "customer-jwt", kNow);
  REQUIRE(std::holds_alternative<VerificationClaims>(r));
  CHECK(std::get<VerificationClaims>(r) == c);
  // Deterministic given the nonce.
  CHECK(mint_verification_token(kKey, c) == token);
}

TEST_CASE("verification token: tampering is detected", "[crypto][verification]") {
  const std::string token = *mint_verification_token(kKey, sample_claims());
  const auto d1 = token.find('.');
  const auto d2 = token.find('.', d1 + 1);
  const std::string payload = token.substr(d1 + 1, d2 - d1 - 1);
  const std::string mac = token.substr(d2 + 1);

  SECTION("version") {
    CHECK(error_of(verify_verification_token(kKey, replace_part(token, 0, "v2"), "acme", "customer-jwt",
                                             kNow)) == VerificationError::kMalformed);
  }
  SECTION("payload altered, MAC kept") {
    const std::string forged = replace_part(token, 1, base64url_encode(R"({"tenant":"evil"})"));
    CHECK(error_of(verify_verification_token(kKey, forged, "acme", "customer-jwt", kNow)) ==
          VerificationError::kBadSignature);
    std::string flipped = payload;
    flipped[5] = flipped[5] == 'A' ? 'B' : 'A';
    CHECK(error_of(verify_verification_token(kKey, replace_part(token, 1, flipped), "acme", "customer-jwt",
                                             kNow)) == VerificationError::kBadSignature);
  }
  SECTION("MAC altered") {
    std::string m = mac;
    m[0] = m[0] == 'A' ? 'B' : 'A';
    CHECK(error_of(verify_verification_token(kKey, replace_part(token, 2, m), "acme", "customer-jwt",
                                             kNow)) == VerificationError::kBadSignature);
    CHECK(error_of(verify_verification_token(kKey, replace_part(token, 2, mac.substr(0, 40)), "acme",
                                             "customer-jwt", kNow)) == VerificationError::kBadSignature);
    CHECK(error_of(verify_verification_token(kKey, replace_part(token, 2, mac + "=="), "acme", "customer-jwt",
                                             kNow)) == VerificationError::kMalformed);
  }
  SECTION("another key") {
    CHECK(error_of(verify_verification_token("another key", token, "acme", "customer-jwt", kNow)) ==
          VerificationError::kBadSignature);
    CHECK(error_of(verify_verification_token("", token, "acme", "customer-jwt", kNow)) ==
          VerificationError::kBadSignature);
  }
  SECTION("shape") {
    for (std::string bad :
         {std::string(""), std::string("v1"), std::string("v1."), std::string("v1.abc"),
          std::string("v1..") + mac, token + ".x", std::string("v1.!!!.") + mac, std::string(5000, 'a')}) {
      CHECK(error_of(verify_verification_token(kKey, bad, "acme", "customer-jwt", kNow)) ==
            VerificationError::kMalformed);
    }
  }
  SECTION("authentic but not a payload") {
    const std::string signed_part = "v1." + base64url_encode("[1,2]");
    const std::string t = signed_part + "." + base64url_encode(hmac_sha256(kKey, signed_part));
    CHECK(error_of(verify_verification_token(kKey, t, "acme", "customer-jwt", kNow)) ==
          VerificationError::kMalformed);
  }
}

TEST_CASE("verification token: expiry, tenant and customer binding", "[crypto][verification]") {
  const std::string token = *mint_verification_token(kKey, sample_claims());
  CHECK(std::holds_alternative<VerificationClaims>(
      verify_verification_token(kKey, token, "acme", "customer-jwt", kNow + 599)));
  CHECK(error_of(verify_verification_token(kKey, token, "acme", "customer-jwt", kNow + 600)) ==
        VerificationError::kExpired);
  CHECK(error_of(verify_verification_token(kKey, token, "other", "customer-jwt", kNow)) ==
        VerificationError::kWrongTenant);
  CHECK(error_of(verify_verification_token(kKey, token, "acme", "someone-else", kNow)) ==
        VerificationError::kWrongCustomer);
  CHECK(to_string(VerificationError::kWrongCustomer) == "wrong_customer");
  CHECK_FALSE(mint_verification_token("", sample_claims()).has_value());
}

}  // namespace
}  // namespace profilegw::core::crypto
