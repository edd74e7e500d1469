// SHA-256 digests (OpenSSL EVP) and the hex helpers that go with them: API-key hashes, customer
// credential hashes in verification ids, Digest auth.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace profilegw::core::crypto {

inline constexpr std::size_t kSha256Size = 32;
using Sha256Digest = std::array<std::uint8_t, kSha256Size>;

Sha256Digest sha256(std::span<const std::uint8_t> data);
Sha256Digest sha256(std::string_view data);

// Lower-case hex of the SHA-256 of `data` (64 characters).
std::string sha256_hex(std::string_view data);

// Lower-case hex.
std::string to_hex(std::span<const std::uint8_t> bytes);
// Appends the lower-case hex of `bytes` to `out` (no allocation when `out` has room).
void append_hex(std::string& out, std::span<const std::uint8_t> bytes);
// Accepts upper- and lower-case digits; nullopt on an odd length or a non-hex character.
std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex);

// Views the bytes of a string as unsigned bytes (no copy).
inline std::span<const std::uint8_t> as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace profilegw::core::crypto
