// HTTP Digest access authentication, client side (RFC 7616, with RFC 2617/2069 compatibility):
// parsing WWW-Authenticate challenges, computing Authorization headers, and the per-(pool, user)
// state that lets one server nonce serve many requests (nc counting up), so a steady stream of
// calls costs one round trip each. Supports MD5, MD5-sess, SHA-256, SHA-256-sess and qop=auth;
// never hashes the username (userhash=false).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace profilegw::core::upstream {

// One challenge of a WWW-Authenticate field (RFC 9110 section 11.6.1).
struct AuthChallenge {
  std::string scheme;                                       // lower-cased
  std::vector<std::pair<std::string, std::string>> params;  // names lower-cased, values unquoted
  std::string token68;                                      // for schemes like Negotiate; else empty

  // First value of a parameter (name given lower-case).
  std::optional<std::string_view> param(std::string_view lower_name) const;
};

// Every challenge of one header field value (several may share one field, comma-separated). A
// malformed challenge and anything after it are dropped; the challenges before it are kept.
std::vector<AuthChallenge> parse_www_authenticate(std::string_view field_value);

// Ordered weakest to strongest.
enum class DigestAlgorithm : std::uint8_t { kMd5Sess, kMd5, kSha256Sess, kSha256 };

std::string_view algorithm_name(DigestAlgorithm a);  // "MD5", "MD5-sess", "SHA-256", "SHA-256-sess"

struct DigestChallenge {
  DigestAlgorithm algorithm = DigestAlgorithm::kMd5;
  std::string realm;
  std::string nonce;
  std::optional<std::string> opaque;
  bool qop_auth = false;  // server offered qop "auth"; false: no qop at all (RFC 2069 compatibility)
  bool stale = false;

  bool operator==(const DigestChallenge&) const = default;
};

// The strongest supported Digest challenge among all WWW-Authenticate field values (SHA-256 over MD5),
// or nullopt. Challenges without realm or nonce, with an unknown algorithm, or offering qop without
// "auth" (e.g. only "auth-int") are skipped.
std::optional<DigestChallenge> select_digest_challenge(std::span<const std::string_view> field_values);

struct DigestInput {
  std::string_view username;
  std::string_view password;
  std::string_view method;  // "GET"
  std::string_view uri;     // the request-target, as sent
  std::string_view cnonce;
  std::uint32_t nc = 1;
};

// The `response` parameter (lower-case hex), RFC 7616 section 3.4.1.
std::string digest_response(const DigestChallenge& challenge, const DigestInput& in);

// The whole Authorization field value: `Digest username="...", realm="...", uri="...", ...`.
std::string digest_authorization(const DigestChallenge& challenge, const DigestInput& in);

// Challenge and nonce count for one (pool_key, username). Single-threaded, like the Client that owns it.
class DigestState {
 public:
  bool has_challenge() const { return challenge_.has_value(); }
  const std::optional<DigestChallenge>& challenge() const { return challenge_; }
  std::uint32_t nc() const { return nc_; }

  // What an Authorization computed by authorize() was based on.
  struct Authorization {
    std::string header;
    std::string nonce;
  };

  // The Authorization value for the next request: next nc, fresh cnonce. nullopt without a
  // challenge, or when the random generator fails.
  std::optional<Authorization> authorize(std::string_view username, std::string_view password,
                                         std::string_view method, std::string_view uri);

  // Adopts the challenge of a 401 answering a request that carried `nonce_used` (empty: it carried
  // none). A new nonce resets nc. Returns whether one retry is worthwhile: the request had no
  // credentials, used another nonce, or the server says the nonce is stale. false means the server
  // rejected the credentials themselves.
  bool on_challenge(DigestChallenge challenge, std::string_view nonce_used);

  void reset() {
    challenge_.reset();
    nc_ = 0;
  }

 private:
  std::optional<DigestChallenge> challenge_;
  std::uint32_t nc_ = 0;
};

}  // namespace profilegw::core::upstream
