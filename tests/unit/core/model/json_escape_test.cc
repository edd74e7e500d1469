// The eight-bytes-at-a-time scan that the JSON writers use to find the next byte to escape must
// agree with the plain per-byte rule at every position and alignment, whatever surrounds the byte.
#include "core/model/json_escape.h"

#include <catch2/catch.hpp>

#include <string>

using namespace profilegw::core;

namespace {

std::size_t reference_plain_end(std::string_view s, std::size_t from) {
  for (std::size_t i = from; i < s.size(); ++i) {
    if (json_needs_escape(static_cast<unsigned char>(s[i]))) return i;
  }
  return s.size();
}

}  // namespace

TEST_CASE("JSON escape scan: every byte value at every position of strings up to 24 bytes", "[json][escape]") {
  // Fillers around the probe: plain ASCII, the bytes right above each special one, and bytes with the
  // high bit set (UTF-8), which a careless borrow trick would flag.
  const std::string fillers[] = {std::string(1, 'a'), std::string(1, '\x21'), std::string(1, '\x23'),
                                 std::string(1, '\x5d'), std::string(1, '\x7f'), std::string(1, '\x80'),
                                 std::string(1, '\xff'), std::string(1, '\xa2'), std::string(1, '\xdc')};
  std::size_t checked = 0;
  std::string first_mismatch;
  for (const std::string& filler : fillers) {
    for (std::size_t len = 0; len <= 24; ++len) {
      for (int byte = 0; byte < 256; ++byte) {
        for (std::size_t pos = 0; pos < len; ++pos) {
          std::string s;
          for (std::size_t k = 0; k < len; ++k) s += filler;
          s[pos] = static_cast<char>(byte);
          for (std::size_t from = 0; from <= len; from += 3) {
            ++checked;
            if (first_mismatch.empty() && json_plain_end(s, from) != reference_plain_end(s, from)) {
              first_mismatch = "byte " + std::to_string(byte) + " at " + std::to_string(pos) + " of " +
                               std::to_string(len) + " from " + std::to_string(from);
            }
          }
        }
      }
    }
  }
  CHECK(first_mismatch == "");
  CHECK(checked > 100000);
}

TEST_CASE("JSON escape scan: the first of several special bytes, below and above earlier matches", "[json][escape]") {
  CHECK(json_plain_end("") == 0);
  CHECK(json_plain_end("plain text, nothing to escape") == 29);
  CHECK(json_plain_end("0123456789abcdef\"") == 16);
  CHECK(json_plain_end(std::string_view("0123456\x01\x01\"", 10)) == 7);
  CHECK(json_plain_end("01234567\\\"") == 8);
  CHECK(json_plain_end(std::string_view("\x00\x1f", 2)) == 0);
  CHECK(json_plain_end(std::string_view("ab\x00\x1f", 4), 3) == 3);
  CHECK(json_plain_end("\xd8\xb9\xd9\x84\xd9\x8a \xe2\x82\xac \xf0\x9f\x98\x80\"") == 15);
  CHECK(json_plain_end(" !#$%&'()*+,-./[]^_`{|}~\x7f") == 25);
}
