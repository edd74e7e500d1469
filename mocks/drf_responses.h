// How the Django REST Framework backends (django, shop, v1rest) answer: DRF's JSON error bodies in
// the plain and drf-standardized-errors dialects, the headers DRF puts on every view's response,
// Django's HTML 404 and APPEND_SLASH redirect, and DRF's JSONParser.
#pragma once

#include <rapidjson/document.h>

#include <string_view>

#include "mocks/http_exchange.h"
#include "mocks/validation_errors.h"

namespace profilegw::mocks {

enum class ErrorDialect { kDrf, kStandardized };

// What a DRF view adds to each of its responses.
struct DrfView {
  std::string_view allow;  // the view's methods, sent as Allow on every response (DRF does)
  std::string_view vary;   // Vary
  ErrorDialect dialect = ErrorDialect::kDrf;
};

// The dialect a request asks for with `X-Mock-Errors: drf|standardized`, else `fallback`.
ErrorDialect requested_dialect(const MockRequest& request, ErrorDialect fallback);

// A JSON body with the view's headers.
void drf_json(MockResponse& response, unsigned status, std::string_view json, const DrfView& view);

// An exception-style error: DRF `{"detail": "..."}`, or standardized
// `{"type": "client_error"|"server_error", "errors": [{"code", "detail", "attr": null}]}`.
void drf_error(MockResponse& response, unsigned status, std::string_view code, std::string_view detail,
               const DrfView& view);

void drf_validation_error(MockResponse& response, const ValidationErrors& errors, const DrfView& view);

// 405 `Method "PUT" not allowed.`
void drf_method_not_allowed(MockResponse& response, std::string_view method, const DrfView& view);

// What OPTIONS answers (DRF's SimpleMetadata, abridged).
void drf_options(MockResponse& response, std::string_view view_name, const DrfView& view);

// The body of an injected 500/502/503/429 (fault injection), in the view's dialect.
void drf_injected_error(MockResponse& response, unsigned status, const DrfView& view);

// Django's production 404 page for an unknown URL (HTML: the URL resolver answers, not DRF).
void django_not_found(MockResponse& response);

// Django's CommonMiddleware APPEND_SLASH, or a site that canonicalises without it: 301 to `location`.
void permanent_redirect(MockResponse& response, std::string_view location);

// Reads a write's body as a DRF view with only JSONParser does: an empty body is `{}`; another
// media type is 415; bad JSON is 400; JSON that is not an object is a 400 non_field_errors. On
// failure `response` holds the error and false is returned.
bool parse_drf_object(const MockRequest& request, rapidjson::Document& body, MockResponse& response,
                      const DrfView& view);

// Python's name for the type a JSON value would have in DRF: str, int, float, list, dict, bool, NoneType.
std::string_view python_type_name(const rapidjson::Value& value);

}  // namespace profilegw::mocks
