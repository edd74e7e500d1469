#include "gateway/handlers/verification_body.h"

#include <rapidjson/document.h>

#include <vector>

#include "core/model/json_utf8.h"

namespace profilegw::gateway {

std::variant<VerificationBody, core::Problem> parse_verification_body(std::string_view body) {
  rapidjson::Document doc;
  // Invalid UTF-8 is not JSON (RFC 8259), and unknown member names are echoed in the problem.
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject() || !core::json_strings_are_utf8(body, doc)) {
    return core::Problem::make(core::ProblemCode::kMalformedRequest, "body must be a JSON object");
  }
  std::vector<core::FieldError> errors;
  auto string_member = [&](const char* name) -> std::string {
    auto it = doc.FindMember(name);
    if (it == doc.MemberEnd() || !it->value.IsString() || it->value.GetStringLength() == 0) {
      errors.push_back({name, "required", "a non-empty string is required"});
      return {};
    }
    return {it->value.GetString(), it->value.GetStringLength()};
  };
  VerificationBody out;
  out.verification_id = string_member("verification_id");
  out.code = string_member("code");
  for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
    const std::string_view name(it->name.GetString(), it->name.GetStringLength());
    if (name != "verification_id" && name != "code") errors.push_back({std::string(name), "unknown_field", "unknown field"});
  }
  if (!errors.empty()) {
    core::Problem p = core::Problem::make(core::ProblemCode::kMalformedRequest,
                                          errors.front().field + ": " + errors.front().message);
    p.errors = std::move(errors);
    return p;
  }
  return out;
}

}  // namespace profilegw::gateway
