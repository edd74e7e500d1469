#include "adapters/mapped/field_rules_parser.h"

#include <algorithm>
#include <array>

namespace profilegw::adapters::mapped {
namespace {

using core::FieldId;
using json::Value;

constexpr std::array<std::string_view, 19> kFieldKeys = {
    "pointer",     "read",          "write",         "read_only", "required",   "convert",    "values",
    "date_format", "code_format",   "min",           "max",       "min_length", "max_length", "nullable",
    "format",      "empty_is_null", "write_null_as", "join",      "split"};
constexpr std::array<std::string_view, 6> kConversions = {"string",   "integer", "date",
                                                          "datetime", "phone",   "phone_split"};
constexpr std::array<std::string_view, 3> kCodeFormats = {"plus", "digits", "iso"};
constexpr std::array<std::string_view, 5> kFormats = {"email", "uri", "e164", "date", "none"};
constexpr std::array<std::string_view, 3> kUnifiedGenders = {"male", "female", "unspecified"};
constexpr std::array<std::string_view, 2> kSplitParts = {"first", "last"};
constexpr std::array<std::string_view, 2> kPhoneKeys = {"code", "number"};
constexpr std::array<std::string_view, 1> kPointerOnly = {"pointer"};
constexpr std::array<std::string_view, 5> kAddressKeys = {"line1", "postal_code", "city", "state", "country"};

// Static spellings for FieldCapability::format and ::pattern (views that outlive any mapping).
std::string_view format_view(std::string_view name) {
  for (std::string_view f : kFormats) {
    if (f == name && f != "none") return f;
  }
  return {};
}
constexpr std::string_view kNonNegativeInteger = "^(0|[1-9][0-9]*)$";
constexpr std::string_view kAnyInteger = "^(0|-?[1-9][0-9]*)$";

// The format the unified API defines for a field (CONTRACT.md section 3), checked on writes.
std::string_view default_format(FieldId f) {
  switch (f) {
    case FieldId::kBirthDate:
      return "date";
    case FieldId::kEmail:
      return "email";
    case FieldId::kAvatarUrl:
      return "uri";
    case FieldId::kPhone:
      return "e164";
    default:
      return {};
  }
}

std::string shown(const Scalar& s) {
  return s.kind == Scalar::Kind::kString ? SpecReader::quoted(s.text) : s.text;
}

class FieldsParser {
 public:
  FieldsParser(bool can_write, SpecReader& reader, CompiledMapping& out)
      : can_write_(can_write), r_(reader), out_(out) {
    for (std::size_t i = 0; i < core::kFieldCount; ++i) out_.fields[i].field = static_cast<FieldId>(i);
  }

  FieldPaths run(const Value& fields, const std::string& path) {
    if (!fields.IsObject()) {
      r_.error(path, "expected an object: unified field name → JSON Pointer or field rule");
      return paths_;
    }
    for (const auto& m : fields.GetObject()) {
      const std::string_view key = json::as_view(m.name);
      entry(key, m.value, SpecReader::child(path, key));
    }
    cross_checks(path);
    return std::move(paths_);
  }

 private:
  void entry(std::string_view key, const Value& v, const std::string& path) {
    if (key == "id") {
      out_.has_id = special(v, path, out_.id);
    } else if (key == "profile_completed") {
      out_.has_profile_completed = special(v, path, out_.profile_completed);
    } else if (key == "address") {
      address(v, path);
    } else if (const std::optional<FieldId> f = core::field_from_name(key)) {
      field(*f, v, path);
    } else {
      std::vector<std::string_view> known(core::kFieldNames.begin(), core::kFieldNames.end());
      known.insert(known.begin(), "id");
      known.push_back("profile_completed");
      r_.error(path,
               "unknown unified field " + SpecReader::quoted(key) + " (known: " + join_names(known) + ")");
    }
  }

  void address(const Value& v, const std::string& path) {
    if (!v.IsObject()) {
      r_.error(path, "expected an object: address member (line1, postal_code, city, state, country) → rule");
      return;
    }
    for (const auto& m : v.GetObject()) {
      const std::string_view key = json::as_view(m.name);
      const std::string member_path = SpecReader::child(path, key);
      if (const std::optional<FieldId> f = core::address_field_from_key(key)) {
        field(*f, m.value, member_path);
      } else {
        r_.error(member_path, "unknown address field (known: " + join_names(kAddressKeys) + ")");
      }
    }
  }

