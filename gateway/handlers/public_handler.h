// The public listener's request handler, one per server thread: routing, tenant resolution, the
// contract's request checks, the unified profile routes (through core::ProfileService), access log
// and metrics. Owns its thread's upstream client so the request path takes no lock.
#pragma once

#include <memory>

#include "config/snapshot_store.h"
#include "core/metrics/metrics_registry.h"
#include "core/service/profile_service.h"
#include "core/upstream/client.h"
#include "gateway/gateway_state.h"
#include "gateway/server/request_handler.h"

namespace profilegw::gateway {

class PublicHandler final : public RequestHandler {
 public:
  PublicHandler(boost::asio::io_context& io, std::size_t thread_index, GatewayState& state);

  boost::asio::awaitable<HttpResponse> handle(HttpRequest& request, const ConnectionInfo& info) override;

 private:
  struct Exchange;
  boost::asio::awaitable<void> dispatch(Exchange& ex);
  boost::asio::awaitable<void> profile_route(Exchange& ex);
  boost::asio::awaitable<void> verification_route(Exchange& ex);
  bool prepare_call(Exchange& ex, core::ProfileRequest& call);
  void write_answer(Exchange& ex, core::Result<core::ProfileAnswer>& answer);
  void problem(Exchange& ex, const core::Problem& p);
  void finish(Exchange& ex);

  GatewayState& state_;
  config::SnapshotCache snapshots_;
  core::upstream::Client client_;
  core::ProfileService service_;
  core::metrics::Shard& metrics_;
  std::uint64_t pools_generation_ = 0;  // the config generation client_'s pools were last trimmed for
};

}  // namespace profilegw::gateway
