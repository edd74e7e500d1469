// Who may use the admin API: a request whose `Authorization: Bearer <token>` carries the configured
// admin token. The comparison runs over fixed-size digests in constant time, so neither the
// position of the first wrong byte nor the token's length leaks through timing.
#pragma once

#include <string_view>

namespace profilegw::gateway::admin {

// The challenge that goes with every 401 from the admin API.
inline constexpr std::string_view kAdminChallenge = R"(Bearer realm="profilegw-admin")";

// True when `authorization` (the header value, possibly empty) is `Bearer <expected>` (the scheme
// case-insensitive, surrounding spaces ignored). An empty `expected` authorizes nobody.
bool admin_authorized(std::string_view authorization, std::string_view expected);

}  // namespace profilegw::gateway::admin
