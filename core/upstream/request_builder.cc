#include "core/upstream/request_builder.h"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>

#include "core/crypto/base64url.h"

namespace profilegw::core::upstream {
namespace http = boost::beast::http;
namespace {

constexpr std::string_view kUserAgent = "profilegw/" PROFILEGW_VERSION;

http::verb to_verb(HttpMethod m) {
  switch (m) {
    case HttpMethod::kGet:
      return http::verb::get;
    case HttpMethod::kPost:
      return http::verb::post;
    case HttpMethod::kPut:
      return http::verb::put;
    case HttpMethod::kPatch:
      return http::verb::patch;
    case HttpMethod::kDelete:
      return http::verb::delete_;
  }
  return http::verb::get;
}

bool is_tchar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

// The request-target goes into the request line: no controls, no spaces, no fragment.
bool is_safe_target(std::string_view target) {
  if (target.empty() || target.front() != '/') return false;
  for (char c : target) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '#') return false;
  }
  return true;
}

bool is_framing_field(http::field f) {
  return f == http::field::host || f == http::field::connection || f == http::field::content_length ||
         f == http::field::transfer_encoding || f == http::field::te || f == http::field::upgrade ||
         f == http::field::keep_alive;
}

Problem malformed(std::string_view what) {
  return Problem::make(ProblemCode::kMalformedRequest,
                       std::string(what) + " holds a character not allowed in an HTTP header");
}

}  // namespace

bool is_safe_header_value(std::string_view value) {
  for (char c : value) {
    if (c == '\r' || c == '\n' || c == '\0') return false;
  }
  return true;
}

bool is_valid_header_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!is_tchar(c)) return false;
  }
  return true;
}

Result<WireRequest> build_request(const UpstreamTarget& target, const UpstreamRequest& request,
                                  const CallHeaders& headers) {
  std::string path;
  path.reserve(target.base_path.size() + request.path.size());
  path.append(target.base_path).append(request.path);
  if (!is_safe_target(path)) return malformed("the upstream request path");
  if (!is_safe_header_value(target.host_header) || target.host_header.empty()) return malformed("Host");

  WireRequest req{to_verb(request.method), path, 11};
  req.set(http::field::accept, "application/json");
  req.set(http::field::user_agent, kUserAgent);

  for (const auto& [name, value] : target.headers) {
    if (!is_valid_header_name(name) || !is_safe_header_value(value))
      return malformed("a fixed upstream header");
    if (is_framing_field(http::string_to_field(name))) continue;
    req.set(name, value);
  }
  if (!headers.accept_language.empty()) {
    if (!is_safe_header_value(headers.accept_language)) return malformed("Accept-Language");
    req.set(http::field::accept_language, headers.accept_language);
  }
  if (!headers.request_id.empty()) {
    if (!is_safe_header_value(headers.request_id)) return malformed("X-Request-Id");
    req.set("X-Request-Id", headers.request_id);
  }

  if (!headers.authorization.empty()) {
    if (!is_safe_header_value(headers.authorization)) return malformed("Authorization");
    req.set(http::field::authorization, headers.authorization);
  } else {
    const ServiceAuth& auth = target.service_auth;
    switch (auth.type) {
      case ServiceAuthType::kBasic: {
        // base64 output is always safe; a ':' in the username cannot be represented in Basic.
        if (auth.username.find(':') != std::string::npos) return malformed("the Basic username");
        std::string credentials = auth.username;
        credentials.push_back(':');
        credentials.append(auth.password);
        req.set(http::field::authorization, "Basic " + crypto::base64_encode(credentials));
        break;
      }
      case ServiceAuthType::kBearer:
        if (!is_safe_header_value(auth.token)) return malformed("the service bearer token");
        req.set(http::field::authorization, "Bearer " + auth.token);
        break;
      case ServiceAuthType::kDigest:
        // The Authorization is computed per attempt; only its quoted username can carry input here.
        if (!is_safe_header_value(auth.username)) return malformed("the Digest username");
        break;
      case ServiceAuthType::kNone:
        break;
    }
  }

  if (!request.body.empty()) req.set(http::field::content_type, "application/json");
  req.body() = request.body;
  req.set(http::field::host, target.host_header);
  req.set(http::field::connection, "keep-alive");
  req.prepare_payload();
  return req;
}

}  // namespace profilegw::core::upstream
