#include "gateway/handlers/public_handler.h"

#include <chrono>

#include "core/logging/log.h"
#include "core/model/patch.h"
#include "gateway/handlers/capabilities_json.h"
#include "gateway/handlers/request_headers.h"
#include "gateway/handlers/verification_body.h"
#include "gateway/metrics/gateway_metrics.h"
#include "gateway/router/route_table.h"
#include "gateway/server/request_id.h"

namespace profilegw::gateway {
namespace http = boost::beast::http;
using boost::asio::awaitable;
using Clock = std::chrono::steady_clock;

// Everything one request carries through the handler; lives on the coroutine frame.
struct PublicHandler::Exchange {
  HttpRequest& request;
  HttpResponse response;
  Clock::time_point started = Clock::now();
  GeneratedRequestId generated_id;  // storage of request_id when the gateway made it
  std::string_view request_id;      // the caller's X-Request-Id (in `request`) or generated_id
  RouteMatch route;
  std::shared_ptr<const config::Snapshot> snapshot;
  const core::Tenant* tenant = nullptr;
  core::CallStats stats;
  std::optional<InFlightLimiter::Slot> in_flight;  // held while the request counts against max_in_flight
  std::string_view problem_code;  // for the access log, when the answer is a problem

  explicit Exchange(HttpRequest& r) : request(r) {}
};

namespace {

std::string_view header(const HttpRequest& r, http::field f) {
  auto it = r.find(f);
  return it == r.end() ? std::string_view{} : std::string_view(it->value().data(), it->value().size());
}

std::string_view header(const HttpRequest& r, std::string_view name) {
  auto it = r.find(boost::beast::string_view(name.data(), name.size()));
  return it == r.end() ? std::string_view{} : std::string_view(it->value().data(), it->value().size());
}

void set_json(HttpResponse& res, http::status status, std::string body, std::string_view type = "application/json") {
  res.result(status);
  res.set(http::field::content_type, type);
  res.body() = std::move(body);
}

std::string_view route_hint(core::Addressing addressing) {
  return addressing == core::Addressing::kId ? "use /v1/customers/{customer_id}/profile" : "use /v1/profile";
}

}  // namespace

PublicHandler::PublicHandler(boost::asio::io_context& io, std::size_t thread_index, GatewayState& state)
    : state_(state),
      snapshots_(state.snapshots),
      client_(io.get_executor(), &state.upstreams),
      service_(client_),
      metrics_(state.metrics.shard(thread_index)) {}

void PublicHandler::problem(Exchange& ex, const core::Problem& p) {
  ex.problem_code = p.name();
  ex.response.result(static_cast<unsigned>(p.status()));
  ex.response.set(http::field::content_type, "application/problem+json");
  if (p.retry_after_seconds) ex.response.set(http::field::retry_after, std::to_string(*p.retry_after_seconds));
  if (!p.allow.empty()) ex.response.set(http::field::allow, p.allow);
  ex.response.body() = core::render_problem(p, ex.request_id, ex.tenant ? std::string_view(ex.tenant->id) : "");
}

awaitable<HttpResponse> PublicHandler::handle(HttpRequest& request, const ConnectionInfo& info) {
  (void)info;
  Exchange ex(request);
  ex.response.version(request.version());
  ex.request_id = choose_request_id(header(request, kRequestIdHeader), ex.generated_id);
  co_await dispatch(ex);
  ex.response.set("X-Request-Id", ex.request_id);
  ex.response.prepare_payload();
  finish(ex);
  co_return std::move(ex.response);
}

awaitable<void> PublicHandler::dispatch(Exchange& ex) {
  const std::string_view method(ex.request.method_string().data(), ex.request.method_string().size());
  const std::string_view target(ex.request.target().data(), ex.request.target().size());
  ex.route = match_route(method, target);
  if (ex.route.route == RouteId::kNone && ex.route.method_allowed) {
    problem(ex, core::Problem::make(core::ProblemCode::kNotFound, "no route for " + std::string(method) + " " +
                                                                     std::string(target.substr(0, target.find('?')))));
    co_return;
  }
  if (!ex.route.method_allowed) {
    core::Problem p = core::Problem::make(core::ProblemCode::kMethodNotAllowed,
                                          std::string(method) + " is not allowed here; allowed: " +
                                              std::string(ex.route.allow));
    p.allow = std::string(ex.route.allow);
    problem(ex, p);
    co_return;
  }
  ex.snapshot = snapshots_.get();
  if (ex.snapshot->generation() != pools_generation_) [[unlikely]] {
    // First request on a new config: pools of upstreams it no longer names drain and close.
    pools_generation_ = ex.snapshot->generation();
    const std::vector<std::string> live = ex.snapshot->pool_keys();
    client_.retain_pools(live);
  }
  switch (ex.route.route) {
    case RouteId::kHealthz:
      set_json(ex.response, http::status::ok, R"({"status":"ok"})");
      co_return;
    case RouteId::kReadyz: {
      const bool ready = state_.ready.load(std::memory_order_relaxed) && !state_.draining.load(std::memory_order_relaxed);
      set_json(ex.response, ready ? http::status::ok : http::status::service_unavailable,
               std::string(R"({"status":")") + (ready ? "ready" : "not_ready") + R"(","config_generation":)" +
                   std::to_string(ex.snapshot->generation()) + R"(,"last_reload":)" +
                   state_.reload_status.to_json() + "}");
      co_return;
    }
    case RouteId::kMetrics:
      set_json(ex.response, http::status::ok, state_.metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
      co_return;
    case RouteId::kOpenApi:
      set_json(ex.response, http::status::ok, state_.openapi_document);
      co_return;
    default:
      break;
  }

  // Every /v1 route belongs to the tenant the API key selects: exactly one key, one credential.
  if (const std::string_view repeated = repeated_credential_header(ex.request); !repeated.empty()) {
    problem(ex, core::Problem::make(core::ProblemCode::kMalformedRequest,
                                    "more than one " + std::string(repeated) + " header"));
    co_return;
  }
  const std::string_view api_key = header(ex.request, kApiKeyHeader);
  ex.tenant = api_key.empty() ? nullptr : ex.snapshot->tenant_for_api_key(api_key);
  if (ex.tenant == nullptr) {
    problem(ex, core::Problem::make(core::ProblemCode::kInvalidApiKey,
                                    api_key.empty() ? "X-Api-Key header is missing" : "X-Api-Key is not known"));
    co_return;
  }
  if (std::optional<core::Problem> limited = state_.rate_limiters.admit(*ex.tenant)) {
    metrics_.add("profilegw_rate_limited_total", {{"tenant", ex.tenant->id}});
    problem(ex, *limited);
    co_return;
  }
  // Over max_in_flight the request is shed at once; the slot is held until the answer is ready.
  ex.in_flight = state_.in_flight.try_enter(ex.snapshot->config().limits.max_in_flight);
  if (!ex.in_flight) {
    metrics_.add("profilegw_overload_rejections_total", {{"tenant", ex.tenant->id}});
    core::Problem p = core::Problem::make(core::ProblemCode::kServiceUnavailable,
                                          "the gateway is at its limit of requests in flight; retry shortly");
    p.retry_after_seconds = 1;
    problem(ex, p);
    co_return;
  }

  if (ex.route.route == RouteId::kCapabilities) {
    set_json(ex.response, http::status::ok, render_capabilities(*ex.tenant));
    co_return;
  }
  if (ex.route.route == RouteId::kVerification) {
    co_await verification_route(ex);
    co_return;
  }
  co_await profile_route(ex);
}

awaitable<void> PublicHandler::profile_route(Exchange& ex) {
  const core::Tenant& tenant = *ex.tenant;
  const core::Addressing addressing = tenant.adapter->capabilities().addressing;
  const bool id_route = ex.route.route == RouteId::kCustomerGet || ex.route.route == RouteId::kCustomerPatch;
  if (id_route != (addressing == core::Addressing::kId)) {
    problem(ex, core::Problem::make(core::ProblemCode::kRouteNotSupported,
                                    "provider " + tenant.provider + " addresses customers " +
                                        (id_route ? "by token: " : "by id: ") + std::string(route_hint(addressing))));
    co_return;
  }
  if (ex.route.bad_customer_id) {
    problem(ex, core::Problem::field(core::ProblemCode::kMalformedRequest, "customer_id", "invalid",
                                     "must be 1 to 128 characters without control characters or '/'"));
    co_return;
  }

  core::ProfileRequest call;
  if (!prepare_call(ex, call)) co_return;

  const bool is_patch = ex.route.route == RouteId::kProfilePatch || ex.route.route == RouteId::kCustomerPatch;
  core::Result<core::ProfileAnswer> answer = core::Problem{};
  if (is_patch) {
    if (!is_json_media_type(header(ex.request, http::field::content_type))) {
      problem(ex, core::Problem::make(core::ProblemCode::kUnsupportedMediaType,
                                      "the body must be application/json"));
      co_return;
    }
    auto parsed = core::parse_patch(ex.request.body());
    if (auto* bad = std::get_if<core::Problem>(&parsed)) {
      problem(ex, *bad);
      co_return;
    }
    answer = co_await service_.update(call, std::get<core::ProfilePatch>(parsed));
  } else {
    answer = co_await service_.read(call);
  }
  write_answer(ex, answer);
}

awaitable<void> PublicHandler::verification_route(Exchange& ex) {
  const core::Capabilities& caps = ex.tenant->adapter->capabilities();
  bool verifies = false;
  for (const auto& f : caps.fields) verifies = verifies || f.requires_verification;
  if (!verifies) {
    problem(ex, core::Problem::make(core::ProblemCode::kRouteNotSupported,
                                    "provider " + ex.tenant->provider + " has no contact verification"));
    co_return;
  }
  if (!is_json_media_type(header(ex.request, http::field::content_type))) {
    problem(ex, core::Problem::make(core::ProblemCode::kUnsupportedMediaType, "the body must be application/json"));
    co_return;
  }
  auto body = parse_verification_body(ex.request.body());
  if (auto* bad = std::get_if<core::Problem>(&body)) {
    problem(ex, *bad);
    co_return;
  }
  // Named views, not temporaries, go into the co_await (GCC 12 coroutine bug).
  const std::string_view verification_id = std::get<VerificationBody>(body).verification_id;
  const std::string_view code = std::get<VerificationBody>(body).code;
  core::ProfileRequest call;
  if (!prepare_call(ex, call)) co_return;
  core::Result<core::ProfileAnswer> answer = co_await service_.complete_verification(call, verification_id, code);
  write_answer(ex, answer);
}

bool PublicHandler::prepare_call(Exchange& ex, core::ProfileRequest& call) {
  const core::Tenant& tenant = *ex.tenant;
  call.tenant = &tenant;
  call.customer_id = ex.route.customer_id;
  call.request_id = ex.request_id;
  call.accept_language = header(ex.request, http::field::accept_language);
  call.if_match = header(ex.request, http::field::if_match);
  call.verification_key = ex.snapshot->verification_key();
  call.stats = &ex.stats;
  // One budget for the whole unified call, across its steps (read, write, re-read).
  call.deadline = ex.started + tenant.upstream.call_budget();
  // A caller's Authorization is forwarded only in the tenant's scheme, and never for scheme none.
  if (tenant.customer_auth != core::CustomerAuthScheme::kNone) {
    call.customer_token = bearer_token(header(ex.request, http::field::authorization));
    if (call.customer_token.empty()) {
      problem(ex, core::Problem::make(core::ProblemCode::kCustomerUnauthorized,
                                      "Authorization: Bearer <customer token> is required"));
      return false;
    }
  }
  return true;
}

void PublicHandler::write_answer(Exchange& ex, core::Result<core::ProfileAnswer>& answer) {
  if (!answer.ok()) {
    problem(ex, answer.problem());
    return;
  }
  core::ProfileAnswer& a = answer.value();
  // The service wrote the profile's document once (it hashed it for the ETag): send that.
  if (a.status != 202) {
    set_json(ex.response, http::status::ok, std::move(a.document));
    ex.response.set(http::field::etag, a.etag);
    return;
  }
  std::string body;
  body.reserve(a.document.size() + 256);
  body += R"({"status":"verification_required","verification_id":")";
  body += a.verification_id;  // base64url and dots only: no escaping needed
  body += R"(","fields":[)";
  for (std::size_t i = 0; i < a.verification->fields.size(); ++i) {
    if (i) body.push_back(',');
    body += '"' + a.verification->fields[i] + '"';
  }
  body += R"(],"profile":)";
  body += a.document;
  body.push_back('}');
  set_json(ex.response, http::status::accepted, std::move(body));
  ex.response.set(http::field::etag, a.etag);
}

void PublicHandler::finish(Exchange& ex) {
  const auto total = std::chrono::duration<double>(Clock::now() - ex.started).count();
  const double upstream = std::chrono::duration<double>(ex.stats.upstream_time).count();
  const int status = static_cast<int>(ex.response.result_int());
  const std::string_view tenant = ex.tenant ? std::string_view(ex.tenant->id) : std::string_view("-");
  const std::string_view provider = ex.tenant ? std::string_view(ex.tenant->provider) : std::string_view("-");
  const std::string_view route = ex.route.label.empty() ? std::string_view("unmatched") : ex.route.label;
  const std::string status_text = std::to_string(status);

  metrics_.add("profilegw_requests_total",
               {{"tenant", tenant}, {"provider", provider}, {"route", route}, {"status", status_text}});
  metrics_.observe("profilegw_request_duration_seconds", {{"tenant", tenant}, {"provider", provider}, {"route", route}},
                   total);
  if (ex.stats.upstream_calls > 0) {
    metrics_.observe("profilegw_upstream_duration_seconds", {{"tenant", tenant}, {"provider", provider}}, upstream);
  }
  if (ex.stats.mapping_failed) metrics_.add("profilegw_mapping_failures_total", {{"provider", provider}});
  record_upstream_report(metrics_, tenant, provider, ex.stats.upstream);

  const std::string_view method(ex.request.method_string().data(), ex.request.method_string().size());
  core::log::info("access", {{"request_id", ex.request_id},
                             {"tenant", tenant},
                             {"method", method},
                             {"route", route},
                             {"status", status},
                             {"code", ex.problem_code.empty() ? std::string_view("-") : ex.problem_code},
                             {"upstream_status", ex.stats.upstream_status},
                             {"upstream_calls", ex.stats.upstream_calls},
                             {"upstream_ms", upstream * 1000.0},
                             {"total_ms", total * 1000.0}});
}

}  // namespace profilegw::gateway
