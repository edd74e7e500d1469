#include "adapters/django/django_adapter.h"

#include <array>

#include "adapters/checks/field_spec.h"
#include "adapters/checks/patch_checks.h"
#include "adapters/checks/value_formats.h"
#include "adapters/django/full_name.h"
#include "adapters/drf/drf_status_mapping.h"
#include "adapters/json/json_document.h"
#include "adapters/json/json_writer.h"
#include "adapters/json/record_values.h"
#include "adapters/phone/e164_phone.h"

namespace profilegw::adapters {
namespace {

using core::FieldId;
using core::Problem;
using core::ProblemCode;
using core::Profile;

constexpr std::string_view kName = "django";
constexpr int kFullNameMax = 255;

constexpr std::array<core::PathDefault, 2> kPaths = {{
    {"get", "/api/customers/me/"},
    {"update", "/api/customers/me/update/"},
}};

constexpr std::array<drf::FieldRename, 3> kRenames = {{
    {"phone_number", "phone"},
    {"image", "avatar_url"},
    {"is_profile_completed", "profile_completed"},
}};
constexpr drf::FieldNames kFieldNames{kRenames};

struct Code {
  std::string_view backend;
  std::string_view unified;
};
constexpr std::array<Code, 3> kGenders = {{{"M", "male"}, {"F", "female"}, {"NS", "unspecified"}}};

// Record members with a unified home; every other member goes to `extra` verbatim
// (wallet, country, primary_address, and whatever the backend adds later).
enum Key : int { kId, kPhoneNumber, kFullName, kEmail, kImage, kGender, kBirthDate, kLanguage, kCompleted };
constexpr std::array<std::string_view, 9> kKeys = {"id",         "phone_number", "full_name",
                                                   "email",      "image",        "gender",
                                                   "birth_date", "language",     "is_profile_completed"};

core::Capabilities make_capabilities() {
  using checks::FieldSpec;
  core::Capabilities caps = checks::no_fields(core::Addressing::kToken, core::CustomerAuthScheme::kBearer);
  caps.has_address = false;
  caps.profile_completed_readable = true;
  auto cap = [&caps](FieldId id) -> core::FieldCapability& { return caps.fields[core::index(id)]; };
  // Clearing or blanking the first name would leave the last name to be read back as a first name.
  cap(FieldId::kFirstName) = FieldSpec::writable().not_nullable().min_length(1).max_length(kFullNameMax);
  cap(FieldId::kLastName) = FieldSpec::writable().max_length(kFullNameMax);
  cap(FieldId::kFullName) = FieldSpec::writable().max_length(kFullNameMax);
  cap(FieldId::kEmail) = FieldSpec::writable().max_length(254).format("email");
  cap(FieldId::kPhone) = FieldSpec::read_only().format("e164");
  cap(FieldId::kGender) = FieldSpec::writable().not_nullable().one_of({"male", "female", "unspecified"});
  cap(FieldId::kBirthDate) = FieldSpec::writable().format("date");
  cap(FieldId::kAvatarUrl) = FieldSpec::read_only().format("uri");
  cap(FieldId::kLanguage) = FieldSpec::writable().not_nullable().one_of({"en", "ar"});
  return caps;
}

std::string wrong_type(std::string_view key) {
  return "the backend's customer record has an unexpected type for `" + std::string(key) + "`";
}

std::optional<std::string_view> backend_gender(std::string_view unified) {
  for (const Code& c : kGenders) {
    if (c.unified == unified) return c.backend;
  }
  return std::nullopt;
}

// Reads one member into `p`; false on a wrong JSON type.
bool read_member(int key, const json::Value& v, Profile& p, bool& have_id) {
  switch (key) {
    case kId:
      have_id = json::read_id(v, p.id);
      return have_id;
    case kPhoneNumber: {
      std::optional<std::string> phone;
      if (!json::read_text(v, true, phone)) return false;
      if (phone) p.set(FieldId::kPhone, phone::unified_phone(*phone));
      return true;
    }
    case kFullName: {
      std::optional<std::string>& full = p.get(FieldId::kFullName);
      if (!json::read_text(v, true, full)) return false;
      if (full) {
        django::NameParts parts = django::split_full_name(*full);
        p.get(FieldId::kFirstName) = std::move(parts.first);
        p.get(FieldId::kLastName) = std::move(parts.last);
      }
      return true;
    }
    case kEmail:
      return json::read_text(v, true, p.get(FieldId::kEmail));
    case kImage:
      return json::read_text(v, true, p.get(FieldId::kAvatarUrl));
    case kGender: {
      std::optional<std::string> code;
      if (!json::read_text(v, true, code)) return false;
      // A code this gateway does not know reads as "no value" rather than failing the whole read.
      for (const Code& c : kGenders) {
        if (code && c.backend == *code) p.set(FieldId::kGender, std::string(c.unified));
      }
      return true;
    }
    case kBirthDate:
      return json::read_text(v, true, p.get(FieldId::kBirthDate));
    case kLanguage:
      return json::read_text(v, true, p.get(FieldId::kLanguage));
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
  for (const auto& m : parsed.root().GetObject()) {
    const std::string_view name = json::as_view(m.name);
    const int key = json::find_key(kKeys, name);
    if (key < 0) {
      extra.add(name, m.value);
    } else if (!read_member(key, m.value, p, have_id)) {
      return drf::bad_response(r.status, wrong_type(name));
    }
  }
  if (!have_id) return drf::bad_response(r.status, "the backend's customer record has no `id`");
  p.extra_json = extra.finish();
  return p;
}

class DjangoAdapter final : public core::Adapter {
 public:
  DjangoAdapter() : caps_(make_capabilities()) {}

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
    if (patch.touches(FieldId::kFullName) &&
        (patch.touches(FieldId::kFirstName) || patch.touches(FieldId::kLastName))) {
      errors.invalid(
          FieldId::kFullName, "conflict",
          "send either full_name or first_name/last_name, not both: this provider stores one full name");
    }
    return errors.take_problem();
  }

  bool needs_current(const core::ProfilePatch& patch) const override {
    // Only a half of the name needs the other half from the current record.
    return !patch.touches(FieldId::kFullName) &&
           patch.touches(FieldId::kFirstName) != patch.touches(FieldId::kLastName);
  }

  core::Result<core::UpdatePlan> plan_update(const core::CallContext& ctx, const core::ProfilePatch& patch,
                                             const core::CurrentRecord* current) const override {
    std::string body;
    body.reserve(160);
    json::StringSink sink(body);
    json::Writer w(sink);
    w.StartObject();
    if (std::optional<Problem> p = write_name(patch, current, w)) return std::move(*p);
    if (const core::PatchValue& v = patch.get(FieldId::kEmail); !v.absent()) {
      // Django's blank-able EmailField stores "no e-mail" as "".
      json::write_key(w, "email");
      json::write_string(w, v.is_null() ? std::string_view() : std::string_view(v.value));
    }
    if (const core::PatchValue& v = patch.get(FieldId::kGender); v.has_value()) {
      std::optional<std::string_view> code = backend_gender(v.value);
      if (!code) {
        return Problem::field(ProblemCode::kValidationFailed, "gender", "invalid_choice",
                              "must be one of: male, female, unspecified");
      }
      json::write_key(w, "gender");
      json::write_string(w, *code);
    }
    if (const core::PatchValue& v = patch.get(FieldId::kBirthDate); !v.absent()) {
      json::write_key(w, "birth_date");
      if (v.is_null()) {
        w.Null();
      } else {
        json::write_string(w, v.value);
      }
    }
    if (const core::PatchValue& v = patch.get(FieldId::kLanguage); v.has_value()) {
      json::write_key(w, "language");
      json::write_string(w, v.value);
    }
    w.EndObject();
    core::UpdatePlan plan;
    plan.steps.push_back({core::HttpMethod::kPatch, ctx.path("update"), std::move(body)});
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
      // A 204-style answer carries no record: the core reads it back.
      outcome.reread = true;
      return outcome;
    }
    core::Result<Profile> profile = profile_from_record(ctx, responses.back());
    if (!profile) return std::move(profile).problem();
    outcome.profile = std::move(profile).value();
    return outcome;
  }

