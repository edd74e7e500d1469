#include "adapters/mapped/answer_reader.h"

#include "adapters/checks/patch_checks.h"
#include "adapters/drf/drf_status_mapping.h"
#include "adapters/json/record_values.h"

namespace profilegw::adapters::mapped {
namespace {

using core::Problem;
using core::ProblemCode;

// Messages that come without a machine code get the contract's generic one.
constexpr std::string_view kPlainCode = "invalid";

struct ErrorBody {
  bool readable = false;  // the body is in the format the mapping expects
  std::string message;
  std::string code;
  std::vector<core::FieldError> errors;
};

std::string status_text(std::string_view prefix, int status) {
  std::string out(prefix);
  out += " (HTTP ";
  out += std::to_string(status);
  out += ')';
  return out;
}

std::string or_default(const std::string& message, std::string_view fallback) {
  return message.empty() ? std::string(fallback) : message;
}

std::string text_of(const json::Value& v) {
  if (v.IsString()) return std::string(json::as_view(v));
  if (v.IsInt64()) return std::to_string(v.GetInt64());
  return {};
}

// "/billing/phone" and "billing[phone]" are spelled "billing.phone" in the field table.
std::string dotted_name(std::string_view name) {
  std::string out;
  if (name.starts_with('/')) name.remove_prefix(1);
  for (char c : name) {
    if (c == '/' || c == '[') {
      out += '.';
    } else if (c != ']') {
      out += c;
    }
  }
  return out;
}

void flatten(const json::Value& v, std::string& path, const drf::FieldNames& names,
             std::vector<core::FieldError>& out) {
  if (v.IsString()) {
    out.push_back({names.unified(path), std::string(kPlainCode), std::string(json::as_view(v))});
    return;
  }
  const std::size_t mark = path.size();
  if (v.IsObject()) {
    for (const auto& m : v.GetObject()) {
      if (mark > 0) path += '.';
      path += dotted_name(json::as_view(m.name));
      flatten(m.value, path, names, out);
      path.resize(mark);
    }
  } else if (v.IsArray()) {
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
      if (v[i].IsObject() || v[i].IsArray()) {
        if (mark > 0) path += '.';
        path += std::to_string(i);
        flatten(v[i], path, names, out);
        path.resize(mark);
      } else {
        flatten(v[i], path, names, out);
      }
    }
  }
}

void list_errors(const ErrorRules& e, const json::Value& list, const drf::FieldNames& names,
                 std::vector<core::FieldError>& out) {
  if (!list.IsArray()) return;
  for (const json::Value& item : list.GetArray()) {
    const Located field = resolve(item, e.list_field);
    const Located message = resolve(item, e.list_message);
    if (message.state != Lookup::kFound || !message.value->IsString()) continue;
    std::string code(kPlainCode);
    if (e.has_list_code) {
      const Located c = resolve(item, e.list_code);
      if (c.state == Lookup::kFound && !text_of(*c.value).empty()) code = text_of(*c.value);
    }
    const std::string backend = field.state == Lookup::kFound && field.value->IsString()
                                    ? dotted_name(json::as_view(*field.value))
                                    : "";
    out.push_back({names.unified(backend), std::move(code), std::string(json::as_view(*message.value))});
  }
}

ErrorBody read_generic(const ErrorRules& e, const json::Value* root, const drf::FieldNames& names) {
  ErrorBody body;
  if (root == nullptr) return body;
  body.readable = true;
  if (e.has_message) {
    const Located m = resolve(*root, e.message);
    if (m.state == Lookup::kFound && m.value->IsString()) body.message = std::string(json::as_view(*m.value));
  }
  if (e.has_code) {
    const Located c = resolve(*root, e.code);
    if (c.state == Lookup::kFound) body.code = text_of(*c.value);
  }
  if (e.shape == FieldErrorShape::kNone) return body;
  const Located f = resolve(*root, e.fields);
  if (f.state != Lookup::kFound) return body;
  if (e.shape == FieldErrorShape::kList) {
    list_errors(e, *f.value, names, body.errors);
  } else if (f.value->IsObject()) {
    // A map's root holds field names only; a string there is a message (handled above).
    std::string path;
    flatten(*f.value, path, names, body.errors);
  }
  return body;
}

ErrorBody read_error_body(const CompiledMapping& m, const core::UpstreamResponse& r,
                          const json::Value* root) {
  const drf::FieldNames names = m.field_names();
  if (m.errors.format == ErrorFormat::kGeneric) return read_generic(m.errors, root, names);
  ErrorBody body;
  std::optional<drf::ErrorBody> drf_body = drf::parse_error_body(r.body, names);
  if (!drf_body) return body;
  body.readable = true;
  body.message = std::move(drf_body->detail);
  body.code = std::move(drf_body->code);
  body.errors = std::move(drf_body->errors);
  return body;
}

struct Categorized {
  ErrorCategory category = ErrorCategory::kNone;
  bool by_code = false;
};

Categorized categorize(const ErrorRules& e, int status, std::string_view code, bool http_failed) {
  if (!code.empty()) {
    for (const CodeRule& rule : e.codes) {
      if (rule.code == code) return {rule.category, true};
    }
  }
  if (http_failed) {
    for (const StatusRule& rule : e.statuses) {
      if (rule.status == status) return {rule.category, false};
    }
  }
  return {};
}

Problem validation(const CompiledMapping& m, int status, ErrorBody& body, bool by_code) {
  const bool drf = m.errors.format == ErrorFormat::kDrf;
  if (!body.readable) {
    return Problem::make(ProblemCode::kUpstreamBadResponse,
                         status_text(drf ? "the backend refused the request with a body that is not DRF JSON"
                                         : "the backend refused the request with a body that cannot be read",
                                     status));
  }
  if (!body.errors.empty())
    return checks::fields_problem(ProblemCode::kValidationFailed, std::move(body.errors));
  // A 400 that names no field is about the request the gateway built, not the caller's data; a
  // validation code or a 422 is the backend judging the data.
  if (drf || (!by_code && status == 400)) {
    std::string detail = status_text("the backend refused the gateway's request", status);
    if (!body.message.empty()) detail += ": " + body.message;
    return Problem::make(ProblemCode::kUpstreamError, std::move(detail));
  }
  return Problem::make(ProblemCode::kValidationFailed,
                       or_default(body.message, "the backend rejected the update"));
}

Problem uncategorized(const CompiledMapping& m, int status, const ErrorBody& body, bool flagged) {
  // DRF bodies of 5xx answers may be debug tracebacks: never passed on. A generic envelope's
  // message is a field the backend means clients to read.
  const bool say_message = m.errors.format == ErrorFormat::kGeneric && !body.message.empty();
  if (flagged)
    return Problem::make(ProblemCode::kUpstreamError,
                         or_default(body.message, "the backend reported a failure"));
  if (status >= 400 && status < 600) {
    std::string detail = status_text(
        status >= 500 ? "the backend failed" : "the backend refused the gateway's request", status);
    if (!body.message.empty() && (status < 500 || say_message)) detail += ": " + body.message;
    return Problem::make(ProblemCode::kUpstreamError, std::move(detail));
  }
  return Problem::make(ProblemCode::kUpstreamBadResponse,
                       status_text("the backend answered with an unexpected status", status));
}

}  // namespace

