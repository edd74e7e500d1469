#include "adapters/checks/value_formats.h"

namespace profilegw::adapters::checks {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

int two_digits(char a, char b) { return (a - '0') * 10 + (b - '0'); }

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

bool has_space(std::string_view text) {
  for (char c : text) {
    if (is_space(c)) return true;
  }
  return false;
}

}  // namespace

std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) {
    // Count every byte that does not continue a multi-byte sequence.
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

bool is_iso_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (!is_digit(t[i])) return false;
  }
  const int year = two_digits(t[0], t[1]) * 100 + two_digits(t[2], t[3]);
  const int month = two_digits(t[5], t[6]);
  const int day = two_digits(t[8], t[9]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= days_in_month(year, month);
}

bool looks_like_email(std::string_view t) {
  const std::size_t at = t.find('@');
  if (at == std::string_view::npos || at == 0 || t.find('@', at + 1) != std::string_view::npos) return false;
  if (has_space(t)) return false;
  const std::string_view domain = t.substr(at + 1);
  const std::size_t dot = domain.rfind('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size() && domain.front() != '.';
}

bool looks_like_http_url(std::string_view t) {
  std::string_view rest;
  if (t.starts_with("https://")) {
    rest = t.substr(8);
  } else if (t.starts_with("http://")) {
    rest = t.substr(7);
  } else {
    return false;
  }
  if (has_space(t)) return false;
  const std::size_t host_end = rest.find_first_of("/?#");
  return (host_end == std::string_view::npos ? rest.size() : host_end) > 0;
}

bool is_e164(std::string_view t) {
  if (t.size() < 9 || t.size() > 16 || t.front() != '+') return false;
  return is_all_digits(t.substr(1));
}

bool is_all_digits(std::string_view t) {
  if (t.empty()) return false;
  for (char c : t) {
    if (!is_digit(c)) return false;
  }
  return true;
}

}  // namespace profilegw::adapters::checks
