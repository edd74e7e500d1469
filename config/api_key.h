// API keys as the config writes them (`sha256:<64 lower-case hex>` or plain) and as the gateway
// compares them: always by their SHA-256 digest, so a plain key and its sha256 form are the same key.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace profilegw::config {

inline constexpr std::string_view kSha256KeyPrefix = "sha256:";

using ApiKeyDigest = std::array<std::uint8_t, 32>;

// SHA-256 of `key` (one OpenSSL EVP call).
ApiKeyDigest digest_api_key(std::string_view key);

// Lower-case hex of a digest (64 characters).
std::string digest_hex(const ApiKeyDigest& digest);

// True when `entry` starts with "sha256:" (whether or not the rest is well-formed).
inline bool is_sha256_entry(std::string_view entry) { return entry.starts_with(kSha256KeyPrefix); }

// The digest named by a `sha256:<64 lower-case hex>` entry; nullopt when malformed.
std::optional<ApiKeyDigest> parse_sha256_entry(std::string_view entry);

// The digest a config entry stands for: parsed for sha256 entries, computed for plain ones.
std::optional<ApiKeyDigest> digest_of_entry(std::string_view entry);

}  // namespace profilegw::config