Problem failure(const CompiledMapping& m, const core::UpstreamResponse& r, const json::Value* root,
                bool flagged) {
  Problem p;
  if (r.status >= 300 && r.status < 400) {
    // A redirect is never followed: a redirected write would lose its body.
    p = Problem::make(ProblemCode::kUpstreamBadResponse,
                      status_text("the backend answered with a redirect", r.status));
    p.upstream_status = r.status;
    return p;
  }
  ErrorBody body = read_error_body(m, r, root);
  const Categorized c = categorize(m.errors, r.status, body.code, !flagged);
  switch (c.category) {
    case ErrorCategory::kNotFound:
      p = Problem::make(ProblemCode::kCustomerNotFound,
                        or_default(body.message, "the backend has no such customer"));
      break;
    case ErrorCategory::kUnauthorized:
      p = Problem::make(ProblemCode::kCustomerUnauthorized,
                        or_default(body.message, "the backend rejected the customer credential"));
      break;
    case ErrorCategory::kForbidden:
      p = Problem::make(ProblemCode::kCustomerForbidden,
                        or_default(body.message, "the backend refuses this customer access"));
      break;
    case ErrorCategory::kGatewayCredentials: {
      std::string detail =
          "the backend rejected the gateway's own credentials (service_auth or upstream.headers)";
      if (!body.message.empty()) detail += ": " + body.message;
      p = Problem::make(ProblemCode::kUpstreamError, std::move(detail));
      break;
    }
    case ErrorCategory::kRateLimited: {
      p = Problem::make(ProblemCode::kRateLimited,
                        or_default(body.message, "the backend is throttling requests"));
      std::optional<long> after;
      if (auto h = r.header("retry-after")) after = drf::parse_retry_after(*h);
      p.retry_after_seconds = after.value_or(drf::kDefaultRetryAfterSeconds);
      break;
    }
    case ErrorCategory::kValidation:
      p = validation(m, r.status, body, c.by_code);
      break;
    case ErrorCategory::kNone:
      p = uncategorized(m, r.status, body, flagged);
      break;
  }
  p.upstream_status = r.status;
  return p;
}

core::Result<const json::Value*> open_answer(const CompiledMapping& m, const core::UpstreamResponse& r,
                                             json::ParsedJson& parsed, bool update_answer) {
  const bool http_ok = drf::is_success(r.status);
  if (http_ok && update_answer && json::is_blank(r.body)) return static_cast<const json::Value*>(nullptr);
  const bool is_json = parsed.parse(r.body);
  if (!http_ok) return failure(m, r, is_json ? &parsed.root() : nullptr, false);
  if (!is_json) return drf::bad_response(r.status, "the backend's answer is not JSON");
  const json::Value& root = parsed.root();
  if (m.success.present) {
    const Located flag = resolve(root, m.success.pointer);
    if (flag.state != Lookup::kFound) {
      return drf::bad_response(r.status, "the backend's answer has no `" + m.success.pointer.text() + "`");
    }
    if (!m.success.expected.matches(*flag.value)) return failure(m, r, &root, true);
  }
  const Located record = resolve(root, m.record);
  if (record.state == Lookup::kFound && record.value->IsObject()) return record.value;
  const bool missing =
      record.state == Lookup::kAbsent || (record.state == Lookup::kFound && record.value->IsNull());
  if (missing && update_answer) return static_cast<const json::Value*>(nullptr);
  if (missing && !m.record.is_root()) {
    return drf::bad_response(r.status,
                             "the backend's answer has no customer record at `" + m.record.text() + "`");
  }
  return drf::bad_response(r.status, "the backend's customer record is not a JSON object");
}

}  // namespace profilegw::adapters::mapped
