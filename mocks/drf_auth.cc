#include "mocks/drf_auth.h"


namespace profilegw::mocks {

namespace {

constexpr std::string_view kNotProvided = "Authentication credentials were not provided.";

// An Authorization header read as DRF does: a scheme, a credential, and whether more words follow.
struct AuthorizationWords {
  std::string_view scheme;
  std::string_view credential;
  bool extra = false;
};

AuthorizationWords split_authorization(std::string_view header) {
  auto next_word = [&header] {
    const auto is_blank = [](char c) { return c == ' ' || c == '\t'; };
    std::size_t start = 0;
    while (start < header.size() && is_blank(header[start])) ++start;
    std::size_t end = start;
    while (end < header.size() && !is_blank(header[end])) ++end;
    const std::string_view word = header.substr(start, end - start);
    header.remove_prefix(end);
    return word;
  };
  AuthorizationWords words;
  words.scheme = next_word();
  words.credential = next_word();
  words.extra = !next_word().empty();
  return words;
}

void unauthorized(MockResponse& response, std::string_view challenge, std::string_view code,
                  std::string_view detail, const DrfView& view) {
  drf_error(response, 401, code, detail, view);
  response.add_header("WWW-Authenticate", challenge);
}

}  // namespace

std::optional<std::string_view> authenticate_jwt(const MockRequest& request, const ProviderSeed& seed,
                                                 MockResponse& response, const DrfView& view) {
  constexpr std::string_view kChallenge = "Bearer realm=\"api\"";
  const AuthorizationWords words = split_authorization(request.header("Authorization"));
  // simplejwt ignores headers of other schemes: the request is then simply unauthenticated.
  if (!iequals(words.scheme, "Bearer")) {
    unauthorized(response, kChallenge, "not_authenticated", kNotProvided, view);
    return std::nullopt;
  }
  if (words.credential.empty() || words.extra) {
    if (view.dialect == ErrorDialect::kStandardized) {
      unauthorized(response, kChallenge, "bad_authorization_header",
                   "Authorization header must contain two space-delimited values", view);
    } else {
      drf_json(response, 401,
               R"({"detail":"Authorization header must contain two space-delimited values",)"
               R"("code":"bad_authorization_header"})",
               view);
      response.add_header("WWW-Authenticate", kChallenge);
    }
    return std::nullopt;
  }
  if (const auto id = customer_for_token(seed, words.credential)) return id;
  if (view.dialect == ErrorDialect::kStandardized) {
    unauthorized(response, kChallenge, "token_not_valid", "Given token not valid for any token type", view);
  } else {
    drf_json(response, 401,
             R"({"detail":"Given token not valid for any token type","code":"token_not_valid",)"
             R"("messages":[{"token_class":"AccessToken","token_type":"access","message":"Token is invalid or expired"}]})",
             view);
    response.add_header("WWW-Authenticate", kChallenge);
  }
  return std::nullopt;
}

std::optional<std::string_view> authenticate_token(const MockRequest& request, const ProviderSeed& seed,
                                                   MockResponse& response, const DrfView& view) {
  constexpr std::string_view kChallenge = "Token";
  const AuthorizationWords words = split_authorization(request.header("Authorization"));
  if (!iequals(words.scheme, "Token")) {
    unauthorized(response, kChallenge, "not_authenticated", kNotProvided, view);
    return std::nullopt;
  }
  if (words.credential.empty()) {
    unauthorized(response, kChallenge, "authentication_failed", "Invalid token header. No credentials provided.", view);
    return std::nullopt;
  }
  if (words.extra) {
    unauthorized(response, kChallenge, "authentication_failed",
                 "Invalid token header. Token string should not contain spaces.", view);
    return std::nullopt;
  }
  if (const auto id = customer_for_token(seed, words.credential)) return id;
  unauthorized(response, kChallenge, "authentication_failed", "Invalid token.", view);
  return std::nullopt;
}

}  // namespace profilegw::mocks
