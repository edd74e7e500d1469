// profilegw: the multi-tenant customer-profile gateway. Wires config, adapters, the server and the
// signals together; everything else lives in its own module.
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "adapters/builtin_adapters.h"
#include "config/config_loader.h"
#include "config/snapshot.h"
#include "config/snapshot_store.h"
#include "core/logging/log.h"
#include "core/metrics/metrics_registry.h"
#include "gateway/admin/admin_handler.h"
#include "gateway/control/config_reloader.h"
#include "gateway/control/config_watcher.h"
#include "gateway/gateway_state.h"
#include "gateway/handlers/public_handler.h"
#include "gateway/metrics/gateway_metrics.h"
#include "gateway/openapi/openapi_document.h"
#include "gateway/server/server.h"

namespace {

using namespace profilegw;

constexpr std::string_view kUsage =
    "usage: profilegw --config FILE [--check-config]\n"
    "       profilegw --version | --help\n"
    "\n"
    "  --config FILE    the JSON config (see README.md, \"Configuration\")\n"
    "  --check-config   validate FILE and exit: 0 when valid, 2 with every problem as PATH: message\n"
    "  --version        print the version and exit\n"
    "  --help           print this help and exit\n"
    "\n"
    "Signals: SIGHUP reloads the config; SIGTERM/SIGINT stop accepting, drain and exit 0.\n"
    "With \"watch\": true, a change of FILE reloads it too; with an \"admin\" block, the admin API\n"
    "(tenants, probe, reload) listens on admin.address:admin.port (see README.md, \"Admin API and reload\").\n";

struct Options {
  std::string config_path;
  bool check_only = false;
};

// 0: run; 1: printed help/version, exit 0; 2: usage error.
int parse_args(int argc, char** argv, Options& opts) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage.data(), stdout);
      return 1;
    }
    if (arg == "--version") {
      std::printf("profilegw %s\n", PROFILEGW_VERSION);
      return 1;
    }
    if (arg == "--check-config") {
      opts.check_only = true;
    } else if (arg == "--config" && i + 1 < argc) {
      opts.config_path = argv[++i];
    } else if (arg.starts_with("--config=")) {
      opts.config_path = std::string(arg.substr(9));
    } else {
      std::fprintf(stderr, "profilegw: unknown argument '%s'\n\n%s", argv[i], kUsage.data());
      return 2;
    }
  }
  if (opts.config_path.empty()) {
    std::fprintf(stderr, "profilegw: --config FILE is required\n\n%s", kUsage.data());
    return 2;
  }
  return 0;
}

gateway::ServerOptions server_options(const config::Config& cfg) {
  gateway::ServerOptions o;
  o.threads = static_cast<std::size_t>(cfg.listen.threads);
  o.max_header_bytes = cfg.limits.max_header_bytes;
  o.max_body_bytes = cfg.limits.max_body_bytes;
  o.header_timeout = std::chrono::milliseconds(cfg.limits.header_timeout_ms);
  o.idle_timeout = std::chrono::milliseconds(cfg.limits.idle_timeout_ms);
  o.drain_timeout = std::chrono::milliseconds(cfg.limits.drain_timeout_ms);
  o.max_connections = static_cast<std::size_t>(cfg.limits.max_connections);
  return o;
}

