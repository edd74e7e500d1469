// What every demo backend offers the server: answer a request, word an injected error in its own
// dialect, and go back to its seed data. One instance per provider, shared by all worker threads.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "mocks/digest_challenge.h"
#include "mocks/drf_responses.h"
#include "mocks/http_exchange.h"

namespace profilegw::mocks {

// The five built-in families, then backends onboarded through a `mapping` (WooCommerce, Shopify).
enum class ProviderKind { kDjango, kShop, kV1rest, kPartner, kSalla, kWoo, kShopify };

inline constexpr std::array kAllProviders = {
    ProviderKind::kDjango, ProviderKind::kShop, ProviderKind::kV1rest, ProviderKind::kPartner,
    ProviderKind::kSalla,  ProviderKind::kWoo,  ProviderKind::kShopify};

std::string_view provider_name(ProviderKind provider);

struct BackendOptions {
  ErrorDialect django_errors = ErrorDialect::kDrf;  // --django-errors: all three DRF backends (django, shop, v1rest)
  DigestSettings digest;
  std::string otp_code = "1234";
};

class Backend {
 public:
  virtual ~Backend() = default;

  // Answers one request. Called concurrently from every worker thread.
  virtual void handle(const MockRequest& request, MockResponse& response) = 0;

  // The body of an injected 500, 502, 503 or 429, the way this backend words its errors.
  virtual void render_injected_error(unsigned status, const MockRequest& request, MockResponse& response) = 0;

  // Back to the seed data, forgetting pending contact changes. Issued Digest nonces stay valid.
  virtual void reset() = 0;

  virtual std::uint64_t digest_challenges() const { return 0; }
};

std::unique_ptr<Backend> make_django_backend(const BackendOptions& options);
std::unique_ptr<Backend> make_shop_backend(const BackendOptions& options);
std::unique_ptr<Backend> make_v1rest_backend(const BackendOptions& options);
std::unique_ptr<Backend> make_partner_backend(const BackendOptions& options);
std::unique_ptr<Backend> make_salla_backend(const BackendOptions& options);
std::unique_ptr<Backend> make_woo_backend(const BackendOptions& options);
std::unique_ptr<Backend> make_shopify_backend(const BackendOptions& options);

std::unique_ptr<Backend> make_backend(ProviderKind provider, const BackendOptions& options);

}  // namespace profilegw::mocks
