// The head of an HTTP/1.1 message (start line and header fields) as one contiguous block, byte for
// byte what Beast's serializer writes, so that a message goes out as a single gather write of
// (head, body). Beast's serializer walks nested buffer sequences on every write and, in the
// gateway's callgrind profile, cost more than all the translation work of a request; both the
// server's responses and the upstream client's requests are written this way instead.
#pragma once

#include <array>
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>

namespace profilegw::core::wire {

using StringRequest = boost::beast::http::request<boost::beast::http::string_body>;
using StringResponse = boost::beast::http::response<boost::beast::http::string_body>;

// Appends "METHOD target HTTP/x.y\r\n", every field as "Name: value\r\n" in order, and "\r\n".
void append_head(std::string& out, const StringRequest& request);
// Appends "HTTP/x.y code reason\r\n" (Beast's reason phrase when the message sets none), the
// fields and "\r\n".
void append_head(std::string& out, const StringResponse& response);

// Whether the body goes on the wire verbatim after the head: false for chunked messages, whose
// body needs framing (write those with Beast's serializer).
template <class Message>
bool body_is_verbatim(const Message& message) {
  return !message.chunked();
}

// The (head, body) pair for asio::async_write; `head` is what append_head wrote.
template <class Message>
std::array<boost::asio::const_buffer, 2> gather(const std::string& head, const Message& message) {
  return {boost::asio::buffer(head), boost::asio::buffer(message.body())};
}

}  // namespace profilegw::core::wire