 private:
  // full_name as given, or joined from first/last with the missing half taken from `current`.
  static std::optional<Problem> write_name(const core::ProfilePatch& patch,
                                           const core::CurrentRecord* current, json::Writer& w) {
    const core::PatchValue& full = patch.get(FieldId::kFullName);
    const core::PatchValue& first = patch.get(FieldId::kFirstName);
    const core::PatchValue& last = patch.get(FieldId::kLastName);
    if (!full.absent()) {
      json::write_key(w, "full_name");
      json::write_string(w, full.is_null() ? std::string_view() : std::string_view(full.value));
      return std::nullopt;
    }
    if (first.absent() && last.absent()) return std::nullopt;
    if ((first.absent() || last.absent()) && current == nullptr) {
      return Problem::make(ProblemCode::kInternalError,
                           "django: half a name update planned without the current record");
    }
    auto part = [current](const core::PatchValue& v, FieldId id) -> std::string_view {
      if (v.has_value()) return v.value;
      if (v.is_null()) return {};
      const std::optional<std::string>& now = current->profile.get(id);
      return now ? std::string_view(*now) : std::string_view();
    };
    const std::string joined =
        django::join_full_name(part(first, FieldId::kFirstName), part(last, FieldId::kLastName));
    if (checks::utf8_length(joined) > kFullNameMax) {
      // Blame what the caller sent: the stored half alone fits.
      const char* blamed = first.absent() ? "last_name" : "first_name";
      return Problem::field(ProblemCode::kValidationFailed, blamed, "too_long",
                            "first and last name together are at most 255 characters for this provider");
    }
    json::write_key(w, "full_name");
    json::write_string(w, joined);
    return std::nullopt;
  }

  core::Capabilities caps_;
};

}  // namespace

std::unique_ptr<core::Adapter> make_django_adapter() { return std::make_unique<DjangoAdapter>(); }

}  // namespace profilegw::adapters
