// Reading members of a backend record with their JSON types checked, and collecting the members
// that have no unified home into `extra`. A wrong type is the backend's fault (502
// upstream_bad_response); callers report it by the backend's member name, never by value.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "adapters/json/json_document.h"
#include "adapters/json/json_writer.h"

namespace profilegw::adapters::json {

// Index of `key` in `keys`, or -1. Records have a dozen members: a linear scan is the fastest.
int find_key(std::span<const std::string_view> keys, std::string_view key);

// A string member as text (nullopt for JSON null, and for "" when `empty_is_null`: blank-able
// text columns in Django store "no value" as ""). False when the value is neither.
bool read_text(const Value& v, bool empty_is_null, std::optional<std::string>& out);

// An id: an integer (written in decimal) or a non-empty string. False otherwise.
bool read_id(const Value& v, std::string& out);

// A boolean or null. False otherwise.
bool read_bool(const Value& v, std::optional<bool>& out);

// True for an empty answer body (whitespace only): a 204-style write answer carries no record.
bool is_blank(std::string_view body);

// Collects members verbatim into one JSON object text ("{}" when none).
class ExtraCollector {
 public:
  ExtraCollector() : writer_(buffer_) { writer_.StartObject(); }
  ExtraCollector(const ExtraCollector&) = delete;
  ExtraCollector& operator=(const ExtraCollector&) = delete;

  void add(std::string_view name, const Value& value) {
    writer_.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    value.Accept(writer_);
  }
  std::string finish() {
    writer_.EndObject();
    return std::string(buffer_.GetString(), buffer_.GetSize());
  }

 private:
  // RapidJSON's own buffer: its Writer copies strings with SSE4.2 only into this type.
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace profilegw::adapters::json
