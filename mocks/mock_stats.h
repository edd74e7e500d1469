// What one port has seen since start or the last reset: request counters (total, per path, per
// method and path) and the last request verbatim, so tests can assert on what the gateway sent.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mocks/http_exchange.h"

namespace profilegw::mocks {

class ProviderStats {
 public:
  // Counts `request` and keeps it as the last request.
  void record(const MockRequest& request);

  // {"requests": N, "digest_challenges": N, "by_path": {...}, "by_request": {"GET /path": N}}
  std::string stats_json(std::uint64_t digest_challenges) const;

  // {"method", "target", "version", "headers": [[name, value], ...], "body"}, or nullopt when nothing
  // has been received yet.
  std::optional<std::string> last_request_json() const;

  void reset();

 private:
  struct RecordedRequest {
    std::string method;
    std::string target;
    unsigned version = 11;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
  };

  void count(std::map<std::string, std::uint64_t, std::less<>>& counters, std::string_view key);

  mutable std::mutex mutex_;
  std::uint64_t requests_ = 0;
  std::map<std::string, std::uint64_t, std::less<>> by_path_;
  std::map<std::string, std::uint64_t, std::less<>> by_request_;
  std::string request_key_;  // scratch for "METHOD path", reused under the lock
  bool has_last_ = false;
  RecordedRequest last_;
};

}  // namespace profilegw::mocks
