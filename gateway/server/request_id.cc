#include "gateway/server/request_id.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <random>
#include <thread>

namespace profilegw::gateway {
namespace {

// splitmix64: spreads the seed material so prefixes of threads seeded close together differ.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t random_prefix() {
  std::uint64_t seed = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  seed ^= std::hash<std::thread::id>{}(std::this_thread::get_id());
  // random_device may be unavailable in odd sandboxes; the clock and thread id still differ.
  try {
    std::random_device device;
    seed ^= (static_cast<std::uint64_t>(device()) << 32) ^ device();
  } catch (...) {
  }
  return mix(seed);
}

struct IdState {
  std::uint64_t prefix = random_prefix();
  std::uint64_t counter = 0;
};

void write_hex(std::uint64_t value, char* out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int i = 15; i >= 0; --i) {
    out[i] = kDigits[value & 0xf];
    value >>= 4;
  }
}

}  // namespace

bool is_valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdLength) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

GeneratedRequestId generate_request_id() {
  thread_local IdState state;
  GeneratedRequestId id;
  write_hex(state.prefix, id.chars_.data());
  write_hex(++state.counter, id.chars_.data() + 16);
  return id;
}

std::string_view choose_request_id(std::string_view incoming, GeneratedRequestId& storage) {
  if (is_valid_request_id(incoming)) return incoming;
  storage = generate_request_id();
  return storage.view();
}

}  // namespace profilegw::gateway
