// wire::append_head: the head it writes, followed by the body, is byte for byte what Beast's
// serializer writes for the same message (requests and responses, known and unknown methods and
// fields, reason phrases set or defaulted, HTTP/1.0 and 1.1).
#include "core/wire/message_head.h"

#include <boost/beast/http/write.hpp>
#include <catch2/catch.hpp>
#include <sstream>

namespace profilegw::core::wire {
namespace {

namespace http = boost::beast::http;

template <class Message>
std::string beast_bytes(const Message& m) {
  std::ostringstream out;
  out << m;  // Beast's serializer
  return out.str();
}

template <class Message>
std::string our_bytes(const Message& m) {
  std::string out;
  append_head(out, m);
  return out + m.body();
}

}  // namespace

TEST_CASE("wire: a request's head and body match Beast's serializer", "[core][wire]") {
  StringRequest req{http::verb::patch, "/api/customers/me/update/?x=1", 11};
  req.set(http::field::accept, "application/json");
  req.set("X-Request-Id", "abc-123");
  req.set("x-client-id", "web");
  req.set(http::field::authorization, "Bearer t");
  req.set(http::field::content_type, "application/json");
  req.body() = R"({"gender":"M"})";
  req.set(http::field::host, "127.0.0.1:9101");
  req.set(http::field::connection, "keep-alive");
  req.prepare_payload();
  CHECK(our_bytes(req) == beast_bytes(req));

  StringRequest get{http::verb::get, "/partner/customer/MTD0018232", 10};
  get.set(http::field::host, "h");
  CHECK(our_bytes(get) == beast_bytes(get));

  StringRequest custom;
  custom.method_string("PURGE");
  custom.target("/");
  custom.version(11);
  CHECK(our_bytes(custom) == beast_bytes(custom));
}

TEST_CASE("wire: a response's head and body match Beast's serializer", "[core][wire]") {
  StringResponse res{http::status::ok, 11};
  res.set(http::field::content_type, "application/json");
  res.set(http::field::etag, "\"0123\"");
  res.set("X-Request-Id", "r1");
  res.set(http::field::server, "profilegw");
  res.body() = R"({"id":"42"})";
  res.keep_alive(true);
  res.prepare_payload();
  CHECK(our_bytes(res) == beast_bytes(res));

  StringResponse problem{http::status::unprocessable_entity, 10};
  problem.set(http::field::content_type, "application/problem+json");
  problem.body() = "{}";
  problem.keep_alive(false);
  problem.prepare_payload();
  CHECK(our_bytes(problem) == beast_bytes(problem));

  StringResponse reasoned{http::status::not_found, 11};
  reasoned.reason("Nothing Here");
  reasoned.content_length(0);
  CHECK(our_bytes(reasoned) == beast_bytes(reasoned));

  StringResponse odd;
  odd.result(599);
  odd.version(11);
  odd.content_length(0);
  CHECK(our_bytes(odd) == beast_bytes(odd));

  StringResponse empty{http::status::no_content, 11};
  CHECK(our_bytes(empty) == beast_bytes(empty));
  CHECK(body_is_verbatim(empty));
  empty.chunked(true);
  CHECK_FALSE(body_is_verbatim(empty));
}

}  // namespace profilegw::core::wire
