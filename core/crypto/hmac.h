// HMAC-SHA256 (OpenSSL EVP_MAC): signs verification ids.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/crypto/sha256.h"

namespace profilegw::core::crypto {

Sha256Digest hmac_sha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data);
Sha256Digest hmac_sha256(std::string_view key, std::string_view data);

}  // namespace profilegw::core::crypto
