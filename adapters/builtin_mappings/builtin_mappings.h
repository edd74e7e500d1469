// The built-in providers that are plain JSON translation — django, shop and v1rest — expressed in
// the mapping mechanism of provider "mapped" (docs/mapping.md): each is a checked-in mapping,
// adapters/builtin_mappings/<provider>.json, embedded into the binary at build time and compiled
// by the same compiler as a tenant's `mapping`, once, when the adapter is made (at start-up, by
// adapters::register_builtin). There is no other translation code for these providers.
//
// A file is {"provider": NAME, "default_customer_auth": "Bearer" | "Token" | "none", "mapping":
// {...}}: the provider name tenants select it by and the customer-auth scheme they get when their
// config names none (a built-in's default; a "mapped" tenant states its scheme in customer_auth).
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/adapter.h"

namespace profilegw::adapters {

namespace builtin {

struct EmbeddedMapping {
  std::string_view provider;
  std::string_view json;  // the whole file
};

// Every embedded file, in registration order (generated: adapters/CMakeLists.txt).
std::span<const EmbeddedMapping> embedded_mappings();

// The embedded file of `provider`; empty when there is none.
std::string_view embedded_mapping(std::string_view provider);

// Compiles an embedded file into the provider's adapter. Every problem (a malformed file, a
// mapping the compiler rejects or warns about) goes to `problems` as "PATH: message" and the
// result is nullptr.
std::unique_ptr<core::Adapter> compile_embedded(const EmbeddedMapping& embedded,
                                                std::vector<std::string>& problems);

}  // namespace builtin

// The built-in adapters; a broken embedded mapping (a build that should never have passed its
// tests) throws std::logic_error naming every problem.
std::unique_ptr<core::Adapter> make_builtin_mapped_adapter(std::string_view provider);
std::unique_ptr<core::Adapter> make_django_adapter();
std::unique_ptr<core::Adapter> make_shop_adapter();
std::unique_ptr<core::Adapter> make_v1rest_adapter();

}  // namespace profilegw::adapters
