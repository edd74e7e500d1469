// Where a JSON string writer must stop copying: the first byte that needs an escape ('"', '\\' or a
// control byte below 0x20). Every writer of JSON text in the gateway (the unified document, the
// log lines) copies the stretches before it whole; this finds them eight bytes at a time, since
// nearly every value has nothing to escape and the per-byte loop was the writers' main cost.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace profilegw::core {

constexpr bool json_needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// The index of the first byte of `s` at or after `from` that needs escaping, or s.size().
inline std::size_t json_plain_end(std::string_view s, std::size_t from = 0) {
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t i = from;
  if constexpr (std::endian::native == std::endian::little) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t x;
      std::memcpy(&x, p + i, 8);
      // Per byte, the high bit of each term is set where the byte is < 0x20, '"' or '\\'. A borrow
      // can only run upwards from a byte that matched, so the lowest flagged byte is a true match.
      const std::uint64_t quote = x ^ (kOnes * '"');
      const std::uint64_t backslash = x ^ (kOnes * '\\');
      const std::uint64_t hits = ((x - kOnes * 0x20) | (quote - kOnes) | (backslash - kOnes)) & ~x & kHighs;
      if (hits != 0) return i + static_cast<std::size_t>(std::countr_zero(hits) >> 3);
    }
  }
  for (; i < n; ++i) {
    if (json_needs_escape(static_cast<unsigned char>(p[i]))) return i;
  }
  return n;
}

}  // namespace profilegw::core
