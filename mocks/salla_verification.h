// Salla's contact changes that wait for a one-time code: profile/contacts/update stages one,
// profile/verify takes it back out, and only then does the customer's email or mobile change.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "mocks/calling_codes.h"

namespace profilegw::mocks {

struct MobileNumber {
  std::string number;  // national digits: "501234567"
  CountryCallingCode country;
};

class PendingContacts {
 public:
  // A newer change of the same kind replaces the waiting one.
  void stage_email(std::string_view customer_id, std::string email);
  void stage_mobile(std::string_view customer_id, MobileNumber mobile);

  // The waiting email if it is `email` (case-insensitive), which stops waiting; else nullopt.
  std::optional<std::string> take_email(std::string_view customer_id, std::string_view email);
  // The waiting mobile number if it is `mobile` (same digits, same calling code); else nullopt.
  std::optional<MobileNumber> take_mobile(std::string_view customer_id, const MobileNumber& mobile);

  void clear();

 private:
  struct Pending {
    std::optional<std::string> email;
    std::optional<MobileNumber> mobile;
  };

  std::mutex mutex_;
  std::map<std::string, Pending, std::less<>> pending_;
};

}  // namespace profilegw::mocks
