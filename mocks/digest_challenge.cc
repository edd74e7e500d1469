#include "mocks/digest_challenge.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <optional>
#include <stdexcept>
#include <vector>

#include "mocks/field_checks.h"
#include "mocks/http_exchange.h"

namespace profilegw::mocks {

namespace {

// Nonces kept at most; past this, expired ones are dropped (and if that is not enough, all: clients
// then get stale=true and simply fetch a new nonce).
constexpr std::size_t kMaxNonces = 100000;

std::string to_hex(const unsigned char* data, std::size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kHex[data[i] >> 4]);
    out.push_back(kHex[data[i] & 0xF]);
  }
  return out;
}

std::string hash_hex(DigestAlgorithm algorithm, std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  const EVP_MD* md = algorithm == DigestAlgorithm::kMd5 ? EVP_md5() : EVP_sha256();
  if (EVP_Digest(text.data(), text.size(), digest.data(), &size, md, nullptr) != 1) {
    throw std::runtime_error("mocks: digest hash failed");
  }
  return to_hex(digest.data(), size);
}

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1) throw std::runtime_error("mocks: RAND_bytes failed");
  return to_hex(buffer.data(), buffer.size());
}

std::string join(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (const std::string_view part : parts) {
    if (!out.empty()) out.push_back(':');
    out.append(part);
  }
  return out;
}

// The auth-params of a `Digest ...` credential (RFC 7616 section 3.4), names lower-cased.
struct DigestCredentials {
  std::string username, realm, nonce, uri, response, algorithm, cnonce, opaque, qop, nc, userhash;
};

std::optional<DigestCredentials> parse_credentials(std::string_view header) {
  constexpr std::string_view kScheme = "digest";
  if (header.size() <= kScheme.size() || !iequals(header.substr(0, kScheme.size()), kScheme)) return std::nullopt;
  if (header[kScheme.size()] != ' ' && header[kScheme.size()] != '\t') return std::nullopt;
  std::string_view rest = header.substr(kScheme.size());
  DigestCredentials credentials;
  auto skip = [&rest](std::string_view chars) {
    while (!rest.empty() && chars.find(rest.front()) != std::string_view::npos) rest.remove_prefix(1);
  };
  for (;;) {
    skip(" \t,");
    if (rest.empty()) break;
    const std::size_t equals = rest.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    std::string name;
    for (const char c : trim(rest.substr(0, equals))) name.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
    rest.remove_prefix(equals + 1);
    skip(" \t");
    std::string value;
    if (!rest.empty() && rest.front() == '"') {
      // quoted-string: backslash escapes the next character.
      rest.remove_prefix(1);
      bool closed = false;
      while (!rest.empty()) {
        const char c = rest.front();
        rest.remove_prefix(1);
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\' && !rest.empty()) {
          value.push_back(rest.front());
          rest.remove_prefix(1);
          continue;
        }
        value.push_back(c);
      }
      if (!closed) return std::nullopt;
    } else {
      const std::size_t end = rest.find(',');
      value = std::string(trim(rest.substr(0, end)));
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    }
    if (name == "username") credentials.username = value;
    else if (name == "realm") credentials.realm = value;
    else if (name == "nonce") credentials.nonce = value;
    else if (name == "uri") credentials.uri = value;
    else if (name == "response") credentials.response = value;
    else if (name == "algorithm") credentials.algorithm = value;
    else if (name == "cnonce") credentials.cnonce = value;
    else if (name == "opaque") credentials.opaque = value;
    else if (name == "qop") credentials.qop = value;
    else if (name == "nc") credentials.nc = value;
    else if (name == "userhash") credentials.userhash = value;
  }
  return credentials;
}

