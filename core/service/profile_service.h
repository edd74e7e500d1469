// ProfileService: the one place that orchestrates a unified operation (DESIGN.md section 1).
// It asks the tenant's adapter which upstream requests to make, sends them with the thread's
// upstream client, hands the answers back to the adapter, and applies the cross-provider rules
// (If-Match, read-modify-write, verification ids). One instance per server thread.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/adapter.h"
#include "core/result.h"
#include "core/service/tenant.h"
#include "core/upstream/client.h"

namespace profilegw::core {

// What the access log and metrics want to know about the upstream side of one unified call.
struct CallStats {
  int upstream_status = 0;  // status of the last upstream answer; 0 when none arrived
  int upstream_calls = 0;
  std::chrono::microseconds upstream_time{0};  // summed over the calls
  bool mapping_failed = false;                  // an adapter could not understand an answer
  upstream::SendReport upstream;                // every step's failures by kind, retries, refusals
};

struct ProfileRequest {
  const Tenant* tenant = nullptr;
  std::string_view customer_id;      // id routes
  std::string_view customer_token;   // the caller's credential (without scheme); empty: none
  std::string_view request_id;
  std::string_view accept_language;  // the caller's, forwarded instead of the tenant's default
  std::string_view if_match;         // raw If-Match header value; empty: none
  std::string_view verification_key; // the snapshot's secrets.verification_key
  std::chrono::steady_clock::time_point deadline;
  CallStats* stats = nullptr;        // optional
};

struct ProfileAnswer {
  int status = 200;  // 200, or 202 when a contact change awaits its code
  Profile profile;
  std::string document;  // `profile` as unified JSON (write_profile_json): written once, hashed and sent
  std::string etag;      // of `document`
  std::optional<PendingVerification> verification;
  std::string verification_id;
};

// Lifetime of a verification_id: long enough to read an SMS or e-mail, short enough to be useless later.
inline constexpr std::chrono::seconds kVerificationLifetime{15 * 60};

class ProfileService {
 public:
  explicit ProfileService(upstream::Client& client) : client_(client) {}

  boost::asio::awaitable<Result<ProfileAnswer>> read(const ProfileRequest& request);
  boost::asio::awaitable<Result<ProfileAnswer>> update(const ProfileRequest& request, const ProfilePatch& patch);
  boost::asio::awaitable<Result<ProfileAnswer>> complete_verification(const ProfileRequest& request,
                                                                     std::string_view verification_id,
                                                                     std::string_view code);

 private:
  boost::asio::awaitable<Result<UpstreamResponse>> send(const ProfileRequest& request,
                                                        const UpstreamRequest& upstream_request);
  boost::asio::awaitable<Result<CurrentRecord>> read_current(const ProfileRequest& request,
                                                             UpstreamResponse& raw_storage);

  upstream::Client& client_;
};

// True when an If-Match header value matches `etag` ("*", a list, weak or strong forms).
bool if_match_satisfied(std::string_view if_match, std::string_view etag);

// The Authorization value for the customer's credential in the tenant's scheme ("" for none).
std::string customer_authorization(CustomerAuthScheme scheme, std::string_view token);

}  // namespace profilegw::core
