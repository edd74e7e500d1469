#include "core/upstream/client.h"

#include <algorithm>
#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/field.hpp>
#include <optional>
#include <random>
#include <unordered_map>
#include <vector>

#include "core/upstream/circuit_breaker.h"
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

constexpr std::chrono::milliseconds kBackoffBase{25};
constexpr std::chrono::milliseconds kBackoffCap{1000};

ErrorKind kind_of(ExchangeFailure failure) {
  switch (failure) {
    case ExchangeFailure::kTimeout: return ErrorKind::kTimeout;
    case ExchangeFailure::kClosedBeforeAnswer:
    case ExchangeFailure::kResetMidAnswer: return ErrorKind::kReset;
    case ExchangeFailure::kBadResponse:
    case ExchangeFailure::kTooLarge:
    case ExchangeFailure::kNone: break;
  }
  return ErrorKind::kBadResponse;
}

// What one attempt (one exchange, with its Digest round and dead-connection replacement) came to.
struct Attempt {
  Result<UpstreamResponse> result = Problem{};
  std::optional<ErrorKind> failure;  // how the backend failed, if it did (a 5xx answer included)
  bool judged = true;                // false: ended before the backend could be judged (no slot, no time)
  bool sent = false;                 // request bytes went out: the backend may have acted on them
  int status = 0;                    // the answer's status, when there was one
};

// Which failed attempts may be repeated (Client::send says why).
bool may_retry(ErrorKind kind, const Attempt& a, HttpMethod method) {
  const bool get = method == HttpMethod::kGet;
  switch (kind) {
    case ErrorKind::kConnect: return true;  // nothing reached the backend
    case ErrorKind::kReset: return get || !a.sent;
    case ErrorKind::kStatus5xx: return get && (a.status == 502 || a.status == 503 || a.status == 504);
    case ErrorKind::kTimeout:
    case ErrorKind::kBadResponse:
    case ErrorKind::kTls: break;
  }
  return false;
}

Problem circuit_open_problem(std::chrono::milliseconds retry_after) {
  Problem p = Problem::make(ProblemCode::kUpstreamUnavailable,
                            "the upstream failed repeatedly; its circuit is open and calls are refused until a "
                            "trial call succeeds");
  p.retry_after_seconds = std::max<long>(1, static_cast<long>((retry_after.count() + 999) / 1000));
  return p;
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
  Impl(Executor ex, UpstreamHealthRegistry* registry)
      : executor(std::move(ex)), health(registry), jitter(std::random_device{}()) {}

  std::shared_ptr<ConnectionPool> pool_for(const UpstreamTarget& target);
  asio::awaitable<Result<std::unique_ptr<UpstreamConnection>>> connect(ConnectionPool& pool,
                                                                       const UpstreamTarget& target,
                                                                       asio::ssl::context* tls_ctx,
                                                                       Clock::time_point deadline,
                                                                       ErrorKind* failure);
  Problem exchange_problem(const ExchangeResult& r, const UpstreamTarget& target, bool deadline_bound);
  asio::awaitable<Attempt> attempt(std::shared_ptr<ConnectionPool> pool, const UpstreamTarget& target,
                                   const UpstreamRequest& request, WireRequest& wire, bool digest_auth,
                                   asio::ssl::context* tls_ctx, Clock::time_point deadline, SendReport& report);
  asio::awaitable<Result<UpstreamResponse>> send(const UpstreamTarget& target, const UpstreamRequest& request,
                                                 const CallHeaders& headers, Clock::time_point deadline,
                                                 SendReport& report);
  Clock::duration backoff(int retry);

  Executor executor;
  UpstreamHealthRegistry* health;  // null: private pool figures, no circuit breaker
  TlsContextCache tls;
  std::unordered_map<std::string, std::shared_ptr<ConnectionPool>> pools;
  ClientCounterSet counters;
  std::minstd_rand jitter;  // backoff jitter only: nothing secret depends on it
};

std::shared_ptr<ConnectionPool> Client::Impl::pool_for(const UpstreamTarget& target) {
  const std::string& key = target.pool_key;
  auto it = key.empty() ? pools.find(derive_pool_key(target)) : pools.find(key);
  if (it == pools.end()) {
    std::string k = key.empty() ? derive_pool_key(target) : key;
    std::shared_ptr<UpstreamHealth> shared =
        health != nullptr ? health->get(k) : std::make_shared<UpstreamHealth>();
    auto pool = std::make_shared<ConnectionPool>(executor, k, target.max_connections, std::move(shared));
    it = pools.emplace(std::move(k), std::move(pool)).first;
  } else {
    it->second->set_max_connections(target.max_connections);
  }
  return it->second;
}

