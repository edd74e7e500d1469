// HTTP Digest access authentication (RFC 7616, qop="auth", MD5 or SHA-256) as the partner backend
// demands it: issues nonces, remembers them, and checks every answer against them, so the gateway's
// nonce reuse (nc counting up) and its handling of stale nonces can be tested.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace profilegw::mocks {

enum class DigestAlgorithm { kMd5, kSha256 };

struct DigestSettings {
  std::string realm = "partner@mintedconnect";
  std::string user = "gw";
  std::string password = "partner-secret";
  DigestAlgorithm algorithm = DigestAlgorithm::kMd5;
  std::chrono::milliseconds nonce_ttl{60000};
  std::uint64_t nonce_max_uses = 1000;
};

enum class DigestVerdict {
  kAccepted,
  kMissing,   // no Digest credentials at all
  kRejected,  // wrong user, password, realm, uri, opaque, qop or algorithm
  kStale,     // right credentials on a nonce that expired, was used up, is unknown, or saw its nc go back
};

class DigestChallenge {
 public:
  explicit DigestChallenge(DigestSettings settings);

  DigestVerdict verify(std::string_view authorization, std::string_view method, std::string_view target);

  // A WWW-Authenticate value with a freshly issued nonce; counted in challenges_issued().
  std::string issue(bool stale);

  std::uint64_t challenges_issued() const { return challenges_.load(std::memory_order_relaxed); }

  // Zeroes challenges_issued(); nonces already issued stay valid.
  void reset_count();

 private:
  struct NonceState {
    std::chrono::steady_clock::time_point issued;
    std::uint64_t uses = 0;
    std::uint64_t last_nc = 0;
  };

  DigestVerdict check_nonce(const std::string& nonce, std::uint64_t nc);
  void forget_expired_nonces(std::chrono::steady_clock::time_point now);

  const DigestSettings settings_;
  const std::string opaque_;
  const std::string ha1_;  // H(user:realm:password), fixed for the process
  std::atomic<std::uint64_t> challenges_{0};
  std::mutex mutex_;
  std::unordered_map<std::string, NonceState> nonces_;
};

std::string_view digest_algorithm_name(DigestAlgorithm algorithm);

}  // namespace profilegw::mocks
