#include "mocks/calling_codes.h"

#include "mocks/http_exchange.h"

namespace profilegw::mocks {

namespace {

// Where one calling code serves several countries (+1), the first listed wins.
constexpr CountryCallingCode kCountries[] = {
    {"SA", "+966"}, {"AE", "+971"}, {"KW", "+965"}, {"QA", "+974"}, {"BH", "+973"}, {"OM", "+968"},
    {"EG", "+20"},  {"JO", "+962"}, {"IQ", "+964"}, {"LB", "+961"}, {"MA", "+212"}, {"TR", "+90"},
    {"US", "+1"},   {"CA", "+1"},   {"GB", "+44"},  {"DE", "+49"},  {"FR", "+33"},  {"IN", "+91"},
    {"PK", "+92"},
};

}  // namespace

std::optional<CountryCallingCode> resolve_country(std::string_view iso_or_calling_code) {
  std::string_view given = iso_or_calling_code;
  if (given.empty()) return std::nullopt;
  const bool numeric = given.front() == '+' || (given.front() >= '0' && given.front() <= '9');
  if (numeric && given.front() == '+') given.remove_prefix(1);
  for (const CountryCallingCode& country : kCountries) {
    if (numeric ? given == country.calling_code.substr(1) : iequals(given, country.iso)) return country;
  }
  return std::nullopt;
}

}  // namespace profilegw::mocks