asio::awaitable<Result<std::unique_ptr<UpstreamConnection>>> Client::Impl::connect(
    ConnectionPool& pool, const UpstreamTarget& target, asio::ssl::context* tls_ctx,
    Clock::time_point deadline, ErrorKind* failure) {
  const auto now = Clock::now();
  const auto connect_deadline =
      std::min(deadline, now + std::chrono::milliseconds(target.connect_timeout_ms));
  std::vector<asio::ip::tcp::endpoint> endpoints;
  if (const auto* cached = pool.cached_endpoints(now)) {
    endpoints = *cached;
  } else {
    auto resolved = co_await resolve_endpoints(executor, target.host, target.port, connect_deadline);
    if (!resolved) {
      const bool timed_out = resolved.problem().code == ProblemCode::kUpstreamTimeout;
      (timed_out ? counters.err_timeout : counters.err_connect).inc();
      *failure = timed_out ? ErrorKind::kTimeout : ErrorKind::kConnect;
      co_return std::move(resolved).problem();
    }
    endpoints = std::move(resolved).value();
    pool.store_endpoints(endpoints, now);
  }
  auto opened = co_await open_connection(executor, endpoints, tls_ctx, target.host,
                                         target.tls_settings.verify, connect_deadline, counters, failure);
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

asio::awaitable<Attempt> Client::Impl::attempt(std::shared_ptr<ConnectionPool> pool, const UpstreamTarget& target,
                                               const UpstreamRequest& request, WireRequest& wire,
                                               bool digest_auth, asio::ssl::context* tls_ctx,
                                               Clock::time_point deadline, SendReport& report) {
  Attempt out;
  // Waiting for a slot is waiting for a connection: bounded like a connect, so a saturated pool
  // sheds load instead of queueing callers for their whole deadline.
  const auto slot_deadline = std::min(deadline, Clock::now() + std::chrono::milliseconds(target.connect_timeout_ms));
  auto acquired = co_await pool->acquire(slot_deadline);
  if (!acquired) {
    counters.pool_exhausted.inc();
    report.pool_exhausted = true;
    out.judged = false;
    out.result = std::move(acquired).problem();
    co_return out;
  }
  Lease lease = std::move(acquired).value();

  const ServiceAuth& auth = target.service_auth;
  const std::string_view method = method_name(request.method);
  bool transport_retried = false;
  bool digest_retried = false;
  // The Digest state of a connection given up within this attempt, for the one replacing it: the
  // nonce moves with the work, never to two live connections.
  std::optional<DigestState> carried;

  while (true) {
    if (lease.connection() == nullptr) {
      ErrorKind kind = ErrorKind::kConnect;
      auto opened = co_await connect(*pool, target, tls_ctx, deadline, &kind);
      if (!opened) {
        out.failure = kind;
        out.result = std::move(opened).problem();
        co_return out;
      }
      lease.set_connection(std::move(opened).value());
    }
    UpstreamConnection* conn = lease.connection();
    const bool reused = conn->uses() > 0;
    if (reused) counters.reuses.inc();

    DigestState* digest = digest_auth ? &conn->digest_state(auth.username) : nullptr;
    if (digest != nullptr && carried) {
      if (!digest->has_challenge()) *digest = std::move(*carried);
      carried.reset();
    }
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
      // The budget went on earlier steps or retries: a timeout, but no news about the backend.
      counters.err_timeout.inc();
      out.failure = ErrorKind::kTimeout;
      out.judged = false;
      out.result = timeout_problem("the request deadline passed before the upstream call");
      co_return out;
    }
    const auto timeout_deadline = now + std::chrono::milliseconds(target.timeout_ms);
    const bool deadline_bound = deadline < timeout_deadline;
    const auto exchange_deadline = deadline_bound ? deadline : timeout_deadline;
    ExchangeResult r = co_await conn->exchange(wire, exchange_deadline);
    if (r.bytes_written > 0) out.sent = true;

    if (r.failure != ExchangeFailure::kNone) {
      if (digest != nullptr) carried = std::move(*digest);
      lease.discard_connection();
      // A pooled connection the upstream had already closed: the request never reached it, or it
      // is a GET and may run twice. Anything else may have had an effect: no retry here.
      const bool dead_pooled = reused && r.failure == ExchangeFailure::kClosedBeforeAnswer;
      if (dead_pooled && !transport_retried && (request.method == HttpMethod::kGet || r.bytes_written == 0) &&
          Clock::now() < deadline) {
        transport_retried = true;
        out.sent = false;
        counters.retries.inc();
        continue;
      }
      out.failure = kind_of(r.failure);
      out.result = exchange_problem(r, target, deadline_bound);
      co_return out;
    }

    if (r.response.status == 401 && digest != nullptr) {
      if (auto challenge = challenge_of(r.response)) {
        counters.digest_challenges.inc();
        // A 401 answers the request: it did not take effect, so one retry is safe for any method.
        const bool worth_retry = digest->on_challenge(std::move(*challenge), nonce_used);
        if (worth_retry && !digest_retried) {
          digest_retried = true;
          if (!r.keep_alive) {
            carried = std::move(*digest);
            lease.discard_connection();
          }
          continue;
        }
      }
    }
    lease.release(r.keep_alive);
    out.status = r.response.status;
    if (out.status >= 500) out.failure = ErrorKind::kStatus5xx;
    out.result = std::move(r.response);
    co_return out;
  }
}

