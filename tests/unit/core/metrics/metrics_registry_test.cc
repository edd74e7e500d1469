// metrics::Registry: the Prometheus text it renders (families in name order with HELP and TYPE,
// cumulative histogram buckets, escaped label values, shards merged) — pinned down so that the
// per-request recording path can be made cheap without changing a byte of /metrics.
#include "core/metrics/metrics_registry.h"

#include <catch2/catch.hpp>
#include <string>
#include <thread>

namespace profilegw::core::metrics {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("metrics: counters per label set, merged across shards", "[core][metrics]") {
  Registry r(2);
  r.describe("pgw_requests_total", "counter", "Requests.");
  r.shard(0).add("pgw_requests_total", {{"tenant", "a"}, {"status", "200"}});
  r.shard(0).add("pgw_requests_total", {{"tenant", "a"}, {"status", "200"}});
  r.shard(1).add("pgw_requests_total", {{"tenant", "a"}, {"status", "200"}}, 3);
  r.shard(1).add("pgw_requests_total", {{"tenant", "b"}, {"status", "404"}});
  r.control_shard().add("pgw_unlabelled_total", {});

  const std::string text = r.render();
  CHECK(text ==
        "# HELP pgw_requests_total Requests.\n"
        "# TYPE pgw_requests_total counter\n"
        "pgw_requests_total{tenant=\"a\",status=\"200\"} 5\n"
        "pgw_requests_total{tenant=\"b\",status=\"404\"} 1\n"
        "pgw_unlabelled_total 1\n");
}

TEST_CASE("metrics: histograms render cumulative buckets, sum and count", "[core][metrics]") {
  Registry r(1);
  r.describe("pgw_duration_seconds", "histogram", "Time.");
  Shard& s = r.shard(0);
  s.observe("pgw_duration_seconds", {{"route", "get"}}, 0.0003);  // le 0.0005 and up
  s.observe("pgw_duration_seconds", {{"route", "get"}}, 0.0001);  // on a bound: le 0.0001 and up
  s.observe("pgw_duration_seconds", {{"route", "get"}}, 30.0);    // only +Inf
  s.observe("pgw_duration_seconds", {}, 0.002);

  const std::string text = r.render();
  CHECK(contains(text, "pgw_duration_seconds_bucket{route=\"get\",le=\"0.0001\"} 1\n"));
  CHECK(contains(text, "pgw_duration_seconds_bucket{route=\"get\",le=\"0.00025\"} 1\n"));
  CHECK(contains(text, "pgw_duration_seconds_bucket{route=\"get\",le=\"0.0005\"} 2\n"));
  CHECK(contains(text, "pgw_duration_seconds_bucket{route=\"get\",le=\"2.5\"} 2\n"));
  CHECK(contains(text, "pgw_duration_seconds_bucket{route=\"get\",le=\"+Inf\"} 3\n"));
  CHECK(contains(text, "pgw_duration_seconds_sum{route=\"get\"} 30.000"));
  CHECK(contains(text, "pgw_duration_seconds_count{route=\"get\"} 3\n"));
  CHECK(contains(text, "pgw_duration_seconds_bucket{le=\"0.001\"} 0\n"));
  CHECK(contains(text, "pgw_duration_seconds_bucket{le=\"0.0025\"} 1\n"));
  CHECK(contains(text, "pgw_duration_seconds_sum 0.002\n"));
  CHECK(contains(text, "pgw_duration_seconds_count 1\n"));
  CHECK(text.starts_with("# HELP pgw_duration_seconds Time.\n# TYPE pgw_duration_seconds histogram\n"));
}

TEST_CASE("metrics: label values are escaped", "[core][metrics]") {
  Registry r(1);
  r.shard(0).add("pgw_total", {{"tenant", "a\"b\\c\nd"}});
  CHECK(r.render() == "pgw_total{tenant=\"a\\\"b\\\\c\\nd\"} 1\n");
  CHECK(escape_label_value("plain") == "plain");
  CHECK(escape_label_value("q\"") == "q\\\"");
}

TEST_CASE("metrics: series differ by every label value, and label order is kept", "[core][metrics]") {
  Registry r(1);
  Shard& s = r.shard(0);
  for (int i = 0; i < 100; ++i) {
    s.add("pgw_total", {{"tenant", "t" + std::to_string(i % 10)}, {"status", std::to_string(200 + i % 3)}});
  }
  const std::string text = r.render();
  CHECK(contains(text, "pgw_total{tenant=\"t0\",status=\"200\"} 4\n"));
  CHECK(contains(text, "pgw_total{tenant=\"t9\",status=\"200\"} 4\n"));
  CHECK(contains(text, "pgw_total{tenant=\"t1\",status=\"201\"} 4\n"));
  CHECK(contains(text, "pgw_total{tenant=\"t3\",status=\"200\"} 4\n"));  // i = 3, 33, 63, 93
}

TEST_CASE("metrics: gauges are read at render time", "[core][metrics]") {
  Registry r(1);
  r.describe("pgw_open", "gauge", "Open now.");
  double value = 1;
  r.gauge("pgw_open", [&value] { return std::vector<std::pair<std::string, double>>{{"", value}, {"k=\"v\"", 2}}; });
  value = 7;
  CHECK(r.render() == "# HELP pgw_open Open now.\n# TYPE pgw_open gauge\npgw_open 7\npgw_open{k=\"v\"} 2\n");
}

TEST_CASE("metrics: a scrape while the owner thread records sees consistent series", "[core][metrics]") {
  Registry r(1);
  std::thread writer([&r] {
    for (int i = 0; i < 20000; ++i) {
      r.shard(0).add("pgw_total", {{"tenant", "t" + std::to_string(i % 50)}});
      r.shard(0).observe("pgw_seconds", {{"tenant", "t" + std::to_string(i % 50)}}, 0.001);
    }
  });
  for (int i = 0; i < 50; ++i) (void)r.render();
  writer.join();
  const std::string text = r.render();
  CHECK(contains(text, "pgw_total{tenant=\"t0\"} 400\n"));
  CHECK(contains(text, "pgw_seconds_count{tenant=\"t49\"} 400\n"));
}

}  // namespace profilegw::core::metrics
