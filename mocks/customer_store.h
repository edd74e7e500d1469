// One backend's customer records: JSON objects keyed by customer id, seeded, resettable, and shared
// by every worker thread behind one mutex. Reads hand out a cached serialisation, so a GET costs a
// lock and a reference count, not a JSON write.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "mocks/json_text.h"

namespace profilegw::mocks {

class CustomerStore {
 public:
  // `seed_json` is an object {"<id>": {record}, ...}; it must parse (it is compiled in).
  explicit CustomerStore(std::string_view seed_json);

  // Back to the seed records.
  void reset();

  // The record's JSON text, or nullptr when there is no such customer.
  std::shared_ptr<const std::string> find(std::string_view id) const;

  // Runs `change(records)` under the store's lock (records is the id-keyed object) and returns its
  // result. Any cached serialisation is dropped, so the change shows in the next find().
  template <class Change>
  auto modify(Change&& change) {
    std::lock_guard lock(mutex_);
    cache_.clear();
    return std::invoke(std::forward<Change>(change), records_);
  }

 private:
  void load_seed();

  const std::string seed_json_;
  mutable std::mutex mutex_;
  JsonDoc records_;
  mutable std::map<std::string, std::shared_ptr<const std::string>, std::less<>> cache_;
};

}  // namespace profilegw::mocks
