#include "mocks/drf_responses.h"

#include <rapidjson/error/en.h>

#include <string>

#include "mocks/json_text.h"

namespace profilegw::mocks {

namespace {

void add_view_headers(MockResponse& response, const DrfView& view) {
  if (!view.allow.empty()) response.add_header("Allow", view.allow);
  if (!view.vary.empty()) response.add_header("Vary", view.vary);
}

std::string standardized_body(std::string_view type, std::string_view code, std::string_view detail,
                              std::string_view attr) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  write_key(writer, "type");
  write_string(writer, type);
  write_key(writer, "errors");
  writer.StartArray();
  writer.StartObject();
  write_key(writer, "code");
  write_string(writer, code);
  write_key(writer, "detail");
  write_string(writer, detail);
  write_key(writer, "attr");
  if (attr.empty()) {
    writer.Null();
  } else {
    write_string(writer, attr);
  }
  writer.EndObject();
  writer.EndArray();
  writer.EndObject();
  return std::string(as_view(buffer));
}

// A body-level validation error (the data is not a dictionary, or there is none).
void drf_non_field_error(MockResponse& response, std::string_view code, std::string_view message,
                         const DrfView& view) {
  ValidationErrors errors;
  errors.add("non_field_errors", code, message);
  drf_validation_error(response, errors, view);
}

bool is_json_media_type(std::string_view content_type) {
  const std::string_view media_type = content_type.substr(0, content_type.find(';'));
  std::string_view trimmed = media_type;
  while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
  return iequals(trimmed, "application/json");
}

}  // namespace

ErrorDialect requested_dialect(const MockRequest& request, ErrorDialect fallback) {
  const std::string_view asked = request.header("X-Mock-Errors");
  if (iequals(asked, "standardized")) return ErrorDialect::kStandardized;
  if (iequals(asked, "drf")) return ErrorDialect::kDrf;
  return fallback;
}

void drf_json(MockResponse& response, unsigned status, std::string_view json, const DrfView& view) {
  response.set_json(status, json);
  add_view_headers(response, view);
}

void drf_error(MockResponse& response, unsigned status, std::string_view code, std::string_view detail,
               const DrfView& view) {
  if (view.dialect == ErrorDialect::kStandardized) {
    response.set_json(status, standardized_body(status >= 500 ? "server_error" : "client_error", code, detail, {}));
  } else {
    std::string body = R"({"detail":)";
    append_json_string(body, detail);
    body.push_back('}');
    response.set_json(status, body);
  }
  add_view_headers(response, view);
}

void drf_validation_error(MockResponse& response, const ValidationErrors& errors, const DrfView& view) {
  response.set_json(400, view.dialect == ErrorDialect::kStandardized ? errors.standardized_json() : errors.drf_json());
  add_view_headers(response, view);
}

void drf_method_not_allowed(MockResponse& response, std::string_view method, const DrfView& view) {
  drf_error(response, 405, "method_not_allowed", "Method \"" + std::string(method) + "\" not allowed.", view);
}

void drf_options(MockResponse& response, std::string_view view_name, const DrfView& view) {
  std::string body = R"({"name":)";
  append_json_string(body, view_name);
  body.append(R"(,"description":"","renders":["application/json"],"parses":["application/json"]})");
  drf_json(response, 200, body, view);
}

void drf_injected_error(MockResponse& response, unsigned status, const DrfView& view) {
  switch (status) {
    case 429:
      drf_error(response, 429, "throttled", "Request was throttled. Expected available in 7 seconds.", view);
      break;
    case 502:
      drf_error(response, 502, "error", "Bad gateway.", view);
      break;
    case 503:
      drf_error(response, 503, "service_unavailable", "Service temporarily unavailable, try again later.", view);
      break;
    default:
      drf_error(response, status, "error", "A server error occurred.", view);
  }
}

void django_not_found(MockResponse& response) {
  response.status = 404;
  response.content_type = kHtmlContentType;
  response.body.assign(
      "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1>"
      "<p>The requested resource was not found on this server.</p>\n</body>\n</html>\n");
}

void permanent_redirect(MockResponse& response, std::string_view location) {
  response.status = 301;
  response.content_type = kHtmlContentType;
  response.body.clear();
  response.add_header("Location", location);
}

bool parse_drf_object(const MockRequest& request, rapidjson::Document& body, MockResponse& response,
                      const DrfView& view) {
  const std::string_view text = request.body();
  if (text.empty()) {
    // DRF parses nothing when there is no body, whatever the Content-Type says.
    body.SetObject();
    return true;
  }
  const std::string_view content_type = request.header("Content-Type");
  if (!is_json_media_type(content_type)) {
    drf_error(response, 415, "unsupported_media_type",
              "Unsupported media type \"" + std::string(content_type) + "\" in request.", view);
    return false;
  }
  body.Parse(text.data(), text.size());
  if (body.HasParseError()) {
    std::string detail = "JSON parse error - ";
    detail.append(rapidjson::GetParseError_En(body.GetParseError()));
    detail.append(" (char ").append(std::to_string(body.GetErrorOffset())).append(")");
    drf_error(response, 400, "parse_error", detail, view);
    return false;
  }
  if (body.IsNull()) {
    drf_non_field_error(response, "null", "No data provided", view);
    return false;
  }
  if (!body.IsObject()) {
    drf_non_field_error(
        response, "invalid",
        "Invalid data. Expected a dictionary, but got " + std::string(python_type_name(body)) + ".", view);
    return false;
  }
  return true;
}

std::string_view python_type_name(const rapidjson::Value& value) {
  if (value.IsString()) return "str";
  if (value.IsBool()) return "bool";
  if (value.IsInt64() || value.IsUint64()) return "int";
  if (value.IsNumber()) return "float";
  if (value.IsArray()) return "list";
  if (value.IsObject()) return "dict";
  return "NoneType";
}

}  // namespace profilegw::mocks
