// How a backend spells a calendar date ("DD/MM/YYYY", "YYYYMMDD", ISO datetimes), compiled once into
// fixed positions so that converting to and from the unified YYYY-MM-DD is a few byte copies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace profilegw::adapters::mapped {

class DateLayout {
 public:
  // The unified layout, YYYY-MM-DD.
  DateLayout();

  // `layout` holds YYYY, MM and DD once each; every other character is a literal that is neither a
  // letter nor a digit. nullopt with `error` set otherwise.
  static std::optional<DateLayout> compile(std::string_view layout, std::string& error);

  const std::string& layout() const { return layout_; }

  // Backend text in this layout → "YYYY-MM-DD"; nullopt when it does not match or names no real day.
  std::optional<std::string> to_unified(std::string_view text) const;
  // A unified date (already checked to be a real YYYY-MM-DD day) → backend text.
  std::string from_unified(std::string_view iso) const;

 private:
  std::string layout_;
  std::uint8_t year_ = 0;  // offsets of the four, two and two digits
  std::uint8_t month_ = 5;
  std::uint8_t day_ = 8;
};

// An ISO 8601 date-time ("1990-01-15T10:20:00Z", "1990-01-15 10:20:00", or a bare date) → its date
// part; nullopt when it does not start with a real YYYY-MM-DD day.
std::optional<std::string> date_of_datetime(std::string_view text);

// What a unified date is written as where the backend keeps a date-time: midnight, no zone.
std::string datetime_of_date(std::string_view iso);

}  // namespace profilegw::adapters::mapped
