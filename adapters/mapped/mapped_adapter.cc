#include "adapters/mapped/mapped_adapter.h"

#include "adapters/drf/drf_status_mapping.h"
#include "adapters/json/json_document.h"
#include "adapters/mapped/answer_reader.h"
#include "adapters/mapped/mapping_parser.h"
#include "adapters/mapped/patch_rules.h"
#include "adapters/mapped/record_reader.h"
#include "adapters/mapped/update_body.h"

namespace profilegw::adapters {
namespace {

using core::Problem;
using core::ProblemCode;
using core::Profile;
using mapped::CompiledMapping;

class MappedAdapter final : public core::Adapter {
 public:
  explicit MappedAdapter(std::unique_ptr<const CompiledMapping> mapping)
      : m_(std::move(mapping)), name_(mapped::kProviderName), caps_(m_->capabilities) {}
  // The views in the copied capabilities point into *m_, which never moves.
  MappedAdapter(std::unique_ptr<const CompiledMapping> mapping, std::string_view name,
                core::CustomerAuthScheme default_customer_auth)
      : m_(std::move(mapping)), name_(name), caps_(m_->capabilities) {
    caps_.default_customer_auth = default_customer_auth;
  }

  std::string_view name() const override { return name_; }
  const core::Capabilities& capabilities() const override { return caps_; }
  std::span<const core::PathDefault> default_paths() const override {
    return {m_->path_defaults.data(), m_->path_count};
  }

  core::UpstreamRequest read_request(const core::CallContext& ctx) const override {
    return {m_->read.method, ctx.path("get"), {}};
  }

  core::Result<Profile> parse_read(const core::CallContext& ctx,
                                   const core::UpstreamResponse& r) const override {
    json::ParsedJson parsed;
    core::Result<const json::Value*> record = mapped::open_answer(*m_, r, parsed, false);
    if (!record) return std::move(record).problem();
    return mapped::read_record(*m_, ctx, *record.value(), r.status);
  }

  std::optional<Problem> check_patch(const core::ProfilePatch& patch) const override {
    return mapped::check_mapped_patch(*m_, patch);
  }

  bool needs_current(const core::ProfilePatch& patch) const override {
    return mapped::update_needs_current(*m_, patch);
  }

  core::Result<core::UpdatePlan> plan_update(const core::CallContext& ctx, const core::ProfilePatch& patch,
                                             const core::CurrentRecord* current) const override {
    if (!m_->update.present) {
      return Problem::make(ProblemCode::kInternalError,
                           "mapped: an update planned for a mapping without one");
    }
    if ((current == nullptr || current->raw == nullptr) && needs_current(patch)) {
      return Problem::make(ProblemCode::kInternalError, "mapped: update planned without the current record");
    }
    // The raw record is parsed only where the body copies it: put mode, and arrays in patch mode.
    json::ParsedJson parsed;
    const json::Value* record = nullptr;
    if (current != nullptr && current->raw != nullptr && mapped::update_copies_record(*m_, patch)) {
      core::Result<const json::Value*> opened = mapped::open_answer(*m_, *current->raw, parsed, false);
      if (!opened) return std::move(opened).problem();
      record = opened.value();
    }
    core::Result<std::string> body = mapped::write_update_body(*m_, patch, current, record);
    if (!body) return std::move(body).problem();
    core::UpdatePlan plan;
    plan.steps.push_back({m_->update.method, ctx.path("update"), std::move(body).value()});
    return plan;
  }

  std::optional<Problem> check_step(const core::CallContext&, const core::UpdatePlan&, std::size_t,
                                    const core::UpstreamResponse& r) const override {
    // Includes 3xx: a redirected write would lose its body, so it is never followed.
    if (drf::is_success(r.status)) return std::nullopt;
    json::ParsedJson parsed;
    const bool is_json = parsed.parse(r.body);
    return mapped::failure(*m_, r, is_json ? &parsed.root() : nullptr, false);
  }

  core::Result<core::UpdateOutcome> finish_update(
      const core::CallContext& ctx, const core::ProfilePatch&, const core::CurrentRecord*,
      std::span<const core::UpstreamResponse> responses) const override {
    core::UpdateOutcome outcome;
    if (responses.empty() || !m_->update.answer_has_record) {
      outcome.reread = true;
      return outcome;
    }
    json::ParsedJson parsed;
    core::Result<const json::Value*> record = mapped::open_answer(*m_, responses.back(), parsed, true);
    if (!record) return std::move(record).problem();
    if (record.value() == nullptr) {
      // A 204-style answer, or one without the record: the core reads it back.
      outcome.reread = true;
      return outcome;
    }
    core::Result<Profile> profile = mapped::read_record(*m_, ctx, *record.value(), responses.back().status);
    if (!profile) return std::move(profile).problem();
    outcome.profile = std::move(profile).value();
    return outcome;
  }

 private:
  std::unique_ptr<const CompiledMapping> m_;
  std::string_view name_;
  core::Capabilities caps_;
};

class MappedAdapterFactory final : public core::AdapterFactory {
 public:
  std::string_view name() const override { return mapped::kProviderName; }
  std::string_view spec_key() const override { return "mapping"; }

  std::unique_ptr<core::Adapter> compile(const rapidjson::Value& spec, std::string_view path,
                                         std::vector<core::SpecIssue>& issues) const override {
    std::unique_ptr<const CompiledMapping> mapping = mapped::compile_mapping(spec, path, issues);
    if (!mapping) return nullptr;
    return make_mapped_adapter(std::move(mapping));
  }
};

}  // namespace

std::unique_ptr<core::Adapter> make_mapped_adapter(std::unique_ptr<const CompiledMapping> mapping) {
  return std::make_unique<MappedAdapter>(std::move(mapping));
}

std::unique_ptr<core::Adapter> make_mapped_adapter(std::unique_ptr<const CompiledMapping> mapping,
                                                   std::string_view name,
                                                   core::CustomerAuthScheme default_customer_auth) {
  return std::make_unique<MappedAdapter>(std::move(mapping), name, default_customer_auth);
}

std::unique_ptr<core::AdapterFactory> make_mapped_adapter_factory() {
  return std::make_unique<MappedAdapterFactory>();
}

}  // namespace profilegw::adapters
