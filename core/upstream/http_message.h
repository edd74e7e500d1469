// What an adapter asks to send upstream and what it is given back. Plain data: adapters build and
// read these without knowing about sockets; core/upstream/ turns them into wire messages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace profilegw::core {

enum class HttpMethod : std::uint8_t { kGet, kPost, kPut, kPatch, kDelete };

std::string_view method_name(HttpMethod m);

struct UpstreamRequest {
  HttpMethod method = HttpMethod::kGet;
  // Path relative to the tenant's upstream base_url path, starting with '/', ids already
  // percent-encoded (use expand_path in core/service/call_context.h). May carry a query.
  std::string path;
  std::string body;  // JSON; empty for none. Content-Type: application/json is added when non-empty.
};

struct UpstreamResponse {
  int status = 0;
  // Header names lower-cased by the client; values verbatim.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // First value of a header (name given lower-case), or nullopt.
  std::optional<std::string_view> header(std::string_view lower_name) const {
    for (const auto& [n, v] : headers) {
      if (n == lower_name) return std::string_view(v);
    }
    return std::nullopt;
  }
};

}  // namespace profilegw::core
