// SHA-256, HMAC-SHA256 (RFC 4231), hex, constant-time equality and random helpers.
#include <catch2/catch.hpp>
#include <set>

#include "core/crypto/constant_time.h"
#include "core/crypto/hmac.h"
#include "core/crypto/random.h"
#include "core/crypto/sha256.h"

namespace profilegw::core::crypto {
namespace {

TEST_CASE("sha256: FIPS 180-2 vectors", "[crypto]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  // The CONTRACT.md api_keys example: sha256("test").
  CHECK(sha256_hex("test") == "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  const Sha256Digest d = sha256("abc");
  CHECK(d[0] == 0xba);
  CHECK(d[31] == 0xad);
}

TEST_CASE("hex: round trip and strictness", "[crypto]") {
  const std::vector<std::uint8_t> bytes{0x00, 0x01, 0xab, 0xff};
  CHECK(to_hex(bytes) == "0001abff");
  CHECK(from_hex("0001abff") == bytes);
  CHECK(from_hex("0001ABFF") == bytes);
  CHECK(from_hex("") == std::vector<std::uint8_t>{});
  CHECK_FALSE(from_hex("abc").has_value());
  CHECK_FALSE(from_hex("zz").has_value());
  CHECK_FALSE(from_hex("0x").has_value());
  std::string out = "k=";
  append_hex(out, bytes);
  CHECK(out == "k=0001abff");
}

TEST_CASE("hmac_sha256: RFC 4231 vectors", "[crypto]") {
  const std::string key1(20, '\x0b');
  CHECK(to_hex(hmac_sha256(key1, "Hi There")) ==
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  CHECK(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Test case 6: a key longer than the block size is hashed first.
  const std::string key6(131, '\xaa');
  CHECK(to_hex(hmac_sha256(key6, "Test Using Larger Than Block-Size Key - Hash Key First")) ==
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  CHECK(to_hex(hmac_sha256("", "")) == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST_CASE("constant_time_equal", "[crypto]") {
  CHECK(constant_time_equal("", ""));
  CHECK(constant_time_equal("secret", "secret"));
  CHECK_FALSE(constant_time_equal("secret", "secreT"));
  CHECK_FALSE(constant_time_equal("Secret", "secret"));
  CHECK_FALSE(constant_time_equal("secret", "secret2"));
  CHECK_FALSE(constant_time_equal("secret2", "secret"));
  CHECK_FALSE(constant_time_equal("", "a"));
  // A shorter input that is a prefix padded with NULs still differs (lengths are part of the result).
  CHECK_FALSE(constant_time_equal(std::string_view("ab\0", 3), "ab"));
  const Sha256Digest a = sha256("x");
  Sha256Digest b = a;
  CHECK(constant_time_equal(a, b));
  b[31] ^= 1;
  CHECK_FALSE(constant_time_equal(a, b));
}

TEST_CASE("random helpers", "[crypto]") {
  const auto h = random_hex(16);
  REQUIRE(h.has_value());
  CHECK(h->size() == 32);
  CHECK(from_hex(*h).has_value());
  const auto b = random_base64url(32);
  REQUIRE(b.has_value());
  CHECK(b->size() == 43);
  CHECK(b->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
        std::string::npos);
  CHECK(random_hex(100)->size() == 200);  // past the stack buffer
  CHECK(random_hex(0) == std::optional<std::string>(""));
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(*random_hex(16));
  CHECK(seen.size() == 100);
}

}  // namespace
}  // namespace profilegw::core::crypto
