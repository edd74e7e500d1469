// Base64 encodings: base64url without padding (RFC 4648 section 5) for verification ids and random
// tokens, with a strict decoder; standard padded base64 for HTTP Basic credentials.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace profilegw::core::crypto {

// base64url alphabet, no '=' padding.
std::string base64url_encode(std::span<const std::uint8_t> data);
std::string base64url_encode(std::string_view data);

// Strict: only the base64url alphabet, no padding, no whitespace, no length of 4k+1, and the unused
// low bits of the last character must be zero (so every byte string has exactly one encoding).
std::optional<std::string> base64url_decode(std::string_view text);

// Standard alphabet with '=' padding (RFC 4648 section 4), e.g. for "Authorization: Basic".
std::string base64_encode(std::string_view data);

}  // namespace profilegw::core::crypto
