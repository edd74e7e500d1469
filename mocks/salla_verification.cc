#include "mocks/salla_verification.h"

#include "mocks/http_exchange.h"

namespace profilegw::mocks {

void PendingContacts::stage_email(std::string_view customer_id, std::string email) {
  std::lock_guard lock(mutex_);
  pending_[std::string(customer_id)].email = std::move(email);
}

void PendingContacts::stage_mobile(std::string_view customer_id, MobileNumber mobile) {
  std::lock_guard lock(mutex_);
  pending_[std::string(customer_id)].mobile = std::move(mobile);
}

std::optional<std::string> PendingContacts::take_email(std::string_view customer_id, std::string_view email) {
  std::lock_guard lock(mutex_);
  const auto it = pending_.find(customer_id);
  if (it == pending_.end() || !it->second.email || !iequals(*it->second.email, email)) return std::nullopt;
  std::optional<std::string> taken = std::move(it->second.email);
  it->second.email.reset();
  return taken;
}

std::optional<MobileNumber> PendingContacts::take_mobile(std::string_view customer_id, const MobileNumber& mobile) {
  std::lock_guard lock(mutex_);
  const auto it = pending_.find(customer_id);
  if (it == pending_.end() || !it->second.mobile) return std::nullopt;
  const MobileNumber& waiting = *it->second.mobile;
  if (waiting.number != mobile.number || waiting.country.calling_code != mobile.country.calling_code) return std::nullopt;
  std::optional<MobileNumber> taken = std::move(it->second.mobile);
  it->second.mobile.reset();
  return taken;
}

void PendingContacts::clear() {
  std::lock_guard lock(mutex_);
  pending_.clear();
}

}  // namespace profilegw::mocks
