#include "core/logging/log.h"

#include <atomic>
#include <cstdio>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <string>

namespace profilegw::core::log {
namespace {

std::atomic<Format> g_format{Format::kText};

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out.append(buf);
    } else {
      out.push_back(c);
    }
  }
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
    out += std::to_string(*i);
  } else if (const auto* d = std::get_if<double>(&v)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", *d);
    out += buf;
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
  std::string line;
  line.reserve(256);
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
  spdlog::log(level, "{}", line);
}

}  // namespace profilegw::core::log
