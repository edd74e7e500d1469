#include "gateway/server/server_stats.h"

namespace profilegw::gateway {

void StatsShard::add_to(ServerCounters& sum) const {
  sum.open_connections += open_.load(kRelaxed);
  sum.accepted_total += accepted_.load(kRelaxed);
  sum.rejected_total += rejected_.load(kRelaxed);
  sum.requests_total += requests_.load(kRelaxed);
  sum.header_timeouts += header_timeouts_.load(kRelaxed);
  sum.idle_timeouts += idle_timeouts_.load(kRelaxed);
  sum.protocol_errors += protocol_errors_.load(kRelaxed);
}

ServerStats::ServerStats(std::size_t shards) : count_(shards), shards_(std::make_unique<StatsShard[]>(shards)) {}

std::uint64_t ServerStats::open_connections() const {
  std::uint64_t open = 0;
  for (std::size_t i = 0; i < count_; ++i) open += shards_[i].open();
  return open;
}

ServerCounters ServerStats::snapshot() const {
  ServerCounters sum;
  for (std::size_t i = 0; i < count_; ++i) shards_[i].add_to(sum);
  return sum;
}

}  // namespace profilegw::gateway
