#include "gateway/server/request_parser.h"

#include <algorithm>
#include <cstdint>

namespace profilegw::gateway {

namespace {

// Beast reads up to this much at a time (http::read's default read size).
constexpr std::size_t kReadChunk = 64 * 1024;

}  // namespace

std::size_t connection_buffer_limit(const ServerOptions& options) { return options.max_header_bytes + kReadChunk; }

void reset_request_parser(std::optional<RequestParser>& slot, const ServerOptions& options) {
  slot.emplace();
  // Beast takes a 32-bit header limit; the config caps it far lower (1 MiB), the clamp is for safety.
  slot->header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(options.max_header_bytes, UINT32_MAX)));
  slot->body_limit(options.max_body_bytes);
}

}  // namespace profilegw::gateway
