#include "adapters/salla/salla_adapter.h"

#include <array>

#include "adapters/checks/patch_checks.h"
#include "adapters/checks/value_formats.h"
#include "adapters/drf/drf_status_mapping.h"
#include "adapters/json/json_document.h"
#include "adapters/json/json_writer.h"
#include "adapters/salla/calling_codes.h"
#include "adapters/salla/salla_envelope.h"
#include "adapters/salla/salla_record.h"

namespace profilegw::adapters {
namespace {

using core::FieldId;
using core::PatchValue;
using core::Problem;
using core::ProblemCode;
using core::Profile;
using salla::CallKind;

constexpr std::string_view kName = "salla";
constexpr std::string_view kMobile = "mobile";
constexpr std::string_view kEmail = "email";
// One-time codes are a handful of digits; anything longer is not worth a round trip.
constexpr std::size_t kMaxCodeLength = 32;

// Relative to base_url, which already ends in /store/v1.
constexpr std::array<core::PathDefault, 4> kPaths = {{
    {"get", "/auth/user"},
    {"update", "/profile/update"},
    {"contacts", "/profile/contacts/update"},
    {"verify", "/profile/verify"},
}};

// Fields `profile/update` writes; first_name and last_name must be in every call.
constexpr std::array<FieldId, 4> kProfileFields = {FieldId::kFirstName, FieldId::kLastName,
                                                   FieldId::kBirthDate, FieldId::kGender};

core::FieldCapability field(bool writable, bool nullable) {
  core::FieldCapability c;
  c.readable = true;
  c.writable = writable;
  c.nullable = writable && nullable;
  return c;
}

core::FieldCapability with_format(core::FieldCapability c, std::string_view format,
                                  std::string_view pattern) {
  c.format = format;
  c.pattern = pattern;
  return c;
}

core::Capabilities make_capabilities() {
  core::Capabilities caps;
  caps.addressing = core::Addressing::kToken;
  caps.default_customer_auth = core::CustomerAuthScheme::kBearer;
  caps.has_address = false;
  caps.profile_completed_readable = false;
  auto cap = [&caps](FieldId id) -> core::FieldCapability& { return caps.fields[core::index(id)]; };
  // Every field defaults to unreadable and unwritable (username, middle_name, language,
  // national_id, address): list only what the backend has.
  cap(FieldId::kFirstName) = field(true, false);
  cap(FieldId::kFirstName).min_length = 1;
  cap(FieldId::kLastName) = field(true, false);
  cap(FieldId::kLastName).min_length = 1;
  cap(FieldId::kFullName) = field(false, false);
  // Contacts change only after a one-time code, and can be replaced but never removed.
  cap(FieldId::kEmail) = with_format(field(true, false), "email", "");
  cap(FieldId::kEmail).requires_verification = true;
  cap(FieldId::kPhone) = with_format(field(true, false), "e164", "^\\+[1-9][0-9]{7,14}$");
  cap(FieldId::kPhone).requires_verification = true;
  cap(FieldId::kGender) = field(true, true);
  cap(FieldId::kGender).enum_values = {"male", "female"};
  cap(FieldId::kBirthDate) = with_format(field(true, true), "date", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
  cap(FieldId::kAvatarUrl) = with_format(field(false, false), "uri", "");
  return caps;
}

bool needs_profile_step(const core::ProfilePatch& patch) {
  for (FieldId f : kProfileFields) {
    if (patch.touches(f)) return true;
  }
  return false;
}

bool needs_contacts_step(const core::ProfilePatch& patch) {
  return patch.touches(FieldId::kEmail) || patch.touches(FieldId::kPhone);
}

void write_optional(json::Writer& w, std::string_view key, const PatchValue& v) {
  json::write_key(w, key);
  if (v.is_null()) {
    w.Null();
  } else {
    json::write_string(w, v.value);
  }
}

std::string_view provider_of(const core::CallContext& ctx) {
  return ctx.provider.empty() ? kName : ctx.provider;
}

// `profile/update`: both names always (from `current` when the patch leaves one alone), plus the
// changed birthday and gender.
core::Result<core::UpstreamRequest> profile_step(const core::CallContext& ctx,
                                                 const core::ProfilePatch& patch,
                                                 const core::CurrentRecord* current) {
  std::string body;
  body.reserve(128);
  json::StringSink sink(body);
  json::Writer w(sink);
  checks::PatchErrors missing;
  w.StartObject();
  for (FieldId f : {FieldId::kFirstName, FieldId::kLastName}) {
    const PatchValue& v = patch.get(f);
    json::write_key(w, salla::kMembers[core::index(f)]);
    if (v.has_value()) {
      json::write_string(w, v.value);
      continue;
    }
    if (current == nullptr) {
      return Problem::make(ProblemCode::kInternalError,
                           "salla: profile update planned without the current record");
    }
    if (const std::optional<std::string>& now = current->profile.get(f); now && !v.is_null()) {
      json::write_string(w, *now);
    } else {
      w.Null();
      missing.invalid(
          f, "required",
          "the backend requires first and last name on every profile update and the current profile "
          "has none; send it in this PATCH");
    }
  }
  for (FieldId f : {FieldId::kBirthDate, FieldId::kGender}) {
    if (patch.touches(f)) write_optional(w, salla::kMembers[core::index(f)], patch.get(f));
  }
  w.EndObject();
  if (std::optional<Problem> p = missing.take_problem()) return std::move(*p);
  return core::UpstreamRequest{core::HttpMethod::kPost, ctx.path("update"), std::move(body)};
}

// {"phone": national number, "country_code": ISO alpha-2}, the way salla's forms send a phone.
bool write_split_phone(json::Writer& w, std::string_view e164) {
  const std::optional<salla::SplitPhone> split = salla::split_e164(e164);
  if (!split) return false;
  json::write_key(w, "phone");
  json::write_string(w, split->national);
  json::write_key(w, "country_code");
  json::write_string(w, split->iso);
  return true;
}

core::Result<core::UpstreamRequest> contacts_step(const core::CallContext& ctx,
                                                  const core::ProfilePatch& patch) {
  std::string body;
  body.reserve(96);
  json::StringSink sink(body);
  json::Writer w(sink);
  w.StartObject();
  if (const PatchValue& email = patch.get(FieldId::kEmail); email.has_value()) {
    json::write_key(w, "email");
    json::write_string(w, email.value);
  } else if (!write_split_phone(w, patch.get(FieldId::kPhone).value)) {
    return Problem::field(ProblemCode::kValidationFailed, "phone", "invalid",
                          "not an E.164 number with a known country code");
  }
  w.EndObject();
  return core::UpstreamRequest{core::HttpMethod::kPost, ctx.path("contacts"), std::move(body)};
}

// `data.verification.status == "pending"` in a contacts answer.
bool is_pending(const json::Value* data) {
  if (data == nullptr || !data->IsObject()) return false;
  auto verification = data->FindMember("verification");
  if (verification == data->MemberEnd() || !verification->value.IsObject()) return false;
  auto status = verification->value.FindMember("status");
  return status != verification->value.MemberEnd() && status->value.IsString() &&
         json::as_view(status->value) == "pending";
}

class SallaAdapter final : public core::Adapter {
 public:
  SallaAdapter() : caps_(make_capabilities()) {}

  std::string_view name() const override { return kName; }
  const core::Capabilities& capabilities() const override { return caps_; }
  std::span<const core::PathDefault> default_paths() const override { return kPaths; }

  core::UpstreamRequest read_request(const core::CallContext& ctx) const override {
    return {core::HttpMethod::kGet, ctx.path("get"), {}};
  }

  core::Result<Profile> parse_read(const core::CallContext& ctx,
                                   const core::UpstreamResponse& r) const override {
    json::ParsedJson parsed;
    core::Result<const json::Value*> data = salla::open_envelope(r, parsed, false, CallKind::kProfile);
    if (!data) return std::move(data).problem();
    if (data.value() == nullptr)
      return drf::bad_response(r.status, "the backend's answer has no customer record");
    return salla::profile_from_user(*data.value(), provider_of(ctx), r.status);
  }

  std::optional<Problem> check_patch(const core::ProfilePatch& patch) const override {
    checks::PatchErrors errors;
    for (FieldId f : {FieldId::kEmail, FieldId::kPhone}) {
      if (patch.get(f).is_null()) {
        errors.unsupported_value(f,
                                 "cannot be removed for this provider, only replaced by a verified new one");
      }
    }
    checks::check_capabilities(caps_, patch, errors);
    const PatchValue& email = patch.get(FieldId::kEmail);
    const PatchValue& phone = patch.get(FieldId::kPhone);
    if (email.has_value() && phone.has_value()) {
      // Each contact change waits for its own one-time code; one verification_id carries one.
      errors.invalid(FieldId::kEmail, "one_contact_at_a_time", "change one contact at a time");
      errors.invalid(FieldId::kPhone, "one_contact_at_a_time", "change one contact at a time");
    }
    if (phone.has_value() && checks::is_e164(phone.value) && !salla::split_e164(phone.value)) {
      errors.invalid(FieldId::kPhone, "invalid", "no country uses this calling code");
    }
    return errors.take_problem();
  }

  bool needs_current(const core::ProfilePatch& patch) const override {
    return needs_profile_step(patch) &&
           !(patch.get(FieldId::kFirstName).has_value() && patch.get(FieldId::kLastName).has_value());
  }

  core::Result<core::UpdatePlan> plan_update(const core::CallContext& ctx, const core::ProfilePatch& patch,
                                             const core::CurrentRecord* current) const override {
    core::UpdatePlan plan;
    if (needs_profile_step(patch)) {
      core::Result<core::UpstreamRequest> step = profile_step(ctx, patch, current);
      if (!step) return std::move(step).problem();
      plan.steps.push_back(std::move(step).value());
    }
    if (needs_contacts_step(patch)) {
      core::Result<core::UpstreamRequest> step = contacts_step(ctx, patch);
      if (!step) return std::move(step).problem();
      plan.steps.push_back(std::move(step).value());
    }
    return plan;
  }

  std::optional<Problem> check_step(const core::CallContext&, const core::UpdatePlan&, std::size_t,
                                    const core::UpstreamResponse& r) const override {
    json::ParsedJson parsed;
    core::Result<const json::Value*> data = salla::open_envelope(r, parsed, true, CallKind::kProfile);
    if (!data) return std::move(data).problem();
    return std::nullopt;
  }

  core::Result<core::UpdateOutcome> finish_update(
      const core::CallContext& ctx, const core::ProfilePatch& patch, const core::CurrentRecord* current,
      std::span<const core::UpstreamResponse> responses) const override {
    core::UpdateOutcome outcome;
    const bool profile_step_ran = needs_profile_step(patch);
    const bool contacts_step_ran = needs_contacts_step(patch);
    if (responses.size() !=
        static_cast<std::size_t>(profile_step_ran) + static_cast<std::size_t>(contacts_step_ran)) {
      return Problem::make(ProblemCode::kInternalError, "salla: answers do not match the planned steps");
    }
    if (contacts_step_ran) {
      json::ParsedJson parsed;
      core::Result<const json::Value*> data =
          salla::open_envelope(responses.back(), parsed, true, CallKind::kProfile);
      if (!data) return std::move(data).problem();
      // The contacts answer carries no profile; the core reads it back for the 200 or 202 body.
      outcome.reread = true;
      if (is_pending(data.value())) {
        const bool email = patch.get(FieldId::kEmail).has_value();
        const FieldId f = email ? FieldId::kEmail : FieldId::kPhone;
        outcome.verification = core::PendingVerification{
            std::string(email ? kEmail : kMobile), {std::string(core::field_name(f))}, patch.get(f).value};
      }
      return outcome;
    }
    if (profile_step_ran) {
      const core::UpstreamResponse& r = responses.front();
      json::ParsedJson parsed;
      core::Result<const json::Value*> data = salla::open_envelope(r, parsed, true, CallKind::kProfile);
      if (!data) return std::move(data).problem();
      const json::Value* user = data.value();
      if (user == nullptr || !user->IsObject() || !user->HasMember("id")) {
        outcome.reread = true;
        return outcome;
      }
      core::Result<Profile> profile = salla::profile_from_user(*user, provider_of(ctx), r.status);
      if (!profile) return std::move(profile).problem();
      outcome.profile = std::move(profile).value();
      return outcome;
    }
    // Nothing to change: the profile stands as read.
    if (current != nullptr) {
      outcome.profile = current->profile;
    } else {
      outcome.reread = true;
    }
    return outcome;
  }

  core::Result<core::UpstreamRequest> verify_request(const core::CallContext& ctx,
                                                     const core::VerificationClaim& claim,
                                                     std::string_view code) const override {
    if (code.empty() || code.size() > kMaxCodeLength) {
      return Problem::make(ProblemCode::kInvalidVerificationCode,
                           "the verification code is wrong or has expired");
    }
    std::string body;
    body.reserve(128);
    json::StringSink sink(body);
    json::Writer w(sink);
    w.StartObject();
    json::write_key(w, "type");
    if (claim.type == kMobile) {
      json::write_string(w, kMobile);
      json::write_key(w, "code");
      json::write_string(w, code);
      if (!write_split_phone(w, claim.value)) {
        return Problem::make(ProblemCode::kInternalError,
                             "salla: the verification claim holds no splittable phone");
      }
    } else if (claim.type == kEmail) {
      json::write_string(w, kEmail);
      json::write_key(w, "code");
      json::write_string(w, code);
      json::write_key(w, "email");
      json::write_string(w, claim.value);
    } else {
      return Problem::make(ProblemCode::kInternalError, "salla: unknown verification type in the claim");
    }
    w.EndObject();
    return core::UpstreamRequest{core::HttpMethod::kPost, ctx.path("verify"), std::move(body)};
  }

  std::optional<Problem> parse_verify(const core::CallContext&,
                                      const core::UpstreamResponse& r) const override {
    json::ParsedJson parsed;
    core::Result<const json::Value*> data = salla::open_envelope(r, parsed, true, CallKind::kVerify);
    if (!data) return std::move(data).problem();
    return std::nullopt;
  }

 private:
  core::Capabilities caps_;
};

}  // namespace

std::unique_ptr<core::Adapter> make_salla_adapter() { return std::make_unique<SallaAdapter>(); }

}  // namespace profilegw::adapters
