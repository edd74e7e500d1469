// HTTP Basic credentials (RFC 7617) as the WooCommerce backend reads them: its REST API takes the
// store's consumer key and secret as the user name and password.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace profilegw::mocks {

struct BasicCredentials {
  std::string user;
  std::string password;
};

// The credentials in an Authorization header value ("Basic <base64 of user:password>"); nullopt for
// another scheme or a value that does not decode.
std::optional<BasicCredentials> basic_credentials(std::string_view authorization);

}  // namespace profilegw::mocks
