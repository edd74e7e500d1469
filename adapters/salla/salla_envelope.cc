#include "adapters/salla/salla_envelope.h"

#include <string>
#include <vector>

#include "adapters/checks/patch_checks.h"
#include "adapters/drf/drf_status_mapping.h"

namespace profilegw::adapters::salla {
namespace {

using core::Problem;
using core::ProblemCode;
using json::Value;

constexpr std::string_view kFieldErrorCode = "invalid";

struct Rename {
  std::string_view backend;
  std::string_view unified;
};
// The phone is one unified field but two or three backend ones.
constexpr Rename kRenames[] = {
    {"birthday", "birth_date"}, {"mobile", "phone"},      {"country_code", "phone"},
    {"mobile_code", "phone"},   {"avatar", "avatar_url"},
};

const Value* member(const Value& object, std::string_view key) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(Value(rapidjson::StringRef(key.data(), key.size())));
  return it == object.MemberEnd() ? nullptr : &it->value;
}

std::string_view string_member(const Value* object, std::string_view key) {
  const Value* v = object != nullptr ? member(*object, key) : nullptr;
  return v != nullptr && v->IsString() ? json::as_view(*v) : std::string_view();
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

bool contains_word(std::string_view text, std::string_view word) {
  if (text.size() < word.size()) return false;
  for (std::size_t i = 0; i + word.size() <= text.size(); ++i) {
    bool same = true;
    for (std::size_t j = 0; j < word.size() && same; ++j) same = (text[i + j] | 0x20) == word[j];
    if (same) return true;
  }
  return false;
}

std::vector<core::FieldError> field_errors(const Value* error) {
  std::vector<core::FieldError> out;
  const Value* fields = error != nullptr ? member(*error, "fields") : nullptr;
  if (fields == nullptr || !fields->IsObject()) return out;
  for (const auto& m : fields->GetObject()) {
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
  return out;
}

// A verification failure names the code: `error.code` like "invalid_code", "code_expired",
// "invalid_otp", or a field error on `code`/`otp`.
bool is_about_code(const Value* error) {
  if (error == nullptr) return false;
  const std::string_view code = string_member(error, "code");
  if (contains_word(code, "code") || contains_word(code, "otp")) return true;
  const Value* fields = member(*error, "fields");
  return fields != nullptr && (member(*fields, "code") != nullptr || member(*fields, "otp") != nullptr);
}

Problem validation_problem(int status, const Value* error) {
  std::vector<core::FieldError> errors = field_errors(error);
  if (!errors.empty()) return checks::fields_problem(ProblemCode::kValidationFailed, std::move(errors));
  const std::string_view message = string_member(error, "message");
  if (status == 422)
    return Problem::make(ProblemCode::kValidationFailed,
                         backend_words(message, "the backend rejected the update"));
  std::string detail = with_status("the backend refused the gateway's request", status);
  if (!message.empty()) (detail += ": ") += message;
  return Problem::make(ProblemCode::kUpstreamError, std::move(detail));
}

// `root` is the parsed answer when it was a JSON object, else nullptr.
Problem failure(const core::UpstreamResponse& r, const Value* root, CallKind kind) {
  const Value* error = root != nullptr ? member(*root, "error") : nullptr;
  if (error != nullptr && !error->IsObject()) error = nullptr;
  const std::string_view message = string_member(error, "message");
  const int status = r.status;
  Problem p;
  if (kind == CallKind::kVerify && (drf::is_success(status) || status == 400 || status == 422) &&
      is_about_code(error)) {
    p = Problem::make(ProblemCode::kInvalidVerificationCode,
                      backend_words(message, "the verification code is wrong or has expired"));
  } else if (drf::is_success(status)) {
    // success:false under a 2xx status: a failure the backend did not classify.
    p = Problem::make(ProblemCode::kUpstreamError, backend_words(message, "the backend reported a failure"));
  } else if (status >= 300 && status < 400) {
    p = Problem::make(ProblemCode::kUpstreamBadResponse,
                      with_status("the backend answered with a redirect", status));
  } else if (status == 401) {
    p = Problem::make(ProblemCode::kCustomerUnauthorized,
                      backend_words(message, "the backend rejected the customer credential"));
  } else if (status == 403) {
    p = Problem::make(ProblemCode::kCustomerForbidden,
                      backend_words(message, "the backend refuses this customer access"));
  } else if (status == 404) {
    p = Problem::make(ProblemCode::kCustomerNotFound,
                      backend_words(message, "the backend has no such customer"));
  } else if (status == 400 || status == 422) {
    p = validation_problem(status, error);
  } else if (status == 429) {
    p = Problem::make(ProblemCode::kRateLimited,
                      backend_words(message, "the backend is throttling requests"));
    std::optional<long> after;
    if (auto h = r.header("retry-after")) after = drf::parse_retry_after(*h);
    p.retry_after_seconds = after.value_or(drf::kDefaultRetryAfterSeconds);
  } else {
    std::string detail = with_status(
        status >= 500 ? "the backend failed" : "the backend refused the gateway's request", status);
    if (!message.empty()) (detail += ": ") += message;
    p = Problem::make(ProblemCode::kUpstreamError, std::move(detail));
  }
  p.upstream_status = status;
  return p;
}

bool is_blank(std::string_view body) { return body.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace

std::string unified_field(std::string_view backend_name) {
  for (const Rename& r : kRenames) {
    if (r.backend == backend_name) return std::string(r.unified);
  }
  return std::string(backend_name);
}

core::Result<const Value*> open_envelope(const core::UpstreamResponse& r, json::ParsedJson& parsed,
                                         bool allow_empty, CallKind kind) {
  const bool parsed_ok = parsed.parse(r.body) && parsed.root().IsObject();
  if (!drf::is_success(r.status)) return failure(r, parsed_ok ? &parsed.root() : nullptr, kind);
  if (allow_empty && is_blank(r.body)) return static_cast<const Value*>(nullptr);
  if (!parsed_ok) return drf::bad_response(r.status, "the backend's answer is not a JSON object");
  const Value& root = parsed.root();
  const Value* success = member(root, "success");
  if (success == nullptr || !success->IsBool()) {
    return drf::bad_response(r.status, "the backend's answer has no boolean `success`");
  }
  if (!success->GetBool()) return failure(r, &root, kind);
  const Value* data = member(root, "data");
  if (data == nullptr || data->IsNull()) return static_cast<const Value*>(nullptr);
  return data;
}

}  // namespace profilegw::adapters::salla
