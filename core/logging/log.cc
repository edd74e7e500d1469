#include "core/logging/log.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <mutex>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <string>

#include "core/model/json_escape.h"

namespace profilegw::core::log {
namespace {

std::atomic<Format> g_format{Format::kText};

// Stretches that need no escaping (nearly every value) are appended whole: the access log writes
// ten of these per request.
void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  std::size_t plain = 0;  // start of the stretch not yet appended
  for (std::size_t i = json_plain_end(s); i < s.size(); i = json_plain_end(s, plain)) {
    const auto u = static_cast<unsigned char>(s[i]);
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out.append(buf);
    } else {
      out.push_back('\\');
      out.push_back(s[i]);
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out.push_back('"');
}

// Text values are quoted only when they would be ambiguous; control bytes are escaped either way.
void append_text_value(std::string& out, std::string_view s) {
  bool quote = s.empty();
  for (char c : s) {
    if (c == ' ' || c == '"' || c == '=' || static_cast<unsigned char>(c) < 0x20) quote = true;
  }
  if (quote) {
    append_json_string(out, s);
  } else {
    out.append(s);
  }
}

void append_value(std::string& out, const Field::Value& v, bool json) {
  if (const auto* s = std::get_if<std::string_view>(&v)) {
    json ? append_json_string(out, *s) : append_text_value(out, *s);
  } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, *i).ptr;
    out.append(buf, end);
  } else if (const auto* d = std::get_if<double>(&v)) {
    // The same digits as printf's "%.3f", without its locale and format-string parsing.
    char buf[352];  // room for any double in fixed notation
    const auto end = std::to_chars(buf, buf + sizeof buf, *d, std::chars_format::fixed, 3).ptr;
    out.append(buf, end);
  } else if (const auto* b = std::get_if<bool>(&v)) {
    out += *b ? "true" : "false";
  }
}

// All of stderr's writes go through here, one at a time (the sink's mutex is held): whole lines,
// never interleaved with another thread's.
void write_all(std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(STDERR_FILENO, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // stderr is gone: nothing better to do with a log line
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

// Lines formatted on this thread and not yet written. A thread that runs an event loop (a worker)
// keeps them until its loop gets to the flush it was asked to schedule: under load one write(2)
// then carries the lines of every request answered in that turn of the loop, instead of one each.
struct ThreadLines {
  std::string pending;
  FlushScheduler schedule = nullptr;
  void* context = nullptr;
  bool scheduled = false;
  ~ThreadLines() { write_all(pending); }  // a thread that ends with lines still held
};
thread_local ThreadLines t_lines;

// Beyond this many buffered bytes a thread writes at once, whatever it has scheduled.
constexpr std::size_t kBatchLimit = 16 * 1024;

class BatchingStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  // The calling thread's lines, under the sink's mutex (so never halfway through another write).
  void write_thread_lines() {
    std::lock_guard lock(mutex_);
    flush_();
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    thread_local spdlog::memory_buf_t formatted;  // grows to the longest line, then allocates nothing
    formatted.clear();
    formatter_->format(msg, formatted);
    ThreadLines& t = t_lines;
    if (t.schedule == nullptr) {  // no event loop on this thread: write at once
      write_all(std::string_view(formatted.data(), formatted.size()));
      return;
    }
    t.pending.append(formatted.data(), formatted.size());
    if (t.pending.size() >= kBatchLimit) {
      flush_();
    } else if (!t.scheduled) {
      t.scheduled = true;
      t.schedule(t.context);
    }
  }

  void flush_() override {
    ThreadLines& t = t_lines;
    t.scheduled = false;
    write_all(t.pending);
    t.pending.clear();
  }
};

std::shared_ptr<BatchingStderrSink>& sink() {
  static std::shared_ptr<BatchingStderrSink> instance;
  return instance;
}

}  // namespace

void batch_thread_lines(FlushScheduler schedule, void* context) {
  flush_thread();
  t_lines.schedule = schedule;
  t_lines.context = context;
}

void flush_thread() {
  if (t_lines.pending.empty()) {
    t_lines.scheduled = false;
    return;
  }
  if (auto s = sink()) {
    s->write_thread_lines();
  } else {
    write_all(t_lines.pending);
    t_lines.pending.clear();
    t_lines.scheduled = false;
  }
}

void init(Format fmt, std::string_view level) {
  g_format = fmt;
  spdlog::drop("profilegw");
  flush_thread();
  sink() = std::make_shared<BatchingStderrSink>();
  auto logger = std::make_shared<spdlog::logger>("profilegw", sink());
  spdlog::register_logger(logger);
  if (fmt == Format::kJson) {
    logger->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l",%v})", spdlog::pattern_time_type::utc);
  } else {
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
  }
  spdlog::set_default_logger(logger);
  set_level(level);
  spdlog::flush_on(spdlog::level::warn);
}

void set_level(std::string_view level) {
  spdlog::set_level(spdlog::level::from_str(std::string(level)));
}

void flush() { spdlog::default_logger()->flush(); }

Format format() { return g_format.load(std::memory_order_relaxed); }

void event(spdlog::level::level_enum level, std::string_view name, std::initializer_list<Field> fields) {
  if (!spdlog::should_log(level)) return;
  const bool json = format() == Format::kJson;
  // One buffer per thread, reused: a line (one per request, for the access log) allocates nothing
  // once the buffer has grown to the longest line.
  thread_local std::string line;
  line.clear();
  if (json) {
    line += "\"event\":";
    append_json_string(line, name);
    for (const Field& f : fields) {
      line.push_back(',');
      append_json_string(line, f.key);
      line.push_back(':');
      append_value(line, f.value, true);
    }
  } else {
    line.append(name);
    for (const Field& f : fields) {
      line.push_back(' ');
      line.append(f.key);
      line.push_back('=');
      append_value(line, f.value, false);
    }
  }
  // The line goes in as the message itself: no format string to parse.
  spdlog::default_logger_raw()->log(level, spdlog::string_view_t(line.data(), line.size()));
}

}  // namespace profilegw::core::log
