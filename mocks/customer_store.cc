#include "mocks/customer_store.h"

#include <stdexcept>

namespace profilegw::mocks {

CustomerStore::CustomerStore(std::string_view seed_json) : seed_json_(seed_json) { load_seed(); }

void CustomerStore::load_seed() {
  JsonDoc fresh;
  fresh.Parse(seed_json_.data(), seed_json_.size());
  if (fresh.HasParseError() || !fresh.IsObject()) throw std::logic_error("mocks: seed data is not a JSON object");
  records_.Swap(fresh);
  cache_.clear();
}

void CustomerStore::reset() {
  std::lock_guard lock(mutex_);
  load_seed();
}

std::shared_ptr<const std::string> CustomerStore::find(std::string_view id) const {
  std::lock_guard lock(mutex_);
  if (const auto cached = cache_.find(id); cached != cache_.end()) return cached->second;
  const JsonValue* record = find_member(records_, id);
  if (record == nullptr) return nullptr;
  auto text = std::make_shared<const std::string>(to_json_text(*record));
  cache_.emplace(std::string(id), text);
  return text;
}

}  // namespace profilegw::mocks
