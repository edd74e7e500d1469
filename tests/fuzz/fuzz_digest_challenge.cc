// Fuzz target 5: the Digest challenge parser and what the client answers with it. A backend's
// WWW-Authenticate fields go through parse_www_authenticate and select_digest_challenge; a chosen
// challenge is adopted by a DigestState and authorize() computes the Authorization the gateway will
// send. Whatever the challenge, that header must be sendable (no CR, LF or NUL) and must carry the
// server's realm, nonce and opaque back verbatim (quoted-string escaping round-trips).
//
// Input: up to 4 WWW-Authenticate field values, one per line.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/upstream/digest_auth.h"
#include "core/upstream/request_builder.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using namespace profilegw;
using namespace profilegw::core::upstream;

constexpr std::string_view kUser = "gw";
constexpr std::string_view kUri = "/partner/customer/MTD0018232";

// The Authorization value is `Digest auth-param, ...`: the challenge grammar reads it back.
void check_authorization(const DigestChallenge& challenge, const std::string& header) {
  fuzz::require(is_safe_header_value(header), "Authorization holds CR, LF or NUL");
  const std::vector<AuthChallenge> parsed = parse_www_authenticate(header);
  fuzz::require(parsed.size() == 1 && parsed[0].scheme == "digest", "Authorization does not read back");
  const AuthChallenge& a = parsed[0];
  fuzz::require(a.param("username") == kUser, "username does not round-trip");
  fuzz::require(a.param("uri") == kUri, "uri does not round-trip");
  fuzz::require(a.param("realm") == challenge.realm, "realm does not round-trip");
  fuzz::require(a.param("nonce") == challenge.nonce, "nonce does not round-trip");
  fuzz::require(a.param("algorithm") == algorithm_name(challenge.algorithm), "algorithm does not round-trip");
  if (challenge.opaque) fuzz::require(a.param("opaque") == *challenge.opaque, "opaque does not round-trip");
  fuzz::require(a.param("qop").has_value() == challenge.qop_auth, "qop presence differs from the challenge");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::array<std::string_view, 4> fields;
  std::size_t n = 0;
  while (n < fields.size() && !rest.empty()) {
    const std::size_t eol = rest.find('\n');
    fields[n++] = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol + 1);
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (const AuthChallenge& ch : parse_www_authenticate(fields[i])) {
      fuzz::require(!ch.scheme.empty(), "a challenge without a scheme");
    }
  }
  const std::optional<DigestChallenge> challenge = select_digest_challenge(std::span(fields.data(), n));
  if (!challenge) return 0;
  fuzz::require(!challenge->nonce.empty(), "a Digest challenge without a nonce was selected");

  DigestState state;
  fuzz::require(state.on_challenge(*challenge, ""), "a first challenge must be answered");
  for (std::uint32_t expected_nc = 1; expected_nc <= 2; ++expected_nc) {
    const auto authorization = state.authorize(kUser, "partner-secret", "GET", kUri);
    fuzz::require(authorization.has_value(), "no Authorization for an adopted challenge");
    fuzz::require(authorization->nonce == challenge->nonce, "Authorization on another nonce");
    fuzz::require(state.nc() == expected_nc, "nc does not count up");
    check_authorization(*challenge, authorization->header);
  }
  // The same challenge again (another request answered 401 on it) keeps the count.
  (void)state.on_challenge(*challenge, challenge->nonce);
  fuzz::require(state.nc() == 2, "re-adopting the same nonce reset nc");
  return 0;
}
