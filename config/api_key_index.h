// The X-Api-Key -> tenant lookup of one snapshot: keys are stored only as SHA-256 digests; a
// presented key is hashed once and found by digest, the final comparison in constant time.
#pragma once

#include <cstddef>
#include <cstring>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "config/api_key.h"

namespace profilegw::config {

class ApiKeyIndex {
 public:
  // False (and nothing changes) when the digest is already present.
  bool add(const ApiKeyDigest& digest, std::size_t tenant_index);

  // The tenant index for a presented (plain) key; nullopt when unknown or empty.
  std::optional<std::size_t> find(std::string_view presented_key) const;
  std::optional<std::size_t> find_digest(const ApiKeyDigest& digest) const;

  std::size_t size() const { return entries_.size(); }

 private:
  // A SHA-256 digest is already uniformly distributed: its first bytes are a fine hash.
  struct DigestHash {
    std::size_t operator()(const ApiKeyDigest& d) const noexcept {
      std::size_t h = 0;
      std::memcpy(&h, d.data(), sizeof h);
      return h;
    }
  };
  struct DigestEqual {
    bool operator()(const ApiKeyDigest& a, const ApiKeyDigest& b) const noexcept;  // CRYPTO_memcmp
  };

  std::unordered_map<ApiKeyDigest, std::size_t, DigestHash, DigestEqual> entries_;
};

}  // namespace profilegw::config
