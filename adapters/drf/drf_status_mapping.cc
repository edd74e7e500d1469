#include "adapters/drf/drf_status_mapping.h"

#include <string>

#include "adapters/checks/patch_checks.h"

namespace profilegw::adapters::drf {
namespace {

using core::Problem;
using core::ProblemCode;

Problem with_status(Problem p, int status) {
  p.upstream_status = status;
  return p;
}

std::string status_text(std::string_view prefix, int status) {
  std::string out(prefix);
  out += " (HTTP ";
  out += std::to_string(status);
  out += ')';
  return out;
}

// The backend's own words when it gave some, else ours.
std::string detail_or(const std::optional<ErrorBody>& body, std::string_view fallback) {
  if (body && !body->detail.empty()) return body->detail;
  return std::string(fallback);
}

Problem validation_problem(const core::UpstreamResponse& r, const FieldNames& names) {
  std::optional<ErrorBody> body = parse_error_body(r.body, names);
  if (!body) {
    return Problem::make(
        ProblemCode::kUpstreamBadResponse,
        status_text("the backend refused the request with a body that is not DRF JSON", r.status));
  }
  if (!body->errors.empty())
    return checks::fields_problem(ProblemCode::kValidationFailed, std::move(body->errors));
  // A 400 that names no field is about the request the gateway built, not the caller's data.
  std::string detail = status_text("the backend refused the gateway's request", r.status);
  if (!body->detail.empty()) detail += ": " + body->detail;
  return Problem::make(ProblemCode::kUpstreamError, std::move(detail));
}

Problem problem_for_client_error(const core::UpstreamResponse& r, const FieldNames& names) {
  switch (r.status) {
    case 400:
    case 422:
      return validation_problem(r, names);
    case 401:
      return Problem::make(
          ProblemCode::kCustomerUnauthorized,
          detail_or(parse_error_body(r.body, names), "the backend rejected the customer credential"));
    case 403:
      return Problem::make(
          ProblemCode::kCustomerForbidden,
          detail_or(parse_error_body(r.body, names), "the backend refuses this customer access"));
    case 404:
      return Problem::make(ProblemCode::kCustomerNotFound,
                           detail_or(parse_error_body(r.body, names), "the backend has no such customer"));
    case 429: {
      Problem p = Problem::make(ProblemCode::kRateLimited, detail_or(parse_error_body(r.body, names),
                                                                     "the backend is throttling requests"));
      std::optional<long> after;
      if (auto h = r.header("retry-after")) after = parse_retry_after(*h);
      p.retry_after_seconds = after.value_or(kDefaultRetryAfterSeconds);
      return p;
    }
    default: {
      // 405, 406, 415, ...: the backend refused something the gateway sent; not the caller's fault.
      std::string detail = status_text("the backend refused the gateway's request", r.status);
      if (std::optional<ErrorBody> body = parse_error_body(r.body, names); body && !body->detail.empty()) {
        detail += ": " + body->detail;
      }
      return Problem::make(ProblemCode::kUpstreamError, std::move(detail));
    }
  }
}

}  // namespace

std::optional<long> parse_retry_after(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  if (v.empty()) return std::nullopt;
  // A day is more than any backend asks; longer strings of digits are capped, not overflowed.
  constexpr long kCap = 86400;
  long seconds = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return std::nullopt;
    if (seconds < kCap) seconds = seconds * 10 + (c - '0');
  }
  return seconds < kCap ? seconds : kCap;
}

Problem problem_for_response(const core::UpstreamResponse& r, const FieldNames& names) {
  if (r.status >= 300 && r.status < 400) {
    // A redirect is never followed: a redirected write would lose its body.
    return with_status(Problem::make(ProblemCode::kUpstreamBadResponse,
                                     status_text("the backend answered with a redirect", r.status)),
                       r.status);
  }
  if (r.status >= 400 && r.status < 500) return with_status(problem_for_client_error(r, names), r.status);
  if (r.status >= 500 && r.status < 600) {
    // Never the backend's body: in debug mode it is a traceback.
    return with_status(
        Problem::make(ProblemCode::kUpstreamError, status_text("the backend failed", r.status)), r.status);
  }
  return with_status(Problem::make(ProblemCode::kUpstreamBadResponse,
                                   status_text("the backend answered with an unexpected status", r.status)),
                     r.status);
}

Problem bad_response(int status, std::string detail) {
  return with_status(Problem::make(ProblemCode::kUpstreamBadResponse, std::move(detail)), status);
}

}  // namespace profilegw::adapters::drf
