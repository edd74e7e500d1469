// Constant-time comparison of secrets (MACs, API-key hashes, credential hashes): the time taken
// depends only on the lengths, never on where the inputs first differ.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace profilegw::core::crypto {

// True when `a` and `b` are byte-for-byte equal. Different lengths compare unequal, still after a
// full pass over the longer input (no early exit).
bool constant_time_equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b);
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace profilegw::core::crypto
