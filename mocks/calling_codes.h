// The ITU calling codes of the countries the salla demo accepts, so a `country_code` may be given
// either as an ISO 3166 code ("SA") or as a calling code ("+966" or "966"), as Salla's API allows.
#pragma once

#include <optional>
#include <string_view>

namespace profilegw::mocks {

struct CountryCallingCode {
  std::string_view iso;           // "SA"
  std::string_view calling_code;  // "+966"
};

std::optional<CountryCallingCode> resolve_country(std::string_view iso_or_calling_code);

}  // namespace profilegw::mocks
