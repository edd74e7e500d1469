// The update request's body for a unified patch, written straight into the body string by walking
// the compiled write tree: only the branches the patch touches (patch mode), or the whole current
// record with the touched members replaced (put mode, and array members in patch mode).
#pragma once

#include <string>

#include "adapters/json/json_document.h"
#include "adapters/mapped/compiled_mapping.h"
#include "core/adapter.h"

namespace profilegw::adapters::mapped {

// True when writing `patch` needs the current record: put mode, a member inside an array, a field
// sent on every update that the patch leaves alone, or half of a name split from full_name.
bool update_needs_current(const CompiledMapping& m, const core::ProfilePatch& patch);

// True when the body copies members of the current record as the backend sent it (put mode, or
// an array the patch writes into); otherwise the parsed current profile is enough.
bool update_copies_record(const CompiledMapping& m, const core::ProfilePatch& patch);

// `current_record` is the record in the current answer (null when none was read, or when
// update_copies_record is false).
core::Result<std::string> write_update_body(const CompiledMapping& m, const core::ProfilePatch& patch,
                                            const core::CurrentRecord* current,
                                            const json::Value* current_record);

}  // namespace profilegw::adapters::mapped
