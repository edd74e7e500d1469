#include "adapters/partner/partner_adapter.h"

#include <array>

#include "adapters/checks/patch_checks.h"
#include "adapters/drf/drf_status_mapping.h"
#include "adapters/json/json_document.h"
#include "adapters/json/json_writer.h"
#include "adapters/partner/partner_envelope.h"
#include "adapters/partner/partner_record.h"

namespace profilegw::adapters {
namespace {

using core::FieldId;
using core::PatchValue;
using core::Problem;
using core::ProblemCode;
using core::Profile;
using partner::kMembers;

constexpr std::string_view kName = "partner";
constexpr int kNameMin = 3;
constexpr int kNameMax = 40;
constexpr int kIdentityMin = 3;

constexpr std::array<core::PathDefault, 2> kPaths = {{
    {"get", "/partner/customer/{id}"},
    {"update", "/partner/customer/{id}"},
}};

// The backend refuses a PATCH without these, so each one not being changed is sent as it stands.
constexpr std::array<FieldId, 4> kRequiredOnPatch = {FieldId::kFirstName, FieldId::kLastName, FieldId::kPhone,
                                                     FieldId::kNationalId};

// PATCH body members, in the order the backend documents them.
constexpr std::array<FieldId, 8> kBodyOrder = {FieldId::kFirstName,  FieldId::kMiddleName, FieldId::kLastName,
                                               FieldId::kEmail,      FieldId::kPhone,      FieldId::kGender,
                                               FieldId::kNationalId, FieldId::kBirthDate};

// A readable field; `writable` with `nullable` says whether a PATCH may change or clear it.
core::FieldCapability field(bool writable, bool nullable) {
  core::FieldCapability c;
  c.readable = true;
  c.writable = writable;
  c.nullable = writable && nullable;
  return c;
}

core::FieldCapability with_lengths(core::FieldCapability c, std::optional<int> min, std::optional<int> max) {
  c.min_length = min;
  c.max_length = max;
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
  caps.addressing = core::Addressing::kId;
  caps.default_customer_auth = core::CustomerAuthScheme::kNone;
  caps.has_address = false;
  caps.profile_completed_readable = false;
  auto cap = [&caps](FieldId id) -> core::FieldCapability& { return caps.fields[core::index(id)]; };
  // Every field defaults to unreadable and unwritable (username, avatar_url, language, address):
  // list only what the backend has.
  cap(FieldId::kFirstName) = with_lengths(field(true, false), kNameMin, kNameMax);
  cap(FieldId::kMiddleName) = with_lengths(field(true, true), kNameMin, kNameMax);
  cap(FieldId::kLastName) = with_lengths(field(true, false), kNameMin, kNameMax);
  cap(FieldId::kFullName) = field(false, false);
  cap(FieldId::kEmail) = with_format(field(true, true), "email", "");
  cap(FieldId::kPhone) = with_format(field(true, false), "e164", "^\\+[1-9][0-9]{7,14}$");
  cap(FieldId::kGender) = field(true, true);
  cap(FieldId::kGender).enum_values = {"male", "female"};
  cap(FieldId::kBirthDate) = with_format(field(true, true), "date", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
  cap(FieldId::kNationalId) = with_lengths(field(true, false), kIdentityMin, std::nullopt);
  return caps;
}

bool required_on_patch(FieldId f) {
  for (FieldId r : kRequiredOnPatch) {
    if (r == f) return true;
  }
  return false;
}

void write_value(json::Writer& w, FieldId f, std::string_view value) {
  if (f == FieldId::kGender) {
    // check_patch let only male/female through.
    json::write_string(w, partner::backend_gender(value).value_or(value));
  } else {
    json::write_string(w, value);
  }
}

void write_cleared(json::Writer& w, FieldId f) {
  if (f == FieldId::kMiddleName) {
    // The backend's own way of saying "no middle name" (its example and its answers).
    json::write_string(w, "");
  } else {
    w.Null();
  }
}

std::string_view provider_of(const core::CallContext& ctx) {
  return ctx.provider.empty() ? kName : ctx.provider;
}

class PartnerAdapter final : public core::Adapter {
 public:
  PartnerAdapter() : caps_(make_capabilities()) {}

  std::string_view name() const override { return kName; }
  const core::Capabilities& capabilities() const override { return caps_; }
  std::span<const core::PathDefault> default_paths() const override { return kPaths; }

  core::UpstreamRequest read_request(const core::CallContext& ctx) const override {
    return {core::HttpMethod::kGet, ctx.path("get"), {}};
  }

  core::Result<Profile> parse_read(const core::CallContext& ctx,
                                   const core::UpstreamResponse& r) const override {
    json::ParsedJson parsed;
    core::Result<const json::Value*> data = partner::open_envelope(r, parsed, false);
    if (!data) return std::move(data).problem();
    if (data.value() == nullptr) {
      return drf::bad_response(r.status, "the backend's answer has no customer record");
    }
    return partner::profile_from_record(*data.value(), provider_of(ctx), ctx.customer_id, r.status);
  }

  std::optional<Problem> check_patch(const core::ProfilePatch& patch) const override {
    // Lengths in characters (not bytes), null on a required member, date and e-mail formats,
    // gender values: all from the capabilities table.
    checks::PatchErrors errors;
    checks::check_capabilities(caps_, patch, errors);
    return errors.take_problem();
  }

  bool needs_current(const core::ProfilePatch&) const override { return true; }

  core::Result<core::UpdatePlan> plan_update(const core::CallContext& ctx, const core::ProfilePatch& patch,
                                             const core::CurrentRecord* current) const override {
    if (current == nullptr) {
      return Problem::make(ProblemCode::kInternalError, "partner: update planned without the current record");
    }
    std::string body;
    body.reserve(256);
    json::StringSink sink(body);
    json::Writer w(sink);
    checks::PatchErrors missing;
    w.StartObject();
    for (FieldId f : kBodyOrder) {
      const PatchValue& v = patch.get(f);
      if (v.absent() && !required_on_patch(f)) continue;
      if (v.is_null() && required_on_patch(f)) {
        // check_patch refuses this first; kept so a plan never sends what the backend must refuse.
        missing.invalid(f, "null", "may not be null for this provider");
        continue;
      }
      json::write_key(w, kMembers[core::index(f)]);
      if (v.has_value()) {
        write_value(w, f, v.value);
      } else if (v.is_null()) {
        write_cleared(w, f);
      } else if (const std::optional<std::string>& now = current->profile.get(f)) {
        write_value(w, f, *now);
      } else {
        w.Null();
        missing.invalid(
            f, "required",
            "the backend requires it on every update and the current record has none; send it in this PATCH");
      }
    }
    w.EndObject();
    if (std::optional<Problem> p = missing.take_problem()) return std::move(*p);
    core::UpdatePlan plan;
    plan.steps.push_back({core::HttpMethod::kPatch, ctx.path("update"), std::move(body)});
    return plan;
  }

  std::optional<Problem> check_step(const core::CallContext&, const core::UpdatePlan&, std::size_t,
                                    const core::UpstreamResponse& r) const override {
    json::ParsedJson parsed;
    core::Result<const json::Value*> data = partner::open_envelope(r, parsed, true);
    if (!data) return std::move(data).problem();
    return std::nullopt;
  }

  core::Result<core::UpdateOutcome> finish_update(
      const core::CallContext& ctx, const core::ProfilePatch&, const core::CurrentRecord*,
      std::span<const core::UpstreamResponse> responses) const override {
    core::UpdateOutcome outcome;
    if (responses.empty()) {
      outcome.reread = true;
      return outcome;
    }
    const core::UpstreamResponse& r = responses.back();
    json::ParsedJson parsed;
    core::Result<const json::Value*> data = partner::open_envelope(r, parsed, true);
    if (!data) return std::move(data).problem();
    if (data.value() == nullptr || (data.value()->IsObject() && data.value()->MemberCount() == 0)) {
      // An answer without the record: the core reads it back.
      outcome.reread = true;
      return outcome;
    }
    core::Result<Profile> profile =
        partner::profile_from_record(*data.value(), provider_of(ctx), ctx.customer_id, r.status);
    if (!profile) return std::move(profile).problem();
    outcome.profile = std::move(profile).value();
    return outcome;
  }

 private:
  core::Capabilities caps_;
};

}  // namespace

std::unique_ptr<core::Adapter> make_partner_adapter() { return std::make_unique<PartnerAdapter>(); }

}  // namespace profilegw::adapters
