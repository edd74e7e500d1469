// The Adapter interface: a provider family's pure translator between the unified API and one
// backend's HTTP API (DESIGN.md section 1). No I/O, no clocks, no globals, no logging of values.
// The core (ProfileService) runs the steps an adapter declares and hands it the answers.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/adapter_factory.h"
#include "core/model/fields.h"
#include "core/model/patch.h"
#include "core/model/profile.h"
#include "core/problem.h"
#include "core/result.h"
#include "core/service/call_context.h"
#include "core/upstream/http_message.h"

namespace profilegw::core {

// How the unified API addresses a customer for this provider.
enum class Addressing : std::uint8_t {
  kToken,  // GET/PATCH /v1/profile, the customer's own credential says who
  kId,     // GET/PATCH /v1/customers/{customer_id}/profile
};

enum class CustomerAuthScheme : std::uint8_t { kBearer, kToken, kNone };

struct FieldCapability {
  bool readable = false;
  bool writable = false;
  bool requires_verification = false;  // a write answers 202 verification_required
  bool nullable = true;                // a write of null is accepted
  std::optional<int> min_length;
  std::optional<int> max_length;
  std::vector<std::string_view> enum_values;  // unified values accepted ("male", "female")
  std::string_view pattern;                   // ECMA regex for documentation ("^\\d+$")
  std::string_view format;                    // "date", "email", "uri", "e164"
};

struct Capabilities {
  Addressing addressing = Addressing::kToken;
  CustomerAuthScheme default_customer_auth = CustomerAuthScheme::kBearer;
  FieldArray<FieldCapability> fields{};
  bool has_address = false;
  bool profile_completed_readable = false;
};

// The current record, when an operation needed it (read-modify-write).
struct CurrentRecord {
  Profile profile;                  // parsed by the same adapter's parse_read
  const UpstreamResponse* raw = nullptr;  // the backend's own answer, for fields with no unified home
};

// The requests to send, in order; the core stops at the first step an adapter rejects.
struct UpdatePlan {
  std::vector<UpstreamRequest> steps;
};

// A contact change the backend holds until the customer proves it with a one-time code.
struct PendingVerification {
  std::string type;                 // provider's word: "mobile" or "email"
  std::vector<std::string> fields;  // unified fields awaiting the code: {"phone"} or {"email"}
  std::string value;                // the new value in unified form (E.164 phone or email)
};

struct UpdateOutcome {
  std::optional<Profile> profile;  // the profile after the update, when the answers carry it
  bool reread = false;             // the core must GET the profile to answer (answers lack it)
  std::optional<PendingVerification> verification;  // answer 202 verification_required
};

// What a verification_id carries back to the adapter when the code arrives.
struct VerificationClaim {
  std::string type;   // PendingVerification::type
  std::string value;  // PendingVerification::value
};

class Adapter {
 public:
  virtual ~Adapter() = default;

  virtual std::string_view name() const = 0;
  virtual const Capabilities& capabilities() const = 0;
  // Operation keys and default paths ("get", "update", ...). Tenants may override each by key;
  // config validation rejects keys not listed here.
  virtual std::span<const PathDefault> default_paths() const = 0;

  // --- read ---
  virtual UpstreamRequest read_request(const CallContext& ctx) const = 0;
  // Any status: non-2xx answers become the contract's problem (401, 403, 404, 429, 5xx, ...).
  virtual Result<Profile> parse_read(const CallContext& ctx, const UpstreamResponse& response) const = 0;

  // --- update ---
  // Gateway-side checks before any upstream call: read-only fields (422 unsupported_field),
  // values the provider lacks (422 unsupported_value), lengths and formats (422 validation_failed).
  virtual std::optional<Problem> check_patch(const ProfilePatch& patch) const = 0;
  // True when plan_update needs the current record (read-modify-write).
  virtual bool needs_current(const ProfilePatch& patch) const = 0;
  // `current` is non-null whenever needs_current was true (and also when the caller sent If-Match).
  virtual Result<UpdatePlan> plan_update(const CallContext& ctx, const ProfilePatch& patch,
                                         const CurrentRecord* current) const = 0;
  // Called after each step's answer; a Problem stops the sequence.
  virtual std::optional<Problem> check_step(const CallContext& ctx, const UpdatePlan& plan, std::size_t step,
                                            const UpstreamResponse& response) const = 0;
  // Called once every step succeeded, with their answers in order.
  virtual Result<UpdateOutcome> finish_update(const CallContext& ctx, const ProfilePatch& patch,
                                              const CurrentRecord* current,
                                              std::span<const UpstreamResponse> responses) const = 0;

  // --- verification of contact changes (providers with requires_verification fields) ---
  virtual Result<UpstreamRequest> verify_request(const CallContext& ctx, const VerificationClaim& claim,
                                                 std::string_view code) const {
    (void)ctx, (void)claim, (void)code;
    return Problem::make(ProblemCode::kRouteNotSupported, "this provider has no contact verification");
  }
  // A Problem (422 invalid_verification_code for a wrong or expired code), or nullopt on success.
  virtual std::optional<Problem> parse_verify(const CallContext& ctx, const UpstreamResponse& response) const {
    (void)ctx, (void)response;
    return std::nullopt;
  }
};

// Adapters by provider name, and the factories of providers that tenants declare in config (one
// adapter per tenant, compiled by config::Snapshot). Filled once at start-up
// (adapters::register_builtin), read-only after.
class AdapterRegistry {
 public:
  void add(std::unique_ptr<Adapter> adapter) { adapters_.push_back(std::move(adapter)); }
  void add_factory(std::unique_ptr<AdapterFactory> factory) { factories_.push_back(std::move(factory)); }

  // A shared adapter; nullptr for unknown names and for factory-made providers.
  const Adapter* find(std::string_view name) const {
    for (const auto& a : adapters_) {
      if (a->name() == name) return a.get();
    }
    return nullptr;
  }
  const AdapterFactory* find_factory(std::string_view name) const {
    for (const auto& f : factories_) {
      if (f->name() == name) return f.get();
    }
    return nullptr;
  }
  // Every provider name a tenant may use: shared adapters, then factories.
  std::vector<std::string_view> names() const {
    std::vector<std::string_view> out;
    for (const auto& a : adapters_) out.push_back(a->name());
    for (const auto& f : factories_) out.push_back(f->name());
    return out;
  }

 private:
  std::vector<std::unique_ptr<Adapter>> adapters_;
  std::vector<std::unique_ptr<AdapterFactory>> factories_;
};

}  // namespace profilegw::core
