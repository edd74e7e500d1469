// What identifies one version of the config file on disk (device, inode, size, modification
// time), so the watcher reloads only when the file really changed, and not for the admin API's
// own writes or for unrelated files in the same folder.
#pragma once

#include <cstdint>
#include <string>

namespace profilegw::gateway {

struct FileSignature {
  bool exists = false;
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;  // catches a rewrite within the mtime granularity that keeps the size

  bool operator==(const FileSignature&) const = default;
};

// Follows symbolic links, so a swapped link target (Kubernetes ConfigMap style) counts as a change.
FileSignature file_signature(const std::string& path);

}  // namespace profilegw::gateway
