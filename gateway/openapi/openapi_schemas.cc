#include "gateway/openapi/openapi_schemas.h"

#include <string>

#include "core/model/fields.h"
#include "core/problem.h"
#include "gateway/router/route_table.h"

namespace profilegw::gateway::openapi {
namespace {

using core::FieldId;

// What the unified API itself promises about a field, whatever the provider (CONTRACT.md section 3).
// Provider-specific limits are in GET /v1/capabilities, not here.
struct FieldDoc {
  std::string_view description;
  std::vector<std::string_view> values;  // a closed set of values (null aside)
  std::string_view format;
  std::string_view pattern;
};

// Exhaustive on purpose: a new unified field does not compile until it is documented.
FieldDoc field_doc(FieldId f) {
  switch (f) {
    case FieldId::kUsername:
      return {"The customer's login name.", {}, {}, {}};
    case FieldId::kFirstName:
      return {"Given name. For providers that store one full name (django), split at its last space.",
              {},
              {},
              {}};
    case FieldId::kMiddleName:
      return {"Middle name.", {}, {}, {}};
    case FieldId::kLastName:
      return {"Family name.", {}, {}, {}};
    case FieldId::kFullName:
      return {"The whole name, as the provider stores or computes it.", {}, {}, {}};
    case FieldId::kEmail:
      return {
          "E-mail address. A change may need a one-time code (see `requires_verification` in "
          "GET /v1/capabilities).",
          {},
          {},
          {}};
    case FieldId::kPhone:
      return {
          "Phone number, E.164 (`+` and 8 to 15 digits) wherever the provider's data allows it; "
          "otherwise the provider's value verbatim. A change may need a one-time code.",
          {},
          {},
          {}};
    case FieldId::kGender:
      return {"`male`, `female` or `unspecified`; not every provider has `unspecified`.",
              {"male", "female", "unspecified"},
              {},
              {}};
    case FieldId::kBirthDate:
      return {"Date of birth, `YYYY-MM-DD`.", {}, "date", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"};
    case FieldId::kAvatarUrl:
      return {"URL of the customer's picture.", {}, {}, {}};
    case FieldId::kLanguage:
      return {"Preferred language of the customer (for example `en`, `ar`).", {}, {}, {}};
    case FieldId::kNationalId:
      return {"National identity number.", {}, {}, {}};
    case FieldId::kAddressLine1:
      return {"Street and number.", {}, {}, {}};
    case FieldId::kAddressPostalCode:
      return {"Postal code, always a string (some providers store it as a number, some allow digits only).",
              {},
              {},
              {}};
    case FieldId::kAddressCity:
      return {"City.", {}, {}, {}};
    case FieldId::kAddressState:
      return {"State or region.", {}, {}, {}};
    case FieldId::kAddressCountry:
      return {"Country.", {}, {}, {}};
  }
  return {};
}

Json type_pair(std::string_view type) { return Json::array({type, "null"}); }

// A string-or-null property with the unified API's own constraints on the field.
Json field_schema(FieldId f) {
  const FieldDoc doc = field_doc(f);
  Json s = Json::object().set("type", type_pair("string")).set("description", doc.description);
  if (!doc.values.empty()) {
    Json values = Json::strings(doc.values);
    values.push(nullptr);
    s.set("enum", std::move(values));
  }
  if (!doc.format.empty()) s.set("format", doc.format);
  if (!doc.pattern.empty()) s.set("pattern", doc.pattern);
  return s;
}

Json nullable_ref(std::string_view name) {
  return Json::object().set("anyOf", Json::array({schema_ref(name), Json::object().set("type", "null")}));
}

std::vector<std::string_view> all_field_names() {
  return std::vector<std::string_view>(core::kFieldNames.begin(), core::kFieldNames.end());
}

std::vector<std::string_view> top_level_field_names() {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < core::kFirstAddressField; ++i) out.push_back(core::kFieldNames[i]);
  return out;
}

// Address members, keyed by their key inside `address` ("line1"); `all_required` for documents
// the gateway writes (every key always present), not for patches.
Json address_schema(bool all_required, std::string_view description) {
  Json props = Json::object();
  Json required = Json::array();
  for (std::size_t i = core::kFirstAddressField; i < core::kFieldCount; ++i) {
    const auto f = static_cast<FieldId>(i);
    props.set(core::json_key(f), field_schema(f));
    required.push(core::json_key(f));
  }
  Json s = Json::object()
               .set("type", "object")
               .set("description", description)
               .set("properties", std::move(props));
  if (all_required) s.set("required", std::move(required));
  return std::move(s).set("additionalProperties", false);
}

Json unified_profile_schema(const std::vector<std::string_view>& providers) {
  Json props = Json::object();
  props.set("id", Json::object()
                      .set("type", "string")
                      .set("description", "The customer's id at the provider, always a string."));
  props.set("provider", Json::object()
                            .set("type", "string")
                            .set("description", "The tenant's provider family.")
                            .set("examples", Json::strings(providers)));
  for (std::string_view name : top_level_field_names())
    props.set(name, field_schema(*core::field_from_name(name)));
  props.set("address", std::move(nullable_ref("Address").set(
                           "description", "The postal address; null when the provider has none.")));
  props.set("profile_completed",
            Json::object()
                .set("type", type_pair("boolean"))
                .set("description",
                     "Whether the provider considers the profile complete; null when it has no such flag."));
  props.set("extra",
            Json::object()
                .set("type", "object")
                .set("description",
                     "The provider's fields that have no unified home, verbatim (for example `wallet`, "
                     "`country`, `slug`, `primary_address`).")
                .set("additionalProperties", true));
  Json required = Json::array();
  for (const std::string& key : props.keys()) required.push(key);
  return Json::object()
      .set("type", "object")
      .set("description",
           "The unified customer profile. Every key is always present; null where the provider has no value "
           "or no such field (GET /v1/capabilities tells which).")
      .set("required", std::move(required))
      .set("properties", std::move(props))
      .set("additionalProperties", false);
}

Json profile_patch_schema() {
  Json props = Json::object();
  for (std::string_view name : top_level_field_names())
    props.set(name, field_schema(*core::field_from_name(name)));
  props.set(
      "address",
      std::move(
          nullable_ref("AddressPatch").set("description", "Merged key by key; null clears every member.")));
  return Json::object()
      .set("type", "object")
      .set("description",
           "A partial update. An absent key is left unchanged; null clears a nullable field. `id`, "
           "`provider`, "
           "`extra` and `profile_completed` are read-only (422 `unsupported_field`), as is any field the "
           "tenant's provider holds read-only; an unknown key is 400 `malformed_request`.")
      .set("properties", std::move(props))
      .set("additionalProperties", false);
}

Json verification_required_schema() {
  return Json::object()
      .set("type", "object")
      .set("description",
           "The backend holds a contact change until the customer proves it with a one-time code: send the "
           "code "
           "with this verification_id to POST /v1/profile/verification. The other fields of the PATCH are "
           "applied.")
      .set("required", Json::array({"status", "verification_id", "fields", "profile"}))
      .set("properties",
           Json::object()
               .set("status", Json::object().set("const", "verification_required"))
               .set("verification_id",
                    Json::object()
                        .set("type", "string")
                        .set("minLength", 1)
                        .set("description", "Opaque, signed, expires; any gateway replica can complete it."))
               .set("fields", Json::object()
                                  .set("type", "array")
                                  .set("minItems", 1)
                                  .set("description", "The unified fields awaiting the code.")
                                  .set("items", Json::object()
                                                    .set("type", "string")
                                                    .set("enum", Json::strings(all_field_names()))))
               .set("profile",
                    std::move(
                        schema_ref("UnifiedProfile")
                            .set("description", "The profile as it stands now, before the contact change."))))
      .set("additionalProperties", false);
}

Json verification_request_schema() {
  Json non_empty = Json::object().set("type", "string").set("minLength", 1);
  return Json::object()
      .set("type", "object")
      .set("required", Json::array({"verification_id", "code"}))
      .set(
          "properties",
          Json::object()
              .set("verification_id", Json(non_empty).set("description", "From the 202 answer to the PATCH."))
              .set("code", Json(non_empty).set("description", "The one-time code the customer received.")))
      .set("additionalProperties", false);
}

Json field_constraints_schema() {
  return Json::object()
      .set("type", "object")
      .set("description", "Gateway-side checks on a written value (lengths in characters).")
      .set(
          "properties",
          Json::object()
              .set("min_length", Json::object().set("type", "integer").set("minimum", 0))
              .set("max_length", Json::object().set("type", "integer").set("minimum", 0))
              .set("enum", Json::object()
                               .set("type", "array")
                               .set("description", "The unified values this provider accepts.")
                               .set("items", Json::object().set("type", "string")))
              .set("pattern",
                   Json::object().set("type", "string").set("description", "An ECMA-262 regular expression."))
              .set("format", Json::object()
                                 .set("type", "string")
                                 .set("examples", Json::array({"date", "email", "uri", "e164"}))))
      .set("additionalProperties", false);
}

Json field_capability_schema() {
  Json boolean = Json::object().set("type", "boolean");
  return Json::object()
      .set("type", "object")
      .set("required",
           Json::array({"readable", "writable", "requires_verification", "nullable", "constraints"}))
      .set("properties",
           Json::object()
               .set("readable",
                    Json(boolean).set("description", "The provider has this field (else it reads as null)."))
               .set("writable",
                    Json(boolean).set("description", "A PATCH may change it (else 422 unsupported_field)."))
               .set("requires_verification",
                    Json(boolean).set("description", "A change answers 202 verification_required."))
               .set("nullable", Json(boolean).set("description", "A PATCH may clear it with null."))
               .set("constraints", schema_ref("FieldConstraints")))
      .set("additionalProperties", false);
}

Json capabilities_schema(const std::vector<std::string_view>& providers) {
  const std::string_view token_route = match_route("GET", "/v1/profile").label;
  const std::string_view id_route = match_route("GET", "/v1/customers/x/profile").label;
  const std::string_view verification_route = match_route("POST", "/v1/profile/verification").label;
  Json fields = Json::object();
  for (std::string_view name : {std::string_view("id"), std::string_view("provider")}) {
    fields.set(name, schema_ref("FieldCapability"));
  }
  for (std::size_t i = 0; i < core::kFieldCount; ++i) {
    // `address` as a whole, then its members as `address.<key>`.
    if (i == core::kFirstAddressField) fields.set("address", schema_ref("FieldCapability"));
    fields.set(core::kFieldNames[i], schema_ref("FieldCapability"));
  }
  fields.set("profile_completed", schema_ref("FieldCapability"));
  fields.set("extra", schema_ref("FieldCapability"));
  Json required = Json::array();
  for (const std::string& key : fields.keys()) required.push(key);
  return Json::object()
      .set("type", "object")
      .set("description",
           "What the calling tenant's provider can read and write, and how its customers are addressed.")
      .set("required", Json::array({"tenant", "provider", "addressing", "routes", "customer_auth", "fields"}))
      .set(
          "properties",
          Json::object()
              .set("tenant", Json::object().set("type", "string"))
              .set("provider", Json::object().set("type", "string").set("examples", Json::strings(providers)))
              .set("addressing",
                   Json::object()
                       .set("enum", Json::array({"token", "id"}))
                       .set("description",
                            "`token`: the customer's credential says who (GET/PATCH /v1/profile); "
                            "`id`: the path does (/v1/customers/{customer_id}/profile)."))
              .set("routes",
                   Json::object()
                       .set("type", "object")
                       .set("required", Json::array({"profile", "verification"}))
                       .set("properties",
                            Json::object()
                                .set("profile",
                                     Json::object().set("enum", Json::array({token_route, id_route})))
                                .set("verification",
                                     Json::object()
                                         .set("enum", Json::array({verification_route, nullptr}))
                                         .set("description", "null when no field requires verification.")))
                       .set("additionalProperties", false))
              .set("customer_auth",
                   Json::object()
                       .set("enum", Json::array({"Bearer", "Token", "none"}))
                       .set("description",
                            "How the caller's customer token is presented upstream; `none`: no "
                            "customer credential is needed or forwarded."))
              .set("fields",
                   Json::object()
                       .set("type", "object")
                       .set("description",
                            "Per key of the unified profile; address members also one by one, as "
                            "`address.<key>`.")
                       .set("required", std::move(required))
                       .set("properties", std::move(fields))
                       .set("additionalProperties", false)))
      .set("additionalProperties", false);
}

Json problem_schema() {
  std::vector<std::string_view> codes;
  for (const core::ProblemSpec& spec : core::problem_specs()) codes.push_back(spec.name);
  Json text = Json::object().set("type", "string");
  return Json::object()
      .set("type", "object")
      .set("description", "RFC 9457 problem details, with the gateway's members.")
      .set("required", Json::array({"type", "title", "status", "code", "detail", "request_id"}))
      .set("properties",
           Json::object()
               .set("type", Json::object()
                                .set("type", "string")
                                .set("format", "uri")
                                .set("description", "https://profilegw.dev/problems/<code>"))
               .set("title", text)
               .set("status", Json::object().set("type", "integer").set("minimum", 400).set("maximum", 599))
               .set("code", Json::object().set("type", "string").set("enum", Json::strings(codes)))
               .set("detail", text)
               .set("request_id", Json(text).set("description", "The X-Request-Id of the exchange."))
               .set("tenant", Json(text).set("description", "Absent before a tenant is known."))
               .set("errors", Json::object().set("type", "array").set("items", schema_ref("FieldError")))
               .set("upstream", Json::object()
                                    .set("type", "object")
                                    .set("description",
                                         "The backend's answer that caused the problem, when there was one.")
                                    .set("required", Json::array({"status"}))
                                    .set("properties",
                                         Json::object().set("status", Json::object().set("type", "integer")))
                                    .set("additionalProperties", false)))
      .set("additionalProperties", false);
}

Json field_error_schema() {
  Json text = Json::object().set("type", "string");
  return Json::object()
      .set("type", "object")
      .set("required", Json::array({"field", "code", "message"}))
      .set("properties",
           Json::object()
               .set("field",
                    Json(text).set("description",
                                   "The unified field (`first_name`, `address.country`), or a request "
                                   "member (`verification_id`); empty when the error has no field."))
               .set("code",
                    Json(text).set("examples", Json::array({"too_short", "too_long", "invalid",
                                                            "invalid_choice", "required", "read_only"})))
               .set("message", text))
      .set("additionalProperties", false);
}

}  // namespace

Json unified_schemas(const std::vector<std::string_view>& providers) {
  return Json::object()
      .set("UnifiedProfile", unified_profile_schema(providers))
      .set("Address", address_schema(true, "A postal address; every key always present."))
      .set("ProfilePatch", profile_patch_schema())
      .set("AddressPatch",
           address_schema(false, "Address members to change; absent keys are left unchanged."))
      .set("VerificationRequired", verification_required_schema())
      .set("VerificationRequest", verification_request_schema())
      .set("Capabilities", capabilities_schema(providers))
      .set("FieldCapability", field_capability_schema())
      .set("FieldConstraints", field_constraints_schema())
      .set("Problem", problem_schema())
      .set("FieldError", field_error_schema())
      .set("Health", Json::object()
                         .set("type", "object")
                         .set("required", Json::array({"status"}))
                         .set("properties", Json::object().set("status", Json::object().set("const", "ok"))))
      .set("Readiness",
           Json::object()
               .set("type", "object")
               .set("required", Json::array({"status"}))
               .set("properties",
                    Json::object()
                        .set("status", Json::object().set("enum", Json::array({"ready", "not_ready"})))
                        .set("config_generation",
                             Json::object()
                                 .set("type", "integer")
                                 .set("description", "Counts config loads and reloads."))));
}

}  // namespace profilegw::gateway::openapi
