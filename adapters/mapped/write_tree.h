// The update body's shape, built once from the fields' write pointers: a tree of members whose
// leaves say which field's value goes there. Writing an update walks only the branches a patch
// touches (each node knows which fields lie below it), so no pointer is re-parsed per request.
#pragma once

#include "adapters/mapped/compiled_mapping.h"
#include "adapters/mapped/spec_reader.h"

namespace profilegw::adapters::mapped {

// Fills m.nodes, m.leaves, m.always_mask and m.array_mask from m.fields; reports two fields that
// write the same member, or one inside the other, at the later field's path.
void build_write_tree(CompiledMapping& m, const FieldPaths& paths, SpecReader& reader);

}  // namespace profilegw::adapters::mapped
