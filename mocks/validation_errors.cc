#include "mocks/validation_errors.h"

namespace profilegw::mocks {

void ValidationErrors::add(std::string_view attr, std::string_view code, std::string_view message) {
  errors_.push_back(FieldError{std::string(attr), std::string(code), std::string(message)});
}

std::string ValidationErrors::drf_json() const {
  // Build the nested tree first: DRF groups messages by field, in the order fields first fail.
  JsonDoc tree(rapidjson::kObjectType);
  auto& allocator = tree.GetAllocator();
  for (const FieldError& error : errors_) {
    JsonValue* node = &tree;
    std::string_view attr = error.attr;
    for (std::size_t dot = attr.find('.'); dot != std::string_view::npos; dot = attr.find('.')) {
      const std::string_view parent = attr.substr(0, dot);
      JsonValue* child = find_member(*node, parent);
      if (child == nullptr || !child->IsObject()) {
        set_member(*node, parent, JsonValue(rapidjson::kObjectType), allocator);
        child = find_member(*node, parent);
      }
      node = child;
      attr.remove_prefix(dot + 1);
    }
    JsonValue* messages = find_member(*node, attr);
    if (messages == nullptr || !messages->IsArray()) {
      set_member(*node, attr, JsonValue(rapidjson::kArrayType), allocator);
      messages = find_member(*node, attr);
    }
    JsonValue text;
    set_string(text, error.message, allocator);
    messages->PushBack(text, allocator);
  }
  return to_json_text(tree);
}

std::string ValidationErrors::standardized_json() const {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  write_key(writer, "type");
  write_string(writer, "validation_error");
  write_key(writer, "errors");
  writer.StartArray();
  for (const FieldError& error : errors_) {
    writer.StartObject();
    write_key(writer, "code");
    write_string(writer, error.code);
    write_key(writer, "detail");
    write_string(writer, error.message);
    write_key(writer, "attr");
    write_string(writer, error.attr);
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  return std::string(as_view(buffer));
}

void ValidationErrors::write_flat(JsonWriter& writer) const {
  writer.StartObject();
  std::vector<bool> written(errors_.size(), false);
  for (std::size_t i = 0; i < errors_.size(); ++i) {
    if (written[i]) continue;
    write_key(writer, errors_[i].attr);
    writer.StartArray();
    for (std::size_t j = i; j < errors_.size(); ++j) {
      if (errors_[j].attr != errors_[i].attr) continue;
      write_string(writer, errors_[j].message);
      written[j] = true;
    }
    writer.EndArray();
  }
  writer.EndObject();
}

}  // namespace profilegw::mocks
