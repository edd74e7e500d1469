// The admin API's edits of the raw config document (placeholders intact, as in the file): reading
// tenants out redacted, putting and removing one tenant, and turning the config loader's issues
// into the contract's 422 problem. Pure: no I/O, so every rule here is unit-tested directly.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "config/config_issue.h"
#include "core/problem.h"
#include "core/result.h"

namespace profilegw::gateway::admin {

// Index of the tenant whose "id" is `id` in the document's "tenants" array; nullopt when absent.
std::optional<std::size_t> find_tenant(const rapidjson::Value& raw, std::string_view id);

// The tenant a PUT body brings: a JSON object as in the config file. An absent "id" is taken from
// the path; a different one is a 422 (field "id"). Secrets sent back as "***" are replaced by the
// stored ones of `stored` (null for a new tenant; "***" with nothing stored is a 422 naming the
// field). Not JSON, or not an object: 400 malformed_request. Field paths are relative to the
// tenant ("service_auth.password").
core::Result<rapidjson::Document> parse_tenant_body(std::string_view body, std::string_view path_id,
                                                    const rapidjson::Value* stored);

// Replaces the tenant with the same id in place (keeping its position), or appends it. Creates the
// "tenants" array when the document has none. Returns the tenant's index.
std::size_t put_tenant(rapidjson::Document& raw, const rapidjson::Value& tenant);

// Removes the tenant with `id`; false when there is none.
bool remove_tenant(rapidjson::Document& raw, std::string_view id);

// The 422 validation_failed for a rejected config: every error as errors[] {field, code, message}.
// Paths inside tenants[tenant_index] are made relative to that tenant (`upstream.base_url`), all
// others stay absolute (`tenants[0].api_keys[1]`, `secrets.verification_key`).
core::Problem config_problem(std::span<const config::Issue> issues, std::optional<std::size_t> tenant_index);

// `value` with every secret replaced by "***" (config/redaction.h), as compact JSON.
std::string redacted_json(const rapidjson::Value& value);

// {"tenants":[...redacted...],"config_generation":N}
std::string tenants_json(const rapidjson::Value& raw, std::uint64_t generation);

}  // namespace profilegw::gateway::admin
