// Salla storefront answers: `{status, success: true, data}` on success and
// `{status, success: false, error: {message, code, fields: {name: ["..."]}}}` on failure. This module
// opens the envelope and turns failures into the contract's problems with unified field names.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "adapters/json/json_document.h"
#include "core/result.h"
#include "core/upstream/http_message.h"

namespace profilegw::adapters::salla {

// What the failing call was, for the one mapping that depends on it: on `profile/verify` an error
// about the code is 422 invalid_verification_code, elsewhere it is validation like any other.
enum class CallKind : std::uint8_t { kProfile, kVerify };

// `data` of a successful answer, parsed into `parsed`; nullptr when it has none (`data` missing or
// null, or an empty 2xx body when `allow_empty`). Otherwise the problem for the failure, or 502
// upstream_bad_response for an answer that is not the envelope.
core::Result<const json::Value*> open_envelope(const core::UpstreamResponse& response,
                                               json::ParsedJson& parsed, bool allow_empty, CallKind kind);

// A backend field name ("birthday", "mobile", "country_code") -> unified ("birth_date", "phone");
// a name with no unified home is kept as the backend gave it.
std::string unified_field(std::string_view backend_name);

}  // namespace profilegw::adapters::salla
