// Prometheus metrics (text exposition 0.0.4), sharded per server thread: each thread writes only its
// own shard (an uncontended lock), a scrape merges the shards. Label values must be bounded
// (tenant ids, provider names, route templates, status codes) — never customer ids or raw paths.
// Recording runs on every request, so it allocates nothing once a series exists.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace profilegw::core::metrics {

// Latency buckets in seconds: fine below a millisecond, where a gateway's own cost lives.
inline constexpr std::array<double, 14> kLatencyBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                          0.025,  0.05,    0.1,    0.25,  0.5,    1.0,  2.5};

struct Label {
  std::string_view name;
  std::string_view value;
};

class Registry;

// One thread's share of every series. Only its owner thread writes it.
class Shard {
 public:
  void add(std::string_view metric, std::initializer_list<Label> labels, double value = 1.0);
  void observe(std::string_view metric, std::initializer_list<Label> labels, double seconds);

 private:
  friend class Registry;
  struct HistogramData {
    // Per bucket, not cumulative: an observation touches one slot; render() adds them up.
    std::array<std::uint64_t, kLatencyBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  // Series are found by a view of key_, so that recording into an existing one allocates nothing.
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept { return std::hash<std::string_view>{}(key); }
  };
  template <class V>
  using SeriesMap = std::unordered_map<std::string, V, KeyHash, std::equal_to<>>;

  // Writes `metric{name="value",...}` into key_ and returns a view of it; call with mutex_ held.
  std::string_view series_key(std::string_view metric, std::initializer_list<Label> labels);

  mutable std::mutex mutex_;
  std::string key_;                      // guarded by mutex_: the control shard has several writers
  SeriesMap<double> counters_;           // key: metric{labels}
  SeriesMap<HistogramData> histograms_;
};

class Registry {
 public:
  explicit Registry(std::size_t shards);

  Shard& shard(std::size_t index) { return *shards_[index % shards_.size()]; }
  // A shard for writers outside the server threads (admin API, reload, signal handling).
  Shard& control_shard() { return *shards_.back(); }

  // Declares HELP and TYPE for a metric family ("counter", "histogram", "gauge").
  void describe(std::string name, std::string type, std::string help);
  // A gauge read at scrape time; `labels` rendered as given (already escaped).
  void gauge(std::string name, std::function<std::vector<std::pair<std::string, double>>()> read);

  std::string render() const;

 private:
  std::vector<std::unique_ptr<Shard>> shards_;
  struct Family {
    std::string type;
    std::string help;
  };
  std::map<std::string, Family, std::less<>> families_;
  std::vector<std::pair<std::string, std::function<std::vector<std::pair<std::string, double>>()>>> gauges_;
};

// Escapes a label value per the exposition format (backslash, quote, newline).
std::string escape_label_value(std::string_view value);
// The same, appended to `out`.
void append_escaped_label_value(std::string& out, std::string_view value);

}  // namespace profilegw::core::metrics
