#include "gateway/openapi/openapi_problems.h"

#include <algorithm>

#include "gateway/openapi/openapi_refs.h"
#include "gateway/server/request_id.h"

namespace profilegw::gateway::openapi {
namespace {

using core::ProblemCode;

bool in_api(Api api, ProblemCode code) {
  const CodeDoc doc = code_doc(code);
  return api == Api::kAdmin ? doc.admin_api : doc.public_api;
}

std::vector<const core::ProblemSpec*> specs_with_status(Api api, int status) {
  std::vector<const core::ProblemSpec*> out;
  for (const core::ProblemSpec& spec : core::problem_specs()) {
    if (spec.status == status && in_api(api, spec.code)) out.push_back(&spec);
  }
  return out;
}

Json example(const core::ProblemSpec& spec, Api api) {
  Json value = Json::object()
                   .set("type", "https://profilegw.dev/problems/" + std::string(spec.name))
                   .set("title", spec.title)
                   .set("status", spec.status)
                   .set("code", spec.name)
                   .set("detail", code_doc(spec.code).when)
                   .set("request_id", "4f1c2a9e0b7d4e35a1c6f08b2d9e7a13");
  if (api == Api::kPublic && spec.code != ProblemCode::kInvalidApiKey && spec.status != 405 &&
      spec.code != ProblemCode::kNotFound) {
    value.set("tenant", "acme");
  }
  if (spec.code == ProblemCode::kValidationFailed) {
    value.set("detail", "first_name: at least 3 characters");
    value.set("errors", Json::array({Json::object()
                                         .set("field", "first_name")
                                         .set("code", "too_short")
                                         .set("message", "at least 3 characters")}));
    value.set("upstream", Json::object().set("status", 422));
  }
  return Json::object().set("summary", spec.title).set("value", std::move(value));
}

}  // namespace

// Exhaustive on purpose: a new problem code does not compile until it is documented.
CodeDoc code_doc(ProblemCode code) {
  constexpr bool kPublic = true;
  constexpr bool kAdmin = true;
  switch (code) {
    case ProblemCode::kMalformedRequest:
      return {
          "The body is not valid JSON, not an object, has a wrong type for a field or an unknown field; "
          "or the request itself is malformed (framing, customer or tenant id).",
          kPublic, kAdmin};
    case ProblemCode::kInvalidApiKey:
      return {"X-Api-Key is missing or not known.", kPublic, false};
    case ProblemCode::kCustomerUnauthorized:
      return {"The customer credential (Authorization: Bearer) is missing, or the backend rejected it.",
              kPublic, false};
    case ProblemCode::kCustomerForbidden:
      return {"The backend refuses this customer access to that record.", kPublic, false};
    case ProblemCode::kRouteNotSupported:
      return {
          "The token route on an id-addressed provider or the id route on a token-addressed one (the detail "
          "says which route to use), or verification on a provider without it.",
          kPublic, false};
    case ProblemCode::kNotFound:
      return {"No such route (admin API: no such tenant).", kPublic, kAdmin};
    case ProblemCode::kCustomerNotFound:
      return {"The backend says the customer does not exist.", kPublic, false};
    case ProblemCode::kMethodNotAllowed:
      return {"The path exists, not with this method; Allow lists the methods it has.", kPublic, kAdmin};
    case ProblemCode::kPreconditionFailed:
      return {"If-Match does not match the current profile's ETag.", kPublic, false};
    case ProblemCode::kPayloadTooLarge:
      return {"The body is over limits.max_body_bytes.", kPublic, kAdmin};
    case ProblemCode::kHeadersTooLarge:
      return {"The request line and headers are over limits.max_header_bytes.", kPublic, kAdmin};
    case ProblemCode::kUnsupportedMediaType:
      return {"The body is not application/json.", kPublic, kAdmin};
    case ProblemCode::kValidationFailed:
      return {
          "Gateway-side or backend-side validation failed; errors[] has one entry per field (admin API: the "
          "config the change would make is invalid).",
          kPublic, kAdmin};
    case ProblemCode::kUnsupportedField:
      return {
          "The field exists in the unified schema but this tenant's provider cannot write it (or it is "
          "read-only everywhere: id, provider, extra, profile_completed).",
          kPublic, false};
    case ProblemCode::kUnsupportedValue:
      return {"A unified value this provider does not have, for example gender `unspecified`.", kPublic,
              false};
    case ProblemCode::kInvalidVerificationCode:
      return {
          "The one-time code is wrong or expired, or the verification_id is invalid, expired or another "
          "customer's.",
          kPublic, false};
    case ProblemCode::kRateLimited:
      return {
          "The tenant is over its rate limit, or the backend throttled the call; Retry-After says when to "
          "retry.",
          kPublic, false};
    case ProblemCode::kUpstreamBadResponse:
      return {"The backend answered something that cannot be understood (including a redirect on a write).",
              kPublic, false};
    case ProblemCode::kUpstreamError:
      return {"The backend failed (5xx), or its envelope reported a failure with no better mapping.", kPublic,
              false};
    case ProblemCode::kUpstreamUnavailable:
      return {"The backend is unreachable, or its circuit is open; Retry-After says when to retry.", kPublic,
              false};
    case ProblemCode::kUpstreamTimeout:
      return {"The backend did not answer within the tenant's upstream.timeout_ms.", kPublic, false};
    case ProblemCode::kServiceUnavailable:
      return {"The gateway is overloaded (limits.max_in_flight) or shutting down.", kPublic, kAdmin};
    case ProblemCode::kInternalError:
      return {"A bug in the gateway; the request id finds it in the log.", kPublic, kAdmin};
    case ProblemCode::kUnauthorized:
      return {"The admin token (Authorization: Bearer) is missing or wrong.", false, kAdmin};
    case ProblemCode::kConflict:
      return {"The config changed underneath the change; retry it.", false, kAdmin};
  }
  return {};
}

std::vector<int> problem_statuses(Api api) {
  std::vector<int> statuses;
  for (const core::ProblemSpec& spec : core::problem_specs()) {
    if (in_api(api, spec.code)) statuses.push_back(spec.status);
  }
  std::sort(statuses.begin(), statuses.end());
  statuses.erase(std::unique(statuses.begin(), statuses.end()), statuses.end());
  return statuses;
}

std::string problem_response_name(Api api, int status) {
  return (api == Api::kAdmin ? "AdminProblem" : "Problem") + std::to_string(status);
}

Json problem_response(Api api, int status) {
  const std::vector<const core::ProblemSpec*> specs = specs_with_status(api, status);
  std::string description;
  std::vector<std::string_view> codes;
  Json examples = Json::object();
  for (const core::ProblemSpec* spec : specs) {
    if (!description.empty()) description += ' ';
    description += '`';
    description += spec->name;
    description += "`: ";
    description += code_doc(spec->code).when;
    codes.push_back(spec->name);
    examples.set(spec->name, example(*spec, api));
  }

  Json headers = Json::object().set(kRequestIdHeader, header_ref(kRequestIdHeader));
  if (status == core::spec_of(ProblemCode::kMethodNotAllowed).status) {
    headers.set(kAllowHeader, header_ref(kAllowHeader));
  }
  if (status == core::spec_of(ProblemCode::kRateLimited).status) {
    headers.set(kRetryAfterHeader, header_ref(kRetryAfterHeader));
  } else if (status == core::spec_of(ProblemCode::kUpstreamUnavailable).status) {
    headers.set(kRetryAfterHeader, header_ref("Retry-After-Optional"));
  }

  Json schema = Json::object().set(
      "allOf", Json::array({schema_ref("Problem"),
                            Json::object()
                                .set("type", "object")
                                .set("properties",
                                     Json::object()
                                         .set("status", Json::object().set("const", status))
                                         .set("code", Json::object().set("enum", Json::strings(codes))))}));
  return Json::object()
      .set("description", std::move(description))
      .set("headers", std::move(headers))
      .set("content",
           Json::object().set(
               "application/problem+json",
               Json::object().set("schema", std::move(schema)).set("examples", std::move(examples))));
}

Json problem_responses() {
  Json out = Json::object();
  for (Api api : {Api::kPublic, Api::kAdmin}) {
    for (int status : problem_statuses(api))
      out.set(problem_response_name(api, status), problem_response(api, status));
  }
  return out;
}

}  // namespace profilegw::gateway::openapi
