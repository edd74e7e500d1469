#include "gateway/openapi/openapi_admin.h"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/config_schema.h"
#include "core/problem.h"
#include "gateway/admin/admin_route_table.h"
#include "gateway/openapi/openapi_problems.h"
#include "gateway/openapi/openapi_refs.h"
#include "gateway/server/request_id.h"

namespace profilegw::gateway::openapi {
namespace {

using admin::AdminRouteId;
using core::ProblemCode;

constexpr std::string_view kTenantPrefix = "tenants[].";

// The config schema's prose type ("integer 1..600000", "\"json\" | \"text\"") as JSON Schema.
Json type_schema(const config::SchemaEntry& e) {
  Json s = Json::object();
  const std::string_view t = e.type;
  if (t.starts_with("integer")) {
    s.set("type", "integer");
  } else if (t.starts_with("number")) {
    s.set("type", "number");
  } else if (t.starts_with("boolean")) {
    s.set("type", "boolean");
  } else if (t.starts_with("object")) {
    s.set("type", "object");
  } else if (t.starts_with("array of strings")) {
    s.set("type", "array").set("items", Json::object().set("type", "string"));
  } else if (t.starts_with("array")) {
    s.set("type", "array");
  } else if (t.starts_with("\"")) {
    Json values = Json::array();
    for (std::size_t open = t.find('"'); open != std::string_view::npos;) {
      const std::size_t close = t.find('"', open + 1);
      if (close == std::string_view::npos) break;
      values.push(t.substr(open + 1, close - open - 1));
      open = t.find('"', close + 1);
    }
    s.set("enum", std::move(values));
  } else {
    s.set("type", "string");
  }
  std::string description(e.description);
  description += " Type: ";
  description += e.type;
  description += ". Default: ";
  description += e.default_value;
  description += '.';
  s.set("description", std::move(description));
  return s;
}

// Nests "upstream.tls.verify" under properties.upstream.properties.tls.properties.verify.
void place(Json& object_schema, std::string_view dotted, Json schema) {
  const std::size_t dot = dotted.find('.');
  if (dot == std::string_view::npos && dotted == "*") {
    object_schema.set("additionalProperties", std::move(schema));
    return;
  }
  Json& props = object_schema.member("properties");
  if (dot == std::string_view::npos) {
    if (Json* existing = props.find(dotted)) {
      // The object's own entry, met after some of its members: keep them.
      Json members = existing->find("properties") ? *existing->find("properties") : Json::object();
      *existing = std::move(schema);
      if (members.size() > 0) existing->set("properties", std::move(members));
      return;
    }
    props.set(dotted, std::move(schema));
    return;
  }
  Json& child = props.member(dotted.substr(0, dot));
  place(child, dotted.substr(dot + 1), std::move(schema));
}

Json tenant_schema() {
  Json tenant =
      Json::object()
          .set("type", "object")
          .set("description",
               "A tenant as in the config file (README.md, \"Configuration reference\"). Answers show "
               "`${NAME}` "
               "placeholders as written and every secret as \"***\"; a PUT may send \"***\" back to keep "
               "the stored secret, and may leave `id` out (the path names the tenant).");
  Json required = Json::array();
  for (const config::SchemaEntry& e : config::config_schema()) {
    if (!e.path.starts_with(kTenantPrefix)) continue;
    const std::string_view rest = e.path.substr(kTenantPrefix.size());
    place(tenant, rest, type_schema(e));
    // A PUT may leave `id` out: the path names the tenant.
    if (rest.find('.') == std::string_view::npos && e.default_value == "required" && rest != "id") {
      required.push(rest);
    }
  }
  tenant.set("required", std::move(required));
  return tenant;
}

Json operation(std::string_view id, std::string_view summary, std::string_view description, Json responses,
               std::initializer_list<ProblemCode> codes, bool tenant_param) {
  for (ProblemCode c :
       {ProblemCode::kMalformedRequest, ProblemCode::kUnauthorized, ProblemCode::kNotFound,
        ProblemCode::kMethodNotAllowed, ProblemCode::kPayloadTooLarge, ProblemCode::kHeadersTooLarge,
        ProblemCode::kInternalError, ProblemCode::kServiceUnavailable}) {
    const int status = core::spec_of(c).status;
    responses.set(std::to_string(status), response_ref(problem_response_name(Api::kAdmin, status)));
  }
  for (ProblemCode c : codes) {
    const int status = core::spec_of(c).status;
    responses.set(std::to_string(status), response_ref(problem_response_name(Api::kAdmin, status)));
  }
  std::vector<std::size_t> order(responses.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return responses.keys()[a] < responses.keys()[b]; });
  Json sorted = Json::object();
  for (std::size_t i : order) sorted.set(responses.keys()[i], responses.values()[i]);