  // `id` and `profile_completed`: read-only, a pointer or {"pointer": ...}.
  bool special(const Value& v, const std::string& path, ReadPath& out) {
    const Value* at = &v;
    std::string at_path = path;
    if (v.IsObject()) {
      if (!r_.object(v, path, kPointerOnly)) return false;
      at = r_.required(v, path, "pointer");
      if (at == nullptr) return false;
      at_path = SpecReader::child(path, "pointer");
    }
    std::optional<JsonPointer> p = r_.pointer(*at, at_path);
    if (!p || !in_record(*p, at_path)) return false;
    out.pointer = std::move(*p);
    return true;
  }

  bool in_record(const JsonPointer& p, const std::string& path) {
    if (!p.is_root()) return true;
    r_.error(path, "must name a member of the record, not the whole record");
    return false;
  }

  std::optional<JsonPointer> location(const Value& v, const std::string& path) {
    std::optional<JsonPointer> p = r_.pointer(v, path);
    if (p && !in_record(*p, path)) return std::nullopt;
    return p;
  }

  // A split phone's location: {"code": pointer, "number": pointer}.
  bool phone_location(const Value& v, const std::string& path, JsonPointer& code, JsonPointer& number) {
    if (!v.IsObject()) {
      r_.error(path, "expected {\"code\": pointer, \"number\": pointer} for convert \"phone_split\"");
      return false;
    }
    if (!r_.object(v, path, kPhoneKeys)) return false;
    const Value* c = r_.required(v, path, "code");
    const Value* n = r_.required(v, path, "number");
    if (c == nullptr || n == nullptr) return false;
    std::optional<JsonPointer> pc = location(*c, SpecReader::child(path, "code"));
    std::optional<JsonPointer> pn = location(*n, SpecReader::child(path, "number"));
    if (!pc || !pn) return false;
    code = std::move(*pc);
    number = std::move(*pn);
    return true;
  }

  void field(FieldId f, const Value& v, const std::string& path) {
    FieldRule& rule = out_.fields[core::index(f)];
    if (rule.mapped) {
      r_.error(path, "mapped twice (first at " + SpecReader::in_tenant(paths_[core::index(f)]) + ")");
      return;
    }
    rule.mapped = true;
    rule.field = f;
    paths_[core::index(f)] = path;
    if (v.IsString()) {
      std::optional<JsonPointer> p = location(v, path);
      if (!p) return;
      rule.has_read = true;
      rule.read.pointer = *p;
      if (can_write_) {
        rule.has_write = true;
        rule.write = std::move(*p);
      }
      finish(rule);
      return;
    }
    if (!v.IsObject()) {
      r_.error(path, "expected a JSON Pointer string or a field rule object");
      return;
    }
    if (!r_.object(v, path, kFieldKeys)) return;
    // An unknown conversion is reported once: the options that depend on it are not judged
    // against the default conversion it fell back to.
    const bool conversion_known = conversion(rule, v, path);
    derivation(rule, v, path);
    const bool read_only = r_.boolean(v, path, "read_only").value_or(false);
    locations(rule, v, path, read_only);
    if (conversion_known) {
      values(rule, v, path);
      options(rule, v, path);
    }
    const bool required = r_.boolean(v, path, "required").value_or(false);
    if (required && read_only)
      r_.error(SpecReader::child(path, "required"), "a read_only field is never sent");
    rule.always_send = required;
    if (rule.derivation == Derivation::kSplitFirst || rule.derivation == Derivation::kSplitLast) {
      split_read_only_[core::index(f)] = read_only;
    }
    finish(rule);
  }

  // False when `convert` names no known conversion (reported here).
  bool conversion(FieldRule& rule, const Value& v, const std::string& path) {
    const Value* c = SpecReader::find(v, "convert");
    if (c == nullptr) return true;
    const std::string c_path = SpecReader::child(path, "convert");
    const auto it = c->IsString() ? std::find(kConversions.begin(), kConversions.end(), json::as_view(*c))
                                  : kConversions.end();
    if (it == kConversions.end()) {
      r_.error(c_path, (c->IsString() ? "unknown conversion " + SpecReader::quoted(json::as_view(*c))
                                      : std::string("expected a string")) +
                           " (known: " + join_names(kConversions) + ")");
      return false;
    }
    rule.conversion = static_cast<Conversion>(it - kConversions.begin());
    const bool date = rule.conversion == Conversion::kDate || rule.conversion == Conversion::kDateTime;
    const bool phone = rule.conversion == Conversion::kPhone || rule.conversion == Conversion::kPhoneSplit;
    if (date && rule.field != FieldId::kBirthDate) {
      r_.error(c_path, "conversion " + SpecReader::quoted(*it) + " applies to birth_date only");
    } else if (phone && rule.field != FieldId::kPhone) {
      r_.error(c_path, "conversion " + SpecReader::quoted(*it) + " applies to phone only");
    }
    return true;
  }

