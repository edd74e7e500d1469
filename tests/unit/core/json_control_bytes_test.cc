// Control bytes 0x1A-0x1F in JSON strings, at every alignment. RapidJSON 1.1.0's SIMD string
// scanners (RAPIDJSON_SSE2/SSE42) test "< 0x1A" instead of "< 0x20", so with them the Writer wrote
// these bytes raw in 16-byte aligned stretches (invalid JSON: found by fuzz_upstream_response in a
// problem body, and by fuzz_verification_token in a verification id that then failed to verify) and
// the Reader accepted them or not depending on where the string sat in memory. The build no longer
// defines either macro; these tests fail if one comes back.
#include <catch2/catch.hpp>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <variant>

#include "core/crypto/verification_token.h"
#include "core/problem.h"

using namespace profilegw::core;

namespace {

// 20 to 60 bytes of text with one control byte somewhere: covers every offset within a 16-byte lane
// and both the scalar head and the SIMD body of the scanners.
std::string text_with(char control, std::size_t prefix, std::size_t at) {
  std::string s(prefix, 'p');
  s.append("Invalid data. Expected a dictionary");
  s.insert(s.begin() + static_cast<std::ptrdiff_t>(at % s.size()), control);
  return s;
}

}  // namespace

TEST_CASE("JSON writer escapes 0x1A-0x1F wherever they fall", "[json]") {
  for (char control = 0x1a; control <= 0x1f; ++control) {
    for (std::size_t prefix = 0; prefix < 20; ++prefix) {
      for (std::size_t at = 0; at < 40; at += 3) {
        const std::string value = text_with(control, prefix, at);
        rapidjson::StringBuffer buf;
        rapidjson::Writer<rapidjson::StringBuffer> w(buf);
        w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
        const std::string_view out(buf.GetString(), buf.GetSize());
        REQUIRE(out.find(control) == std::string_view::npos);
        rapidjson::Document doc;
        doc.Parse(out.data(), out.size());
        REQUIRE_FALSE(doc.HasParseError());
        REQUIRE(std::string(doc.GetString(), doc.GetStringLength()) == value);
      }
    }
  }
}

TEST_CASE("JSON reader refuses raw 0x1A-0x1F in strings wherever they fall", "[json]") {
  for (char control = 0x1a; control <= 0x1f; ++control) {
    for (std::size_t prefix = 0; prefix < 20; ++prefix) {
      const std::string text = "{\"detail\":\"" + text_with(control, prefix, 17) + "\"}";
      rapidjson::Document doc;
      doc.Parse(text.data(), text.size());
      REQUIRE(doc.HasParseError());
    }
  }
}

TEST_CASE("a problem whose detail holds control bytes renders as JSON", "[json][problem]") {
  // fuzz_upstream_response: a DRF-style backend error message with a run of 0x1E bytes.
  const std::string message = "Invalid data. Expec" + std::string(100, '\x1e') + "ted a dictionary, but got str.";
  const Problem p = Problem::field(ProblemCode::kValidationFailed, "address", "invalid", message);
  const std::string body = render_problem(p, "rid", "tenant");
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(std::string(doc["errors"].GetArray()[0]["message"].GetString()) == message);
}

TEST_CASE("a verification id whose claims hold control bytes verifies", "[json][verification]") {
  // fuzz_verification_token: an 18-byte tenant id with 0x1D minted a token that was then refused.
  using namespace profilegw::core::crypto;
  VerificationClaims claims;
  claims.tenant_id = std::string("d\xff\xff\xff\xff\xff\xff\xff\x1d" "emo-salla");
  claims.credential_hash = credential_hash("salla-token-grace");
  claims.type = "mobile";
  claims.value = "512345678";
  claims.country_code = "+966";
  claims.nonce = "n1";
  claims.expires_at = 1700000900;
  const auto token = mint_verification_token("integration-verification-key-0123456789", claims);
  REQUIRE(token.has_value());
  const VerifyResult r = verify_verification_token("integration-verification-key-0123456789", *token,
                                                   claims.tenant_id, "salla-token-grace", 1700000000);
  REQUIRE(std::holds_alternative<VerificationClaims>(r));
  CHECK(std::get<VerificationClaims>(r) == claims);
}
