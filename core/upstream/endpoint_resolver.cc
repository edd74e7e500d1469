#include "core/upstream/endpoint_resolver.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>

namespace profilegw::core::upstream {
namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

// Shared with the resolve handler, which may outlive the waiting coroutine when the deadline wins.
struct PendingResolve {
  explicit PendingResolve(const asio::any_io_executor& ex) : resolver(ex), wake(ex) {}
  tcp::resolver resolver;
  asio::steady_timer wake;
  bool done = false;
  boost::system::error_code ec;
  std::vector<tcp::endpoint> endpoints;
};

Problem unavailable(std::string detail) {
  Problem p = Problem::make(ProblemCode::kUpstreamUnavailable, std::move(detail));
  p.retry_after_seconds = 1;
  return p;
}

}  // namespace

asio::awaitable<Result<std::vector<tcp::endpoint>>> resolve_endpoints(
    const asio::any_io_executor& executor, const std::string& host, std::uint16_t port,
    std::chrono::steady_clock::time_point deadline) {
  boost::system::error_code ec;
  const asio::ip::address literal = asio::ip::make_address(host, ec);
  if (!ec) co_return std::vector<tcp::endpoint>{tcp::endpoint(literal, port)};

  auto pending = std::make_shared<PendingResolve>(executor);
  pending->wake.expires_at(deadline);
  pending->resolver.async_resolve(
      host, std::to_string(port), tcp::resolver::numeric_service,
      [pending](const boost::system::error_code& rec, tcp::resolver::results_type results) {
        pending->done = true;
        pending->ec = rec;
        for (const auto& entry : results) pending->endpoints.push_back(entry.endpoint());
        pending->wake.cancel();
      });
  co_await pending->wake.async_wait(asio::as_tuple(asio::use_awaitable));
  if (!pending->done)
    co_return Problem::make(ProblemCode::kUpstreamTimeout, "upstream name resolution timed out");
  if (pending->ec || pending->endpoints.empty())
    co_return unavailable("upstream host name could not be resolved");
  co_return std::move(pending->endpoints);
}

}  // namespace profilegw::core::upstream