  void derivation(FieldRule& rule, const Value& v, const std::string& path) {
    if (const Value* j = SpecReader::find(v, "join")) {
      const std::string j_path = SpecReader::child(path, "join");
      if (rule.field != FieldId::kFullName) {
        r_.error(j_path, "only full_name is joined from other fields");
      } else if (!j->IsArray() || j->Empty()) {
        r_.error(j_path, "expected a list of unified names: first_name, middle_name, last_name");
      } else {
        rule.derivation = Derivation::kJoin;
        for (rapidjson::SizeType i = 0; i < j->Size(); ++i) {
          const Value& part = (*j)[i];
          const std::optional<FieldId> id =
              part.IsString() ? core::field_from_name(json::as_view(part)) : std::nullopt;
          if (!id ||
              (*id != FieldId::kFirstName && *id != FieldId::kMiddleName && *id != FieldId::kLastName)) {
            r_.error(SpecReader::element(j_path, i), "expected first_name, middle_name or last_name");
            continue;
          }
          rule.join_parts.push_back(*id);
        }
      }
    }
    if (const std::optional<std::size_t> part = r_.choice(v, path, "split", kSplitParts)) {
      if (rule.field != FieldId::kFirstName && rule.field != FieldId::kLastName) {
        r_.error(SpecReader::child(path, "split"), "only first_name and last_name are split from full_name");
      } else if (rule.derivation != Derivation::kNone) {
        r_.error(SpecReader::child(path, "split"), "a field is either joined or split, not both");
      } else {
        rule.derivation = *part == 0 ? Derivation::kSplitFirst : Derivation::kSplitLast;
      }
    }
  }

  void locations(FieldRule& rule, const Value& v, const std::string& path, bool read_only) {
    const Value* pointer = SpecReader::find(v, "pointer");
    const Value* read = SpecReader::find(v, "read");
    const Value* write = SpecReader::find(v, "write");
    if (pointer != nullptr && (read != nullptr || write != nullptr)) {
      r_.error(SpecReader::child(path, "pointer"), "give either \"pointer\" or \"read\"/\"write\", not both");
      return;
    }
    const bool split =
        rule.derivation == Derivation::kSplitFirst || rule.derivation == Derivation::kSplitLast;
    if (split) {
      if (pointer != nullptr || read != nullptr || write != nullptr) {
        r_.error(path, "a field split from full_name has no pointer of its own");
      }
      return;
    }
    if (pointer == nullptr && read == nullptr && write == nullptr) {
      if (rule.derivation != Derivation::kJoin) {
        r_.error(path, "has no source: give \"pointer\", \"read\" or \"write\"");
      }
      return;
    }
    if (write != nullptr && read_only) {
      r_.error(SpecReader::child(path, "write"), "a read_only field has no write location");
      return;
    }
    if (write != nullptr && rule.derivation == Derivation::kJoin) {
      r_.error(SpecReader::child(path, "write"), "a joined full_name is computed; it cannot be written");
      return;
    }
    if (write != nullptr && !can_write_) {
      r_.error(SpecReader::child(path, "write"), "the mapping has no \"update\" request: nothing is written");
      return;
    }
    const Value* read_at = pointer != nullptr ? pointer : read;
    const Value* write_at = pointer != nullptr ? pointer : write;
    const std::string read_path = SpecReader::child(path, pointer != nullptr ? "pointer" : "read");
    const std::string write_path = SpecReader::child(path, pointer != nullptr ? "pointer" : "write");
    const bool may_write = can_write_ && !read_only && rule.derivation != Derivation::kJoin;
    // With "pointer", read and write are one location: checked (and reported) once.
    const bool one_location = pointer != nullptr;
    if (rule.conversion == Conversion::kPhoneSplit) {
      if (read_at != nullptr) {
        rule.has_read = phone_location(*read_at, read_path, rule.read_code.pointer, rule.read_number.pointer);
      }
      if (write_at != nullptr && may_write) {
        if (!one_location) {
          rule.has_write = phone_location(*write_at, write_path, rule.write_code, rule.write_number);
        } else if (rule.has_read) {
          rule.write_code = rule.read_code.pointer;
          rule.write_number = rule.read_number.pointer;
          rule.has_write = true;
        }
      }
      return;
    }
    if (read_at != nullptr) {
      if (std::optional<JsonPointer> p = location(*read_at, read_path)) {
        rule.read.pointer = std::move(*p);
        rule.has_read = true;
      }
    }
    if (write_at != nullptr && may_write) {
      if (!one_location) {
        if (std::optional<JsonPointer> p = location(*write_at, write_path)) {
          rule.write = std::move(*p);
          rule.has_write = true;
        }
      } else if (rule.has_read) {
        rule.write = rule.read.pointer;
        rule.has_write = true;
      }
    }
  }

