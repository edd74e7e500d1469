// A backend answer opened by the mapping's envelope and error rules: where the record is, whether
// the answer is a failure (HTTP status or the envelope's success flag), and which contract problem a
// failure is (by the backend's error code, then by HTTP status), with its field errors translated
// to unified names through the field table.
#pragma once

#include "adapters/json/json_document.h"
#include "adapters/mapped/compiled_mapping.h"
#include "core/problem.h"
#include "core/result.h"
#include "core/upstream/http_message.h"

namespace profilegw::adapters::mapped {

// The record in a successful answer, or the problem the answer reports. For an update answer
// (`update_answer`) the record may be missing (a blank body, no member at the record pointer):
// then nullptr comes back and the profile is read again.
core::Result<const json::Value*> open_answer(const CompiledMapping& m, const core::UpstreamResponse& r,
                                             json::ParsedJson& parsed, bool update_answer);

// The problem for a failed answer. `root` is the parsed body, or null when it is not JSON;
// `flagged`: the HTTP status was a success but the envelope's success flag said otherwise.
core::Problem failure(const CompiledMapping& m, const core::UpstreamResponse& r, const json::Value* root,
                      bool flagged);

}  // namespace profilegw::adapters::mapped
