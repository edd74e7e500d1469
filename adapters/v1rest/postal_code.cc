#include "adapters/v1rest/postal_code.h"

#include "adapters/checks/value_formats.h"

namespace profilegw::adapters::v1rest {

std::optional<std::string_view> postal_code_problem(std::string_view unified) {
  if (!checks::is_all_digits(unified))
    return "must be digits only: this provider stores postal codes as numbers";
  if (unified.size() > 1 && unified.front() == '0') {
    return "must not start with 0: this provider stores postal codes as numbers and would drop the leading "
           "zero";
  }
  if (unified.size() > 10 || postal_code_value(unified) > kPostalCodeMax) {
    return "must be at most 2147483647 for this provider";
  }
  return std::nullopt;
}

std::uint32_t postal_code_value(std::string_view unified) {
  std::uint64_t v = 0;
  for (char c : unified.substr(0, 10)) v = v * 10 + static_cast<std::uint64_t>(c - '0');
  return v > kPostalCodeMax ? kPostalCodeMax + 1u : static_cast<std::uint32_t>(v);
}

}  // namespace profilegw::adapters::v1rest
