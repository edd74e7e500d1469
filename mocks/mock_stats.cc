#include "mocks/mock_stats.h"

#include "mocks/json_text.h"

namespace profilegw::mocks {

namespace {

// Distinct keys kept per counter map; past it, new keys count under "(other)" so a scan of random
// paths cannot grow the map without bound.
constexpr std::size_t kMaxCounterKeys = 1024;

void write_counters(JsonWriter& writer, const std::map<std::string, std::uint64_t, std::less<>>& counters) {
  writer.StartObject();
  for (const auto& [key, value] : counters) {
    write_key(writer, key);
    writer.Uint64(value);
  }
  writer.EndObject();
}

}  // namespace

void ProviderStats::count(std::map<std::string, std::uint64_t, std::less<>>& counters, std::string_view key) {
  if (const auto it = counters.find(key); it != counters.end()) {
    ++it->second;
  } else if (counters.size() < kMaxCounterKeys) {
    counters.emplace(std::string(key), 1);
  } else {
    ++counters["(other)"];
  }
}

void ProviderStats::record(const MockRequest& request) {
  const HttpRequest& message = request.message();
  std::lock_guard lock(mutex_);
  ++requests_;
  count(by_path_, request.path());
  request_key_.assign(request.method()).append(" ").append(request.path());
  count(by_request_, request_key_);
  // Copy into the kept strings so their capacity is reused from one request to the next.
  has_last_ = true;
  last_.method.assign(request.method());
  last_.target.assign(request.target());
  last_.version = message.version();
  std::size_t index = 0;
  for (const auto& field : message) {
    if (index == last_.headers.size()) last_.headers.emplace_back();
    last_.headers[index].first.assign(field.name_string());
    last_.headers[index].second.assign(field.value());
    ++index;
  }
  last_.headers.resize(index);
  last_.body.assign(request.body());
}

std::string ProviderStats::stats_json(std::uint64_t digest_challenges) const {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  std::lock_guard lock(mutex_);
  writer.StartObject();
  write_key(writer, "requests");
  writer.Uint64(requests_);
  write_key(writer, "digest_challenges");
  writer.Uint64(digest_challenges);
  write_key(writer, "by_path");
  write_counters(writer, by_path_);
  write_key(writer, "by_request");
  write_counters(writer, by_request_);
  writer.EndObject();
  return std::string(as_view(buffer));
}

std::optional<std::string> ProviderStats::last_request_json() const {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  std::lock_guard lock(mutex_);
  if (!has_last_) return std::nullopt;
  writer.StartObject();
  write_key(writer, "method");
  write_string(writer, last_.method);
  write_key(writer, "target");
  write_string(writer, last_.target);
  write_key(writer, "version");
  write_string(writer, last_.version == 10 ? "1.0" : "1.1");
  write_key(writer, "headers");
  writer.StartArray();
  for (const auto& [name, value] : last_.headers) {
    writer.StartArray();
    write_string(writer, name);
    write_string(writer, value);
    writer.EndArray();
  }
  writer.EndArray();
  write_key(writer, "body");
  write_string(writer, last_.body);
  writer.EndObject();
  return std::string(as_view(buffer));
}

void ProviderStats::reset() {
  std::lock_guard lock(mutex_);
  requests_ = 0;
  by_path_.clear();
  by_request_.clear();
  has_last_ = false;
  last_ = RecordedRequest{};
}

}  // namespace profilegw::mocks
