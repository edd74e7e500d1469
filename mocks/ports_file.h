// The one line that tells the demo script, tests and benchmarks where each provider listens.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace profilegw::mocks {

// {"django": 43121, "shop": 43122, ...} in the order given.
std::string ports_json(const std::vector<std::pair<std::string_view, unsigned short>>& ports);

// Writes `line` and a newline to `path` atomically (temporary file, fsync, rename), so a reader
// polling for the file never sees half of it. Throws std::runtime_error on failure.
void write_ports_file(const std::string& path, std::string_view line);

}  // namespace profilegw::mocks
