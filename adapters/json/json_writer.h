// Writing JSON text straight into a std::string with RapidJSON's Writer (no intermediate buffer).
#pragma once

#include <rapidjson/writer.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace profilegw::adapters::json {

// RapidJSON output stream over a caller-owned string.
class StringSink {
 public:
  using Ch = char;
  explicit StringSink(std::string& out) : out_(out) {}
  void Put(char c) { out_.push_back(c); }
  void Flush() {}
  // Writer announces how much it is about to write; one growth instead of many.
  void Reserve(std::size_t count) {
    if (out_.capacity() - out_.size() < count) out_.reserve(out_.size() + count);
  }

 private:
  std::string& out_;
};

// Found by argument-dependent lookup from RapidJSON's Writer; the generic versions ignore the
// reservation and so grow the string one character at a time.
inline void PutReserve(StringSink& sink, std::size_t count) { sink.Reserve(count); }
inline void PutUnsafe(StringSink& sink, char c) { sink.Put(c); }

using Writer = rapidjson::Writer<StringSink>;

inline void write_key(Writer& w, std::string_view key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}
inline void write_string(Writer& w, std::string_view value) {
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

}  // namespace profilegw::adapters::json
