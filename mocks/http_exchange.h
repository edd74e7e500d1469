// One HTTP exchange as the backends see it: the parsed request, and the response they fill in. The
// session frames the response bytes itself, so that a fault can cut, truncate or drip them.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <string>
#include <string_view>

namespace profilegw::mocks {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;

inline constexpr std::string_view kJsonContentType = "application/json";
inline constexpr std::string_view kHtmlContentType = "text/html; charset=utf-8";

class MockRequest {
 public:
  explicit MockRequest(const HttpRequest& message);

  const HttpRequest& message() const { return message_; }
  std::string_view method() const { return message_.method_string(); }
  std::string_view target() const { return message_.target(); }
  std::string_view path() const { return path_; }    // the target without its query
  std::string_view query() const { return query_; }  // with its leading '?', or empty
  std::string_view body() const { return message_.body(); }
  bool is_head() const;
  // The first value of header `name` (case-insensitive); empty when absent.
  std::string_view header(std::string_view name) const;
  bool has_header(std::string_view name) const;

 private:
  const HttpRequest& message_;
  std::string_view path_;
  std::string_view query_;
};

struct MockResponse {
  unsigned status = 200;
  std::string_view content_type = kJsonContentType;  // always a literal
  // Extra header lines, "Name: value\r\n" each, formatted as they are added so that a response
  // costs no allocation once the connection's strings have grown.
  std::string header_lines;
  std::string body;

  // Empties the response for the next request, keeping allocated capacity.
  void clear();
  void set_json(unsigned status_code, std::string_view json);
  void add_header(std::string_view name, std::string_view value);
};

// Frames `response` as HTTP/1.1 bytes into `out` (replacing its content) and returns the length of
// the head (status line and headers, including the blank line).
std::size_t serialize_response(const MockResponse& response, bool head_request, bool keep_alive,
                               bool http10_client, std::string& out);

// %XX-decodes one path segment ('+' stays '+', as in paths).
std::string percent_decode(std::string_view text);

// Case-insensitive ASCII comparison.
bool iequals(std::string_view a, std::string_view b);

}  // namespace profilegw::mocks
