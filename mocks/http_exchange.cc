#include "mocks/http_exchange.h"

#include <boost/beast/http/status.hpp>
#include <charconv>

namespace profilegw::mocks {

namespace http = boost::beast::http;

MockRequest::MockRequest(const HttpRequest& message) : message_(message) {
  const std::string_view target = message_.target();
  const std::size_t question = target.find('?');
  path_ = target.substr(0, question);
  if (question != std::string_view::npos) query_ = target.substr(question);
}

bool MockRequest::is_head() const { return message_.method() == http::verb::head; }

std::string_view MockRequest::header(std::string_view name) const {
  const auto it = message_.find(name);
  return it == message_.end() ? std::string_view() : std::string_view(it->value());
}

bool MockRequest::has_header(std::string_view name) const { return message_.find(name) != message_.end(); }

void MockResponse::clear() {
  status = 200;
  content_type = kJsonContentType;
  header_lines.clear();
  body.clear();
}

void MockResponse::set_json(unsigned status_code, std::string_view json) {
  status = status_code;
  content_type = kJsonContentType;
  body.assign(json);
}

void MockResponse::add_header(std::string_view name, std::string_view value) {
  header_lines.append(name).append(": ").append(value).append("\r\n");
}

namespace {

void append_number(std::string& out, std::size_t value) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, result.ptr);
}

void append_header(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

std::size_t serialize_response(const MockResponse& response, bool head_request, bool keep_alive,
                               bool http10_client, std::string& out) {
  out.clear();
  out.append("HTTP/1.1 ");
  append_number(out, response.status);
  out.push_back(' ');
  out.append(http::obsolete_reason(http::int_to_status(response.status)));
  out.append("\r\nServer: profilegw-mocks\r\n");
  // 1xx, 204 and 304 carry no body and no Content-Length (RFC 9110 section 8.6).
  const bool bodiless = response.status < 200 || response.status == 204 || response.status == 304;
  if (!bodiless) {
    append_header(out, "Content-Type", response.content_type);
    out.append("Content-Length: ");
    append_number(out, response.body.size());
    out.append("\r\n");
  }
  out.append(response.header_lines);
  if (!keep_alive) {
    out.append("Connection: close\r\n");
  } else if (http10_client) {
    out.append("Connection: keep-alive\r\n");
  }
  out.append("\r\n");
  const std::size_t head_size = out.size();
  if (!bodiless && !head_request) out.append(response.body);
  return head_size;
}

std::string percent_decode(std::string_view text) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = hex(text[i + 1]);
      const int low = hex(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace profilegw::mocks
