// The executor every upstream I/O object runs on: its worker's io_context. Naming that executor's
// type (rather than the type-erased any_io_executor) makes each completion and work count on the
// upstream streams a direct call instead of a dispatch through a type-erased executor.
#pragma once

#include <boost/asio/io_context.hpp>

namespace profilegw::core::upstream {

using Executor = boost::asio::io_context::executor_type;

}  // namespace profilegw::core::upstream
