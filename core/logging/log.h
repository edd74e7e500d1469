// Structured logging through spdlog to stderr: one JSON object per line ("log.format": "json") or
// "event key=value ..." text, written whole lines at a time (a worker thread batches them: see
// batch_thread_lines). Callers pass only safe values: ids, codes, timings — never tokens,
// passwords, API keys or profile field values (CONTRACT.md section 1).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <variant>

#include <spdlog/common.h>

namespace profilegw::core::log {

enum class Format : std::uint8_t { kText, kJson };

struct Field {
  using Value = std::variant<std::string_view, std::int64_t, double, bool>;
  std::string_view key;
  Value value;

  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const char* v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, int v) : key(k), value(static_cast<std::int64_t>(v)) {}
  Field(std::string_view k, long v) : key(k), value(static_cast<std::int64_t>(v)) {}
  Field(std::string_view k, long long v) : key(k), value(static_cast<std::int64_t>(v)) {}
  Field(std::string_view k, unsigned v) : key(k), value(static_cast<std::int64_t>(v)) {}
  Field(std::string_view k, unsigned long v) : key(k), value(static_cast<std::int64_t>(v)) {}
  Field(std::string_view k, unsigned long long v) : key(k), value(static_cast<std::int64_t>(v)) {}
  Field(std::string_view k, double v) : key(k), value(v) {}
  Field(std::string_view k, bool v) : key(k), value(v) {}
};

// Installs the stderr logger. Level names as in the config: trace, debug, info, warn, error, off.
void init(Format format, std::string_view level);
void set_level(std::string_view level);
Format format();
// Writes out what is buffered (before exit).
void flush();

// Lets a thread that runs an event loop batch its log lines (an access-log line per request would
// otherwise be a write(2) per request). After the first line it holds, `schedule(context)` is called
// once; the loop must then call flush_thread() when it gets to it (a worker posts it to its
// io_context, so it runs after the events already at hand). Lines at warn and above, and more than
// 16 KiB held, are written at once. `schedule` nullptr (the default) writes every line at once.
// Call flush_thread() before the loop's thread ends or stops running the loop.
using FlushScheduler = void (*)(void* context);
void batch_thread_lines(FlushScheduler schedule, void* context);
// Writes the lines this thread holds.
void flush_thread();

// Formats nothing when `level` is filtered out.
void event(spdlog::level::level_enum level, std::string_view name, std::initializer_list<Field> fields);

inline void info(std::string_view name, std::initializer_list<Field> fields) {
  event(spdlog::level::info, name, fields);
}
inline void warn(std::string_view name, std::initializer_list<Field> fields) {
  event(spdlog::level::warn, name, fields);
}
inline void error(std::string_view name, std::initializer_list<Field> fields) {
  event(spdlog::level::err, name, fields);
}
inline void debug(std::string_view name, std::initializer_list<Field> fields) {
  event(spdlog::level::debug, name, fields);
}

}  // namespace profilegw::core::log
