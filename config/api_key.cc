#include "config/api_key.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace profilegw::config {
namespace {

// Fetched once: OpenSSL 3's implicit lookup behind EVP_sha256() costs more than hashing a key, and
// every request hashes the key it presents.
const EVP_MD* sha256_md() {
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;  // upper case is rejected on purpose: one spelling per key
}

}  // namespace

ApiKeyDigest digest_api_key(std::string_view key) {
  ApiKeyDigest digest{};
  unsigned int size = 0;
  if (EVP_Digest(key.data(), key.size(), digest.data(), &size, sha256_md(), nullptr) != 1 ||
      size != digest.size()) {
    throw std::runtime_error("EVP_Digest(SHA-256) failed");  // only when OpenSSL itself is broken
  }
  return digest;
}

std::string digest_hex(const ApiKeyDigest& digest) {
  constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (std::uint8_t b : digest) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0x0F];
  }
  return out;
}

std::optional<ApiKeyDigest> parse_sha256_entry(std::string_view entry) {
  if (!entry.starts_with(kSha256KeyPrefix)) return std::nullopt;
  const std::string_view hex = entry.substr(kSha256KeyPrefix.size());
  ApiKeyDigest digest{};
  if (hex.size() != digest.size() * 2) return std::nullopt;
  for (std::size_t i = 0; i < digest.size(); ++i) {
    const int hi = hex_value(hex[2 * i]);
    const int lo = hex_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    digest[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return digest;
}

std::optional<ApiKeyDigest> digest_of_entry(std::string_view entry) {
  if (is_sha256_entry(entry)) return parse_sha256_entry(entry);
  return digest_api_key(entry);
}

}  // namespace profilegw::config
