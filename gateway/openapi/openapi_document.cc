#include "gateway/openapi/openapi_document.h"

#include "gateway/openapi/openapi_admin.h"
#include "gateway/openapi/openapi_operations.h"
#include "gateway/openapi/openapi_problems.h"
#include "gateway/openapi/openapi_refs.h"
#include "gateway/openapi/openapi_schemas.h"
#include "gateway/router/route_table.h"
#include "gateway/server/request_id.h"

namespace profilegw::gateway::openapi {
namespace {

constexpr std::string_view kDescription =
    "One unified customer-profile API in front of several commerce backends. The `X-Api-Key` selects the "
    "tenant, and so the backend and its translation. Routes that reach a customer's record also carry the "
    "customer's own credential as `Authorization: Bearer <token>`, unless the tenant's provider "
    "authenticates "
    "with the gateway's service credentials (customer_auth `none`). GET /v1/capabilities tells, per tenant, "
    "which route addresses its customers and what each unified field allows. Every error is "
    "application/problem+json (RFC 9457) with a machine `code`; every response carries X-Request-Id.";

Json headers() {
  Json integer = Json::object().set("type", "integer").set("minimum", 0);
  return Json::object()
      .set(kRequestIdHeader,
           Json::object()
               .set("description",
                    "The caller's X-Request-Id when it sent a valid one (1 to 128 characters of "
                    "A-Z a-z 0-9 . _ -), else a new one; the same id is sent upstream and logged.")
               .set("required", true)
               .set("schema", Json::object().set("type", "string").set("pattern", "^[A-Za-z0-9._-]{1,128}$")))
      .set(kETagHeader,
           Json::object()
               .set("description",
                    "Strong validator of the unified profile document; send it back "
                    "in If-Match on PATCH.")
               .set("required", true)
               .set("schema", Json::object().set("type", "string").set("pattern", "^\"[^\"]*\"$")))
      .set(kRetryAfterHeader, Json::object()
                                  .set("description", "Seconds to wait before retrying.")
                                  .set("required", true)
                                  .set("schema", integer))
      .set("Retry-After-Optional", Json::object()
                                       .set("description", "Seconds to wait before retrying, when known.")
                                       .set("schema", integer))
      .set(kAllowHeader, Json::object()
                             .set("description", "The methods the path has, for example `GET, PATCH`.")
                             .set("required", true)
                             .set("schema", Json::object().set("type", "string")));
}

Json header_parameter(std::string_view name, std::string_view description, Json schema) {
  return Json::object()
      .set("name", name)
      .set("in", "header")
      .set("required", false)
      .set("description", description)
      .set("schema", std::move(schema));
}

Json parameters() {
  const Json text = Json::object().set("type", "string");
  return Json::object()
      .set("CustomerId",
           Json::object()
               .set("name", "customer_id")
               .set("in", "path")
               .set("required", true)
               .set("description",
                    "The customer's id at the provider; percent-decoded, then percent-encoded again "
                    "into the backend's path.")
               .set("schema", Json::object()
                                  .set("type", "string")
                                  .set("minLength", 1)
                                  .set("maxLength", static_cast<int>(kMaxCustomerIdLength))))
      .set("TenantId", Json::object()
                           .set("name", "tenant_id")
                           .set("in", "path")
                           .set("required", true)
                           .set("description", "The tenant's id.")
                           .set("schema", text))
      .set(kRequestIdHeader,
           header_parameter(
               kRequestIdHeader,
               "Your id for this request (1 to 128 characters of A-Z a-z 0-9 . _ -); any other value "
               "is replaced by a new id. Echoed in the response, sent upstream, logged.",
               Json::object().set("type", "string").set("maxLength", static_cast<int>(kMaxRequestIdLength))))
      .set("Accept-Language",
           header_parameter(
               "Accept-Language",
               "Forwarded to the backend instead of the tenant's default (selects the language of "
               "backend messages).",
               text))
      .set("If-Match",
           header_parameter("If-Match",
                            "An ETag from a previous answer (or `*`): the update is made only if the "
                            "current profile still has it, else 412 precondition_failed.",
                            text));
}

Json security_schemes() {
  return Json::object()
      .set("ApiKey", Json::object()
                         .set("type", "apiKey")
                         .set("in", "header")
                         .set("name", "X-Api-Key")
                         .set("description",
                              "The tenant's API key: selects the tenant. 401 invalid_api_key when "
                              "missing or not known."))
      .set("CustomerBearer",
           Json::object()
               .set("type", "http")
               .set("scheme", "bearer")
               .set("description",
                    "The customer's own credential (for example a JWT), forwarded upstream in the "
                    "tenant's scheme (Bearer or Token). Not needed, and never forwarded, for tenants "
                    "whose customer_auth is `none`. 401 customer_unauthorized when missing or "
                    "rejected by the backend."))
      .set("AdminBearer", Json::object()
                              .set("type", "http")
                              .set("scheme", "bearer")
                              .set("description", "The config's admin.token (admin API only)."));
}

Json merged(Json a, const Json& b) {
  for (std::size_t i = 0; i < b.size(); ++i) a.set(b.keys()[i], b.values()[i]);
  return a;
}

}  // namespace

Json openapi_tree(const core::AdapterRegistry& registry) {
  const std::vector<std::string_view> providers = registry.names();
  return Json::object()
      .set("openapi", "3.1.0")
      .set("info", Json::object()
                       .set("title", "profilegw unified customer-profile API")
                       .set("version", PROFILEGW_VERSION)
                       .set("description", kDescription))
      .set("tags",
           Json::array({Json::object()
                            .set("name", "profile")
                            .set("description", "The calling tenant's customers' profiles."),
                        Json::object()
                            .set("name", "capabilities")
                            .set("description", "What the tenant's provider can do."),
                        Json::object()
                            .set("name", "operations")
                            .set("description", "Health, readiness, metrics and this document; no API key."),
                        Json::object()
                            .set("name", "admin")
                            .set("description",
                                 "Tenant onboarding and reload, on the admin listener only "
                                 "(admin.address:admin.port), with the admin token.")}))
      .set("paths", merged(public_paths(), admin_paths()))
      .set("components", Json::object()
                             .set("schemas", merged(unified_schemas(providers), admin_schemas()))
                             .set("responses", problem_responses())
                             .set("parameters", parameters())
                             .set("headers", headers())
                             .set("securitySchemes", security_schemes()));
}

std::string build_openapi_document(const core::AdapterRegistry& registry) {
  return openapi_tree(registry).dump();
}

}  // namespace profilegw::gateway::openapi
