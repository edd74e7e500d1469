#include "adapters/mapped/record_reader.h"

#include <array>

#include "adapters/mapped/full_name.h"
#include "adapters/drf/drf_status_mapping.h"
#include "adapters/json/record_values.h"
#include "adapters/mapped/value_conversions.h"

namespace profilegw::adapters::mapped {
namespace {

using core::FieldId;
using core::Problem;

class RecordReader {
 public:
  RecordReader(const CompiledMapping& m, int status) : m_(m), status_(status) {}

  core::Result<core::Profile> run(const core::CallContext& ctx, const json::Value& record) {
    core::Profile p;
    p.provider = std::string(ctx.provider.empty() ? kProviderName : ctx.provider);
    p.has_address = m_.capabilities.has_address;
    json::ExtraCollector extra;
    for (const auto& member : record.GetObject()) {
      const std::string_view name = json::as_view(member.name);
      const int slot = json::find_key(m_.top_key_views, name);
      if (slot >= 0) {
        slots_[static_cast<std::size_t>(slot)] = &member.value;
      } else if (m_.extra_all) {
        extra.add(name, member.value);
      }
    }
    if (std::optional<Problem> bad = read_id(ctx, p)) return std::move(*bad);
    for (const FieldRule& rule : m_.fields) {
      if (!rule.has_read) continue;
      if (std::optional<Problem> bad = read_field(rule, p)) return std::move(*bad);
    }
    derive_names(p);
    if (m_.has_profile_completed) {
      const Located at = locate(m_.profile_completed);
      if (at.state == Lookup::kWrongType ||
          (at.value != nullptr && !json::read_bool(*at.value, p.profile_completed))) {
        return wrong_type(m_.profile_completed.pointer);
      }
    }
    for (const ExtraMember& e : m_.extra) {
      const Located at = locate(e.path);
      if (at.state == Lookup::kFound) extra.add(e.key, *at.value);
    }
    p.extra_json = extra.finish();
    return p;
  }

 private:
  Located locate(const ReadPath& path) const {
    const json::Value* start = slots_[path.top];
    if (start == nullptr) return {Lookup::kAbsent, nullptr};
    return resolve(*start, path.pointer.tokens(), 1);
  }

  Problem wrong_type(const JsonPointer& p) const {
    return drf::bad_response(status_,
                             "the backend's customer record has an unexpected type for `" + p.text() + "`");
  }

  std::optional<Problem> read_id(const core::CallContext& ctx, core::Profile& p) const {
    if (!m_.has_id) {
      // Id-addressed records need not repeat the id: the caller addressed it.
      p.id = std::string(ctx.customer_id);
      return std::nullopt;
    }
    const Located at = locate(m_.id);
    if (at.state != Lookup::kFound || !json::read_id(*at.value, p.id)) {
      return drf::bad_response(status_,
                               "the backend's customer record has no `" + m_.id.pointer.text() + "`");
    }
    return std::nullopt;
  }

  std::optional<Problem> read_field(const FieldRule& rule, core::Profile& p) {
    std::optional<std::string>& out = p.get(rule.field);
    if (rule.conversion == Conversion::kPhoneSplit) {
      const Located code = locate(rule.read_code);
      const Located number = locate(rule.read_number);
      if (code.state == Lookup::kWrongType) return wrong_type(rule.read_code.pointer);
      if (number.state == Lookup::kWrongType) return wrong_type(rule.read_number.pointer);
      if (read_split_phone(rule, code.value, number.value, out) != ReadOutcome::kOk) {
        return wrong_type(rule.read_number.pointer);
      }
      return std::nullopt;
    }
    const Located at = locate(rule.read);
    if (at.state == Lookup::kWrongType) return wrong_type(rule.read.pointer);
    if (at.state == Lookup::kAbsent) {
      if (rule.field == FieldId::kFullName) full_name_absent_ = true;
      return std::nullopt;
    }
    switch (read_value(rule, *at.value, out)) {
      case ReadOutcome::kOk:
        return std::nullopt;
      case ReadOutcome::kWrongType:
        return wrong_type(rule.read.pointer);
      case ReadOutcome::kBadValue:
        return drf::bad_response(status_, "the backend's customer record has a value for `" +
                                              rule.read.pointer.text() + "` that the mapping cannot convert");
    }
    return std::nullopt;
  }

  void derive_names(core::Profile& p) const {
    const FieldRule& full = m_.rule(FieldId::kFullName);
    for (FieldId part : {FieldId::kFirstName, FieldId::kLastName}) {
      const Derivation d = m_.rule(part).derivation;
      if (d != Derivation::kSplitFirst && d != Derivation::kSplitLast) continue;
      const std::optional<std::string>& whole = p.get(FieldId::kFullName);
      if (!whole) {
        p.get(part).reset();
        continue;
      }
      NameParts parts = split_full_name(*whole);
      p.get(part) = std::move(d == Derivation::kSplitFirst ? parts.first : parts.last);
    }
    // A joined full_name is what the backend would compute; a full_name member, when the record
    // has one, wins (even when null).
    if (full.derivation != Derivation::kJoin || (full.has_read && !full_name_absent_)) return;
    std::string joined;
    for (FieldId part : full.join_parts) {
      const std::optional<std::string>& v = p.get(part);
      if (!v || v->empty()) continue;
      if (!joined.empty()) joined += ' ';
      joined += *v;
    }
    if (joined.empty()) {
      p.get(FieldId::kFullName).reset();
    } else {
      p.set(FieldId::kFullName, std::move(joined));
    }
  }

  const CompiledMapping& m_;
  int status_;
  std::array<const json::Value*, kMaxTopKeys> slots_{};
  bool full_name_absent_ = false;
};

}  // namespace

core::Result<core::Profile> read_record(const CompiledMapping& m, const core::CallContext& ctx,
                                        const json::Value& record, int status) {
  return RecordReader(m, status).run(ctx, record);
}

}  // namespace profilegw::adapters::mapped