  void values(FieldRule& rule, const Value& v, const std::string& path) {
    const Value* values = SpecReader::find(v, "values");
    if (values == nullptr) return;
    const std::string values_path = SpecReader::child(path, "values");
    if (rule.conversion != Conversion::kString) {
      r_.error(values_path, "an enum of values needs convert \"string\" (the default)");
      return;
    }
    if (values->IsArray()) {
      // ["male", "female"]: the backend spells each value as the unified API does.
      for (rapidjson::SizeType i = 0; i < values->Size(); ++i) {
        const Value& item = (*values)[i];
        if (!item.IsString()) {
          r_.error(SpecReader::element(values_path, i), "expected a string");
          continue;
        }
        add_value(rule, json::as_view(item), *Scalar::from_json(item), SpecReader::element(values_path, i));
      }
    } else if (values->IsObject()) {
      for (const auto& m : values->GetObject()) {
        const std::string_view unified = json::as_view(m.name);
        const std::optional<Scalar> backend = Scalar::from_json(m.value);
        if (!backend || backend->kind == Scalar::Kind::kNull) {
          r_.error(SpecReader::child(values_path, unified), "expected a string, integer or boolean");
          continue;
        }
        add_value(rule, unified, *backend, SpecReader::child(values_path, unified));
      }
    } else {
      r_.error(values_path, "expected an object (unified value → backend value) or a list of values");
      return;
    }
    if (values->IsArray() ? values->Empty() : values->ObjectEmpty()) {
      r_.error(values_path, "expected at least one value");
    }
    one_to_one(rule, values_path);
  }

  void add_value(FieldRule& rule, std::string_view unified, const Scalar& backend, const std::string& path) {
    if (rule.field == FieldId::kGender &&
        std::find(kUnifiedGenders.begin(), kUnifiedGenders.end(), unified) == kUnifiedGenders.end()) {
      r_.error(path, SpecReader::quoted(unified) + " is not a unified gender (male, female, unspecified)");
      return;
    }
    if (unified.empty()) {
      r_.error(path, "the unified value must not be empty");
      return;
    }
    rule.values.push_back(EnumValue{std::string(unified), backend});
  }

  // Reading must give back what was written: no value may appear twice on either side.
  void one_to_one(const FieldRule& rule, const std::string& path) {
    for (std::size_t i = 0; i < rule.values.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (rule.values[i].unified == rule.values[j].unified) {
          r_.error(path, "not one-to-one (" + SpecReader::quoted(rule.values[i].unified) + " appears twice)");
          return;
        }
        const Scalar& a = rule.values[i].backend;
        const Scalar& b = rule.values[j].backend;
        if (a.kind == b.kind && a.text == b.text) {
          r_.error(path, "not one-to-one (" + shown(a) + " appears twice)");
          return;
        }
      }
    }
  }

  void options(FieldRule& rule, const Value& v, const std::string& path) {
    if (const std::optional<std::string> layout = r_.string(v, path, "date_format")) {
      std::string why;
      if (rule.conversion != Conversion::kDate) {
        r_.error(SpecReader::child(path, "date_format"), "only with convert \"date\"");
      } else if (std::optional<DateLayout> d = DateLayout::compile(*layout, why)) {
        rule.date = std::move(*d);
      } else {
        r_.error(SpecReader::child(path, "date_format"), why);
      }
    }
    if (const std::optional<std::size_t> cf = r_.choice(v, path, "code_format", kCodeFormats)) {
      if (rule.conversion != Conversion::kPhoneSplit) {
        r_.error(SpecReader::child(path, "code_format"), "only with convert \"phone_split\"");
      }
      rule.code_format = static_cast<CodeFormat>(*cf);
    }
    const std::optional<std::int64_t> min = r_.integer(v, path, "min", INT64_MIN, INT64_MAX);
    const std::optional<std::int64_t> max = r_.integer(v, path, "max", INT64_MIN, INT64_MAX);
    if ((min || max) && rule.conversion != Conversion::kInteger) {
      r_.error(SpecReader::child(path, min ? "min" : "max"), "only with convert \"integer\"");
    }
    rule.min = min.value_or(INT64_MIN);
    rule.max = max.value_or(INT64_MAX);
    if (rule.min > rule.max) r_.error(SpecReader::child(path, "min"), "greater than max");

    const std::optional<std::int64_t> min_length = r_.integer(v, path, "min_length", 0, 1000000);
    const std::optional<std::int64_t> max_length = r_.integer(v, path, "max_length", 1, 1000000);
    if (min_length) rule.cap.min_length = static_cast<int>(*min_length);
    if (max_length) rule.cap.max_length = static_cast<int>(*max_length);
    if (min_length && max_length && *min_length > *max_length) {
      r_.error(SpecReader::child(path, "min_length"), "greater than max_length");
    }
    if (const std::optional<bool> nullable = r_.boolean(v, path, "nullable")) rule.cap.nullable = *nullable;
    if (const std::optional<std::size_t> format = r_.choice(v, path, "format", kFormats)) {
      explicit_format_[core::index(rule.field)] = true;
      rule.cap.format = format_view(kFormats[*format]);
    }
    if (const std::optional<bool> empty = r_.boolean(v, path, "empty_is_null")) rule.empty_is_null = *empty;
    if (const Value* null_as = SpecReader::find(v, "write_null_as")) {
      if (std::optional<Scalar> s = Scalar::from_json(*null_as)) {
        rule.write_null_as = std::move(*s);
      } else {
        r_.error(SpecReader::child(path, "write_null_as"), "expected a string, integer, boolean or null");
      }
    }
  }

