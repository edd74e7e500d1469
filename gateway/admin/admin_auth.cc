#include "gateway/admin/admin_auth.h"

#include "core/crypto/constant_time.h"
#include "core/crypto/sha256.h"

namespace profilegw::gateway::admin {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

// The credential of a `Bearer <token>` value; empty for any other scheme.
std::string_view bearer_credential(std::string_view value) {
  while (!value.empty() && is_space(value.front())) value.remove_prefix(1);
  while (!value.empty() && is_space(value.back())) value.remove_suffix(1);
  constexpr std::string_view kScheme = "bearer";
  if (value.size() <= kScheme.size() || !is_space(value[kScheme.size()])) return {};
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    const char c = value[i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != kScheme[i]) return {};
  }
  value.remove_prefix(kScheme.size());
  while (!value.empty() && is_space(value.front())) value.remove_prefix(1);
  return value;
}

}  // namespace

bool admin_authorized(std::string_view authorization, std::string_view expected) {
  if (expected.empty()) return false;
  const std::string_view presented = bearer_credential(authorization);
  // Hashing first makes both sides 32 bytes: the comparison time says nothing about the length.
  const core::crypto::Sha256Digest a = core::crypto::sha256(presented);
  const core::crypto::Sha256Digest b = core::crypto::sha256(expected);
  return core::crypto::constant_time_equal(a, b) && !presented.empty();
}

}  // namespace profilegw::gateway::admin
