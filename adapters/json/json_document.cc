#include "adapters/json/json_document.h"

#include <cstdint>

namespace profilegw::adapters::json {

bool is_ascii(std::string_view text) {
  // Eight bytes at a time: any byte with its top bit set is not ASCII.
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  std::uint64_t seen = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    seen |= word;
  }
  for (; i < text.size(); ++i) seen |= static_cast<unsigned char>(text[i]);
  return (seen & kHighBits) == 0;
}

}  // namespace profilegw::adapters::json
