// The v1rest backend stores a postal code as a non-negative integer (a PositiveIntegerField), the
// unified API as a string. Only strings the integer can hold exactly are accepted for writing.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace profilegw::adapters::v1rest {

// The largest value the backend's column holds (a signed 32-bit integer in Django's databases).
inline constexpr std::uint32_t kPostalCodeMax = 2147483647;

// Why a unified postal code cannot be written; nullopt when it can.
// Leading zeros are refused rather than silently dropped: "01234" would read back as "1234".
std::optional<std::string_view> postal_code_problem(std::string_view unified);

// The integer for a unified postal code that postal_code_problem accepted.
std::uint32_t postal_code_value(std::string_view unified);

}  // namespace profilegw::adapters::v1rest
