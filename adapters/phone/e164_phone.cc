#include "adapters/phone/e164_phone.h"

#include "adapters/checks/value_formats.h"

namespace profilegw::adapters::phone {

std::string unified_phone(std::string_view stored) {
  // Longest convertible input is "00" + 15 digits plus a few separators; longer text stays verbatim.
  constexpr std::size_t kMaxScan = 32;
  if (stored.size() > kMaxScan) return std::string(stored);
  char digits[kMaxScan + 1];
  std::size_t n = 0;
  for (char c : stored) {
    if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') continue;
    digits[n++] = c;
  }
  std::string_view compact(digits, n);
  if (compact.starts_with("00")) {
    // International call prefix: "00" stands for "+".
    compact.remove_prefix(1);
    digits[1] = '+';
  }
  if (checks::is_e164(compact)) return std::string(compact);
  return std::string(stored);
}

}  // namespace profilegw::adapters::phone
