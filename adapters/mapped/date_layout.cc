#include "adapters/mapped/date_layout.h"

#include "adapters/checks/value_formats.h"

namespace profilegw::adapters::mapped {
namespace {

bool is_letter_or_digit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

DateLayout::DateLayout() : layout_("YYYY-MM-DD") {}

std::optional<DateLayout> DateLayout::compile(std::string_view layout, std::string& error) {
  if (layout.size() > 64) {
    error = "at most 64 characters";
    return std::nullopt;
  }
  DateLayout out;
  out.layout_ = std::string(layout);
  bool year = false;
  bool month = false;
  bool day = false;
  for (std::size_t i = 0; i < layout.size();) {
    const std::string_view rest = layout.substr(i);
    auto take = [&](bool& seen, std::uint8_t& offset, std::size_t width, std::string_view name) {
      if (seen) {
        error = std::string(name) + " appears twice";
        return false;
      }
      seen = true;
      offset = static_cast<std::uint8_t>(i);
      i += width;
      return true;
    };
    if (rest.starts_with("YYYY")) {
      if (!take(year, out.year_, 4, "YYYY")) return std::nullopt;
    } else if (rest.starts_with("MM")) {
      if (!take(month, out.month_, 2, "MM")) return std::nullopt;
    } else if (rest.starts_with("DD")) {
      if (!take(day, out.day_, 2, "DD")) return std::nullopt;
    } else if (is_letter_or_digit(rest.front())) {
      error = "unknown token at \"" + std::string(rest) + "\" (use YYYY, MM, DD and separators)";
      return std::nullopt;
    } else {
      ++i;
    }
  }
  if (!year || !month || !day) {
    error = "expected YYYY, MM and DD, each once (for example \"DD/MM/YYYY\")";
    return std::nullopt;
  }
  return out;
}

std::optional<std::string> DateLayout::to_unified(std::string_view text) const {
  if (text.size() != layout_.size()) return std::nullopt;
  // Separators must be where the layout has them; digits are checked by is_iso_date below.
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool in_field =
        (i >= year_ && i < year_ + 4u) || (i >= month_ && i < month_ + 2u) || (i >= day_ && i < day_ + 2u);
    if (!in_field && text[i] != layout_[i]) return std::nullopt;
  }
  std::string iso = "0000-00-00";
  iso.replace(0, 4, text.substr(year_, 4));
  iso.replace(5, 2, text.substr(month_, 2));
  iso.replace(8, 2, text.substr(day_, 2));
  if (!checks::is_iso_date(iso)) return std::nullopt;
  return iso;
}

std::string DateLayout::from_unified(std::string_view iso) const {
  std::string out = layout_;
  out.replace(year_, 4, iso.substr(0, 4));
  out.replace(month_, 2, iso.substr(5, 2));
  out.replace(day_, 2, iso.substr(8, 2));
  return out;
}

std::optional<std::string> date_of_datetime(std::string_view text) {
  if (text.size() < 10) return std::nullopt;
  const std::string_view date = text.substr(0, 10);
  if (!checks::is_iso_date(date)) return std::nullopt;
  if (text.size() > 10 && text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  return std::string(date);
}

std::string datetime_of_date(std::string_view iso) {
  std::string out(iso);
  out += "T00:00:00";
  return out;
}

}  // namespace profilegw::adapters::mapped
