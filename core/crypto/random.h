// Cryptographically secure random values (OpenSSL RAND_bytes): Digest cnonces, verification-id
// nonces, request ids. nullopt/false only when the OpenSSL DRBG cannot produce output.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace profilegw::core::crypto {

bool random_bytes(std::span<std::uint8_t> out);

// `n_bytes` random bytes as lower-case hex (2 * n_bytes characters).
std::optional<std::string> random_hex(std::size_t n_bytes);
// `n_bytes` random bytes as unpadded base64url.
std::optional<std::string> random_base64url(std::size_t n_bytes);

}  // namespace profilegw::core::crypto
