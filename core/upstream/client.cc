#include "core/upstream/client.h"

#include <array>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/http/field.hpp>
#include <unordered_map>
#include <vector>

#include "core/upstream/connection_pool.h"
#include "core/upstream/digest_auth.h"
#include "core/upstream/endpoint_resolver.h"
#include "core/upstream/request_builder.h"
#include "core/upstream/tls_context.h"
#include "core/upstream/upstream_connection.h"

namespace profilegw::core::upstream {
namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace {

constexpr std::size_t kMaxChallengeHeaders = 8;

Problem timeout_problem(std::string detail) {
  return Problem::make(ProblemCode::kUpstreamTimeout, std::move(detail));
}

Problem bad_response_problem(std::string detail) {
  return Problem::make(ProblemCode::kUpstreamBadResponse, std::move(detail));
}

// The pool key when the snapshot did not set one: scheme, host, port and TLS settings.
std::string derive_pool_key(const UpstreamTarget& t) {
  std::string key = t.tls ? "https://" : "http://";
  key += t.host;
  key += ':';
  key += std::to_string(t.port);
  if (t.tls) {
    key += t.tls_settings.verify ? "|verify|" : "|noverify|";
    key += t.tls_settings.ca_file;
  }
  return key;
}

std::optional<DigestChallenge> challenge_of(const UpstreamResponse& response) {
  std::array<std::string_view, kMaxChallengeHeaders> values{};
  std::size_t n = 0;
  for (const auto& [name, value] : response.headers) {
    if (name == "www-authenticate" && n < values.size()) values[n++] = value;
  }
  return select_digest_challenge(std::span<const std::string_view>(values.data(), n));
}

}  // namespace

struct Client::Impl {
  explicit Impl(asio::any_io_executor ex) : executor(std::move(ex)) {}

  std::shared_ptr<ConnectionPool> pool_for(const UpstreamTarget& target);
  asio::awaitable<Result<std::unique_ptr<UpstreamConnection>>> connect(ConnectionPool& pool,
                                                                       const UpstreamTarget& target,
                                                                       asio::ssl::context* tls_ctx,
                                                                       Clock::time_point deadline);
  Problem exchange_problem(const ExchangeResult& r, const UpstreamTarget& target, bool deadline_bound);
  asio::awaitable<Result<UpstreamResponse>> send(const UpstreamTarget& target, const UpstreamRequest& request,
                                                 const CallHeaders& headers, Clock::time_point deadline);

