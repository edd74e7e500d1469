#include "config/upstream_url.h"

#include <arpa/inet.h>

#include <charconv>

namespace profilegw::config {
namespace {

constexpr std::string_view kNotAbsolute = "not an absolute http(s) URL";

char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool valid_host_name(std::string_view host) {
  if (host.empty() || host.size() > 253 || host.front() == '.' || host.front() == '-') return false;
  if (host.find("..") != std::string_view::npos) return false;
  for (char c : host) {
    if (!is_alnum(c) && c != '-' && c != '.' && c != '_') return false;
  }
  return true;
}

// RFC 3986 path characters: unreserved, sub-delims, ':', '@', '/', and %XX escapes.
bool valid_path(std::string_view path) {
  constexpr std::string_view kAllowed = "-._~!$&'()*+,;=:@/";
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '%') {
      if (i + 2 >= path.size() || !is_hex(path[i + 1]) || !is_hex(path[i + 2])) return false;
      i += 2;
      continue;
    }
    if (!is_alnum(c) && kAllowed.find(c) == std::string_view::npos) return false;
  }
  return true;
}

UrlParseResult fail(std::string error) { return UrlParseResult{std::nullopt, std::move(error)}; }

}  // namespace

std::string UpstreamUrl::url_host() const { return ipv6 ? "[" + host + "]" : host; }

std::string UpstreamUrl::host_header() const {
  std::string out = url_host();
  if (!default_port()) out += ":" + std::to_string(port);
  return out;
}

UrlParseResult parse_upstream_url(std::string_view text) {
  const std::size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return fail(std::string(kNotAbsolute));
  UpstreamUrl url;
  url.scheme = lower(text.substr(0, scheme_end));
  if (url.scheme != "http" && url.scheme != "https") {
    return fail(std::string(kNotAbsolute) + " (scheme \"" + std::string(text.substr(0, scheme_end)) +
                "\" is not supported)");
  }
  const std::string_view rest = text.substr(scheme_end + 3);
  const std::size_t authority_end = rest.find_first_of("/?#");
  const std::string_view authority = rest.substr(0, authority_end);
  const std::string_view path = authority_end == std::string_view::npos ? "" : rest.substr(authority_end);

  if (authority.find('@') != std::string_view::npos) {
    return fail("must not contain credentials; use service_auth");
  }
  if (path.find_first_of("?#") != std::string_view::npos) return fail("must not contain a query or fragment");
  if (authority.empty()) return fail(std::string(kNotAbsolute));

  std::string_view host;
  std::string_view port_text;
  bool has_port = false;
  if (authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return fail("invalid host \"" + std::string(authority) + "\"");
    host = authority.substr(1, close - 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return fail("invalid host \"" + std::string(authority) + "\"");
      has_port = true;
      port_text = after.substr(1);
    }
    in6_addr addr{};
    if (::inet_pton(AF_INET6, std::string(host).c_str(), &addr) != 1) {
      return fail("invalid IPv6 address \"" + std::string(host) + "\"");
    }
    url.ipv6 = true;
  } else {
    const std::size_t colon = authority.rfind(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) {
      has_port = true;
      port_text = authority.substr(colon + 1);
    }
    if (!valid_host_name(host)) return fail("invalid host \"" + std::string(host) + "\"");
  }
  url.host = lower(host);

  if (has_port) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (port_text.empty() || port_text.size() > 5 || ec != std::errc{} ||
        end != port_text.data() + port_text.size() || value == 0 || value > 65535) {
      return fail("invalid port \"" + std::string(port_text) + "\"");
    }
    url.port = static_cast<std::uint16_t>(value);
  } else {
    url.port = url.tls() ? 443 : 80;
  }

  if (!valid_path(path)) return fail("invalid character in the path");
  std::string_view trimmed = path;
  while (trimmed.ends_with('/')) trimmed.remove_suffix(1);
  url.path = std::string(trimmed);
  return UrlParseResult{std::move(url), {}};
}

}  // namespace profilegw::config
