#include "config/upstream_url.h"

#include <catch2/catch.hpp>

using profilegw::config::parse_upstream_url;

TEST_CASE("http and https URLs are split into scheme, host, port and path", "[config][url]") {
  auto r = parse_upstream_url("HTTPS://API.Example.com:8443/store/v1/");
  REQUIRE(r.url.has_value());
  CHECK(r.error.empty());
  CHECK(r.url->scheme == "https");
  CHECK(r.url->tls());
  CHECK(r.url->host == "api.example.com");
  CHECK(r.url->port == 8443);
  CHECK(r.url->path == "/store/v1");
  CHECK(r.url->host_header() == "api.example.com:8443");

  r = parse_upstream_url("http://127.0.0.1:9101");
  REQUIRE(r.url.has_value());
  CHECK_FALSE(r.url->tls());
  CHECK(r.url->host == "127.0.0.1");
  CHECK(r.url->port == 9101);
  CHECK(r.url->path.empty());
  CHECK(r.url->host_header() == "127.0.0.1:9101");
}

TEST_CASE("default ports are filled in and left out of the Host header", "[config][url]") {
  auto https = parse_upstream_url("https://api.salla.dev/store/v1");
  REQUIRE(https.url.has_value());
  CHECK(https.url->port == 443);
  CHECK(https.url->host_header() == "api.salla.dev");
  auto http = parse_upstream_url("http://backend:80/");
  REQUIRE(http.url.has_value());
  CHECK(http.url->port == 80);
  CHECK(http.url->path.empty());
  CHECK(http.url->host_header() == "backend");
  auto odd = parse_upstream_url("http://backend:443");
  REQUIRE(odd.url.has_value());
  CHECK(odd.url->host_header() == "backend:443");
}

TEST_CASE("IPv6 literals are accepted in brackets", "[config][url]") {
  auto r = parse_upstream_url("http://[::1]:9101/api");
  REQUIRE(r.url.has_value());
  CHECK(r.url->ipv6);
  CHECK(r.url->host == "::1");
  CHECK(r.url->port == 9101);
  CHECK(r.url->path == "/api");
  CHECK(r.url->url_host() == "[::1]");
  CHECK(r.url->host_header() == "[::1]:9101");
  auto d = parse_upstream_url("https://[2001:DB8::1]");
  REQUIRE(d.url.has_value());
  CHECK(d.url->host == "2001:db8::1");
  CHECK(d.url->host_header() == "[2001:db8::1]");
  CHECK(parse_upstream_url("http://[::1").error == "invalid host \"[::1\"");
  CHECK(parse_upstream_url("http://[nothex]:80").error == "invalid IPv6 address \"nothex\"");
  CHECK(parse_upstream_url("http://[::1]x").error == "invalid host \"[::1]x\"");
}

TEST_CASE("URLs that are not absolute http(s) URLs are refused with a reason", "[config][url]") {
  CHECK(parse_upstream_url("api.acme.example").error == "not an absolute http(s) URL");
  CHECK(parse_upstream_url("/relative").error == "not an absolute http(s) URL");
  CHECK(parse_upstream_url("").error == "not an absolute http(s) URL");
  CHECK(parse_upstream_url("http://").error == "not an absolute http(s) URL");
  CHECK(parse_upstream_url("http:///path").error == "not an absolute http(s) URL");
  CHECK(parse_upstream_url("ftp://a").error ==
        "not an absolute http(s) URL (scheme \"ftp\" is not supported)");
  CHECK(parse_upstream_url("http://user:pw@a").error == "must not contain credentials; use service_auth");
  CHECK(parse_upstream_url("http://a/x?y=1").error == "must not contain a query or fragment");
  CHECK(parse_upstream_url("http://a?y=1").error == "must not contain a query or fragment");
  CHECK(parse_upstream_url("http://a/#frag").error == "must not contain a query or fragment");
  CHECK(parse_upstream_url("http://a:0").error == "invalid port \"0\"");
  CHECK(parse_upstream_url("http://a:65536").error == "invalid port \"65536\"");
  CHECK(parse_upstream_url("http://a:").error == "invalid port \"\"");
  CHECK(parse_upstream_url("http://a:8o").error == "invalid port \"8o\"");
  CHECK(parse_upstream_url("http://a b").error == "invalid host \"a b\"");
  CHECK(parse_upstream_url("http://a..b").error == "invalid host \"a..b\"");
  CHECK(parse_upstream_url("http://a/b c").error == "invalid character in the path");
  CHECK(parse_upstream_url("http://a/%zz").error == "invalid character in the path");
  CHECK_FALSE(parse_upstream_url("http://a/%2F").error.size());
}
