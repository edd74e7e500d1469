#include "mocks/field_checks.h"

namespace profilegw::mocks {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

int two_digits(std::string_view text, std::size_t at) { return (text[at] - '0') * 10 + (text[at + 1] - '0'); }

bool is_atext(char c) {
  if (is_alnum(c)) return true;
  constexpr std::string_view kSpecials = "!#$%&'*+/=?^_`{|}~-";
  return kSpecials.find(c) != std::string_view::npos;
}

// Labels of letters, digits and inner hyphens, 1 to 63 characters each.
bool is_domain_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
  for (const char c : label) {
    if (!is_alnum(c) && c != '-') return false;
  }
  return true;
}

// A DNS name with at least two labels whose last label (the TLD) is 2+ letters, or "xn--" punycode.
bool is_domain_name(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  if (host.back() == '.') host.remove_suffix(1);  // a fully qualified name may end in a dot
  std::size_t labels = 0;
  std::string_view last;
  while (!host.empty()) {
    const std::size_t dot = host.find('.');
    const std::string_view label = host.substr(0, dot);
    if (!is_domain_label(label)) return false;
    last = label;
    ++labels;
    host = dot == std::string_view::npos ? std::string_view() : host.substr(dot + 1);
    if (dot != std::string_view::npos && host.empty()) return false;  // "a..b" or trailing dots
  }
  if (labels < 2) return false;
  if (last.size() >= 4 && last.substr(0, 4) == "xn--") return true;
  if (last.size() < 2) return false;
  for (const char c : last) {
    if (!is_alpha(c)) return false;
  }
  return true;
}

bool is_ipv4(std::string_view host) {
  int parts = 0;
  while (parts < 4) {
    std::size_t digits = 0;
    int value = 0;
    while (digits < host.size() && is_digit(host[digits]) && digits < 3) {
      value = value * 10 + (host[digits] - '0');
      ++digits;
    }
    if (digits == 0 || value > 255) return false;
    host.remove_prefix(digits);
    ++parts;
    if (parts < 4) {
      if (host.empty() || host.front() != '.') return false;
      host.remove_prefix(1);
    }
  }
  return host.empty();
}

bool is_bracketed_ipv6(std::string_view host) {
  if (host.size() < 4 || host.front() != '[' || host.back() != ']') return false;
  for (const char c : host.substr(1, host.size() - 2)) {
    const bool hex = is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex && c != ':' && c != '.') return false;
  }
  return host.find(':') != std::string_view::npos;
}

}  // namespace

bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!is_digit(text[i])) return false;
  }
  const int year = two_digits(text, 0) * 100 + two_digits(text, 2);
  const int month = two_digits(text, 5);
  const int day = two_digits(text, 8);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int limit = kDaysInMonth[month - 1] + ((month == 2 && leap) ? 1 : 0);
  return day <= limit;
}

bool is_email(std::string_view text) {
  if (text.size() > 320) return false;
  const std::size_t at = text.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == text.size()) return false;
  const std::string_view local = text.substr(0, at);
  const std::string_view domain = text.substr(at + 1);
  // Dot-atom: atext runs separated by single dots, no leading or trailing dot.
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
  for (const char c : local) {
    if (c != '.' && !is_atext(c)) return false;
  }
  return domain == "localhost" || is_domain_name(domain);
}

bool is_url(std::string_view text) {
  for (const char c : text) {
    if (is_space(c) || static_cast<unsigned char>(c) < 0x20) return false;
  }
  const std::size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return false;
  std::string scheme;
  for (const char c : text.substr(0, scheme_end)) scheme.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
  if (scheme != "http" && scheme != "https" && scheme != "ftp" && scheme != "ftps") return false;
  std::string_view rest = text.substr(scheme_end + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view host = authority;
  // Split an optional :port, minding the colons inside a bracketed IPv6 address.
  const std::size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    const std::string_view port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 || !is_all_digits(port)) return false;
    host = authority.substr(0, colon);
  }
  return host == "localhost" || is_ipv4(host) || is_bracketed_ipv6(host) || is_domain_name(host);
}

std::size_t char_count(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string slugify(std::string_view text) {
  std::string kept;
  for (const char c : text) {
    if (is_alnum(c) || c == '_') {
      kept.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
    } else if (is_space(c) || c == '-') {
      kept.push_back('-');
    }
  }
  std::string slug;
  for (const char c : kept) {
    if (c == '-' && !slug.empty() && slug.back() == '-') continue;
    slug.push_back(c);
  }
  const std::size_t first = slug.find_first_not_of("-_");
  if (first == std::string::npos) return {};
  const std::size_t last = slug.find_last_not_of("-_");
  return slug.substr(first, last - first + 1);
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool is_all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (!is_digit(c)) return false;
  }
  return true;
}

}  // namespace profilegw::mocks
