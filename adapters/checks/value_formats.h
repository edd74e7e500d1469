// Format checks the adapters run on unified values before any upstream call (422
// validation_failed), so a request the backend would refuse costs no round trip.
#pragma once

#include <cstddef>
#include <string_view>

namespace profilegw::adapters::checks {

// Characters as Django counts them for max_length: Unicode code points of UTF-8 text.
std::size_t utf8_length(std::string_view text);

// YYYY-MM-DD naming a real day of the Gregorian calendar (years 0001-9999).
bool is_iso_date(std::string_view text);

// A light check, not RFC 5322: one '@', a non-empty local part, a dotted domain, no whitespace.
bool looks_like_email(std::string_view text);

// An absolute http(s) URL with a host and no whitespace (what Django's URLField accepts, roughly).
bool looks_like_http_url(std::string_view text);

// `+` followed by 8 to 15 digits.
bool is_e164(std::string_view text);

// Non-empty and ASCII digits only.
bool is_all_digits(std::string_view text);

}  // namespace profilegw::adapters::checks
