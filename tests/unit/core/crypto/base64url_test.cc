// base64url (RFC 4648 section 5, unpadded, strict decoder) and padded standard base64.
#include "core/crypto/base64url.h"

#include <catch2/catch.hpp>

namespace profilegw::core::crypto {
namespace {

TEST_CASE("base64url: RFC 4648 vectors without padding", "[crypto][base64]") {
  CHECK(base64url_encode("") == "");
  CHECK(base64url_encode("f") == "Zg");
  CHECK(base64url_encode("fo") == "Zm8");
  CHECK(base64url_encode("foo") == "Zm9v");
  CHECK(base64url_encode("foob") == "Zm9vYg");
  CHECK(base64url_encode("fooba") == "Zm9vYmE");
  CHECK(base64url_encode("foobar") == "Zm9vYmFy");
  CHECK(base64url_encode(std::string("\xfb\xff\xbf", 3)) == "-_-_");
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    CHECK(base64url_decode(base64url_encode(s)) == s);
  }
}

TEST_CASE("base64url: every byte value round-trips", "[crypto][base64]") {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (std::size_t n = 0; n <= all.size(); n += 37) {
    const std::string s = all.substr(0, n);
    CHECK(base64url_decode(base64url_encode(s)) == s);
  }
}

TEST_CASE("base64url: the decoder is strict", "[crypto][base64]") {
  CHECK_FALSE(base64url_decode("Zg==").has_value());  // padding
  CHECK_FALSE(base64url_decode("Zm+v").has_value());  // standard alphabet
  CHECK_FALSE(base64url_decode("Zm/v").has_value());
  CHECK_FALSE(base64url_decode("Zm9v YmFy").has_value());  // whitespace
  CHECK_FALSE(base64url_decode("Z").has_value());          // impossible length
  CHECK_FALSE(base64url_decode("Zm9vY").has_value());
  CHECK_FALSE(base64url_decode("Zh").has_value());  // non-zero unused bits
  CHECK_FALSE(base64url_decode("Zm9").has_value());
  CHECK(base64url_decode("Zm8") == std::optional<std::string>("fo"));
  CHECK_FALSE(base64url_decode(std::string_view("Zm\0v", 4)).has_value());
  CHECK(base64url_decode("") == std::optional<std::string>(""));
}

TEST_CASE("base64: standard padded alphabet for Basic auth", "[crypto][base64]") {
  CHECK(base64_encode("Aladdin:open sesame") == "QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  CHECK(base64_encode("foob") == "Zm9vYg==");
  CHECK(base64_encode("fooba") == "Zm9vYmE=");
  CHECK(base64_encode(std::string("\xfb\xff", 2)) == "+/8=");
}

}  // namespace
}  // namespace profilegw::core::crypto
