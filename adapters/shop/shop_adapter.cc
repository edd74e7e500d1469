#include "adapters/shop/shop_adapter.h"

#include <array>

#include "adapters/checks/field_spec.h"
#include "adapters/checks/patch_checks.h"
#include "adapters/drf/drf_status_mapping.h"
#include "adapters/json/json_document.h"
#include "adapters/json/json_writer.h"
#include "adapters/json/record_values.h"
#include "adapters/phone/e164_phone.h"

namespace profilegw::adapters {
namespace {

using core::FieldId;
using core::Problem;
using core::Profile;

constexpr std::string_view kName = "shop";

constexpr std::array<core::PathDefault, 2> kPaths = {{
    {"get", "/api/shop/customers/me"},
    {"update", "/api/shop/customers/me"},
}};

constexpr std::array<drf::FieldRename, 3> kRenames = {{
    {"mobile_number", "phone"},
    {"avatar", "avatar_url"},
    {"is_profile_completed", "profile_completed"},
}};
constexpr drf::FieldNames kFieldNames{kRenames};

// Record members with a unified home; every other member goes to `extra` verbatim.
enum Key : int {
  kId,
  kUsername,
  kMobileNumber,
  kEmail,
  kAvatar,
  kFirstName,
  kLastName,
  kFullName,
  kGender,
  kCompleted,
};
constexpr std::array<std::string_view, 10> kKeys = {
    "id",         "username",  "mobile_number", "email",  "avatar",
    "first_name", "last_name", "full_name",     "gender", "is_profile_completed"};

// Writable fields and the backend member each writes. Blank-able text columns store "no value" as "".
struct WriteRule {
  FieldId field;
  std::string_view backend;
  bool null_as_empty;
};
constexpr std::array<WriteRule, 5> kWrites = {{
    {FieldId::kUsername, "username", false},
    {FieldId::kFirstName, "first_name", true},
    {FieldId::kLastName, "last_name", true},
    {FieldId::kGender, "gender", true},
    {FieldId::kAvatarUrl, "avatar", false},
}};

core::Capabilities make_capabilities() {
  using checks::FieldSpec;
  core::Capabilities caps = checks::no_fields(core::Addressing::kToken, core::CustomerAuthScheme::kToken);
  caps.has_address = false;
  caps.profile_completed_readable = true;
  auto cap = [&caps](FieldId id) -> core::FieldCapability& { return caps.fields[core::index(id)]; };
  cap(FieldId::kUsername) = FieldSpec::writable().not_nullable().min_length(1).max_length(150);
  cap(FieldId::kFirstName) = FieldSpec::writable().max_length(150);
  cap(FieldId::kLastName) = FieldSpec::writable().max_length(150);
  cap(FieldId::kFullName) = FieldSpec::read_only();
  cap(FieldId::kEmail) = FieldSpec::read_only().format("email");
  // No format: verbatim when the stored number has no country code (adapters/phone/e164_phone.h).
  cap(FieldId::kPhone) = FieldSpec::read_only();
  cap(FieldId::kGender) = FieldSpec::writable().one_of({"male", "female"});
  cap(FieldId::kAvatarUrl) = FieldSpec::writable().max_length(500).format("uri");
  return caps;
}

std::string wrong_type(std::string_view key) {
  return "the backend's customer record has an unexpected type for `" + std::string(key) + "`";
}

bool read_member(int key, const json::Value& v, Profile& p, bool& have_id) {
  switch (key) {
    case kId:
      have_id = json::read_id(v, p.id);
      return have_id;
    case kUsername:
      return json::read_text(v, true, p.get(FieldId::kUsername));
    case kMobileNumber: {
      std::optional<std::string> phone;
      if (!json::read_text(v, true, phone)) return false;
      if (phone) p.set(FieldId::kPhone, phone::unified_phone(*phone));
      return true;
    }
    case kEmail:
      return json::read_text(v, true, p.get(FieldId::kEmail));
    case kAvatar:
      return json::read_text(v, true, p.get(FieldId::kAvatarUrl));
    case kFirstName:
      return json::read_text(v, true, p.get(FieldId::kFirstName));
    case kLastName:
      return json::read_text(v, true, p.get(FieldId::kLastName));
    case kFullName:
      return json::read_text(v, true, p.get(FieldId::kFullName));
    case kGender: {
      std::optional<std::string> gender;
      if (!json::read_text(v, true, gender)) return false;
      // A value this gateway does not know reads as "no value" rather than failing the whole read.
      if (gender && (*gender == "male" || *gender == "female")) p.set(FieldId::kGender, std::move(*gender));
      return true;
    }
    case kCompleted:
      return json::read_bool(v, p.profile_completed);
    default:
      return true;
  }
}

core::Result<Profile> profile_from_record(const core::CallContext& ctx, const core::UpstreamResponse& r) {
  json::ParsedJson parsed;
  if (!parsed.parse(r.body) || !parsed.root().IsObject()) {
    return drf::bad_response(r.status, "the backend's customer record is not a JSON object");
  }
  Profile p;
  p.provider = std::string(ctx.provider.empty() ? kName : ctx.provider);
  json::ExtraCollector extra;
  bool have_id = false;
  bool have_full_name = false;
  for (const auto& m : parsed.root().GetObject()) {
    const std::string_view name = json::as_view(m.name);
    const int key = json::find_key(kKeys, name);
    if (key < 0) {
      extra.add(name, m.value);
    } else if (!read_member(key, m.value, p, have_id)) {
      return drf::bad_response(r.status, wrong_type(name));
    }
    have_full_name = have_full_name || key == kFullName;
  }
  if (!have_id) return drf::bad_response(r.status, "the backend's customer record has no `id`");
  if (!have_full_name) {
    // The backend computes it as "first last"; do the same when an answer leaves it out.
    std::string joined = p.get(FieldId::kFirstName).value_or("");
    const std::string& last = p.get(FieldId::kLastName).value_or("");
    if (!joined.empty() && !last.empty()) joined += ' ';
    joined += last;
    if (!joined.empty()) p.set(FieldId::kFullName, std::move(joined));
  }
  p.extra_json = extra.finish();
  return p;
}

class ShopAdapter final : public core::Adapter {
 public:
  ShopAdapter() : caps_(make_capabilities()) {}

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
    return errors.take_problem();
  }

  bool needs_current(const core::ProfilePatch&) const override { return false; }

  core::Result<core::UpdatePlan> plan_update(const core::CallContext& ctx, const core::ProfilePatch& patch,
                                             const core::CurrentRecord*) const override {
    std::string body;
    body.reserve(128);
    json::StringSink sink(body);
    json::Writer w(sink);
    w.StartObject();
    for (const WriteRule& rule : kWrites) {
      const core::PatchValue& v = patch.get(rule.field);
      if (v.absent()) continue;
      json::write_key(w, rule.backend);
      if (v.has_value()) {
        json::write_string(w, v.value);
      } else if (rule.null_as_empty) {
        json::write_string(w, "");
      } else {
        w.Null();
      }
    }
    w.EndObject();
    core::UpdatePlan plan;
    plan.steps.push_back({core::HttpMethod::kPatch, ctx.path("update"), std::move(body)});
    return plan;
  }

  std::optional<Problem> check_step(const core::CallContext&, const core::UpdatePlan&, std::size_t,
                                    const core::UpstreamResponse& r) const override {
    // Includes 3xx: a redirected PATCH would lose its body, so it is never followed.
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

std::unique_ptr<core::Adapter> make_shop_adapter() { return std::make_unique<ShopAdapter>(); }

}  // namespace profilegw::adapters
