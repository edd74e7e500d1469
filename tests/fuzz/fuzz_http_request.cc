// Fuzz target 1: the HTTP request path in front of routing. Raw client bytes go through the same
// Beast parser the session uses (gateway/server/request_parser.h, the default limits), read the way
// the session reads them (header first, framing checks, then the body), in chunk sizes the input
// picks; then everything the public handler checks before any I/O: request id choice, routing and
// the customer id, tenant lookup by X-Api-Key, the customer credential, the media type, the PATCH
// and verification bodies, and the problem answers the server would write.
//
// Input: byte 0 picks the read size (1..256 bytes per read, like a client dribbling a request);
// the rest is what the client sends before closing its side.
#include <boost/asio/io_context.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/model/patch.h"
#include "core/model/utf8.h"
#include "core/service/call_context.h"
#include "gateway/handlers/request_headers.h"
#include "gateway/handlers/verification_body.h"
#include "gateway/router/route_table.h"
#include "gateway/server/problem_response.h"
#include "gateway/server/request_framing.h"
#include "gateway/server/request_id.h"
#include "gateway/server/request_parser.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using namespace profilegw;

std::string_view header(const gateway::HttpRequest& r, std::string_view name) {
  auto it = r.find(beast::string_view(name.data(), name.size()));
  return it == r.end() ? std::string_view{} : std::string_view(it->value().data(), it->value().size());
}

// What the server writes for a problem it answers by itself must stay a well-formed response.
void answer(const core::Problem& problem, std::string_view request_id, unsigned version) {
  gateway::HttpResponse response = gateway::problem_response(problem, request_id, version);
  fuzz::require_json(response.body(), "problem answer");
  fuzz::require(core::is_valid_utf8(response.body()), "a problem answer is not UTF-8");
}

// A decoded customer id, re-encoded the way every adapter's path is built, is exactly one segment.
void check_one_segment(std::string_view customer_id) {
  const std::string path = core::expand_path("/c/{id}/p", customer_id);
  const std::string_view segment = std::string_view(path).substr(3, path.size() - 5);
  fuzz::require(path.starts_with("/c/") && path.ends_with("/p"), "expand_path keeps the template");
  fuzz::require(segment != "." && segment != "..", "a dot segment reaches the upstream path");
  for (char c : segment) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '.' || c == '_' || c == '~' || c == '%';
    fuzz::require(ok, "expand_path let a reserved character through");
  }
}

void handle(const gateway::HttpRequest& request) {
  gateway::GeneratedRequestId storage;
  const std::string_view request_id = gateway::choose_request_id(header(request, gateway::kRequestIdHeader), storage);
  fuzz::require(gateway::is_valid_request_id(request_id), "chosen request id is invalid");

  const std::string_view method(request.method_string().data(), request.method_string().size());
  const std::string_view target(request.target().data(), request.target().size());
  const gateway::RouteMatch route = gateway::match_route(method, target);
  if (!route.bad_customer_id && !route.customer_id.empty()) {
    fuzz::require(route.customer_id.size() <= gateway::kMaxCustomerIdLength, "customer id over the limit");
    for (char c : route.customer_id) {
      const auto u = static_cast<unsigned char>(c);
      fuzz::require(u >= 0x20 && u != 0x7f && c != '/', "control byte or '/' in a customer id");
    }
    check_one_segment(route.customer_id);
  }
  if (route.route == gateway::RouteId::kNone) {
    // The handler's 404 echoes the method and path.
    answer(core::Problem::make(core::ProblemCode::kNotFound, "no route for " + std::string(method) + " " +
                                                                 std::string(target.substr(0, target.find('?')))),
           request_id, request.version());
    return;
  }

  if (!gateway::repeated_credential_header(request).empty()) return;
  (void)fuzz::demo_snapshot().tenant_for_api_key(header(request, gateway::kApiKeyHeader));
  (void)gateway::bearer_token(header(request, "Authorization"));
  if (!gateway::is_json_media_type(header(request, "Content-Type"))) return;
  if (route.route == gateway::RouteId::kProfilePatch || route.route == gateway::RouteId::kCustomerPatch) {
    auto parsed = core::parse_patch(request.body());
    if (auto* p = std::get_if<core::Problem>(&parsed)) answer(*p, request_id, request.version());
  } else if (route.route == gateway::RouteId::kVerification) {
    auto parsed = gateway::parse_verification_body(request.body());
    if (auto* p = std::get_if<core::Problem>(&parsed)) answer(*p, request_id, request.version());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static boost::asio::io_context io;
  static const gateway::ServerOptions options;  // the defaults the config starts from

  beast::test::stream stream(io);
  stream.read_size(1 + data[0]);
  stream.append(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  stream.close_remote();  // the client sends nothing more

  // As Session::run: one bounded flat buffer per connection, a fresh parser per message, header then
  // body.
  beast::flat_buffer buffer(gateway::connection_buffer_limit(options));
  std::optional<gateway::RequestParser> parser;
  for (int message = 0; message < 4; ++message) {
    gateway::reset_request_parser(parser, options);
    beast::error_code ec;
    http::read_header(stream, buffer, *parser, ec);
    if (ec) {
      if (auto problem = gateway::problem_for_read_error(ec)) answer(*problem, "fuzz", 11);
      return 0;
    }
    if (auto problem = gateway::check_framing(parser->get())) {
      answer(*problem, "fuzz", parser->get().version() == 10 ? 10 : 11);
      return 0;
    }
    if (!parser->is_done()) {
      http::read(stream, buffer, *parser, ec);
      if (ec) {
        if (auto problem = gateway::problem_for_read_error(ec)) answer(*problem, "fuzz", 11);
        return 0;
      }
    }
    fuzz::require(parser->get().body().size() <= options.max_body_bytes, "body over the limit was read");
    handle(parser->get());
    if (!parser->get().keep_alive()) return 0;
  }
  return 0;
}
