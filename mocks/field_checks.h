// Format checks the demo backends apply to field values, close to what Django's and Laravel's
// validators accept (no regex: these run on every write of a load benchmark).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace profilegw::mocks {

// YYYY-MM-DD naming a real calendar day (leap years included), year 0001 to 9999.
bool is_iso_date(std::string_view text);

// A dot-atom local part, '@', and a domain of at least two labels with an alphabetic TLD (or
// "localhost"), like Django's EmailValidator without its quoted-string and IP-literal forms.
bool is_email(std::string_view text);

// An http(s)/ftp(s) URL with a host that is a domain with a TLD, localhost, an IPv4 address or a
// bracketed IPv6 address, an optional port, and no whitespace, like Django's URLValidator.
bool is_url(std::string_view text);

// The number of Unicode code points in UTF-8 `text` (what DRF and Laravel count as characters).
std::size_t char_count(std::string_view text);

// Django's slugify for ASCII: lower case, drop what is not a word character, space or hyphen,
// collapse runs of spaces and hyphens into one hyphen, strip leading and trailing '-' and '_'.
std::string slugify(std::string_view text);

// Strips ASCII whitespace at both ends (DRF's CharField trim_whitespace).
std::string_view trim(std::string_view text);

bool is_all_digits(std::string_view text);

}  // namespace profilegw::mocks
