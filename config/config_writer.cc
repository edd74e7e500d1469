#include "config/config_writer.h"

#include <fcntl.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace profilegw::config {
namespace {

std::string describe(std::string_view what, const std::string& path, int error) {
  return std::string(what) + " \"" + path + "\": " + std::strerror(error);
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// The file a write to `path` must replace: the end of a symlink chain, or `path` itself.
std::string resolve_target(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_symlink(std::filesystem::symlink_status(path, ec))) {
    const auto resolved = std::filesystem::weakly_canonical(path, ec);
    if (!ec) return resolved.string();
  }
  return path;
}

}  // namespace

std::string to_pretty_json(const rapidjson::Value& document) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  document.Accept(writer);
  std::string out(buffer.GetString(), buffer.GetSize());
  out += '\n';
  return out;
}

std::optional<std::string> write_file_atomically(const std::string& path, std::string_view contents) {
  const std::string target = resolve_target(path);
  const std::filesystem::path target_path(target);
  const std::string folder = target_path.has_parent_path() ? target_path.parent_path().string() : ".";
  std::string temp =
      (std::filesystem::path(folder) / ("." + target_path.filename().string() + ".tmp.XXXXXX")).string();

  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) return describe("cannot create a temporary file in", folder, errno);
  auto fail = [&](std::string_view what, const std::string& name) {
    const int error = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return describe(what, name, error);
  };

  struct stat st {};
  if (::stat(target.c_str(), &st) == 0 && ::fchmod(fd, st.st_mode & 07777) != 0) {
    return fail("cannot set the permissions of", temp);
  }
  if (!write_all(fd, contents)) return fail("cannot write", temp);
  if (::fsync(fd) != 0) return fail("cannot fsync", temp);
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    return describe("cannot close", temp, error);
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    return describe("cannot rename the temporary file over", target, error);
  }
  // The rename itself is durable only once the folder's entry is on disk.
  const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return describe("cannot open folder", folder, errno);
  const int sync_result = ::fsync(dir);
  const int sync_error = errno;
  ::close(dir);
  if (sync_result != 0) return describe("cannot fsync folder", folder, sync_error);
  return std::nullopt;
}

std::optional<std::string> persist_config(const std::string& path, const rapidjson::Value& document) {
  return write_file_atomically(path, to_pretty_json(document));
}

}  // namespace profilegw::config
