// Secrets out of admin API answers, and back in on PUT: a redacted copy shows "***" for every
// secret, and a PUT body that still says "***" for a secret keeps the stored value.
// Secrets are: members named password, token or verification_key (at any depth), every element of
// api_keys, and values of upstream.headers whose name suggests a credential (key, token, secret,
// password, auth, cookie, signature, credential).
#pragma once

#include <rapidjson/document.h>

#include <string_view>
#include <vector>

#include "config/config_issue.h"

namespace profilegw::config {

inline constexpr std::string_view kRedacted = "***";

// True for header names such as "X-Api-Key", "X-Auth-Token", "Cookie".
bool is_secret_header(std::string_view name);

// A deep copy of `value` (one tenant, or a whole config) with every secret string replaced by "***".
rapidjson::Value redact(const rapidjson::Value& value, rapidjson::Document::AllocatorType& allocator);

// In `incoming`, replaces each secret that is exactly "***" by the value at the same place in
// `stored` (null: there is nothing stored, e.g. a new tenant). Array elements that are objects with
// an "id" are matched by id, others by index. Each "***" with no stored string to keep is an error
// `PATH: "***" keeps the stored secret, but there is none` (paths start at `base_path`).
std::vector<Issue> restore_redacted(rapidjson::Value& incoming, const rapidjson::Value* stored,
                                    rapidjson::Document::AllocatorType& allocator,
                                    std::string_view base_path = "");

}  // namespace profilegw::config
