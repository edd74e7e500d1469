// The deterministic demo data every backend starts from (and returns to on POST /__mock/reset).
// Integration tests assert on these exact values; mocks/README.md lists them for humans.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace profilegw::mocks {

struct SeedToken {
  std::string_view token;
  std::string_view customer_id;
};

struct ProviderSeed {
  std::string_view customers_json;  // {"<id>": {record}, ...}, records exactly as the backend shows them
  std::span<const SeedToken> tokens;
};

const ProviderSeed& django_seed();
const ProviderSeed& shop_seed();
const ProviderSeed& v1rest_seed();
const ProviderSeed& partner_seed();
const ProviderSeed& salla_seed();

// The customer id a bearer of `token` is, if any.
std::optional<std::string_view> customer_for_token(const ProviderSeed& seed, std::string_view token);

}  // namespace profilegw::mocks
