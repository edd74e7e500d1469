#include "gateway/openapi/json_tree.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace profilegw::gateway::openapi {
namespace {

template <class Writer>
void write(Writer& w, const Json& j) {
  switch (j.kind()) {
    case Json::Kind::kNull:
      w.Null();
      return;
    case Json::Kind::kBool:
      w.Bool(j.as_bool());
      return;
    case Json::Kind::kInt:
      w.Int64(j.as_int());
      return;
    case Json::Kind::kString:
      w.String(j.text().data(), static_cast<rapidjson::SizeType>(j.text().size()));
      return;
    case Json::Kind::kArray:
      w.StartArray();
      for (const Json& v : j.values()) write(w, v);
      w.EndArray();
      return;
    case Json::Kind::kObject:
      w.StartObject();
      for (std::size_t i = 0; i < j.keys().size(); ++i) {
        w.Key(j.keys()[i].data(), static_cast<rapidjson::SizeType>(j.keys()[i].size()));
        write(w, j.values()[i]);
      }
      w.EndObject();
      return;
  }
}

}  // namespace

Json Json::array(std::initializer_list<Json> items) {
  Json a(Kind::kArray);
  a.values_.assign(items.begin(), items.end());
  return a;
}

Json Json::strings(const std::vector<std::string_view>& items) {
  Json a(Kind::kArray);
  for (std::string_view s : items) a.values_.emplace_back(s);
  return a;
}

Json& Json::set(std::string_view key, Json value) & {
  if (Json* existing = find(key)) {
    *existing = std::move(value);
    return *this;
  }
  kind_ = Kind::kObject;
  keys_.emplace_back(key);
  values_.push_back(std::move(value));
  return *this;
}

Json&& Json::set(std::string_view key, Json value) && { return std::move(set(key, std::move(value))); }

Json& Json::push(Json value) & {
  kind_ = Kind::kArray;
  values_.push_back(std::move(value));
  return *this;
}

Json&& Json::push(Json value) && { return std::move(push(std::move(value))); }

const Json* Json::find(std::string_view key) const {
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == key) return &values_[i];
  }
  return nullptr;
}

Json* Json::find(std::string_view key) {
  return const_cast<Json*>(static_cast<const Json&>(*this).find(key));
}

Json& Json::member(std::string_view key) {
  if (Json* existing = find(key)) return *existing;
  set(key, Json::object());
  return values_.back();
}

std::string Json::dump() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  write(w, *this);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string Json::dump_pretty() const {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
  w.SetIndent(' ', 2);
  write(w, *this);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace profilegw::gateway::openapi
