#include "gateway/admin/tenant_probe.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/ssl/stream_base.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>

#include "core/upstream/client.h"
#include "core/upstream/endpoint_resolver.h"
#include "core/upstream/tls_context.h"

namespace profilegw::gateway::admin {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using Clock = std::chrono::steady_clock;
using boost::asio::awaitable;

constexpr auto kAsTuple = asio::as_tuple(asio::use_awaitable);

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string endpoint_text(const asio::ip::tcp::endpoint& endpoint) {
  const std::string address = endpoint.address().to_string();
  return (endpoint.address().is_v6() ? "[" + address + "]" : address) + ":" + std::to_string(endpoint.port());
}

bool needs_service_auth_step(const core::Tenant& tenant) {
  // With a customer credential in the same request, a 401 could be about the (missing) customer.
  return tenant.upstream.service_auth.type != core::upstream::ServiceAuthType::kNone &&
         tenant.customer_auth == core::CustomerAuthScheme::kNone;
}

awaitable<ProbeStep> service_auth_step(core::upstream::Executor executor, const core::Tenant& tenant,
                                       std::string request_id) {
  ProbeStep step;
  step.step = "service_auth";
  const Clock::time_point started = Clock::now();
  core::CallContext ctx{&tenant.paths, tenant.provider, kProbeCustomerId};
  const core::UpstreamRequest request = tenant.adapter->read_request(ctx);
  core::upstream::CallHeaders headers;
  headers.request_id = request_id;
  const Clock::time_point deadline =
      started +
      std::chrono::milliseconds(2 * tenant.upstream.connect_timeout_ms + 2 * tenant.upstream.timeout_ms);
  // A client of its own: fresh connection, fresh Digest state, nothing shared with the data path.
  core::upstream::Client client(executor);
  core::Result<core::UpstreamResponse> answer =
      co_await client.send(tenant.upstream, request, headers, deadline);
  step.ms = ms_since(started);
  if (!answer.ok()) {
    step.detail =
        answer.problem().detail.empty() ? std::string(answer.problem().name()) : answer.problem().detail;
    co_return step;
  }
  const int status = answer.value().status;
  step.status = status;
  if (status == 401 || status == 403) {
    step.detail = "credentials rejected";
  } else if (status >= 500) {
    step.detail = "backend error";
  } else {
    step.ok = true;
  }
  co_return step;
}

}  // namespace

awaitable<ProbeReport> probe_tenant(core::upstream::Executor executor, const core::Tenant& tenant,
                                    std::string request_id) {
  ProbeReport report;
  report.tenant = tenant.id;
  const core::upstream::UpstreamTarget& target = tenant.upstream;
  const Clock::time_point connect_started = Clock::now();
  const Clock::time_point connect_deadline =
      connect_started + std::chrono::milliseconds(target.connect_timeout_ms);

  ProbeStep connect;
  connect.step = "connect";
  auto resolved =
      co_await core::upstream::resolve_endpoints(executor, target.host, target.port, connect_deadline);
  beast::tcp_stream stream(executor);
  if (resolved.ok()) {
    stream.expires_at(connect_deadline);
    auto [ec, endpoint] = co_await stream.async_connect(resolved.value(), kAsTuple);
    if (ec) {
      connect.detail = ec == beast::error::timeout ? "connect timed out" : "connect failed: " + ec.message();
    } else {
      connect.ok = true;
      connect.detail = endpoint_text(endpoint);
    }
  } else {
    connect.detail = resolved.problem().detail;
  }
  connect.ms = ms_since(connect_started);
  report.steps.push_back(connect);
  if (!connect.ok) co_return report;

  if (target.tls) {
    ProbeStep handshake;
    handshake.step = "tls_handshake";
    const Clock::time_point started = Clock::now();
    core::upstream::TlsContextCache contexts;
    auto context = contexts.get(target.tls_settings);
    if (!context.ok()) {
      handshake.detail = context.problem().detail;
    } else {
      beast::ssl_stream<beast::tcp_stream> tls(std::move(stream), *context.value());
      if (!core::upstream::prepare_tls_client(tls.native_handle(), target.host, target.tls_settings.verify)) {
        handshake.detail = "TLS parameters refused";
      } else {
        beast::get_lowest_layer(tls).expires_at(connect_deadline);
        auto [ec] = co_await tls.async_handshake(asio::ssl::stream_base::client, kAsTuple);
        if (ec) {
          handshake.detail = ec == beast::error::timeout
                                 ? "TLS handshake timed out"
                                 : core::upstream::describe_tls_failure(tls.native_handle(), ec);
        } else {
          handshake.ok = true;
        }
      }
      beast::get_lowest_layer(tls).close();
    }
    handshake.ms = ms_since(started);
    report.steps.push_back(handshake);
    if (!handshake.ok) co_return report;
  } else {
    stream.close();
  }

  if (needs_service_auth_step(tenant)) {
    ProbeStep auth = co_await service_auth_step(executor, tenant, std::move(request_id));
    report.steps.push_back(std::move(auth));
    if (!report.steps.back().ok) co_return report;
  }
  report.ok = true;
  co_return report;
}

std::string render_probe(const ProbeReport& report) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto string = [&](std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); };
  w.StartObject();
  w.Key("tenant");
  string(report.tenant);
  w.Key("ok");
  w.Bool(report.ok);
  w.Key("steps");
  w.StartArray();
  for (const ProbeStep& step : report.steps) {
    w.StartObject();
    w.Key("step");
    string(step.step);
    w.Key("ok");
    w.Bool(step.ok);
    w.Key("ms");
    // Three decimals: microseconds are the resolution anyone reads from a probe.
    w.Double(static_cast<double>(static_cast<long long>(step.ms * 1000.0 + 0.5)) / 1000.0);
    if (step.status) {
      w.Key("status");
      w.Int(*step.status);
    }
    if (!step.detail.empty()) {
      w.Key("detail");
      string(step.detail);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace profilegw::gateway::admin
