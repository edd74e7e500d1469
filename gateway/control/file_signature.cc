#include "gateway/control/file_signature.h"

#include <sys/stat.h>

namespace profilegw::gateway {

FileSignature file_signature(const std::string& path) {
  struct stat st {};
  FileSignature sig;
  if (::stat(path.c_str(), &st) != 0) return sig;
  sig.exists = true;
  sig.device = static_cast<std::uint64_t>(st.st_dev);
  sig.inode = static_cast<std::uint64_t>(st.st_ino);
  sig.size = static_cast<std::int64_t>(st.st_size);
  sig.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  sig.ctime_ns = static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec;
  return sig;
}

}  // namespace profilegw::gateway
