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
  // simplejwt ignores headers of other schemes, and compares the scheme case-sensitively ("bearer x"
  // is another scheme): the request is then simply unauthenticated.
  if (words.scheme != "Bearer") {
    unauthorized(response, kChallenge, "not_authenticated", kNotProvided, view);
    return std::nullopt;
  }
  if (words.credential.empty() || words.extra) {
    if (view.dialect == ErrorDialect::kStandardized) {
      // simplejwt's detail is a dict ({"detail", "code"}); drf-standardized-errors flattens it.
      drf_json(response, 401,
               R"({"type":"client_error","errors":[)"
               R"({"code":"authentication_failed","detail":"Authorization header must contain two space-delimited values","attr":"detail"},)"
               R"({"code":"authentication_failed","detail":"bad_authorization_header","attr":"code"}]})",
               view);
      response.add_header("WWW-Authenticate", kChallenge);
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
    // The same dict detail, flattened leaf by leaf with its path as attr (as the real package does).
    drf_json(response, 401,
             R"({"type":"client_error","errors":[)"
             R"({"code":"token_not_valid","detail":"Given token not valid for any token type","attr":"detail"},)"
             R"({"code":"token_not_valid","detail":"token_not_valid","attr":"code"},)"
             R"({"code":"token_not_valid","detail":"AccessToken","attr":"messages.0.token_class"},)"
             R"({"code":"token_not_valid","detail":"access","attr":"messages.0.token_type"},)"
             R"({"code":"token_not_valid","detail":"Token is invalid or expired","attr":"messages.0.message"}]})",
             view);
    response.add_header("WWW-Authenticate", kChallenge);
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
