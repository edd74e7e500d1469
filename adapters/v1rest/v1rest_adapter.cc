#include "adapters/v1rest/v1rest_adapter.h"

#include <array>

#include "adapters/checks/field_spec.h"
#include "adapters/checks/patch_checks.h"
#include "adapters/drf/drf_status_mapping.h"
#include "adapters/json/json_document.h"
#include "adapters/json/json_writer.h"
#include "adapters/json/record_values.h"
#include "adapters/v1rest/postal_code.h"

namespace profilegw::adapters {
namespace {

using core::FieldId;
using core::Problem;
using core::ProblemCode;
using core::Profile;

constexpr std::string_view kName = "v1rest";
constexpr std::string_view kAddress = "address";

constexpr std::array<core::PathDefault, 2> kPaths = {{
    {"get", "/api/v1/customers/{id}/"},
    {"update", "/api/v1/customers/{id}/"},
}};

constexpr std::array<drf::FieldRename, 2> kRenames = {{
    {"date_of_birth", "birth_date"},
    {"address.street_address", "address.line1"},
}};
constexpr drf::FieldNames kFieldNames{kRenames};

// Unified fields and the record members that hold them. Top-level ones first, then the address.
struct Member {
  FieldId field;
  std::string_view backend;
  bool null_as_empty;  // blank-able text column: "no value" is stored as ""
};
constexpr std::array<Member, 4> kTopMembers = {{
    {FieldId::kEmail, "email", false},
    {FieldId::kFirstName, "first_name", true},
    {FieldId::kLastName, "last_name", true},
    {FieldId::kBirthDate, "date_of_birth", false},
}};
constexpr std::array<Member, 5> kAddressMembers = {{
    {FieldId::kAddressLine1, "street_address", false},
    {FieldId::kAddressPostalCode, "postal_code", false},
    {FieldId::kAddressCity, "city", false},
    {FieldId::kAddressState, "state", false},
    {FieldId::kAddressCountry, "country", false},
}};

template <std::size_t N>
const Member* find_member(const std::array<Member, N>& members, std::string_view backend) {
  for (const Member& m : members) {
    if (m.backend == backend) return &m;
  }
  return nullptr;
}

core::Capabilities make_capabilities() {
  using checks::FieldSpec;
  core::Capabilities caps = checks::no_fields(core::Addressing::kId, core::CustomerAuthScheme::kBearer);
  caps.has_address = true;
  caps.profile_completed_readable = false;
  auto cap = [&caps](FieldId id) -> core::FieldCapability& { return caps.fields[core::index(id)]; };
  cap(FieldId::kFirstName) = FieldSpec::writable();
  cap(FieldId::kLastName) = FieldSpec::writable();
  cap(FieldId::kFullName) = FieldSpec::read_only();
  // A PUT must carry an e-mail: it cannot be cleared.
  cap(FieldId::kEmail) = FieldSpec::writable().not_nullable().min_length(1).max_length(254).format("email");
  cap(FieldId::kBirthDate) = FieldSpec::writable().format("date");
  // Backend limits (CONTRACT.md section 5); every address member is required in the PUT.
  cap(FieldId::kAddressLine1) = FieldSpec::writable().not_nullable().min_length(1).max_length(30);
  // Digits only, no leading zero, at most 2147483647 (adapters/v1rest/postal_code.h).
  cap(FieldId::kAddressPostalCode) = FieldSpec::writable().not_nullable().pattern("^(0|[1-9][0-9]*)$");
  cap(FieldId::kAddressCity) = FieldSpec::writable().not_nullable().min_length(1).max_length(50);
  cap(FieldId::kAddressState) = FieldSpec::writable().not_nullable().min_length(1).max_length(50);
  cap(FieldId::kAddressCountry) = FieldSpec::writable().not_nullable().min_length(4).max_length(30);
  return caps;
}

std::string wrong_type(std::string_view key) {
  return "the backend's customer record has an unexpected type for `" + std::string(key) + "`";
}

// The postal code is an integer in the backend and a string in the unified API.
bool read_postal_code(const json::Value& v, std::optional<std::string>& out) {
  if (v.IsUint64()) {
    out = std::to_string(v.GetUint64());
    return true;
  }
  return json::read_text(v, true, out);
}

bool read_address(const json::Value& v, Profile& p) {
  if (v.IsNull()) return true;
  if (!v.IsObject()) return false;
  for (const auto& m : v.GetObject()) {
    const Member* member = find_member(kAddressMembers, json::as_view(m.name));
    if (member == nullptr) continue;  // kept in the backend's record; nothing unified to show
    std::optional<std::string>& slot = p.get(member->field);
    const bool ok = member->field == FieldId::kAddressPostalCode ? read_postal_code(m.value, slot)
                                                                 : json::read_text(m.value, true, slot);
    if (!ok) return false;
  }
  return true;
}

core::Result<Profile> profile_from_record(const core::CallContext& ctx, const core::UpstreamResponse& r) {
  json::ParsedJson parsed;
  if (!parsed.parse(r.body) || !parsed.root().IsObject()) {
    return drf::bad_response(r.status, "the backend's customer record is not a JSON object");
  }
  Profile p;
  // The record carries no id: the unified id is the one the caller addressed.
  p.id = std::string(ctx.customer_id);
  p.provider = std::string(ctx.provider.empty() ? kName : ctx.provider);
  p.has_address = true;
  json::ExtraCollector extra;
  for (const auto& m : parsed.root().GetObject()) {
    const std::string_view name = json::as_view(m.name);
    bool ok = true;
    if (const Member* member = find_member(kTopMembers, name)) {
      ok = json::read_text(m.value, true, p.get(member->field));
    } else if (name == kAddress) {
      ok = read_address(m.value, p);
    } else if (name != "id") {
      extra.add(name, m.value);  // slug, last_purchase_date, and whatever the backend adds later
    }
    if (!ok) return drf::bad_response(r.status, wrong_type(name));
  }
  std::string full = p.get(FieldId::kFirstName).value_or("");
  const std::string& last = p.get(FieldId::kLastName).value_or("");
  if (!full.empty() && !last.empty()) full += ' ';
  full += last;
  if (!full.empty()) p.set(FieldId::kFullName, std::move(full));
  p.extra_json = extra.finish();
  return p;
}

// The new value of one member, in the backend's types.
void write_value(json::Writer& w, const Member& m, const core::PatchValue& v) {
  if (v.is_null()) {
    if (m.null_as_empty) {
      json::write_string(w, "");
    } else {
      w.Null();
    }
  } else if (m.field == FieldId::kAddressPostalCode) {
    w.Uint(v1rest::postal_code_value(v.value));
  } else {
    json::write_string(w, v.value);
  }
}

// The current address with the patch's members replaced (key by key), or the patch's members alone
// when the record has no address yet (the backend then names what is missing).
void write_address(json::Writer& w, const json::Value* current, const core::ProfilePatch& patch) {
  const bool touched = patch.touches_address();
  if (current != nullptr && !current->IsObject() && !touched) {
    current->Accept(w);
    return;
  }
  w.StartObject();
  std::array<bool, kAddressMembers.size()> written{};
  if (current != nullptr && current->IsObject()) {
    for (const auto& m : current->GetObject()) {
      const std::string_view name = json::as_view(m.name);
      json::write_key(w, name);
      const Member* member = find_member(kAddressMembers, name);
      if (member != nullptr && patch.touches(member->field)) {
        write_value(w, *member, patch.get(member->field));
        written[static_cast<std::size_t>(member - kAddressMembers.data())] = true;
      } else {
        m.value.Accept(w);
      }
    }
  }
  for (std::size_t i = 0; i < kAddressMembers.size(); ++i) {
    const Member& member = kAddressMembers[i];
    if (written[i] || !patch.touches(member.field)) continue;
    json::write_key(w, member.backend);
    write_value(w, member, patch.get(member.field));
  }
  w.EndObject();
}

class V1restAdapter final : public core::Adapter {
 public:
  V1restAdapter() : caps_(make_capabilities()) {}

