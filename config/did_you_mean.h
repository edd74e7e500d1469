// "did you mean ...?" for unknown config keys: the closest known key by edit distance, when it is
// close enough to be a plausible typo.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace profilegw::config {

// Edit distance counting insertions, deletions, substitutions and swaps of neighbours; case-sensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if its distance is at most max(1, min(3, word.size() / 3)),
// comparing case-insensitively. Ties go to the earlier candidate.
std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates);

}  // namespace profilegw::config
