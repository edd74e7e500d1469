#include "gateway/admin/admin_handler.h"

#include <cctype>

#include "core/logging/log.h"
#include "gateway/admin/admin_auth.h"
#include "gateway/admin/admin_route_table.h"
#include "gateway/admin/reload_route.h"
#include "gateway/admin/tenant_routes.h"
#include "gateway/server/problem_response.h"
#include "gateway/server/request_id.h"

namespace profilegw::gateway::admin {
namespace http = boost::beast::http;
using boost::asio::awaitable;

// Everything one admin request carries through the handler; lives on the coroutine frame.
struct AdminHandler::Exchange {
  HttpRequest& request;
  HttpResponse response;
  std::string request_id;
  AdminRouteMatch route;
  std::uint64_t generation = 0;  // of the config in force after the action, for the audit log

  explicit Exchange(HttpRequest& r) : request(r) {}
};

namespace {

std::string_view header(const HttpRequest& r, http::field f) {
  auto it = r.find(f);
  return it == r.end() ? std::string_view{} : std::string_view(it->value().data(), it->value().size());
}

// Absent is fine (curl -T, scripts); anything else must say JSON.
bool acceptable_body_type(std::string_view content_type) {
  if (content_type.empty()) return true;
  std::string type(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type == "application/json" || (type.starts_with("application/") && type.ends_with("+json"));
}

std::string remote_text(const ConnectionInfo& info) {
  const std::string address = info.remote.address().to_string();
  return (info.remote.address().is_v6() ? "[" + address + "]" : address) + ":" +
         std::to_string(info.remote.port());
}

}  // namespace

AdminHandler::AdminHandler(boost::asio::io_context& io, ConfigReloader& reloader, std::string token)
    : io_(io), reloader_(reloader), editor_(reloader), token_(std::move(token)) {}

void AdminHandler::problem(Exchange& ex, const core::Problem& p) {
  ex.response.result(static_cast<unsigned>(p.status()));
  ex.response.set(http::field::content_type, kProblemContentType);
  if (!p.allow.empty()) ex.response.set(http::field::allow, p.allow);
  if (p.code == core::ProblemCode::kUnauthorized)
    ex.response.set(http::field::www_authenticate, kAdminChallenge);
  ex.response.body() = core::render_problem(p, ex.request_id, "");
}

void AdminHandler::reply(Exchange& ex, const core::Result<AdminReply>& r) {
  if (!r.ok()) {
    problem(ex, r.problem());
    return;
  }
  const AdminReply& a = r.value();
  ex.generation = a.generation;
  ex.response.result(static_cast<unsigned>(a.status));
  if (!a.body.empty()) {
    ex.response.set(http::field::content_type, "application/json");
    ex.response.body() = a.body;
  }
  if (!a.location.empty()) ex.response.set(http::field::location, a.location);
}

awaitable<HttpResponse> AdminHandler::handle(HttpRequest& request, const ConnectionInfo& info) {
  Exchange ex(request);
  ex.response.version(request.version());
  GeneratedRequestId generated;
  {
    auto it = request.find(boost::beast::string_view(kRequestIdHeader.data(), kRequestIdHeader.size()));
    const std::string_view incoming =
        it == request.end() ? std::string_view{} : std::string_view(it->value().data(), it->value().size());
    ex.request_id = std::string(choose_request_id(incoming, generated));
  }
  ex.generation = reloader_.store().generation();
  co_await dispatch(ex);
  ex.response.set(kRequestIdHeader.data(), ex.request_id);
  // Admin answers describe config and are never worth caching anywhere.
  ex.response.set(http::field::cache_control, "no-store");
  ex.response.prepare_payload();
  audit(ex, info);
  co_return std::move(ex.response);
}

awaitable<void> AdminHandler::dispatch(Exchange& ex) {
  const std::string_view method(ex.request.method_string().data(), ex.request.method_string().size());
  const std::string_view target(ex.request.target().data(), ex.request.target().size());
  ex.route = match_admin_route(method, target);
  // The token first: without it, not even which paths exist is told.
  if (!admin_authorized(header(ex.request, http::field::authorization), token_)) {
    problem(ex, core::Problem::make(core::ProblemCode::kUnauthorized,
                                    "the admin API requires Authorization: Bearer <admin token>"));
    co_return;
  }
  if (ex.route.route == AdminRouteId::kNone && ex.route.method_allowed) {
    problem(ex, core::Problem::make(core::ProblemCode::kNotFound,
                                    "no admin route for " + std::string(method) + " " +
                                        std::string(target.substr(0, target.find('?')))));
    co_return;
  }
  if (!ex.route.method_allowed) {
    core::Problem p = core::Problem::make(
        core::ProblemCode::kMethodNotAllowed,
        std::string(method) + " is not allowed here; allowed: " + std::string(ex.route.allow));
    p.allow = std::string(ex.route.allow);
    problem(ex, p);
    co_return;
  }
  if (ex.route.bad_tenant_id) {
    problem(ex, core::Problem::field(core::ProblemCode::kMalformedRequest, "id", "invalid",
                                     "the tenant id in the path is empty or not percent-decodable"));
    co_return;
  }

  const std::string& id = ex.route.tenant_id;
  switch (ex.route.route) {
    case AdminRouteId::kListTenants: {
      const auto snapshot = reloader_.store().current();
      reply(ex, list_tenants_route(*snapshot));
      co_return;
    }
    case AdminRouteId::kGetTenant: {
      const auto snapshot = reloader_.store().current();
      reply(ex, get_tenant_route(*snapshot, id));
      co_return;
    }
    case AdminRouteId::kPutTenant:
      if (!acceptable_body_type(header(ex.request, http::field::content_type))) {
        problem(ex, core::Problem::make(core::ProblemCode::kUnsupportedMediaType,
                                        "the body must be application/json"));
        co_return;
      }
      reply(ex, put_tenant_route(editor_, id, ex.request.body()));
      co_return;
    case AdminRouteId::kDeleteTenant:
      reply(ex, delete_tenant_route(editor_, id));
      co_return;
    case AdminRouteId::kProbeTenant: {
      std::shared_ptr<const config::Snapshot> snapshot = reloader_.store().current();
      core::upstream::Executor executor = io_.get_executor();
      core::Result<AdminReply> answer = co_await probe_tenant_route(executor, snapshot, id, ex.request_id);
      reply(ex, answer);
      co_return;
    }
    case AdminRouteId::kReload:
      reply(ex, reload_route(reloader_));
      co_return;
    case AdminRouteId::kNone:
      break;
  }
}

void AdminHandler::audit(const Exchange& ex, const ConnectionInfo& info) {
  // Ids, action and outcome only: bodies carry secrets and are never logged.
  const std::string remote = remote_text(info);
  const std::string_view method(ex.request.method_string().data(), ex.request.method_string().size());
  core::log::info(
      "admin_audit",
      {{"request_id", ex.request_id},
       {"remote", remote},
       {"method", method},
       {"action", ex.route.action.empty() ? std::string_view("unmatched") : ex.route.action},
       {"tenant", ex.route.tenant_id.empty() ? std::string_view("-") : std::string_view(ex.route.tenant_id)},
       {"status", static_cast<int>(ex.response.result_int())},
       {"config_generation", ex.generation}});
}

}  // namespace profilegw::gateway::admin
