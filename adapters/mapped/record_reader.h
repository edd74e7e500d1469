// A backend record → the unified profile, by a compiled mapping: one pass over the record's
// members fills the slots the pointers start from, then each field walks the rest of its pointer.
#pragma once

#include "adapters/json/json_document.h"
#include "adapters/mapped/compiled_mapping.h"
#include "core/model/profile.h"
#include "core/result.h"
#include "core/service/call_context.h"

namespace profilegw::adapters::mapped {

// `record` is the object the answer's envelope holds; `status` is the answer's HTTP status (for
// the upstream_bad_response problems a record with wrong types earns).
core::Result<core::Profile> read_record(const CompiledMapping& m, const core::CallContext& ctx,
                                        const json::Value& record, int status);

}  // namespace profilegw::adapters::mapped
