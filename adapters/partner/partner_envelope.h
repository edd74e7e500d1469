// Every partner answer is `{data, success, code, message}`, and `success` decides, not the HTTP
// status alone: this module opens that envelope and turns failures into the contract's problems.
#pragma once

#include <string_view>

#include "adapters/json/json_document.h"
#include "core/result.h"
#include "core/upstream/http_message.h"

namespace profilegw::adapters::partner {

// Shown when a 401 survives the upstream client's Digest retry: the customer has no credential
// here (partner authenticates the gateway), so it is the gateway's configuration that is wrong.
inline constexpr std::string_view kServiceCredentialsRejected =
    "backend rejected the gateway's service credentials";

// The `data` member of a successful answer, parsed into `parsed`; nullptr when the answer has no
// data (`data` missing or null, or an empty 2xx body when `allow_empty`). Otherwise the problem:
// a failed envelope or status as CONTRACT.md section 5 maps it, or 502 upstream_bad_response for an
// answer that is not the envelope.
core::Result<const json::Value*> open_envelope(const core::UpstreamResponse& response,
                                               json::ParsedJson& parsed, bool allow_empty);

}  // namespace profilegw::adapters::partner
