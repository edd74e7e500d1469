#include "core/crypto/random.h"

#include <openssl/rand.h>

#include <array>
#include <climits>
#include <vector>

#include "core/crypto/base64url.h"
#include "core/crypto/sha256.h"

namespace profilegw::core::crypto {
namespace {

// Small requests (the common case) stay on the stack.
constexpr std::size_t kStackBytes = 64;

template <class Encode>
std::optional<std::string> random_encoded(std::size_t n_bytes, Encode encode) {
  if (n_bytes <= kStackBytes) {
    std::array<std::uint8_t, kStackBytes> buf{};
    std::span<std::uint8_t> s(buf.data(), n_bytes);
    if (!random_bytes(s)) return std::nullopt;
    return encode(std::span<const std::uint8_t>(s));
  }
  std::vector<std::uint8_t> buf(n_bytes);
  if (!random_bytes(buf)) return std::nullopt;
  return encode(std::span<const std::uint8_t>(buf));
}

}  // namespace

bool random_bytes(std::span<std::uint8_t> out) {
  if (out.empty()) return true;
  if (out.size() > static_cast<std::size_t>(INT_MAX)) return false;
  return RAND_bytes(out.data(), static_cast<int>(out.size())) == 1;
}

std::optional<std::string> random_hex(std::size_t n_bytes) {
  return random_encoded(n_bytes, [](std::span<const std::uint8_t> b) { return to_hex(b); });
}

std::optional<std::string> random_base64url(std::size_t n_bytes) {
  return random_encoded(n_bytes, [](std::span<const std::uint8_t> b) { return base64url_encode(b); });
}

}  // namespace profilegw::core::crypto
