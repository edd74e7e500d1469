// Parses and checks `upstream.base_url` once, at load: scheme, host (name, IPv4, or [IPv6]), port
// and base path, so the data path never parses a URL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace profilegw::config {

struct UpstreamUrl {
  std::string scheme;      // "http" or "https" (lower case)
  std::string host;        // lower case; an IPv6 literal without its brackets ("::1")
  bool ipv6 = false;       // host is an IPv6 literal
  std::uint16_t port = 0;  // as written, or the scheme's default (80, 443)
  std::string path;        // without trailing '/': "/store/v1", or "" for the root

  bool tls() const { return scheme == "https"; }
  bool default_port() const { return port == (tls() ? 443 : 80); }
  // "host", "[::1]": the host as it appears in a URL.
  std::string url_host() const;
  // The Host header: url_host(), plus ":port" unless the port is the scheme's default.
  std::string host_header() const;
};

struct UrlParseResult {
  std::optional<UpstreamUrl> url;
  std::string error;  // "not an absolute http(s) URL", ...; empty when url is set
};

// Accepts `http(s)://host[:port][/path]`; rejects credentials, queries and fragments.
UrlParseResult parse_upstream_url(std::string_view text);

}  // namespace profilegw::config
