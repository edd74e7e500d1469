// Reloads the config when its file changes ("watch": true). Watches the file's folder with inotify
// rather than the file: editors and the admin API replace the file by renaming a new one over it,
// which a watch on the old inode would never see, and a Kubernetes ConfigMap swaps a symlink in the
// folder. Events are coalesced (kSettle) and the file's signature decides, so unrelated files in
// the folder and our own writes cause no reload. Without inotify (limits, odd file systems), it
// falls back to comparing the signature every kPollInterval.
//
// Why not a stat poll alone: inotify reacts in milliseconds and costs nothing while idle; an
// in-place editor's half-written file is never read, because IN_CLOSE_WRITE (not IN_MODIFY)
// wakes us.
#pragma once

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace profilegw::gateway {

class ConfigWatcher {
 public:
  static constexpr std::chrono::milliseconds kSettle{150};
  static constexpr std::chrono::milliseconds kPollInterval{500};

  // `on_change` runs on `io`'s thread, after a burst of events settled (or on every poll tick);
  // it decides itself whether the file really changed (ConfigReloader::reload_if_changed).
  ConfigWatcher(boost::asio::io_context& io, std::string path, std::function<void()> on_change);
  ~ConfigWatcher();
  ConfigWatcher(const ConfigWatcher&) = delete;
  ConfigWatcher& operator=(const ConfigWatcher&) = delete;

  // Starts watching; false (with polling instead) when inotify is not available.
  bool start();
  // Cancels everything pending, so the io_context can finish (call on io's thread).
  void stop();

 private:
  bool start_inotify();
  void read_events();
  void settle();
  void poll();

  boost::asio::io_context& io_;
  std::string path_;
  std::function<void()> on_change_;
  std::optional<boost::asio::posix::stream_descriptor> inotify_;
  boost::asio::steady_timer timer_;
  int primary_watch_ = -1;  // the inotify watch on the folder of path_ as given
  bool timer_armed_ = false;
  bool stopped_ = false;
  alignas(8) std::array<char, 4096> events_{};
};

}  // namespace profilegw::gateway
