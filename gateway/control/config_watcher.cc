#include "gateway/control/config_watcher.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "core/logging/log.h"

namespace profilegw::gateway {
namespace {

namespace fs = std::filesystem;

// Everything that can replace or finish rewriting a file in a folder; IN_MODIFY is left out on
// purpose (it fires per write(), mid-file) and so is IN_ACCESS.
constexpr std::uint32_t kFolderEvents = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |
                                        IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF;

std::string folder_of(const fs::path& file) {
  const fs::path parent = file.parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

}  // namespace

ConfigWatcher::ConfigWatcher(boost::asio::io_context& io, std::string path, std::function<void()> on_change)
    : io_(io), path_(std::move(path)), on_change_(std::move(on_change)), timer_(io) {}

ConfigWatcher::~ConfigWatcher() = default;

bool ConfigWatcher::start() {
  if (start_inotify()) {
    core::log::info("config_watch_started", {{"mode", "inotify"}});
    read_events();
    return true;
  }
  core::log::warn("config_watch_started",
                  {{"mode", "poll"}, {"interval_ms", static_cast<int>(kPollInterval.count())}});
  poll();
  return false;
}

bool ConfigWatcher::start_inotify() {
  const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) {
    core::log::warn("config_watch_inotify_unavailable", {{"error", std::strerror(errno)}});
    return false;
  }
  // The folder of the path as given, and of the file it finally names when that is a symlink
  // elsewhere: either one is where a replacement shows up.
  std::vector<std::string> folders{folder_of(fs::path(path_))};
  std::error_code ec;
  const fs::path target = fs::canonical(path_, ec);
  if (!ec && folder_of(target) != folders.front()) folders.push_back(folder_of(target));
  for (const std::string& folder : folders) {
    const int wd = ::inotify_add_watch(fd, folder.c_str(), kFolderEvents);
    if (wd < 0) {
      core::log::warn("config_watch_inotify_unavailable",
                      {{"folder", folder}, {"error", std::strerror(errno)}});
      ::close(fd);
      return false;
    }
    if (folder == folders.front()) primary_watch_ = wd;
  }
  inotify_.emplace(io_, fd);
  return true;
}

void ConfigWatcher::read_events() {
  inotify_->async_read_some(
      boost::asio::buffer(events_), [this](const boost::system::error_code& ec, std::size_t n) {
        if (stopped_ || ec == boost::asio::error::operation_aborted) return;
        if (ec) {
          core::log::warn("config_watch_inotify_failed", {{"error", ec.message()}, {"mode", "poll"}});
          inotify_.reset();
          poll();
          return;
        }
        bool folder_gone = false;
        for (std::size_t at = 0; at + sizeof(inotify_event) <= n;) {
          inotify_event event{};
          std::memcpy(&event, events_.data() + at, sizeof event);
          // Only the folder of the path as given matters here: a symlink target's folder may come
          // and go (a ConfigMap swap deletes the old one), and the swap shows in the primary folder.
          folder_gone = folder_gone || (event.wd == primary_watch_ &&
                                        (event.mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) != 0);
          at += sizeof(inotify_event) + event.len;
        }
        if (folder_gone) {
          // Nothing more will arrive from inotify for the folder that matters.
          core::log::warn("config_watch_folder_gone", {{"mode", "poll"}});
          inotify_.reset();
          poll();
          return;
        }
        if (!timer_armed_) settle();
        read_events();
      });
}

void ConfigWatcher::settle() {
  // The first event of a burst arms the timer; later ones ride along, so a folder that never
  // goes quiet cannot postpone the check forever.
  timer_armed_ = true;
  timer_.expires_after(kSettle);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    timer_armed_ = false;
    if (ec || stopped_) return;
    on_change_();
  });
}

void ConfigWatcher::poll() {
  timer_armed_ = true;
  timer_.expires_after(kPollInterval);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    timer_armed_ = false;
    if (ec || stopped_) return;
    on_change_();
    poll();
  });
}

void ConfigWatcher::stop() {
  stopped_ = true;
  timer_.cancel();
  if (inotify_) {
    boost::system::error_code ignored;
    inotify_->cancel(ignored);
    inotify_->close(ignored);
  }
}

}  // namespace profilegw::gateway
