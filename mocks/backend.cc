#include "mocks/backend.h"

namespace profilegw::mocks {

std::string_view provider_name(ProviderKind provider) {
  switch (provider) {
    case ProviderKind::kDjango: return "django";
    case ProviderKind::kShop: return "shop";
    case ProviderKind::kV1rest: return "v1rest";
    case ProviderKind::kPartner: return "partner";
    case ProviderKind::kSalla: return "salla";
    case ProviderKind::kWoo: return "woo";
    case ProviderKind::kShopify: return "shopify";
  }
  return "unknown";
}

std::unique_ptr<Backend> make_backend(ProviderKind provider, const BackendOptions& options) {
  switch (provider) {
    case ProviderKind::kDjango: return make_django_backend(options);
    case ProviderKind::kShop: return make_shop_backend(options);
    case ProviderKind::kV1rest: return make_v1rest_backend(options);
    case ProviderKind::kPartner: return make_partner_backend(options);
    case ProviderKind::kSalla: return make_salla_backend(options);
    case ProviderKind::kWoo: return make_woo_backend(options);
    case ProviderKind::kShopify: return make_shopify_backend(options);
  }
  return nullptr;
}

}  // namespace profilegw::mocks
