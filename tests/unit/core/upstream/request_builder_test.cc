// The wire request: path, default and fixed headers, credentials, and refusal of header injection.
#include "core/upstream/request_builder.h"

#include <catch2/catch.hpp>

namespace profilegw::core::upstream {
namespace {
namespace http = boost::beast::http;

UpstreamTarget sample_target() {
  UpstreamTarget t;
  t.host = "api.example";
  t.port = 443;
  t.tls = true;
  t.base_path = "/store/v1";
  t.host_header = "api.example";
  t.headers = {
      {"Store-Identifier", "123"}, {"Accept-Language", "en"}, {"Host", "evil"}, {"Content-Length", "9"}};
  return t;
}

TEST_CASE("request builder: target, defaults and fixed headers", "[upstream][request]") {
  auto r =
      build_request(sample_target(), UpstreamRequest{HttpMethod::kGet, "/auth/user?x=1", ""}, CallHeaders{});
  REQUIRE(r.ok());
  const WireRequest& req = r.value();
  CHECK(req.method() == http::verb::get);
  CHECK(req.target() == "/store/v1/auth/user?x=1");
  CHECK(req.version() == 11);
  CHECK(req[http::field::host] == "api.example");  // a fixed Host cannot override it
  CHECK(req[http::field::connection] == "keep-alive");
  CHECK(req[http::field::accept] == "application/json");
  CHECK(req[http::field::user_agent] == "profilegw/" PROFILEGW_VERSION);
  CHECK(req["Store-Identifier"] == "123");
  CHECK(req[http::field::accept_language] == "en");
  CHECK(req.count(http::field::content_type) == 0);
  CHECK(req.count(http::field::content_length) == 0);
  CHECK(req.count(http::field::authorization) == 0);
  CHECK(req.count("X-Request-Id") == 0);
}

TEST_CASE("request builder: body, call headers and customer credential", "[upstream][request]") {
  auto t = sample_target();
  t.service_auth = {ServiceAuthType::kBasic, "svc", "pw", ""};
  auto r = build_request(t, UpstreamRequest{HttpMethod::kPatch, "/profile", R"({"a":1})"},
                         CallHeaders{"Bearer cust", "rid-7", "ar"});
  REQUIRE(r.ok());
  const WireRequest& req = r.value();
  CHECK(req.method() == http::verb::patch);
  CHECK(req[http::field::content_type] == "application/json");
  CHECK(req[http::field::content_length] == "7");
  CHECK(req[http::field::accept_language] == "ar");
  CHECK(req.count(http::field::accept_language) == 1);
  CHECK(req["X-Request-Id"] == "rid-7");
  CHECK(req[http::field::authorization] == "Bearer cust");  // the customer's credential wins
}

TEST_CASE("request builder: service credentials", "[upstream][request]") {
  auto t = sample_target();
  t.service_auth = {ServiceAuthType::kBasic, "Aladdin", "open sesame", ""};
  CHECK(
      build_request(t, UpstreamRequest{HttpMethod::kGet, "/", ""}, {}).value()[http::field::authorization] ==
      "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  t.service_auth = {ServiceAuthType::kBearer, "", "", "tok"};
  CHECK(
      build_request(t, UpstreamRequest{HttpMethod::kGet, "/", ""}, {}).value()[http::field::authorization] ==
      "Bearer tok");
  t.service_auth = {ServiceAuthType::kDigest, "gw", "pw", ""};
  CHECK(build_request(t, UpstreamRequest{HttpMethod::kGet, "/", ""}, {})
            .value()
            .count(http::field::authorization) == 0);
  t.service_auth = {ServiceAuthType::kBasic, "a:b", "pw", ""};
  CHECK_FALSE(build_request(t, UpstreamRequest{HttpMethod::kGet, "/", ""}, {}).ok());
}

TEST_CASE("request builder: CR, LF and NUL are refused everywhere", "[upstream][request]") {
  const UpstreamRequest get{HttpMethod::kGet, "/x", ""};
  auto expect_400 = [](const Result<WireRequest>& r) {
    REQUIRE_FALSE(r.ok());
    CHECK(r.problem().code == ProblemCode::kMalformedRequest);
    CHECK(r.problem().status() == 400);
  };
  expect_400(build_request(sample_target(), get, CallHeaders{"Bearer a\r\nX: y", "", ""}));
  expect_400(build_request(sample_target(), get, CallHeaders{"", "id\n", ""}));
  expect_400(build_request(sample_target(), get, CallHeaders{"", "", std::string_view("en\0", 3)}));
  auto t = sample_target();
  t.headers.emplace_back("x-client-id", "a\rb");
  expect_400(build_request(t, get, {}));
  t = sample_target();
  t.headers.emplace_back("bad name", "v");
  expect_400(build_request(t, get, {}));
  t = sample_target();
  t.service_auth = {ServiceAuthType::kBearer, "", "", "tok\n"};
  expect_400(build_request(t, get, {}));
  expect_400(build_request(sample_target(), UpstreamRequest{HttpMethod::kGet, "/a b", ""}, {}));
  expect_400(build_request(sample_target(), UpstreamRequest{HttpMethod::kGet, "/a\r\nb", ""}, {}));
  // The error names the header, never its value.
  auto r = build_request(sample_target(), get, CallHeaders{"Bearer secret\n", "", ""});
  CHECK(r.problem().detail.find("secret") == std::string::npos);
}

}  // namespace
}  // namespace profilegw::core::upstream