  std::string_view name() const override { return kName; }
  const core::Capabilities& capabilities() const override { return caps_; }
  std::span<const core::PathDefault> default_paths() const override { return kPaths; }

  core::UpstreamRequest read_request(const core::CallContext& ctx) const override {
    return {core::HttpMethod::kGet, ctx.path("get"), {}};
  }

  core::Result<Profile> parse_read(const core::CallContext& ctx,
                                   const core::UpstreamResponse& r) const override {
    if (!drf::is_success(r.status)) return drf::problem_for_response(r, kFieldNames);
    return profile_from_record(ctx, r);
  }

  std::optional<Problem> check_patch(const core::ProfilePatch& patch) const override {
    checks::PatchErrors errors;
    checks::check_capabilities(caps_, patch, errors);
    if (const core::PatchValue& v = patch.get(FieldId::kAddressPostalCode); v.has_value()) {
      if (std::optional<std::string_view> why = v1rest::postal_code_problem(v.value)) {
        errors.invalid(FieldId::kAddressPostalCode, "invalid", std::string(*why));
      }
    }
    return errors.take_problem();
  }

  // A PUT replaces the record: every update starts from the current one.
  bool needs_current(const core::ProfilePatch&) const override { return true; }

  core::Result<core::UpdatePlan> plan_update(const core::CallContext& ctx, const core::ProfilePatch& patch,
                                             const core::CurrentRecord* current) const override {
    if (current == nullptr || current->raw == nullptr) {
      return Problem::make(ProblemCode::kInternalError, "v1rest: update planned without the current record");
    }
    if (const core::PatchValue& v = patch.get(FieldId::kAddressPostalCode);
        v.has_value() && v1rest::postal_code_problem(v.value)) {
      return Problem::field(ProblemCode::kValidationFailed, "address.postal_code", "invalid",
                            std::string(*v1rest::postal_code_problem(v.value)));
    }
    json::ParsedJson parsed;
    if (!parsed.parse(current->raw->body) || !parsed.root().IsObject()) {
      return drf::bad_response(current->raw->status, "the backend's customer record is not a JSON object");
    }
    std::string body;
    body.reserve(current->raw->body.size() + 64);
    json::StringSink sink(body);
    json::Writer w(sink);
    w.StartObject();
    std::array<bool, kTopMembers.size()> written{};
    bool address_written = false;
    // Every member the patch does not touch goes back as the backend gave it (read-only ones too:
    // DRF ignores them on input).
    for (const auto& m : parsed.root().GetObject()) {
      const std::string_view name = json::as_view(m.name);
      json::write_key(w, name);
      if (const Member* member = find_member(kTopMembers, name);
          member != nullptr && patch.touches(member->field)) {
        write_value(w, *member, patch.get(member->field));
        written[static_cast<std::size_t>(member - kTopMembers.data())] = true;
      } else if (name == kAddress) {
        write_address(w, &m.value, patch);
        address_written = true;
      } else {
        m.value.Accept(w);
      }
    }
    for (std::size_t i = 0; i < kTopMembers.size(); ++i) {
      const Member& member = kTopMembers[i];
      if (written[i] || !patch.touches(member.field)) continue;
      json::write_key(w, member.backend);
      write_value(w, member, patch.get(member.field));
    }
    if (!address_written && patch.touches_address()) {
      json::write_key(w, kAddress);
      write_address(w, nullptr, patch);
    }
    w.EndObject();
    core::UpdatePlan plan;
    plan.steps.push_back({core::HttpMethod::kPut, ctx.path("update"), std::move(body)});
    return plan;
  }

  std::optional<Problem> check_step(const core::CallContext&, const core::UpdatePlan&, std::size_t,
                                    const core::UpstreamResponse& r) const override {
    if (drf::is_success(r.status)) return std::nullopt;
    return drf::problem_for_response(r, kFieldNames);
  }

  core::Result<core::UpdateOutcome> finish_update(
      const core::CallContext& ctx, const core::ProfilePatch&, const core::CurrentRecord*,
      std::span<const core::UpstreamResponse> responses) const override {
    core::UpdateOutcome outcome;
    if (responses.empty() || json::is_blank(responses.back().body)) {
      outcome.reread = true;
      return outcome;
    }
    core::Result<Profile> profile = profile_from_record(ctx, responses.back());
    if (!profile) return std::move(profile).problem();
    outcome.profile = std::move(profile).value();
    return outcome;
  }

 private:
  core::Capabilities caps_;
};

}  // namespace

std::unique_ptr<core::Adapter> make_v1rest_adapter() { return std::make_unique<V1restAdapter>(); }

}  // namespace profilegw::adapters
