// The ITU-T E.164 country calling codes (ISO 3166-1 alpha-2 <-> code), used to split a unified
// E.164 phone into the national number and country that salla wants, and to join them back.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace profilegw::adapters::salla {

struct CallingCode {
  std::string_view code;  // digits without '+': "966", "1"
  // Start of the national number that tells this region apart from others sharing `code`
  // ("876" for Jamaica under +1, "6" for Kazakhstan under +7); empty when none does.
  std::string_view prefix;
  std::string_view iso;  // "SA"
  // The region a shared code resolves to when no prefix matches (US for +1, RU for +7, GB for +44).
  // Exactly one entry per code is primary.
  bool primary;
};

// The whole table, sorted by code, then prefix (primary first among equals).
std::span<const CallingCode> calling_codes();

// The calling code of an ISO 3166-1 alpha-2 region ("SA" -> "966"; case-insensitive), if known.
std::optional<std::string_view> calling_code_of(std::string_view iso);

// The primary region of a calling code ("1" -> "US"), if the code is assigned.
std::optional<std::string_view> primary_region_of(std::string_view code);

struct SplitPhone {
  std::string_view code;      // "966" (into the table)
  std::string_view national;  // "501234567" (into the argument)
  std::string_view iso;       // "SA" (into the table)
};

// Splits an E.164 number ("+966501234567") by the longest matching code and region prefix.
// nullopt when the text is not E.164 (`+`, a non-zero digit, 8 to 15 digits in all) or starts with
// no assigned country code (+800 freephone, +882 networks, unassigned codes).
std::optional<SplitPhone> split_e164(std::string_view e164);

}  // namespace profilegw::adapters::salla