  // Capabilities every rule gets from its kind, unless the mapping said otherwise.
  void finish(FieldRule& rule) {
    const std::size_t i = core::index(rule.field);
    if (!explicit_format_[i]) {
      if (rule.conversion == Conversion::kPhoneSplit) {
        rule.cap.format = "e164";
      } else if (rule.conversion == Conversion::kDate || rule.conversion == Conversion::kDateTime) {
        rule.cap.format = "date";
      } else if (rule.has_write) {
        rule.cap.format = default_format(rule.field);
      }
    }
    if (rule.conversion == Conversion::kInteger)
      rule.cap.pattern = rule.min >= 0 ? kNonNegativeInteger : kAnyInteger;
  }

  void cross_checks(const std::string& path) {
    const FieldRule& full = out_.rule(FieldId::kFullName);
    for (FieldId f : {FieldId::kFirstName, FieldId::kLastName}) {
      FieldRule& rule = out_.fields[core::index(f)];
      if (rule.derivation != Derivation::kSplitFirst && rule.derivation != Derivation::kSplitLast) continue;
      if (!full.mapped || full.derivation != Derivation::kNone || !full.has_read) {
        r_.error(SpecReader::child(paths_[core::index(f)], "split"),
                 "needs fields.full_name with a pointer to split");
        continue;
      }
    }
    if (full.derivation == Derivation::kJoin) {
      for (FieldId part : full.join_parts) {
        const FieldRule& p = out_.rule(part);
        if (!p.mapped || !(p.has_read || p.derivation != Derivation::kNone)) {
          r_.error(SpecReader::child(paths_[core::index(FieldId::kFullName)], "join"),
                   SpecReader::quoted(core::field_name(part)) + " is not mapped");
        }
      }
    }
    for (FieldRule& rule : out_.fields) {
      if (!rule.mapped) continue;
      const bool split =
          rule.derivation == Derivation::kSplitFirst || rule.derivation == Derivation::kSplitLast;
      rule.readable = rule.has_read || rule.derivation == Derivation::kJoin || split;
      // A split half is written through full_name's location (as the whole name, rejoined).
      rule.writable = rule.has_write || (split && full.has_write && full.derivation == Derivation::kNone &&
                                         !split_read_only_[core::index(rule.field)]);
      const bool has_location = rule.has_read || rule.has_write || rule.derivation != Derivation::kNone;
      if (rule.always_send && !rule.writable && has_location) {
        r_.error(SpecReader::child(paths_[core::index(rule.field)], "required"),
                 "has no source to send: the field has no write location");
      }
    }
    bool any = out_.has_id || out_.has_profile_completed;
    for (const FieldRule& rule : out_.fields) any = any || rule.mapped;
    if (!any) r_.error(path, "map at least one unified field");
  }

  bool can_write_;
  SpecReader& r_;
  CompiledMapping& out_;
  FieldPaths paths_{};
  core::FieldArray<bool> explicit_format_{};
  core::FieldArray<bool> split_read_only_{};
};

}  // namespace

FieldPaths parse_fields(const Value& fields, const std::string& path, bool can_write, SpecReader& reader,
                        CompiledMapping& out) {
  return FieldsParser(can_write, reader, out).run(fields, path);
}

}  // namespace profilegw::adapters::mapped
