#include "core/problem.h"

#include <array>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/model/utf8.h"

namespace profilegw::core {
namespace {

constexpr std::array<ProblemSpec, 25> kSpecs = {{
    {ProblemCode::kMalformedRequest, 400, "malformed_request", "Malformed request"},
    {ProblemCode::kInvalidApiKey, 401, "invalid_api_key", "Invalid API key"},
    {ProblemCode::kCustomerUnauthorized, 401, "customer_unauthorized", "Customer unauthorized"},
    {ProblemCode::kCustomerForbidden, 403, "customer_forbidden", "Customer forbidden"},
    {ProblemCode::kRouteNotSupported, 404, "route_not_supported", "Route not supported"},
    {ProblemCode::kNotFound, 404, "not_found", "Not found"},
    {ProblemCode::kCustomerNotFound, 404, "customer_not_found", "Customer not found"},
    {ProblemCode::kMethodNotAllowed, 405, "method_not_allowed", "Method not allowed"},
    {ProblemCode::kPreconditionFailed, 412, "precondition_failed", "Precondition failed"},
    {ProblemCode::kPayloadTooLarge, 413, "payload_too_large", "Payload too large"},
    {ProblemCode::kHeadersTooLarge, 431, "headers_too_large", "Request header fields too large"},
    {ProblemCode::kUnsupportedMediaType, 415, "unsupported_media_type", "Unsupported media type"},
    {ProblemCode::kValidationFailed, 422, "validation_failed", "Validation failed"},
    {ProblemCode::kUnsupportedField, 422, "unsupported_field", "Unsupported field"},
    {ProblemCode::kUnsupportedValue, 422, "unsupported_value", "Unsupported value"},
    {ProblemCode::kInvalidVerificationCode, 422, "invalid_verification_code", "Invalid verification code"},
    {ProblemCode::kRateLimited, 429, "rate_limited", "Rate limited"},
    {ProblemCode::kUpstreamBadResponse, 502, "upstream_bad_response", "Upstream bad response"},
    {ProblemCode::kUpstreamError, 502, "upstream_error", "Upstream error"},
    {ProblemCode::kUpstreamUnavailable, 503, "upstream_unavailable", "Upstream unavailable"},
    {ProblemCode::kUpstreamTimeout, 504, "upstream_timeout", "Upstream timeout"},
    {ProblemCode::kServiceUnavailable, 503, "service_unavailable", "Service unavailable"},
    {ProblemCode::kInternalError, 500, "internal_error", "Internal error"},
    {ProblemCode::kUnauthorized, 401, "unauthorized", "Unauthorized"},
    {ProblemCode::kConflict, 409, "conflict", "Conflict"},
}};

constexpr bool specs_in_enum_order() {
  for (std::size_t i = 0; i < kSpecs.size(); ++i) {
    if (static_cast<std::size_t>(kSpecs[i].code) != i) return false;
  }
  return true;
}
static_assert(specs_in_enum_order(), "kSpecs must list ProblemCode values in declaration order");

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void put(JsonWriter& w, std::string_view key, std::string_view value) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  // Details echo what clients and backends sent (a path, a field name, a backend's message).
  if (is_valid_utf8(value)) {
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  } else {
    const std::string valid = to_valid_utf8(value);
    w.String(valid.data(), static_cast<rapidjson::SizeType>(valid.size()));
  }
}

}  // namespace

std::span<const ProblemSpec> problem_specs() { return kSpecs; }

const ProblemSpec& spec_of(ProblemCode code) {
  // The table is declared in enum order; the index is the enum value.
  return kSpecs[static_cast<std::size_t>(code)];
}

Problem Problem::field(ProblemCode code, std::string field, std::string field_code, std::string message) {
  Problem p;
  p.code = code;
  p.detail = field + ": " + message;
  p.errors.push_back(FieldError{std::move(field), std::move(field_code), std::move(message)});
  return p;
}

std::string render_problem(const Problem& p, std::string_view request_id, std::string_view tenant) {
  const ProblemSpec& spec = spec_of(p.code);
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  std::string type = "https://profilegw.dev/problems/";
  type.append(spec.name);
  put(w, "type", type);
  put(w, "title", spec.title);
  w.Key("status");
  w.Int(spec.status);
  put(w, "code", spec.name);
  put(w, "detail", p.detail.empty() ? spec.title : std::string_view(p.detail));
  put(w, "request_id", request_id);
  if (!tenant.empty()) put(w, "tenant", tenant);
  if (!p.errors.empty()) {
    w.Key("errors");
    w.StartArray();
    for (const FieldError& e : p.errors) {
      w.StartObject();
      put(w, "field", e.field);
      put(w, "code", e.code);
      put(w, "message", e.message);
      w.EndObject();
    }
    w.EndArray();
  }
  if (p.upstream_status) {
    w.Key("upstream");
    w.StartObject();
    w.Key("status");
    w.Int(*p.upstream_status);
    w.EndObject();
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace profilegw::core