  asio::any_io_executor executor;
  TlsContextCache tls;
  std::unordered_map<std::string, std::shared_ptr<ConnectionPool>> pools;
  ClientCounterSet counters;
};

std::shared_ptr<ConnectionPool> Client::Impl::pool_for(const UpstreamTarget& target) {
  const std::string& key = target.pool_key;
  auto it = key.empty() ? pools.find(derive_pool_key(target)) : pools.find(key);
  if (it == pools.end()) {
    std::string k = key.empty() ? derive_pool_key(target) : key;
    auto pool = std::make_shared<ConnectionPool>(executor, k, target.max_connections);
    it = pools.emplace(std::move(k), std::move(pool)).first;
  } else {
    it->second->set_max_connections(target.max_connections);
  }
  return it->second;
}

asio::awaitable<Result<std::unique_ptr<UpstreamConnection>>> Client::Impl::connect(
    ConnectionPool& pool, const UpstreamTarget& target, asio::ssl::context* tls_ctx,
    Clock::time_point deadline) {
  const auto now = Clock::now();
  const auto connect_deadline =
      std::min(deadline, now + std::chrono::milliseconds(target.connect_timeout_ms));
  std::vector<asio::ip::tcp::endpoint> endpoints;
  if (const auto* cached = pool.cached_endpoints(now)) {
    endpoints = *cached;
  } else {
    auto resolved = co_await resolve_endpoints(executor, target.host, target.port, connect_deadline);
    if (!resolved) {
      (resolved.problem().code == ProblemCode::kUpstreamTimeout ? counters.err_timeout : counters.err_connect)
          .inc();
      co_return std::move(resolved).problem();
    }
    endpoints = std::move(resolved).value();
    pool.store_endpoints(endpoints, now);
  }
  auto opened = co_await open_connection(executor, endpoints, tls_ctx, target.host,
                                         target.tls_settings.verify, connect_deadline, counters);
  // The upstream may have moved: resolve afresh next time.
  if (!opened) pool.forget_endpoints();
  co_return opened;
}

Problem Client::Impl::exchange_problem(const ExchangeResult& r, const UpstreamTarget& target,
                                       bool deadline_bound) {
  switch (r.failure) {
    case ExchangeFailure::kTimeout:
      counters.err_timeout.inc();
      if (deadline_bound)
        return timeout_problem("the request deadline passed while waiting for the upstream");
      return timeout_problem("upstream did not answer within " + std::to_string(target.timeout_ms) + " ms");
    case ExchangeFailure::kClosedBeforeAnswer:
      counters.err_reset.inc();
      return bad_response_problem("upstream closed the connection without answering");
    case ExchangeFailure::kResetMidAnswer:
      counters.err_reset.inc();
      return bad_response_problem("upstream closed the connection mid-response (truncated answer)");
    case ExchangeFailure::kTooLarge:
      counters.err_bad_response.inc();
      return bad_response_problem("upstream response over the size limit");
    case ExchangeFailure::kBadResponse:
    case ExchangeFailure::kNone:
      break;
  }
  counters.err_bad_response.inc();
  return bad_response_problem("upstream sent an invalid HTTP response");
}

asio::awaitable<Result<UpstreamResponse>> Client::Impl::send(const UpstreamTarget& target,
                                                             const UpstreamRequest& request,
                                                             const CallHeaders& headers,
                                                             Clock::time_point deadline) {
  counters.requests.inc();
  if (Clock::now() >= deadline) {
    counters.err_timeout.inc();
    co_return timeout_problem("the request deadline passed before the upstream call");
  }
  auto built = build_request(target, request, headers);
  if (!built) co_return std::move(built).problem();
  WireRequest wire = std::move(built).value();

  asio::ssl::context* tls_ctx = nullptr;
  if (target.tls) {
    auto ctx = tls.get(target.tls_settings);
    if (!ctx) {
      counters.err_tls.inc();
      co_return std::move(ctx).problem();
    }
    tls_ctx = ctx.value();
  }

  // The pool stays alive for this call even if a reload drops it meanwhile.
  const std::shared_ptr<ConnectionPool> pool = pool_for(target);
  auto acquired = co_await pool->acquire(deadline);
  if (!acquired) {
    counters.pool_exhausted.inc();
    co_return std::move(acquired).problem();
  }
  Lease lease = std::move(acquired).value();

  // A customer credential occupies Authorization; Digest service auth applies only without one.
  const ServiceAuth& auth = target.service_auth;
  DigestState* digest = headers.authorization.empty() && auth.type == ServiceAuthType::kDigest
                            ? &pool->digest_state(auth.username)
                            : nullptr;
  const std::string_view method = method_name(request.method);
  bool transport_retried = false;
  bool digest_retried = false;

  while (true) {
    if (lease.connection() == nullptr) {
      auto opened = co_await connect(*pool, target, tls_ctx, deadline);
      if (!opened) co_return std::move(opened).problem();
      lease.set_connection(std::move(opened).value());
    }
    UpstreamConnection* conn = lease.connection();
    const bool reused = conn->uses() > 0;
    if (reused) counters.reuses.inc();

    std::string nonce_used;
    if (digest != nullptr) {
      if (auto a = digest->authorize(auth.username, auth.password, method, wire.target())) {
        wire.set(http::field::authorization, a->header);
        nonce_used = std::move(a->nonce);
      } else {
        wire.erase(http::field::authorization);  // no challenge yet: the first answer brings one
      }
    }

    const auto now = Clock::now();
    if (now >= deadline) {
      counters.err_timeout.inc();
      co_return timeout_problem("the request deadline passed before the upstream call");
    }
    const auto timeout_deadline = now + std::chrono::milliseconds(target.timeout_ms);
    const bool deadline_bound = deadline < timeout_deadline;
    const auto exchange_deadline = deadline_bound ? deadline : timeout_deadline;
    ExchangeResult r = co_await conn->exchange(wire, exchange_deadline);

    if (r.failure != ExchangeFailure::kNone) {
      lease.discard_connection();
      // A pooled connection the upstream had already closed: the request never reached it, or it
      // is a GET and may run twice. Anything else may have had an effect: no retry.
      const bool dead_pooled = reused && r.failure == ExchangeFailure::kClosedBeforeAnswer;
      if (dead_pooled && !transport_retried && (request.method == HttpMethod::kGet || r.bytes_written == 0) &&
          Clock::now() < deadline) {
        transport_retried = true;
        counters.retries.inc();
        continue;
      }
      co_return exchange_problem(r, target, deadline_bound);
    }

    if (r.response.status == 401 && digest != nullptr) {
      if (auto challenge = challenge_of(r.response)) {
        counters.digest_challenges.inc();
        // A 401 answers the request: it did not take effect, so one retry is safe for any method.
        const bool worth_retry = digest->on_challenge(std::move(*challenge), nonce_used);
        if (worth_retry && !digest_retried) {
          digest_retried = true;
          if (!r.keep_alive) lease.discard_connection();
          continue;
        }
      }
    }
    lease.release(r.keep_alive);
    co_return std::move(r.response);
  }
}

Client::Client(asio::any_io_executor executor) : impl_(std::make_unique<Impl>(std::move(executor))) {}

Client::~Client() = default;

asio::awaitable<Result<UpstreamResponse>> Client::send(const UpstreamTarget& target,
                                                       const UpstreamRequest& request,
                                                       const CallHeaders& headers,
                                                       std::chrono::steady_clock::time_point deadline) {
  co_return co_await impl_->send(target, request, headers, deadline);
}

void Client::retain_pools(std::span<const std::string> live_keys) {
  for (auto it = impl_->pools.begin(); it != impl_->pools.end();) {
    bool live = false;
    for (const std::string& k : live_keys) {
      if (k == it->first) {
        live = true;
        break;
      }
    }
    if (live) {
      ++it;
      continue;
    }
    // Connections still in use close when they come back; calls holding the pool keep it alive.
    it->second->close_idle(/*retire=*/true);
    it = impl_->pools.erase(it);
  }
}

ClientCounters Client::counters() const { return impl_->counters.snapshot(); }

std::size_t Client::idle_connections(std::string_view pool_key) const {
  auto it = impl_->pools.find(std::string(pool_key));
  return it == impl_->pools.end() ? 0 : it->second->idle_count();
}

}  // namespace profilegw::core::upstream
