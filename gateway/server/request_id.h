// Request ids (CONTRACT.md section 3): accept the caller's X-Request-Id when it is valid, else
// make a new one. Generation is lock-free and allocation-free: a per-thread random prefix and a
// per-thread counter, in hex.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace profilegw::gateway {

inline constexpr std::string_view kRequestIdHeader = "X-Request-Id";
inline constexpr std::size_t kMaxRequestIdLength = 128;

// 1 to 128 characters of A-Z a-z 0-9 . _ -
bool is_valid_request_id(std::string_view id);

// 32 lowercase hex characters: 16 of per-thread random prefix, 16 of per-thread counter.
class GeneratedRequestId {
 public:
  static constexpr std::size_t kLength = 32;
  std::string_view view() const { return {chars_.data(), chars_.size()}; }

 private:
  friend GeneratedRequestId generate_request_id();
  std::array<char, kLength> chars_{};
};

GeneratedRequestId generate_request_id();

// The caller's id when valid, else a new one kept in `storage` (which must outlive the result).
std::string_view choose_request_id(std::string_view incoming, GeneratedRequestId& storage);

}  // namespace profilegw::gateway
