// Turns an adapter's UpstreamRequest plus the target's fixed headers and the call's headers into a
// Beast request, refusing anything that could split the header block (CR, LF, NUL).
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/upstream/client.h"
#include "core/upstream/http_message.h"
#include "core/upstream/upstream_target.h"

namespace profilegw::core::upstream {

using WireRequest = boost::beast::http::request<boost::beast::http::string_body>;

// A header value that can be written verbatim: no CR, LF or NUL.
bool is_safe_header_value(std::string_view value);
// A header name: one or more RFC 9110 tchars.
bool is_valid_header_name(std::string_view name);

// The request as it goes on the wire. The Authorization header is the customer's credential when
// the call has one, else the target's basic or bearer service credential; Digest credentials are
// added per attempt by the Client. Fixed target headers may replace the defaults (Accept,
// User-Agent), but never the framing (Host, Connection, Content-Length, Transfer-Encoding).
// 400 malformed_request when a header or the request target holds a forbidden character.
Result<WireRequest> build_request(const UpstreamTarget& target, const UpstreamRequest& request,
                                  const CallHeaders& headers);

}  // namespace profilegw::core::upstream
