// Reads a whole (small) file into memory: the config file itself and `@file:` secrets.
#pragma once

#include <string>

namespace profilegw::config {

struct FileContents {
  std::string text;
  std::string error;  // strerror-style reason when the file could not be read; empty on success

  bool ok() const { return error.empty(); }
};

// Files over `max_bytes` are refused (a config or a secret is never that large).
FileContents read_file(const std::string& path, std::size_t max_bytes = 16 * 1024 * 1024);

}  // namespace profilegw::config
