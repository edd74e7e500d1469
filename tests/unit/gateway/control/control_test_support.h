// Test support for gateway/control and gateway/admin: a scratch folder, a minimal valid config
// against the built-in adapters, and a reloader wired to a fresh store, as main wires them.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "adapters/builtin_adapters.h"
#include "config/config_loader.h"
#include "config/snapshot.h"
#include "config/snapshot_store.h"
#include "core/metrics/metrics_registry.h"
#include "gateway/control/config_reloader.h"
#include "gateway/control/reload_status.h"

namespace profilegw::gateway::test {

class ScratchDir {
 public:
  ScratchDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/pgw-control-test-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string file(std::string_view name) const { return (path_ / name).string(); }
  // Replaces the file by renaming a new one over it, as editors and the admin API do.
  std::string write(std::string_view name, std::string_view contents) const {
    const std::string target = file(name);
    const std::string temp = target + ".new";
    {
      std::ofstream out(temp, std::ios::binary | std::ios::trunc);
      out << contents;
      if (!out) throw std::runtime_error("cannot write " + temp);
    }
    std::filesystem::rename(temp, target);
    return target;
  }
  std::string read(std::string_view name) const {
    std::ifstream in(file(name), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A valid config: one django tenant "a" whose Accept-Language header is `language`; `extra` is
// spliced in at the top level (",\"watch\": true").
inline std::string config_text(std::string_view language = "en", std::string_view extra = "",
                               int port = 18080) {
  return R"({
  "listen": {"address": "127.0.0.1", "port": )" +
         std::to_string(port) + R"(, "threads": 1},
  "log": {"format": "json", "level": "info"},
  "tenants": [
    {"id": "a", "api_keys": ["key-a-plain"], "provider": "django",
     "upstream": {"base_url": "http://127.0.0.1:9", "headers": {"Accept-Language": ")" +
         std::string(language) + R"("}}}
  ])" + std::string(extra) +
         "\n}\n";
}

// main's wiring: registry, store with the file loaded, metrics, status, reloader.
struct ReloadRig {
  explicit ReloadRig(std::string config_path) : path(std::move(config_path)) {
    adapters::register_builtin(registry);
    config::LoadResult loaded = config::load_config_file(path, config::process_env(), registry);
    if (!loaded.ok())
      throw std::runtime_error("invalid test config:\n" + config::format_problems(loaded.issues));
    store.publish(config::Snapshot::build(std::move(*loaded.loaded), registry));
    reloader = std::make_unique<ConfigReloader>(path, store, registry, metrics, status);
  }

  std::string path;
  core::AdapterRegistry registry;
  config::SnapshotStore store;
  core::metrics::Registry metrics{1};
  ReloadStatus status;
  std::unique_ptr<ConfigReloader> reloader;
};

}  // namespace profilegw::gateway::test
