// The unified `phone` for a number a backend stores as free text: E.164 wherever the stored text
// allows it (CONTRACT.md section 3), the backend's text verbatim where it does not.
#pragma once

#include <string>
#include <string_view>

namespace profilegw::adapters::phone {

// "+966 50-000 0000" and "00966500000000" become "+966500000000". A number without a country
// code ("09308744204") cannot be converted without guessing the country, so it stays as stored.
std::string unified_phone(std::string_view stored);

}  // namespace profilegw::adapters::phone
