// A backend that keeps one `full_name` where the unified API has first and last names (`split` in a
// mapping; the django provider, CONTRACT.md section 5). Reading splits at the last space, writing
// joins with one space. The round trip is exact unless a last name itself contains a space ("Van
// Dyke" reads back as part of the first).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace profilegw::adapters::mapped {

struct NameParts {
  std::optional<std::string> first;  // nullopt when the full name is empty
  std::optional<std::string> last;   // nullopt for a single word
};

// "Mary Ann Smith" → {"Mary Ann", "Smith"}; "John" → {"John", null}; surrounding spaces ignored.
NameParts split_full_name(std::string_view full_name);

// "first last", leaving out an empty part (no stray spaces).
std::string join_full_name(std::string_view first, std::string_view last);

}  // namespace profilegw::adapters::mapped
