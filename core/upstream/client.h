// The upstream HTTP client: one per io_context thread (DESIGN.md section 6), owning that thread's
// keep-alive connection pools (one per UpstreamTarget::pool_key) and Digest states. Never follows
// redirects: a 3xx is handed back as a response. Not thread-safe by design: call it only from the
// io_context it was made for, and keep it alive until every send() it started has finished.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/upstream/client_counters.h"
#include "core/upstream/executor.h"
#include "core/upstream/http_message.h"
#include "core/upstream/send_report.h"
#include "core/upstream/upstream_health.h"
#include "core/upstream/upstream_target.h"

namespace profilegw::core::upstream {

// Per-call headers the core adds on top of the target's fixed ones.
struct CallHeaders {
  std::string_view authorization;    // the customer's credential in the tenant's scheme; empty: none
  std::string_view request_id;       // X-Request-Id
  std::string_view accept_language;  // the caller's; replaces the fixed Accept-Language when set
};

class Client {
 public:
  // With `health`, the upstreams' shared state (circuit breakers, pool figures) is kept there, one
  // entry per pool key for all the threads' Clients, and every call goes through the circuit breaker
  // of its upstream. Without (tests, one-off probes), pools keep private figures and there is no breaker.
  explicit Client(Executor executor, UpstreamHealthRegistry* health = nullptr);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Sends `request` to `target` (base_path prepended) and reads the whole answer.
  // Transport failures come back as Problems: 503 upstream_unavailable (connect refused/failed,
  // TLS verification failed, no pool slot within connect_timeout_ms, circuit open: all with
  // Retry-After), 504 upstream_timeout (connect or request timeout, or `deadline` passed),
  // 502 upstream_bad_response (unparseable HTTP, truncated body, reset or closed before or while
  // answering: the request had reached a backend that then failed, so it is not "unreachable").
  // Retries, up to target.retries after jittered backoff and only while `deadline` allows: a GET after
  // a connect failure, a reset or a 502/503/504; any method after a connect failure (nothing was
  // sent). Never after a timeout: a slow backend is not helped by a second request. Besides that, a
  // pooled keep-alive connection found dead is replaced once at no cost to the retry budget.
  // The circuit breaker counts the whole call (retries included) as one success or failure.
  // `report`, when given, is added to (errors by kind, attempts, retries, refusals).
  boost::asio::awaitable<Result<UpstreamResponse>> send(const UpstreamTarget& target,
                                                        const UpstreamRequest& request,
                                                        const CallHeaders& headers,
                                                        std::chrono::steady_clock::time_point deadline,
                                                        SendReport* report = nullptr);

  // Closes idle connections of pools whose key is not in `live_keys` (after a config reload).
  void retain_pools(std::span<const std::string> live_keys);

  // A snapshot of this Client's counters (safe to take from any thread).
  ClientCounters counters() const;

  // Idle keep-alive connections in the pool `pool_key` (0 when there is no such pool): for tests
  // and diagnostics.
  std::size_t idle_connections(std::string_view pool_key) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace profilegw::core::upstream
