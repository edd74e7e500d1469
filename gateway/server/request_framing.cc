#include "gateway/server/request_framing.h"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/rfc7230.hpp>

namespace profilegw::gateway {
namespace {

namespace http = boost::beast::http;
using core::Problem;
using core::ProblemCode;

Problem malformed(std::string detail) { return Problem::make(ProblemCode::kMalformedRequest, std::move(detail)); }

// Exactly one "chunked" over all Transfer-Encoding fields; other codings we cannot decode.
bool only_chunked(const HttpRequest& request) {
  int chunked = 0;
  auto [begin, end] = request.equal_range(http::field::transfer_encoding);
  for (auto it = begin; it != end; ++it) {
    for (auto token : http::token_list{it->value()}) {
      if (!boost::beast::iequals(token, "chunked")) return false;
      ++chunked;
    }
  }
  return chunked == 1;
}

}  // namespace

std::optional<Problem> check_framing(const HttpRequest& request) {
  // Two lengths (even equal ones) are how smuggling starts when a peer picks the other one.
  const auto lengths = request.count(http::field::content_length);
  if (lengths > 1) return malformed("more than one Content-Length header");
  if (lengths == 1 && request[http::field::content_length].find(',') != std::string_view::npos) {
    return malformed("Content-Length is a list");
  }
  if (request.find(http::field::transfer_encoding) != request.end()) {
    if (lengths != 0) return malformed("both Content-Length and Transfer-Encoding");
    if (request.version() < 11) return malformed("Transfer-Encoding in an HTTP/1.0 request");
    // Beast leaves a body without "chunked" last unframed, so its bytes would be read as the next request.
    if (!only_chunked(request)) return malformed("Transfer-Encoding other than chunked");
  }
  const auto hosts = request.count(http::field::host);
  if (hosts > 1) return malformed("more than one Host header");
  if (hosts == 0 && request.version() >= 11) return malformed("missing Host header");
  return std::nullopt;
}

std::optional<Problem> problem_for_read_error(const boost::system::error_code& ec) {
  if (ec.category() != http::make_error_code(http::error::end_of_stream).category()) return std::nullopt;
  switch (static_cast<http::error>(ec.value())) {
    // The client went away; nobody reads an answer.
    case http::error::end_of_stream:
    case http::error::partial_message:
    case http::error::short_read:
      return std::nullopt;
    case http::error::header_limit:
      return Problem::make(ProblemCode::kHeadersTooLarge, "request line and header fields exceed the limit");
    case http::error::body_limit:
      return Problem::make(ProblemCode::kPayloadTooLarge, "request body exceeds the limit");
    case http::error::bad_content_length:
      return malformed("invalid Content-Length, or Content-Length with Transfer-Encoding");
    case http::error::multiple_content_length:
      return malformed("conflicting Content-Length headers");
    case http::error::bad_transfer_encoding:
      return malformed("invalid Transfer-Encoding, or Transfer-Encoding with Content-Length");
    case http::error::bad_chunk:
    case http::error::bad_chunk_extension:
      return malformed("invalid chunk in a chunked body");
    // The connection's buffer limit (request_parser.h): a chunk line or the trailer section too long.
    case http::error::buffer_overflow:
      return malformed("a chunk line or the trailer section is too long");
    case http::error::bad_version:
      return malformed("unsupported HTTP version");
    default:
      return malformed(std::string("malformed HTTP request: ") + ec.message());
  }
}

}  // namespace profilegw::gateway
