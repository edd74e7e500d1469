#include "mocks/ports_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace profilegw::mocks {

std::string ports_json(const std::vector<std::pair<std::string_view, unsigned short>>& ports) {
  std::string line = "{";
  for (const auto& [name, port] : ports) {
    if (line.size() > 1) line.append(", ");
    line.append("\"").append(name).append("\": ").append(std::to_string(port));
  }
  line.push_back('}');
  return line;
}

void write_ports_file(const std::string& path, std::string_view line) {
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  auto fail = [&](const char* step) {
    const int error = errno;
    std::remove(temporary.c_str());
    throw std::runtime_error("cannot " + std::string(step) + " ports file " + path + ": " + std::strerror(error));
  };
  std::FILE* file = std::fopen(temporary.c_str(), "w");
  if (file == nullptr) fail("create");
  const bool written = std::fwrite(line.data(), 1, line.size(), file) == line.size() && std::fputc('\n', file) != EOF &&
                       std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
  if (std::fclose(file) != 0 || !written) fail("write");
  if (std::rename(temporary.c_str(), path.c_str()) != 0) fail("rename");
}

}  // namespace profilegw::mocks
