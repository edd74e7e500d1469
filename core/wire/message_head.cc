#include "core/wire/message_head.h"

#include <boost/beast/http/status.hpp>
#include <string_view>

namespace profilegw::core::wire {
namespace http = boost::beast::http;
namespace {

std::string_view view(boost::beast::string_view s) { return {s.data(), s.size()}; }

void append_version(std::string& out, unsigned version) {
  out.append("HTTP/");
  out.push_back(static_cast<char>('0' + version / 10));
  out.push_back('.');
  out.push_back(static_cast<char>('0' + version % 10));
}

// Each field exactly as Beast stores it for writing: name, ": ", value, CRLF; then the empty line.
template <class Fields>
void append_fields(std::string& out, const Fields& fields) {
  for (const auto& field : fields) {
    out.append(view(field.name_string()));
    out.append(": ");
    out.append(view(field.value()));
    out.append("\r\n");
  }
  out.append("\r\n");
}

}  // namespace

void append_head(std::string& out, const StringRequest& request) {
  out.append(view(request.method_string()));
  out.push_back(' ');
  out.append(view(request.target()));
  out.push_back(' ');
  append_version(out, request.version());
  out.append("\r\n");
  append_fields(out, request);
}

void append_head(std::string& out, const StringResponse& response) {
  append_version(out, response.version());
  const unsigned code = response.result_int();
  out.push_back(' ');
  out.push_back(static_cast<char>('0' + code / 100));
  out.push_back(static_cast<char>('0' + (code / 10) % 10));
  out.push_back(static_cast<char>('0' + code % 10));
  out.push_back(' ');
  const boost::beast::string_view reason = response.reason();
  out.append(view(reason.empty() ? http::obsolete_reason(static_cast<http::status>(code)) : reason));
  out.append("\r\n");
  append_fields(out, response);
}

}  // namespace profilegw::core::wire