  Json params = Json::array();
  if (tenant_param) params.push(parameter_ref("TenantId"));
  params.push(parameter_ref("X-Request-Id"));
  return Json::object()
      .set("operationId", id)
      .set("tags", Json::array({"admin"}))
      .set("summary", summary)
      .set("description", description)
      .set("security", Json::array({Json::object().set("AdminBearer", Json::array())}))
      .set("parameters", std::move(params))
      .set("responses", std::move(sorted));
}

Json ok_json(std::string_view description, std::string_view schema) {
  return Json::object()
      .set("description", description)
      .set("headers", Json::object().set(kRequestIdHeader, header_ref(kRequestIdHeader)))
      .set("content",
           Json::object().set("application/json", Json::object().set("schema", schema_ref(schema))));
}

struct Documented {
  std::string_view method;
  std::string_view probe;
  Json operation;
};

// Exhaustive on purpose: a new admin route does not compile until it is documented.
std::optional<Documented> document(AdminRouteId route) {
  switch (route) {
    case AdminRouteId::kNone:
      return std::nullopt;
    case AdminRouteId::kListTenants:
      return Documented{
          "GET", "/admin/tenants",
          operation("listTenants", "All tenants", "Every tenant, secrets redacted.",
                    Json::object().set("200", ok_json("The tenants.", "TenantList")), {}, false)};
    case AdminRouteId::kGetTenant:
      return Documented{"GET", "/admin/tenants/x",
                        operation("getTenant", "One tenant", "The tenant, secrets redacted.",
                                  Json::object().set("200", ok_json("The tenant.", "Tenant")), {}, true)};
    case AdminRouteId::kPutTenant: {
      Json created = ok_json("Created; Location names the tenant.", "Tenant");
      created.member("headers").set("Location",
                                    Json::object().set("schema", Json::object().set("type", "string")));
      Json op = operation(
          "putTenant", "Create or replace a tenant",
          "Validated like the config file; takes effect for new requests at once and is written back "
          "to the config file atomically. A rejected change changes nothing.",
          Json::object().set("200", ok_json("Replaced.", "Tenant")).set("201", std::move(created)),
          {ProblemCode::kUnsupportedMediaType, ProblemCode::kValidationFailed, ProblemCode::kConflict}, true);
      op.set("requestBody",
             Json::object()
                 .set("required", true)
                 .set("content", Json::object().set("application/json",
                                                    Json::object().set("schema", schema_ref("Tenant")))));
      return Documented{"PUT", "/admin/tenants/x", std::move(op)};
    }
    case AdminRouteId::kDeleteTenant:
      return Documented{
          "DELETE", "/admin/tenants/x",
          operation("deleteTenant", "Remove a tenant", "Written back to the config file atomically.",
                    Json::object().set(
                        "204", Json::object()
                                   .set("description", "Removed.")
                                   .set("headers",
                                        Json::object().set(kRequestIdHeader, header_ref(kRequestIdHeader)))),
                    {ProblemCode::kValidationFailed, ProblemCode::kConflict}, true)};
    case AdminRouteId::kProbeTenant:
      return Documented{
          "POST", "/admin/tenants/x/probe",
          operation("probeTenant", "Check a tenant's backend",
                    "Is the backend reachable (connect, TLS handshake), and does it accept the "
                    "gateway's own service credentials? `ok` false names the failed step.",
                    Json::object().set("200", ok_json("The probe's steps.", "ProbeReport")), {}, true)};
    case AdminRouteId::kReload:
      return Documented{
          "POST", "/admin/reload",
          operation("reloadConfig", "Reload the config file",
                    "As SIGHUP does. An invalid file is a 422 with every problem; the config in force "
                    "stays.",
                    Json::object().set("200", ok_json("Reloaded.", "ReloadResult")),
                    {ProblemCode::kValidationFailed}, false)};
  }
  return std::nullopt;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// "/admin/tenants/{id}": the route table names no template, so the id segment is named here.
std::string path_template(std::string_view probe) {
  std::string out(probe);
  constexpr std::string_view kProbeId = "/x";
  if (const std::size_t at = out.find(kProbeId, std::string_view("/admin/tenants").size());
      at != std::string::npos && at == std::string_view("/admin/tenants").size()) {
    out.replace(at, kProbeId.size(), "/{tenant_id}");
  }
  return out;
}

}  // namespace

Json admin_paths() {
  Json paths = Json::object();
  for (int i = 1;; ++i) {
    const auto route = static_cast<AdminRouteId>(i);
    std::optional<Documented> doc = document(route);
    if (!doc) break;
    const admin::AdminRouteMatch match = admin::match_admin_route(doc->method, doc->probe);
    if (match.route != route) {
      throw std::logic_error("OpenAPI: the admin route table does not map " + std::string(doc->method) + " " +
                             std::string(doc->probe) + " to the documented route");
    }
    Json op = std::move(doc->operation);
    op.set("servers",
           Json::array({Json::object()
                            .set("url", "/")
                            .set("description",
                                 "The admin listener (admin.address:admin.port), not the public one.")}));
    paths.member(path_template(doc->probe)).set(lower(doc->method), std::move(op));
  }
  return paths;
}

Json admin_schemas() {
  return Json::object()
      .set("Tenant", tenant_schema())
      .set(
          "TenantList",
          Json::object()
              .set("type", "object")
              .set("required", Json::array({"tenants", "config_generation"}))
              .set("properties",
                   Json::object()
                       .set("tenants", Json::object().set("type", "array").set("items", schema_ref("Tenant")))
                       .set("config_generation", Json::object().set("type", "integer"))))
      .set("ProbeReport",
           Json::object()
               .set("type", "object")
               .set("required", Json::array({"tenant", "ok", "steps"}))
               .set("properties",
                    Json::object()
                        .set("tenant", Json::object().set("type", "string"))
                        .set("ok", Json::object().set("type", "boolean"))
                        .set("steps",
                             Json::object()
                                 .set("type", "array")
                                 .set("items",
                                      Json::object()
                                          .set("type", "object")
                                          .set("required", Json::array({"step", "ok", "ms"}))
                                          .set("properties",
                                               Json::object()
                                                   .set("step", Json::object().set(
                                                                    "examples",
                                                                    Json::array({"connect", "tls_handshake",
                                                                                 "service_auth"})))
                                                   .set("ok", Json::object().set("type", "boolean"))
                                                   .set("ms", Json::object().set("type", "number"))
                                                   .set("status", Json::object().set("type", "integer"))
                                                   .set("detail", Json::object().set("type", "string")))))))
      .set("ReloadResult",
           Json::object()
               .set("type", "object")
               .set("required", Json::array({"ok", "config_generation"}))
               .set("properties", Json::object()
                                      .set("ok", Json::object().set("const", true))
                                      .set("config_generation", Json::object().set("type", "integer"))));
}

}  // namespace profilegw::gateway::openapi
