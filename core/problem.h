// Errors as values (RFC 9457 problem details). Every failure on the data path becomes a Problem;
// the contract's code table (CONTRACT.md section 3, "Errors") is declared once, here.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace profilegw::core {

enum class ProblemCode : std::uint8_t {
  kMalformedRequest,
  kInvalidApiKey,
  kCustomerUnauthorized,
  kCustomerForbidden,
  kRouteNotSupported,
  kNotFound,
  kCustomerNotFound,
  kMethodNotAllowed,
  kPreconditionFailed,
  kPayloadTooLarge,
  kHeadersTooLarge,
  kUnsupportedMediaType,
  kValidationFailed,
  kUnsupportedField,
  kUnsupportedValue,
  kInvalidVerificationCode,
  kRateLimited,
  kUpstreamBadResponse,
  kUpstreamError,
  kUpstreamUnavailable,
  kUpstreamTimeout,
  kServiceUnavailable,
  kInternalError,
  // Admin API (CONTRACT.md section 4): a missing or wrong admin token; a change that lost a race.
  kUnauthorized,
  kConflict,
};

struct ProblemSpec {
  ProblemCode code;
  int status;
  std::string_view name;   // "validation_failed"
  std::string_view title;  // "Validation failed"
};

// The whole table, for rendering and for the OpenAPI document.
std::span<const ProblemSpec> problem_specs();
const ProblemSpec& spec_of(ProblemCode code);

struct FieldError {
  std::string field;  // unified field name ("first_name", "address.country")
  std::string code;   // machine code ("too_short", "invalid", "required", "invalid_choice", ...)
  std::string message;
};

struct Problem {
  ProblemCode code = ProblemCode::kInternalError;
  std::string detail;
  std::vector<FieldError> errors;
  std::optional<int> upstream_status;
  std::optional<long> retry_after_seconds;  // sets Retry-After
  std::string allow;                         // sets Allow (405)

  int status() const { return spec_of(code).status; }
  std::string_view name() const { return spec_of(code).name; }

  static Problem make(ProblemCode code, std::string detail) {
    Problem p;
    p.code = code;
    p.detail = std::move(detail);
    return p;
  }
  // A 422 validation_failed with one field error; detail becomes "field: message".
  static Problem field(ProblemCode code, std::string field, std::string field_code, std::string message);
};

// Renders application/problem+json. `tenant` may be empty (no tenant resolved yet).
std::string render_problem(const Problem& p, std::string_view request_id, std::string_view tenant);

}  // namespace profilegw::core
