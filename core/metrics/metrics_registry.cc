#include "core/metrics/metrics_registry.h"

#include <charconv>
#include <cmath>

namespace profilegw::core::metrics {
namespace {

std::string_view metric_of(std::string_view key) {
  const std::size_t brace = key.find('{');
  return brace == std::string_view::npos ? key : key.substr(0, brace);
}

// Counts as integers ("10", not "1e+01"), other values as the shortest fixed-point text that reads
// back as the same double ("0.00025", not "0.00025000000000000001" nor "2.5e-04"), and the
// exposition format's spellings of the special values.
void append_number(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
    return;
  }
  if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
    return;
  }
  char buf[128];
  char* const end = buf + sizeof buf;
  std::to_chars_result r{};
  if (v == std::trunc(v) && std::fabs(v) < 9007199254740992.0) {  // 2^53: every integer exact
    r = std::to_chars(buf, end, static_cast<long long>(v));
  } else {
    r = std::to_chars(buf, end, v, std::chars_format::fixed);
    if (r.ec != std::errc()) r = std::to_chars(buf, end, v);  // tiny magnitudes: scientific
  }
  out.append(buf, r.ec == std::errc() ? static_cast<std::size_t>(r.ptr - buf) : 0);
}

// key is "name{a="x"}" or "name"; returns the labels inside braces without them.
std::string_view labels_of(std::string_view key) {
  const std::size_t brace = key.find('{');
  if (brace == std::string_view::npos) return {};
  return key.substr(brace + 1, key.size() - brace - 2);
}

}  // namespace

void append_escaped_label_value(std::string& out, std::string_view value) {
  std::size_t plain = 0;  // start of the stretch not yet appended: label values rarely need escaping
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c != '\\' && c != '"' && c != '\n') continue;
    out.append(value.data() + plain, i - plain);
    plain = i + 1;
    out += c == '\n' ? "\\n" : c == '"' ? "\\\"" : "\\\\";
  }
  out.append(value.data() + plain, value.size() - plain);
}

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  append_escaped_label_value(out, value);
  return out;
}

std::string_view Shard::series_key(std::string_view metric, std::initializer_list<Label> labels) {
  key_.assign(metric);
  if (labels.size() == 0) return key_;
  key_.push_back('{');
  bool first = true;
  for (const Label& l : labels) {
    if (!first) key_.push_back(',');
    first = false;
    key_.append(l.name);
    key_.append("=\"");
    append_escaped_label_value(key_, l.value);
    key_.push_back('"');
  }
  key_.push_back('}');
  return key_;
}

void Shard::add(std::string_view metric, std::initializer_list<Label> labels, double value) {
  std::lock_guard lock(mutex_);
  const std::string_view key = series_key(metric, labels);
  auto it = counters_.find(key);
  if (it == counters_.end()) it = counters_.emplace(std::string(key), 0.0).first;
  it->second += value;
}

void Shard::observe(std::string_view metric, std::initializer_list<Label> labels, double seconds) {
  std::lock_guard lock(mutex_);
  const std::string_view key = series_key(metric, labels);
  auto it = histograms_.find(key);
  if (it == histograms_.end()) it = histograms_.emplace(std::string(key), HistogramData{}).first;
  HistogramData& h = it->second;
  // The first bucket whose bound holds the value; above the last bound only +Inf (the count) does.
  std::size_t i = 0;
  while (i < kLatencyBuckets.size() && seconds > kLatencyBuckets[i]) ++i;
  if (i < kLatencyBuckets.size()) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

Registry::Registry(std::size_t shards) {
  // One extra shard for control-plane writers.
  for (std::size_t i = 0; i < shards + 1; ++i) shards_.push_back(std::make_unique<Shard>());
}

void Registry::describe(std::string name, std::string type, std::string help) {
  families_[std::move(name)] = Family{std::move(type), std::move(help)};
}

void Registry::gauge(std::string name, std::function<std::vector<std::pair<std::string, double>>()> read) {
  gauges_.emplace_back(std::move(name), std::move(read));
}

std::string Registry::render() const {
  std::map<std::string, double, std::less<>> counters;
  std::map<std::string, Shard::HistogramData, std::less<>> histograms;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex_);
    for (const auto& [k, v] : shard->counters_) counters[k] += v;
    for (const auto& [k, h] : shard->histograms_) {
      Shard::HistogramData& into = histograms[k];
      for (std::size_t i = 0; i < h.buckets.size(); ++i) into.buckets[i] += h.buckets[i];
      into.count += h.count;
      into.sum += h.sum;
    }
  }

  std::string out;
  out.reserve(4096);
  // Families are written in name order, each with its HELP and TYPE lines once.
  std::map<std::string, std::string, std::less<>> by_family;
  for (const auto& [key, value] : counters) {
    std::string& s = by_family[std::string(metric_of(key))];
    s += key;
    s.push_back(' ');
    append_number(s, value);
    s.push_back('\n');
  }
  for (const auto& [key, h] : histograms) {
    const std::string_view metric = metric_of(key);
    const std::string_view labels = labels_of(key);
    std::string& s = by_family[std::string(metric)];
    const std::string sep = labels.empty() ? "" : ",";
    std::uint64_t cumulative = 0;  // stored per bucket; exposed cumulative, as the format wants
    for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
      cumulative += h.buckets[i];
      s.append(metric).append("_bucket{").append(labels).append(sep).append("le=\"");
      append_number(s, kLatencyBuckets[i]);
      s.append("\"} ");
      append_number(s, static_cast<double>(cumulative));
      s.push_back('\n');
    }
    s.append(metric).append("_bucket{").append(labels).append(sep).append("le=\"+Inf\"} ");
    append_number(s, static_cast<double>(h.count));
    s.push_back('\n');
    // Appended piece by piece: GCC 12 at -O3 misreports `"{" + std::string(...) + "}"` (-Wrestrict, bug 105329).
    std::string braces;
    if (!labels.empty()) braces.append("{").append(labels).append("}");
    s.append(metric).append("_sum").append(braces).push_back(' ');
    append_number(s, h.sum);
    s.push_back('\n');
    s.append(metric).append("_count").append(braces).push_back(' ');
    append_number(s, static_cast<double>(h.count));
    s.push_back('\n');
  }
  for (const auto& [name, read] : gauges_) {
    std::string& s = by_family[name];
    for (const auto& [labels, value] : read()) {
      s += name;
      if (!labels.empty()) s += "{" + labels + "}";
      s.push_back(' ');
      append_number(s, value);
      s.push_back('\n');
    }
  }
  for (const auto& [name, family] : families_) {
    out += "# HELP " + name + " " + family.help + "\n";
    out += "# TYPE " + name + " " + family.type + "\n";
    if (auto it = by_family.find(name); it != by_family.end()) out += it->second;
  }
  for (const auto& [name, body] : by_family) {
    if (families_.find(name) == families_.end()) out += body;  // undeclared: still exposed
  }
  return out;
}

}  // namespace profilegw::core::metrics
