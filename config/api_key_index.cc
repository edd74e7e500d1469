#include "config/api_key_index.h"

#include <openssl/crypto.h>

namespace profilegw::config {

bool ApiKeyIndex::DigestEqual::operator()(const ApiKeyDigest& a, const ApiKeyDigest& b) const noexcept {
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool ApiKeyIndex::add(const ApiKeyDigest& digest, std::size_t tenant_index) {
  return entries_.emplace(digest, tenant_index).second;
}

std::optional<std::size_t> ApiKeyIndex::find(std::string_view presented_key) const {
  if (presented_key.empty()) return std::nullopt;
  return find_digest(digest_api_key(presented_key));
}

std::optional<std::size_t> ApiKeyIndex::find_digest(const ApiKeyDigest& digest) const {
  const auto it = entries_.find(digest);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

}  // namespace profilegw::config