int run(const Options& opts) {
  core::AdapterRegistry registry;
  adapters::register_builtin(registry);

  config::LoadResult loaded = config::load_config_file(opts.config_path, config::process_env(), registry);
  if (opts.check_only) {
    const std::string report = config::format_problems(loaded.issues);
    std::fputs(report.c_str(), stdout);
    if (!loaded.ok()) return 2;
    std::printf("%s: OK (%zu tenants)\n", opts.config_path.c_str(), loaded.loaded->config.tenants.size());
    return 0;
  }
  if (!loaded.ok()) {
    std::fprintf(stderr, "profilegw: invalid config %s:\n%s", opts.config_path.c_str(),
                 config::format_problems(loaded.issues).c_str());
    return 2;
  }

  const config::Config& cfg = loaded.loaded->config;
  core::log::init(cfg.log.format == config::LogFormat::kJson ? core::log::Format::kJson : core::log::Format::kText,
                  config::to_string(cfg.log.level));
  for (const config::Issue& warning : loaded.loaded->warnings) {
    core::log::warn("config_warning", {{"problem", config::format_issue(warning)}});
  }

  config::SnapshotStore store;
  auto first = store.publish(config::Snapshot::build(std::move(*loaded.loaded), registry));
  const config::Config& active = first->config();

  core::metrics::Registry metrics(static_cast<std::size_t>(active.listen.threads));
  gateway::GatewayState state(store, metrics);
  state.openapi_document = gateway::openapi::build_openapi_document(registry);
  state.reload_status.record(true, 0, "startup");
  gateway::ConfigReloader reloader(opts.config_path, store, registry, metrics, state.reload_status);

  gateway::Server server(server_options(active));
  gateway::register_gateway_metrics(metrics, server, store);
  gateway::register_resilience_metrics(metrics, state);

  const gateway::ListenResult listening = server.add_listener(
      active.listen.address, active.listen.port,
      [&state](boost::asio::io_context& io, std::size_t thread_index) -> std::unique_ptr<gateway::RequestHandler> {
        return std::make_unique<gateway::PublicHandler>(io, thread_index, state);
      },
      true);
  if (!listening.ok()) {
    core::log::error("listen_failed", {{"error", listening.error}});
    return 1;
  }
  if (active.admin) {
    // One socket on thread 0: admin writes are serialised anyway, and the data path threads
    // never wait on the admin API's file I/O.
    const gateway::ListenResult admin_listening = server.add_listener(
        active.admin->address, active.admin->port,
        [&reloader, token = active.admin->token](boost::asio::io_context& io,
                                                 std::size_t) -> std::unique_ptr<gateway::RequestHandler> {
          return std::make_unique<gateway::admin::AdminHandler>(io, reloader, token);
        },
        false);
    if (!admin_listening.ok()) {
      core::log::error("listen_failed", {{"listener", "admin"}, {"error", admin_listening.error}});
      return 1;
    }
    core::log::info("admin_started",
                    {{"address", active.admin->address}, {"port", static_cast<int>(admin_listening.port)}});
  }
  std::unique_ptr<gateway::ConfigWatcher> watcher;
  if (active.watch) {
    watcher = std::make_unique<gateway::ConfigWatcher>(server.io_context(0), opts.config_path,
                                                       [&reloader] { reloader.reload_if_changed("watch"); });
    watcher->start();
  }

  boost::asio::signal_set stop_signals(server.io_context(0), SIGTERM, SIGINT);
  boost::asio::signal_set hup(server.io_context(0), SIGHUP);
  std::function<void()> arm_stop = [&] {
    stop_signals.async_wait([&](const boost::system::error_code& ec, int signo) {
      if (ec) return;
      core::log::info("stopping", {{"signal", signo == SIGTERM ? "SIGTERM" : "SIGINT"}});
      state.draining = true;
      hup.cancel();  // pending signal waits would keep the io_context from finishing the drain
      if (watcher) watcher->stop();
      server.request_stop();
    });
  };
  arm_stop();
  std::function<void()> arm_hup = [&] {
    hup.async_wait([&](const boost::system::error_code& ec, int) {
      if (ec || server.stop_requested()) return;
      reloader.reload("SIGHUP");
      arm_hup();
    });
  };
  arm_hup();

  state.ready = true;
  core::log::info("started", {{"address", active.listen.address},
                              {"port", static_cast<int>(listening.port)},
                              {"threads", active.listen.threads},
                              {"tenants", first->tenants().size()},
                              {"config_generation", first->generation()}});
  first.reset();
  server.run();
  hup.cancel();
  stop_signals.cancel();
  core::log::info("stopped", {});
  core::log::flush();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options opts;
  if (const int rc = parse_args(argc, argv, opts); rc != 0) return rc == 1 ? 0 : rc;
  // SIGPIPE would kill the process on a write to a closed socket; errors come back as values.
  std::signal(SIGPIPE, SIG_IGN);
  return run(opts);
}
