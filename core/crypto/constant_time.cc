#include "core/crypto/constant_time.h"

#include <algorithm>
#include <cstddef>

#include "core/crypto/sha256.h"

namespace profilegw::core::crypto {

bool constant_time_equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
  const std::size_t n = std::max(a.size(), b.size());
  // A length mismatch poisons the accumulator up front; the loop still runs over the longer input,
  // reading a zero byte past the end of the shorter one (an index check, not a data-dependent branch).
  std::size_t diff = a.size() ^ b.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t x = i < a.size() ? a[i] : 0;
    const std::uint8_t y = i < b.size() ? b[i] : 0;
    diff |= static_cast<std::size_t>(x ^ y);
  }
  // volatile keeps the compiler from turning the accumulation into an early exit.
  volatile std::size_t result = diff;
  return result == 0;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  return constant_time_equal(as_bytes(a), as_bytes(b));
}

}  // namespace profilegw::core::crypto
