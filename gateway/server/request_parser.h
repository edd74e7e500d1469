// The parser every request is read with: Beast's, fresh per message, bounded by the server's header
// and body limits. One definition shared by the session and the HTTP fuzz target
// (tests/fuzz/fuzz_http_request.cc), so the fuzzer reads requests exactly as the server does.
#pragma once

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <optional>

#include "gateway/server/server_options.h"

namespace profilegw::gateway {

using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// The most a connection's read buffer may hold: a whole header (max_header_bytes) and one read of
// 64 KiB behind it. Beast bounds the header and the body but not a chunk line (chunk extensions)
// or the trailer section: they wait in the buffer until their CRLF arrives, so without this bound
// one connection could make the gateway buffer gigabytes. Over it, reads fail with
// http::error::buffer_overflow (400).
std::size_t connection_buffer_limit(const ServerOptions& options);

// Replaces whatever `slot` held by a fresh parser (Beast parsers are single-use) limited to
// options.max_header_bytes of request line and header fields and options.max_body_bytes of body.
void reset_request_parser(std::optional<RequestParser>& slot, const ServerOptions& options);

}  // namespace profilegw::gateway