Clock::duration Client::Impl::backoff(int retry) {
  // Exponential with "equal jitter": half the step fixed, half random, so that the callers a failure
  // hit together do not come back together, and no retry follows its failure at once.
  const auto step = std::min<Clock::duration>(kBackoffCap, kBackoffBase * (1 << std::min(retry, 10)));
  std::uniform_int_distribution<Clock::rep> spread(0, step.count() / 2);
  return step / 2 + Clock::duration(spread(jitter));
}

asio::awaitable<Result<UpstreamResponse>> Client::Impl::send(const UpstreamTarget& target,
                                                             const UpstreamRequest& request,
                                                             const CallHeaders& headers,
                                                             Clock::time_point deadline, SendReport& report) {
  counters.requests.inc();
  if (Clock::now() >= deadline) {
    counters.err_timeout.inc();
    report.add_error(ErrorKind::kTimeout);
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
      report.add_error(ErrorKind::kTls);
      co_return std::move(ctx).problem();
    }
    tls_ctx = ctx.value();
  }

  // The pool stays alive for this call even if a reload drops it meanwhile.
  const std::shared_ptr<ConnectionPool> pool = pool_for(target);
  CircuitPermit permit;
  if (health != nullptr) {
    CircuitBreaker& breaker = pool->health().breaker;
    const CircuitBreaker::Admission admission = breaker.admit(Clock::now());
    if (!admission.allowed) {
      report.circuit_open = true;
      co_return circuit_open_problem(admission.retry_after);
    }
    permit = CircuitPermit(&breaker, admission.probe);
  }

  // A customer credential occupies Authorization; Digest service auth applies only without one.
  const bool digest_auth =
      headers.authorization.empty() && target.service_auth.type == ServiceAuthType::kDigest;

  for (int retry = 0;; ++retry) {
    ++report.attempts;
    Attempt a = co_await attempt(pool, target, request, wire, digest_auth, tls_ctx, deadline, report);
    if (a.failure) report.add_error(*a.failure);
    if (a.failure && retry < target.retries && may_retry(*a.failure, a, request.method)) {
      const auto pause = backoff(retry);
      if (Clock::now() + pause < deadline) {
        ++report.retries;
        asio::steady_timer timer(executor, pause);
        co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
        continue;
      }
    }
    // One verdict per call, retries included; an unjudged call leaves the permit to abandon itself.
    if (a.judged) {
      if (a.failure) {
        permit.failed(target.circuit_breaker, Clock::now());
      } else {
        permit.succeeded();
      }
    }
    co_return std::move(a.result);
  }
}

Client::Client(Executor executor, UpstreamHealthRegistry* health)
    : impl_(std::make_unique<Impl>(std::move(executor), health)) {}

Client::~Client() = default;

asio::awaitable<Result<UpstreamResponse>> Client::send(const UpstreamTarget& target,
                                                       const UpstreamRequest& request,
                                                       const CallHeaders& headers,
                                                       std::chrono::steady_clock::time_point deadline,
                                                       SendReport* report) {
  SendReport scratch;
  SendReport& into = report != nullptr ? *report : scratch;
  co_return co_await impl_->send(target, request, headers, deadline, into);
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
