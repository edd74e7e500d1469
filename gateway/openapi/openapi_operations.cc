#include "gateway/openapi/openapi_operations.h"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/problem.h"
#include "gateway/openapi/openapi_problems.h"
#include "gateway/openapi/openapi_refs.h"
#include "gateway/router/route_table.h"
#include "gateway/server/request_id.h"

namespace profilegw::gateway::openapi {
namespace {

using core::ProblemCode;

// What the gateway can answer on any route, before or around the handler: framing (400), an unknown
// method (405), size limits (413, 431), a bug (500), overload or shutdown (503).
constexpr std::initializer_list<ProblemCode> kServerCodes = {
    ProblemCode::kMalformedRequest, ProblemCode::kMethodNotAllowed, ProblemCode::kPayloadTooLarge,
    ProblemCode::kHeadersTooLarge,  ProblemCode::kInternalError,    ProblemCode::kServiceUnavailable};
// Every /v1 route: the tenant comes from X-Api-Key and has a rate limit.
constexpr std::initializer_list<ProblemCode> kTenantCodes = {ProblemCode::kInvalidApiKey,
                                                             ProblemCode::kRateLimited};
// Every route that reaches the customer's backend.
constexpr std::initializer_list<ProblemCode> kCustomerCodes = {
    ProblemCode::kCustomerUnauthorized, ProblemCode::kCustomerForbidden,   ProblemCode::kRouteNotSupported,
    ProblemCode::kCustomerNotFound,     ProblemCode::kValidationFailed,    ProblemCode::kUpstreamBadResponse,
    ProblemCode::kUpstreamError,        ProblemCode::kUpstreamUnavailable, ProblemCode::kUpstreamTimeout};
constexpr std::initializer_list<ProblemCode> kPatchCodes = {
    ProblemCode::kPreconditionFailed, ProblemCode::kUnsupportedMediaType, ProblemCode::kUnsupportedField,
    ProblemCode::kUnsupportedValue};
constexpr std::initializer_list<ProblemCode> kVerificationCodes = {ProblemCode::kUnsupportedMediaType,
                                                                   ProblemCode::kInvalidVerificationCode};

enum class Access : std::uint8_t { kOpen, kTenant, kCustomer };

void add_problems(Json& responses, std::initializer_list<ProblemCode> codes) {
  std::vector<int> statuses;
  for (ProblemCode c : codes) statuses.push_back(core::spec_of(c).status);
  std::sort(statuses.begin(), statuses.end());
  for (int status : statuses) {
    const std::string key = std::to_string(status);
    if (responses.find(key) == nullptr) {
      responses.set(key, response_ref(problem_response_name(Api::kPublic, status)));
    }
  }
}

// Responses keyed in ascending status order, as readers expect.
Json sorted_responses(const Json& responses) {
  std::vector<std::size_t> order(responses.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return responses.keys()[a] < responses.keys()[b]; });
  Json out = Json::object();
  for (std::size_t i : order) out.set(responses.keys()[i], responses.values()[i]);
  return out;
}

Json headers(bool etag) {
  Json h = Json::object().set(kRequestIdHeader, header_ref(kRequestIdHeader));
  if (etag) h.set(kETagHeader, header_ref(kETagHeader));
  return h;
}

Json json_response(std::string_view description, Json schema, bool etag) {
  return Json::object()
      .set("description", description)
      .set("headers", headers(etag))
      .set("content",
           Json::object().set("application/json", Json::object().set("schema", std::move(schema))));
}

Json json_body(std::string_view schema_name, std::string_view description, Json example) {
  Json media = Json::object().set("schema", schema_ref(schema_name)).set("example", std::move(example));
  return Json::object()
      .set("required", true)
      .set("description", description)
      .set("content",
           Json::object().set("application/json", media).set("application/merge-patch+json", media));
}

struct OperationSpec {
  std::string_view operation_id;
  std::string_view tag;
  std::string_view summary;
  std::string_view description;
  Access access = Access::kOpen;
  bool by_id = false;     // {customer_id} in the path
  bool if_match = false;  // If-Match accepted
};

Json security(Access access) {
  Json api_key = Json::object().set("ApiKey", Json::array());
  switch (access) {
    case Access::kOpen:
      return Json::array();
    case Access::kTenant:
      return Json::array({api_key});
    case Access::kCustomer:
      // Bearer for tenants whose customer_auth.scheme is Bearer or Token; the API key alone for `none`.
      return Json::array({Json(api_key).set("CustomerBearer", Json::array()), api_key});
  }
  return Json::array();
}

Json operation(const OperationSpec& spec, Json responses) {
  Json params = Json::array();
  if (spec.by_id) params.push(parameter_ref("CustomerId"));
  params.push(parameter_ref("X-Request-Id"));
  if (spec.access == Access::kCustomer) params.push(parameter_ref("Accept-Language"));
  if (spec.if_match) params.push(parameter_ref("If-Match"));

  std::initializer_list<ProblemCode> groups[] = {kServerCodes, kTenantCodes, kCustomerCodes};
  const std::size_t n = spec.access == Access::kOpen ? 1 : spec.access == Access::kTenant ? 2 : 3;
  for (std::size_t i = 0; i < n; ++i) add_problems(responses, groups[i]);

  return Json::object()
      .set("operationId", spec.operation_id)
      .set("tags", Json::array({spec.tag}))
      .set("summary", spec.summary)
      .set("description", spec.description)
      .set("security", security(spec.access))
      .set("parameters", std::move(params))
      .set("responses", sorted_responses(responses));
}

Json profile_ok(bool patch) {
  return json_response(
      patch ? "The full unified profile as it stands after the update." : "The unified profile.",
      schema_ref("UnifiedProfile"), true);
}

Json patch_responses() {
  Json r = Json::object()
               .set("200", profile_ok(true))
               .set("202",
                    json_response("A contact change awaits its one-time code; the other changes are applied.",
                                  schema_ref("VerificationRequired"), true));
  add_problems(r, kPatchCodes);
  return r;
}

Json patch_example() { return Json::object().set("first_name", "Johnny").set("gender", "male"); }

constexpr std::string_view kPatchDescription =
    "Partial update: absent keys are left unchanged, null clears a nullable field, `address` merges key by "
    "key. With If-Match, the gateway compares it with the ETag of the current profile first (412 on "
    "mismatch). A change the backend holds for a one-time code answers 202.";

// A concrete request for the route and its documentation. Exhaustive on purpose: a new route does not
// compile until it is documented.
struct Documented {
  std::string_view method;
  std::string_view probe;  // a request-target the route table maps to this route
  Json operation;
};

std::optional<Documented> document(RouteId route) {
  switch (route) {
    case RouteId::kNone:
      return std::nullopt;
    case RouteId::kProfileGet:
      return Documented{
          "GET", "/v1/profile",
          operation({"getProfile", "profile", "Read the calling customer's profile",
                     "For providers that address customers by their credential (django, shop, salla; "
                     "GET /v1/capabilities says `addressing: token`).",
                     Access::kCustomer},
                    Json::object().set("200", profile_ok(false)))};
    case RouteId::kProfilePatch: {
      Json op = operation({"patchProfile", "profile", "Update the calling customer's profile",
                           kPatchDescription, Access::kCustomer, false, true},
                          patch_responses());
      op.set("requestBody", json_body("ProfilePatch", "The fields to change.", patch_example()));
      return Documented{"PATCH", "/v1/profile", std::move(op)};
    }
    case RouteId::kCustomerGet:
      return Documented{"GET", "/v1/customers/x/profile",
                        operation({"getCustomerProfile", "profile", "Read a customer's profile by id",
                                   "For providers that address customers by id (v1rest, partner; GET "
                                   "/v1/capabilities says `addressing: id`).",
                                   Access::kCustomer, true},
                                  Json::object().set("200", profile_ok(false)))};
    case RouteId::kCustomerPatch: {
      Json op = operation({"patchCustomerProfile", "profile", "Update a customer's profile by id",
                           kPatchDescription, Access::kCustomer, true, true},
                          patch_responses());
      op.set("requestBody", json_body("ProfilePatch", "The fields to change.", patch_example()));
      return Documented{"PATCH", "/v1/customers/x/profile", std::move(op)};
    }
    case RouteId::kVerification: {
      Json responses =
          Json::object().set("200", json_response("The contact change is applied; the full unified profile.",
                                                  schema_ref("UnifiedProfile"), true));
      add_problems(responses, kVerificationCodes);
      Json op =
          operation({"completeVerification", "profile", "Complete a pending contact change",
                     "Sends the one-time code the customer received for the change a PATCH answered with "
                     "202 verification_required.",
                     Access::kCustomer},
                    std::move(responses));
      Json body =
          json_body("VerificationRequest", "The verification id from the 202 answer and the code.",
                    Json::object().set("verification_id", "<from the 202 answer>").set("code", "1234"));
      op.set("requestBody", std::move(body));
      return Documented{"POST", "/v1/profile/verification", std::move(op)};
    }
    case RouteId::kCapabilities:
      return Documented{
          "GET", "/v1/capabilities",
          operation({"getCapabilities", "capabilities", "What the tenant's provider can do",
                     "Per unified field: readable, writable, requires_verification, nullable and "
                     "constraints; and which route addresses the tenant's customers.",
                     Access::kTenant},
                    Json::object().set("200", json_response("The tenant's capabilities.",
                                                            schema_ref("Capabilities"), false)))};
    case RouteId::kHealthz:
      return Documented{
          "GET", "/healthz",
          operation({"getHealth", "operations", "Liveness", "200 while the process serves requests.",
                     Access::kOpen},
                    Json::object().set("200", json_response("Alive.", schema_ref("Health"), false)))};
    case RouteId::kReadyz: {
      Json not_ready = problem_response(Api::kPublic, core::spec_of(ProblemCode::kServiceUnavailable).status);
      not_ready.set("description",
                    "Not ready (no config loaded, listener not up, or draining): application/json "
                    "Readiness; or the gateway is overloaded: application/problem+json.");
      not_ready.member("content").set("application/json",
                                      Json::object().set("schema", schema_ref("Readiness")));
      Json responses =
          Json::object()
              .set("200", json_response("Ready: config loaded, listener up.", schema_ref("Readiness"), false))
              .set("503", std::move(not_ready));
      return Documented{
          "GET", "/readyz",
          operation(
              {"getReadiness", "operations", "Readiness",
               "200 once the config is loaded and the listener is up; 503 while draining.", Access::kOpen},
              std::move(responses))};
    }
    case RouteId::kMetrics: {
      Json ok = Json::object()
                    .set("description", "Prometheus text exposition format 0.0.4.")
                    .set("headers", headers(false))
                    .set("content", Json::object().set(
                                        "text/plain",
                                        Json::object().set("schema", Json::object().set("type", "string"))));
      return Documented{
          "GET", "/metrics",
          operation(
              {"getMetrics", "operations", "Prometheus metrics",
               "Requests, latencies (histograms), upstream errors, per tenant and provider.", Access::kOpen},
              Json::object().set("200", std::move(ok)))};
    }
    case RouteId::kOpenApi:
      return Documented{
          "GET", "/openapi.json",
          operation(
              {"getOpenApi", "operations", "This document", "The OpenAPI 3.1 document of this API.",
               Access::kOpen},
              Json::object().set(
                  "200", json_response(
                             "The OpenAPI document.",
                             Json::object()
                                 .set("type", "object")
                                 .set("required", Json::array({"openapi", "info", "paths"}))
                                 .set("properties", Json::object()
                                                        .set("openapi", Json::object().set("type", "string"))
                                                        .set("info", Json::object().set("type", "object"))
                                                        .set("paths", Json::object().set("type", "object"))),
                             false)))};
  }
  return std::nullopt;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

}  // namespace

Json public_paths() {
  Json paths = Json::object();
  // RouteId values are contiguous from kNone; the first value document() does not know ends them.
  for (int i = 1;; ++i) {
    const auto route = static_cast<RouteId>(i);
    std::optional<Documented> doc = document(route);
    if (!doc) break;
    const RouteMatch match = match_route(doc->method, doc->probe);
    if (match.route != route || match.label.empty()) {
      throw std::logic_error("OpenAPI: the route table does not map " + std::string(doc->method) + " " +
                             std::string(doc->probe) + " to the documented route");
    }
    paths.member(match.label).set(lower(doc->method), std::move(doc->operation));
  }
  return paths;
}

}  // namespace profilegw::gateway::openapi
