#include "adapters/partner/partner_envelope.h"

#include <charconv>
#include <string>
#include <vector>

#include "adapters/checks/patch_checks.h"
#include "adapters/drf/drf_status_mapping.h"
#include "adapters/partner/partner_record.h"

namespace profilegw::adapters::partner {
namespace {

using core::Problem;
using core::ProblemCode;
using json::Value;

// Laravel-style messages carry no machine code; the contract's generic one stands in.
constexpr std::string_view kFieldErrorCode = "invalid";

const Value* member(const Value& object, std::string_view key) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(Value(rapidjson::StringRef(key.data(), key.size())));
  return it == object.MemberEnd() ? nullptr : &it->value;
}

std::string_view message_of(const Value* root) {
  const Value* m = root ? member(*root, "message") : nullptr;
  return m != nullptr && m->IsString() ? json::as_view(*m) : std::string_view();
}

// The HTTP-like status an envelope's `code` names (422, "404"), or 0 for an application code.
int status_in_code(const Value* root) {
  const Value* c = root ? member(*root, "code") : nullptr;
  int v = 0;
  if (c != nullptr && c->IsInt()) {
    v = c->GetInt();
  } else if (c != nullptr && c->IsString()) {
    const std::string_view s = json::as_view(*c);
    if (std::from_chars(s.data(), s.data() + s.size(), v).ptr != s.data() + s.size()) v = 0;
  }
  return v >= 400 && v < 600 ? v : 0;
}

std::string with_status(std::string_view text, int status) {
  std::string out(text);
  out += " (HTTP ";
  out += std::to_string(status);
  out += ')';
  return out;
}

std::string backend_words(std::string_view message, std::string_view fallback) {
  return std::string(message.empty() ? fallback : message);
}

// {"firstname": ["..."], "phone": "..."} under `errors`, else under `data`.
std::vector<core::FieldError> field_errors(const Value* root) {
  std::vector<core::FieldError> out;
  if (root == nullptr) return out;
  for (std::string_view holder_key : {"errors", "data"}) {
    const Value* holder = member(*root, holder_key);
    if (holder == nullptr || !holder->IsObject()) continue;
    for (const auto& m : holder->GetObject()) {
      const std::string field = unified_field(json::as_view(m.name));
      if (m.value.IsString()) {
        out.push_back({field, std::string(kFieldErrorCode), std::string(json::as_view(m.value))});
      } else if (m.value.IsArray()) {
        for (const Value& item : m.value.GetArray()) {
          if (item.IsString())
            out.push_back({field, std::string(kFieldErrorCode), std::string(json::as_view(item))});
        }
      }
    }
    if (!out.empty()) break;
  }
  return out;
}

Problem validation_problem(int status, const Value* root) {
  std::vector<core::FieldError> errors = field_errors(root);
  if (!errors.empty()) return checks::fields_problem(ProblemCode::kValidationFailed, std::move(errors));
  const std::string_view message = message_of(root);
  if (status == 422) {
    // "Parameter Error" naming no parameter: still the backend judging the data it was sent.
    return Problem::make(ProblemCode::kValidationFailed,
                         backend_words(message, "the backend rejected the update"));
  }
  std::string detail = with_status("the backend refused the gateway's request", status);
  if (!message.empty()) (detail += ": ") += message;
  return Problem::make(ProblemCode::kUpstreamError, std::move(detail));
}

// `root` is the parsed envelope, or nullptr when the body was not one.
Problem failure(const core::UpstreamResponse& r, const Value* root) {
  const bool http_ok = drf::is_success(r.status);
  // A failed envelope under HTTP 200 says what went wrong in `code`, when it uses HTTP numbers;
  // only the codes with a better mapping than "the backend failed" are taken from it.
  int status = r.status;
  if (http_ok) {
    status = status_in_code(root);
    if (status != 400 && status != 401 && status != 403 && status != 404 && status != 422 && status != 429)
      status = 0;
  }
  const std::string_view message = message_of(root);
  Problem p;
  if (status >= 300 && status < 400) {
    // Redirects are never followed: a redirected PATCH would lose its body.
    p = Problem::make(ProblemCode::kUpstreamBadResponse,
                      with_status("the backend answered with a redirect", status));
  } else if (status == 401) {
    p = Problem::make(ProblemCode::kUpstreamError, std::string(kServiceCredentialsRejected));
  } else if (status == 403) {
    p = Problem::make(ProblemCode::kCustomerForbidden,
                      backend_words(message, "the backend refuses the gateway access to this customer"));
  } else if (status == 404) {
    p = Problem::make(ProblemCode::kCustomerNotFound,
                      backend_words(message, "the backend has no such customer"));
  } else if (status == 400 || status == 422) {
    p = validation_problem(status, root);
  } else if (status == 429) {
    p = Problem::make(ProblemCode::kRateLimited,
                      backend_words(message, "the backend is throttling requests"));
    std::optional<long> after;
    if (auto h = r.header("retry-after")) after = drf::parse_retry_after(*h);
    p.retry_after_seconds = after.value_or(drf::kDefaultRetryAfterSeconds);
  } else if (status == 0) {
    p = Problem::make(ProblemCode::kUpstreamError, backend_words(message, "the backend reported a failure"));
  } else {
    std::string detail = with_status(
        status >= 500 ? "the backend failed" : "the backend refused the gateway's request", status);
    if (!message.empty()) (detail += ": ") += message;
    p = Problem::make(ProblemCode::kUpstreamError, std::move(detail));
  }
  p.upstream_status = r.status;
  return p;
}

bool is_blank(std::string_view body) { return body.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace

core::Result<const Value*> open_envelope(const core::UpstreamResponse& r, json::ParsedJson& parsed,
                                         bool allow_empty) {
  const bool parsed_ok = parsed.parse(r.body) && parsed.root().IsObject();
  if (!drf::is_success(r.status)) return failure(r, parsed_ok ? &parsed.root() : nullptr);
  if (allow_empty && is_blank(r.body)) return static_cast<const Value*>(nullptr);
  if (!parsed_ok) return drf::bad_response(r.status, "the backend's answer is not a JSON object");
  const Value& root = parsed.root();
  const Value* success = member(root, "success");
  if (success == nullptr || !success->IsBool()) {
    return drf::bad_response(r.status, "the backend's answer has no boolean `success`");
  }
  if (!success->GetBool()) return failure(r, &root);
  const Value* data = member(root, "data");
  if (data == nullptr || data->IsNull()) return static_cast<const Value*>(nullptr);
  return data;
}

}  // namespace profilegw::adapters::partner
