#include "gateway/admin/admin_auth.h"

#include <catch2/catch.hpp>

using profilegw::gateway::admin::admin_authorized;

TEST_CASE("admin token: the exact bearer token is accepted", "[admin][auth]") {
  CHECK(admin_authorized("Bearer s3cret-admin-token", "s3cret-admin-token"));
  CHECK(admin_authorized("bearer s3cret-admin-token", "s3cret-admin-token"));
  CHECK(admin_authorized("BEARER   s3cret-admin-token  ", "s3cret-admin-token"));
}

TEST_CASE("admin token: anything else is refused", "[admin][auth]") {
  CHECK_FALSE(admin_authorized("", "s3cret-admin-token"));
  CHECK_FALSE(admin_authorized("Bearer", "s3cret-admin-token"));
  CHECK_FALSE(admin_authorized("Bearer ", "s3cret-admin-token"));
  CHECK_FALSE(admin_authorized("Bearer s3cret-admin-toke", "s3cret-admin-token"));
  CHECK_FALSE(admin_authorized("Bearer s3cret-admin-tokenX", "s3cret-admin-token"));
  CHECK_FALSE(admin_authorized("Basic s3cret-admin-token", "s3cret-admin-token"));
  CHECK_FALSE(admin_authorized("Bearers3cret-admin-token", "s3cret-admin-token"));
  CHECK_FALSE(admin_authorized("s3cret-admin-token", "s3cret-admin-token"));
}

TEST_CASE("admin token: an empty configured token authorizes nobody", "[admin][auth]") {
  CHECK_FALSE(admin_authorized("Bearer ", ""));
  CHECK_FALSE(admin_authorized("", ""));
  CHECK_FALSE(admin_authorized("Bearer x", ""));
}
