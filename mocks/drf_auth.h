// The two DRF authentication classes the demo backends use: simplejwt's JWTAuthentication
// ("Authorization: Bearer", django and v1rest) and DRF's TokenAuthentication ("Authorization:
// Token", shop). Tokens are the seed's fixed strings, not real JWTs.
#pragma once

#include <optional>
#include <string_view>

#include "mocks/drf_responses.h"
#include "mocks/http_exchange.h"
#include "mocks/seed_data.h"

namespace profilegw::mocks {

// The customer id the request's bearer token belongs to; otherwise `response` holds simplejwt's
// 401 (with `WWW-Authenticate: Bearer realm="api"`) and nullopt is returned.
std::optional<std::string_view> authenticate_jwt(const MockRequest& request, const ProviderSeed& seed,
                                                 MockResponse& response, const DrfView& view);

// The same for DRF's TokenAuthentication (`WWW-Authenticate: Token`).
std::optional<std::string_view> authenticate_token(const MockRequest& request, const ProviderSeed& seed,
                                                   MockResponse& response, const DrfView& view);

}  // namespace profilegw::mocks
