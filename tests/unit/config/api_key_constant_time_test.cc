// Security review made executable: a presented X-Api-Key is never compared with stored keys byte
// by byte. It is hashed (SHA-256), found by digest, and the one comparison that decides is
// OpenSSL's CRYPTO_memcmp over 32-byte digests, whose time does not depend on where they differ.
// (How many stored digests a lookup compares depends on the hash table, not on the key: libstdc++
// scans small tables linearly, so a two-tenant index may compare both.)
//
// This binary interposes CRYPTO_memcmp (a definition in the executable wins over libcrypto's) to
// count the calls and see what they compare; the stand-in is itself constant-time.
#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>

#include "config/api_key.h"
#include "config/snapshot.h"
#include "fake_adapters.h"

namespace {

struct MemcmpProbe {
  int calls = 0;
  bool all_32_bytes = true;
  std::array<unsigned char, 32> last_a{};
  std::array<unsigned char, 32> last_b{};
};
MemcmpProbe probe;

}  // namespace

extern "C" int CRYPTO_memcmp(const void* in_a, const void* in_b, size_t len) {
  const auto* a = static_cast<const volatile unsigned char*>(in_a);
  const auto* b = static_cast<const volatile unsigned char*>(in_b);
  ++probe.calls;
  probe.all_32_bytes = probe.all_32_bytes && len == 32;
  std::memcpy(probe.last_a.data(), const_cast<const unsigned char*>(a), std::min<std::size_t>(len, 32));
  std::memcpy(probe.last_b.data(), const_cast<const unsigned char*>(b), std::min<std::size_t>(len, 32));
  unsigned char diff = 0;
  for (size_t i = 0; i < len; ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff;
}

namespace profilegw::config {
namespace {

std::shared_ptr<Snapshot> two_tenants() {
  constexpr std::string_view kConfig = R"({"tenants": [
    {"id": "a", "provider": "django", "api_keys": ["sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"],
     "upstream": {"base_url": "http://127.0.0.1:1"}},
    {"id": "b", "provider": "django", "api_keys": ["b-plain-key-0123"], "upstream": {"base_url": "http://127.0.0.1:2"}}
  ]})";
  LoadResult r = load_config_text(kConfig, "c", testing::fake_env(), testing::fake_registry());
  if (!r.ok()) FAIL(format_problems(r.issues));
  return Snapshot::build(std::move(*r.loaded), testing::fake_registry());
}

}  // namespace

TEST_CASE("API key lookup decides with CRYPTO_memcmp over SHA-256 digests", "[config][api_key][security]") {
  auto snapshot = two_tenants();
  for (const char* key : {"test", "b-plain-key-0123"}) {
    INFO(key);
    probe = {};
    const core::Tenant* t = snapshot->tenant_for_api_key(key);
    REQUIRE(t != nullptr);
    CHECK(probe.calls >= 1);
    CHECK(probe.calls <= 2);
    CHECK(probe.all_32_bytes);
    // What was compared is the presented key's digest, never the key itself.
    const ApiKeyDigest digest = digest_api_key(key);
    CHECK((std::memcmp(probe.last_a.data(), digest.data(), 32) == 0 ||
           std::memcmp(probe.last_b.data(), digest.data(), 32) == 0));
  }
}

TEST_CASE("an unknown API key is compared only as a digest", "[config][api_key][security]") {
  auto snapshot = two_tenants();
  // Keys that share a prefix with a real key, or differ in its last byte, take the same path as any
  // other unknown key: one hash, then constant-time comparisons of 32 bytes, at most one per stored key.
  for (const char* key : {"tes", "tesT", "test ", "b-plain-key-012", "b-plain-key-0124", "x"}) {
    INFO(key);
    probe = {};
    CHECK(snapshot->tenant_for_api_key(key) == nullptr);
    CHECK(probe.calls <= 2);
    CHECK(probe.all_32_bytes);
  }
}

}  // namespace profilegw::config
