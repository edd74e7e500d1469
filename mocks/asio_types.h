// The Asio types the network files share. Each worker thread runs its own io_context, so executors
// are the concrete io_context executor, never the type-erased any_io_executor (which costs a copy
// and an indirect call on every operation of the hot path).
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/basic_socket_acceptor.hpp>
#include <boost/asio/basic_stream_socket.hpp>
#include <boost/asio/basic_waitable_timer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>

namespace profilegw::mocks {

using Executor = boost::asio::io_context::executor_type;
template <class T = void>
using Task = boost::asio::awaitable<T, Executor>;
using Socket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, Executor>;
using TlsStream = boost::asio::ssl::stream<Socket>;
using Acceptor = boost::asio::basic_socket_acceptor<boost::asio::ip::tcp, Executor>;
using Timer = boost::asio::basic_waitable_timer<std::chrono::steady_clock,
                                                boost::asio::wait_traits<std::chrono::steady_clock>, Executor>;

// Completion token for co_await that returns errors in a tuple instead of throwing them.
inline constexpr auto kUseTuple = boost::asio::as_tuple(boost::asio::use_awaitable_t<Executor>{});

}  // namespace profilegw::mocks