std::optional<std::uint64_t> parse_nc(std::string_view text) {
  if (text.size() != 8) return std::nullopt;
  std::uint64_t value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string_view digest_algorithm_name(DigestAlgorithm algorithm) {
  return algorithm == DigestAlgorithm::kMd5 ? "MD5" : "SHA-256";
}

DigestChallenge::DigestChallenge(DigestSettings settings)
    : settings_(std::move(settings)),
      opaque_(random_hex(16)),
      ha1_(hash_hex(settings_.algorithm, join({settings_.user, settings_.realm, settings_.password}))) {}

DigestVerdict DigestChallenge::verify(std::string_view authorization, std::string_view method,
                                      std::string_view target) {
  if (authorization.empty()) return DigestVerdict::kMissing;
  const std::optional<DigestCredentials> credentials = parse_credentials(authorization);
  if (!credentials) {
    // Another scheme (Basic, Bearer) is as good as none: answer with the challenge.
    return DigestVerdict::kMissing;
  }
  const DigestCredentials& c = *credentials;
  const std::string_view algorithm = c.algorithm.empty() ? std::string_view("MD5") : std::string_view(c.algorithm);
  if (c.username != settings_.user || c.realm != settings_.realm || c.uri != target || c.opaque != opaque_ ||
      c.qop != "auth" || c.cnonce.empty() || c.nonce.empty() || iequals(c.userhash, "true") ||
      !iequals(algorithm, digest_algorithm_name(settings_.algorithm))) {
    return DigestVerdict::kRejected;
  }
  const std::optional<std::uint64_t> nc = parse_nc(c.nc);
  if (!nc) return DigestVerdict::kRejected;
  const std::string ha2 = hash_hex(settings_.algorithm, join({method, c.uri}));
  const std::string expected = hash_hex(settings_.algorithm, join({ha1_, c.nonce, c.nc, c.cnonce, c.qop, ha2}));
  std::string answered = c.response;
  for (char& ch : answered) ch = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch;
  if (answered.size() != expected.size() || CRYPTO_memcmp(answered.data(), expected.data(), expected.size()) != 0) {
    return DigestVerdict::kRejected;
  }
  // The password is right; only the nonce can still be wrong, which is "stale", not "unauthorised".
  return check_nonce(c.nonce, *nc);
}

DigestVerdict DigestChallenge::check_nonce(const std::string& nonce, std::uint64_t nc) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  const auto it = nonces_.find(nonce);
  if (it == nonces_.end()) return DigestVerdict::kStale;
  NonceState& state = it->second;
  if (now - state.issued > settings_.nonce_ttl || state.uses >= settings_.nonce_max_uses) {
    nonces_.erase(it);
    return DigestVerdict::kStale;
  }
  // A replayed or reordered nc: refuse it, but as stale so an honest client just takes a new nonce.
  if (nc <= state.last_nc) return DigestVerdict::kStale;
  state.last_nc = nc;
  ++state.uses;
  return DigestVerdict::kAccepted;
}

std::string DigestChallenge::issue(bool stale) {
  std::string nonce = random_hex(16);
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex_);
    if (nonces_.size() >= kMaxNonces) forget_expired_nonces(now);
    nonces_[nonce] = NonceState{now, 0, 0};
  }
  challenges_.fetch_add(1, std::memory_order_relaxed);
  std::string header = "Digest realm=\"" + settings_.realm + "\", qop=\"auth\", algorithm=";
  header.append(digest_algorithm_name(settings_.algorithm));
  header.append(", nonce=\"").append(nonce).append("\", opaque=\"").append(opaque_).append("\"");
  if (stale) header.append(", stale=true");
  return header;
}

void DigestChallenge::forget_expired_nonces(std::chrono::steady_clock::time_point now) {
  std::erase_if(nonces_, [&](const auto& entry) { return now - entry.second.issued > settings_.nonce_ttl; });
  if (nonces_.size() >= kMaxNonces) nonces_.clear();
}

void DigestChallenge::reset_count() { challenges_.store(0, std::memory_order_relaxed); }

}  // namespace profilegw::mocks
