#include "gateway/handlers/request_headers.h"

#include <boost/beast/http/field.hpp>
#include <cctype>

namespace profilegw::gateway {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::string_view bearer_token(std::string_view authorization) {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() <= kBearer.size() || !iequals(authorization.substr(0, kBearer.size()), kBearer)) {
    return {};
  }
  std::string_view token = authorization.substr(kBearer.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  return token;
}

bool is_json_media_type(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  return iequals(type, "application/json") || iequals(type, "application/merge-patch+json");
}

std::string_view repeated_credential_header(const HttpRequest& request) {
  if (request.count(kApiKeyHeader) > 1) return kApiKeyHeader;
  if (request.count(boost::beast::http::field::authorization) > 1) return "Authorization";
  return {};
}

}  // namespace profilegw::gateway
