#include "core/logging/log.h"

#include <atomic>
#include <charconv>
#include <cstdio>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <string>

namespace profilegw::core::log {
namespace {

std::atomic<Format> g_format{Format::kText};

// Stretches that need no escaping (nearly every value) are appended whole: the access log writes
// ten of these per request.
void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  std::size_t plain = 0;  // start of the stretch not yet appended
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto u = static_cast<unsigned char>(s[i]);
    if (u >= 0x20 && u != '"' && u != '\\') continue;
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

}  // namespace

void init(Format fmt, std::string_view level) {
  g_format = fmt;
  spdlog::drop("profilegw");
  auto logger = spdlog::stderr_logger_mt("profilegw");
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
