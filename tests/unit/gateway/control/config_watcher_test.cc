#include "gateway/control/config_watcher.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "control_test_support.h"

using namespace profilegw::gateway;
using namespace std::chrono_literals;

namespace {

// Runs `io` until `done()` or `limit` passed; true when done.
template <class Done>
bool run_until(boost::asio::io_context& io, Done done, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done() && std::chrono::steady_clock::now() < deadline) {
    io.restart();
    io.run_for(20ms);
  }
  return done();
}

}  // namespace

TEST_CASE("watcher: a file renamed over the config wakes it, once per burst", "[control][watch]") {
  test::ScratchDir dir;
  const std::string path = dir.write("gw.json", "{}");
  boost::asio::io_context io;
  int calls = 0;
  ConfigWatcher watcher(io, path, [&] { ++calls; });
  if (!watcher.start()) {
    // Polling calls back on every tick, so the counts below do not apply.
    WARN("inotify unavailable here: the watcher polls; event coalescing not tested");
    watcher.stop();
    return;
  }
  run_until(
      io, [] { return false; }, 50ms);
  CHECK(calls == 0);

  // Editor style: several writes in one burst.
  dir.write("gw.json", R"({"a": 1})");
  dir.write("gw.json", R"({"a": 2})");
  CHECK(run_until(
      io, [&] { return calls > 0; }, 2000ms));
  run_until(
      io, [] { return false; }, ConfigWatcher::kSettle * 3);
  CHECK(calls == 1);

  // In-place rewrite (truncate and write, then close).
  {
    std::ofstream out(path, std::ios::trunc);
    out << R"({"a": 3})";
  }
  CHECK(run_until(
      io, [&] { return calls == 2; }, 2000ms));

  watcher.stop();
  io.restart();
  // Nothing is left pending once stopped: run() returns at once.
  const auto started = std::chrono::steady_clock::now();
  io.run_for(2s);
  CHECK(std::chrono::steady_clock::now() - started < 1s);
}

TEST_CASE("watcher: with the reloader, unrelated files in the folder do not reload", "[control][watch]") {
  test::ScratchDir dir;
  test::ReloadRig rig(dir.write("gw.json", test::config_text("en")));
  boost::asio::io_context io;
  int checks = 0;
  ConfigWatcher watcher(io, rig.path, [&] {
    ++checks;
    rig.reloader->reload_if_changed("watch");
  });
  watcher.start();  // inotify or polling: either way, only a changed config file reloads
  dir.write("other.txt", "unrelated");
  CHECK(run_until(
      io, [&] { return checks > 0; }, 2000ms));
  CHECK(rig.store.generation() == 1u);

  dir.write("gw.json", test::config_text("ar"));
  CHECK(run_until(
      io, [&] { return rig.store.generation() == 2u; }, 2000ms));
  watcher.stop();
}
