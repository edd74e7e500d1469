#include "adapters/mapped/mapping_parser.h"

#include <algorithm>
#include <array>

#include "adapters/mapped/error_rules_parser.h"
#include "adapters/mapped/field_rules_parser.h"
#include "adapters/mapped/spec_reader.h"
#include "adapters/mapped/write_tree.h"

namespace profilegw::adapters::mapped {
namespace {

using core::FieldId;
using json::Value;

constexpr std::array<std::string_view, 8> kMappingKeys = {"description", "addressing", "read",   "update",
                                                          "response",    "errors",     "fields", "extra"};
constexpr std::array<std::string_view, 2> kAddressings = {"token", "id"};
constexpr std::array<std::string_view, 2> kReadKeys = {"method", "path"};
constexpr std::array<std::string_view, 2> kReadMethods = {"GET", "POST"};
constexpr std::array<std::string_view, 6> kUpdateKeys = {"method", "path",        "update_mode",
                                                         "record", "always_send", "answer"};
constexpr std::array<std::string_view, 3> kUpdateMethods = {"PATCH", "PUT", "POST"};
constexpr std::array<std::string_view, 2> kUpdateModes = {"patch", "put"};
constexpr std::array<std::string_view, 2> kAnswers = {"record", "none"};
constexpr std::array<std::string_view, 2> kResponseKeys = {"record", "success"};
constexpr std::array<std::string_view, 2> kSuccessKeys = {"pointer", "equals"};
core::HttpMethod method_of(std::string_view name) {
  if (name == "POST") return core::HttpMethod::kPost;
  if (name == "PUT") return core::HttpMethod::kPut;
  if (name == "PATCH") return core::HttpMethod::kPatch;
  return core::HttpMethod::kGet;
}

// The characters an upstream path template may hold (as config checks `upstream.paths`).
std::optional<std::string> path_template_error(std::string_view path) {
  if (!path.starts_with('/')) return "expected a path starting with '/'";
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '{') {
      if (path.substr(i, 4) != "{id}") return "unknown placeholder; only {id} is supported";
      i += 3;
      continue;
    }
    if (c <= 0x20 || c >= 0x7F || c == '}' || c == '#' || c == '"' || c == '<' || c == '>' || c == '\\') {
      return "invalid character in path";
    }
  }
  return std::nullopt;
}

class MappingParser {
 public:
  MappingParser(std::string_view path, std::vector<core::SpecIssue>& issues)
      : path_(path), r_(issues), m_(std::make_unique<CompiledMapping>()) {}

  std::unique_ptr<const CompiledMapping> run(const Value& spec) {
    if (!r_.object(spec, path_, kMappingKeys)) return nullptr;
    if (const Value* d = SpecReader::find(spec, "description"); d != nullptr && !d->IsString()) {
      r_.error(SpecReader::child(path_, "description"), "expected a string");
    }
    if (r_.required(spec, path_, "addressing") != nullptr) {
      if (auto a = r_.choice(spec, path_, "addressing", kAddressings)) {
        m_->addressing = *a == 0 ? core::Addressing::kToken : core::Addressing::kId;
        addressing_known_ = true;
      }
    }
    if (const Value* read = r_.required(spec, path_, "read"))
      this->read(*read, SpecReader::child(path_, "read"));
    const Value* update = SpecReader::find(spec, "update");
    if (update != nullptr) this->update(*update, SpecReader::child(path_, "update"));
    if (const Value* response = SpecReader::find(spec, "response")) {
      this->response(*response, SpecReader::child(path_, "response"));
    }
    parse_error_rules(SpecReader::find(spec, "errors"), SpecReader::child(path_, "errors"), r_, m_->errors);

    const std::string fields_path = SpecReader::child(path_, "fields");
    FieldPaths paths{};
    if (const Value* fields = r_.required(spec, path_, "fields")) {
      paths = parse_fields(*fields, fields_path, update != nullptr, r_, *m_);
    }
    if (update != nullptr) always_send(*update, SpecReader::child(path_, "update"));
    if (addressing_known_ && m_->addressing == core::Addressing::kToken && !m_->has_id &&
        SpecReader::find(spec, "fields") != nullptr) {
      r_.error(SpecReader::child(fields_path, "id"),
               "required with addressing \"token\": the record must say which customer it is");
    }
    extra(SpecReader::find(spec, "extra"), SpecReader::child(path_, "extra"));
    if (r_.error_count() > 0) return nullptr;
    build_write_tree(*m_, paths, r_);
    index_top_keys(fields_path);
    if (r_.error_count() > 0) return nullptr;
    name_backend_fields();
    build_capabilities();
    return std::move(m_);
  }

 private:
  void request_path(const Value& obj, const std::string& path, std::string& out) {
    if (r_.required(obj, path, "path") == nullptr) return;
    const std::optional<std::string> value = r_.string(obj, path, "path");
    if (!value) return;
    const std::string p = SpecReader::child(path, "path");
    if (std::optional<std::string> why = path_template_error(*value)) {
      r_.error(p, std::move(*why));
      return;
    }
    const bool has_id = value->find("{id}") != std::string::npos;
    if (addressing_known_ && m_->addressing == core::Addressing::kId && !has_id) {
      r_.error(p, "must contain {id}: with addressing \"id\" the path says which customer");
    } else if (addressing_known_ && m_->addressing == core::Addressing::kToken && has_id) {
      r_.error(p, "{id} is only for addressing \"id\"; token-addressed calls carry no customer id");
    }
    out = *value;
  }

  void read(const Value& v, const std::string& path) {
    if (!r_.object(v, path, kReadKeys)) return;
    if (auto m = r_.choice(v, path, "method", kReadMethods)) m_->read.method = method_of(kReadMethods[*m]);
    request_path(v, path, m_->read.path);
  }

  void update(const Value& v, const std::string& path) {
    UpdateSpec& u = m_->update;
    u.present = true;
    if (!r_.object(v, path, kUpdateKeys)) return;
    if (auto mode = r_.choice(v, path, "update_mode", kUpdateModes)) {
      u.mode = *mode == 0 ? UpdateMode::kPatch : UpdateMode::kPut;
    }
    u.method = u.mode == UpdateMode::kPut ? core::HttpMethod::kPut : core::HttpMethod::kPatch;
    if (auto m = r_.choice(v, path, "method", kUpdateMethods)) u.method = method_of(kUpdateMethods[*m]);
    request_path(v, path, u.path);
    if (std::optional<JsonPointer> wrap = r_.pointer_member(v, path, "record")) u.wrap = std::move(*wrap);
    if (auto a = r_.choice(v, path, "answer", kAnswers)) u.answer_has_record = *a == 0;
  }

  // update.always_send: unified fields the backend wants on every update.
  void always_send(const Value& v, const std::string& path) {
    const Value* list = SpecReader::find(v, "always_send");
    if (list == nullptr) return;
    const std::string list_path = SpecReader::child(path, "always_send");
    if (!list->IsArray()) {
      r_.error(list_path, "expected a list of unified field names");
      return;
    }
    for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
      const Value& item = (*list)[i];
      const std::string item_path = SpecReader::element(list_path, i);
      const std::optional<FieldId> f =
          item.IsString() ? core::field_from_name(json::as_view(item)) : std::nullopt;
      if (!f) {
        r_.error(item_path, "expected a unified field name");
        continue;
      }
      FieldRule& rule = m_->fields[core::index(*f)];
      if (!rule.writable) {
        r_.error(item_path, SpecReader::quoted(core::field_name(*f)) +
                                " has no source: map it in mapping.fields with a write location");
        continue;
      }
      rule.always_send = true;
    }
  }

  void response(const Value& v, const std::string& path) {
    if (!r_.object(v, path, kResponseKeys)) return;
    if (std::optional<JsonPointer> record = r_.pointer_member(v, path, "record"))
      m_->record = std::move(*record);
    const Value* success = SpecReader::find(v, "success");
    if (success == nullptr) return;
    const std::string s_path = SpecReader::child(path, "success");
    SuccessFlag& flag = m_->success;
    flag.expected.kind = Scalar::Kind::kBoolean;
    flag.expected.boolean = true;
    flag.expected.text = "true";
    if (success->IsString()) {
      if (std::optional<JsonPointer> p = r_.pointer(*success, s_path)) {
        flag.pointer = std::move(*p);
        flag.present = true;
      }
      return;
    }
    if (!r_.object(*success, s_path, kSuccessKeys)) return;
    const Value* p = r_.required(*success, s_path, "pointer");
    if (p == nullptr) return;
    std::optional<JsonPointer> pointer = r_.pointer(*p, SpecReader::child(s_path, "pointer"));
    if (!pointer) return;
    flag.pointer = std::move(*pointer);
    flag.present = true;
    if (const Value* equals = SpecReader::find(*success, "equals")) {
      std::optional<Scalar> expected = Scalar::from_json(*equals);
      if (!expected) {
        r_.error(SpecReader::child(s_path, "equals"), "expected a string, integer, boolean or null");
        return;
      }
      flag.expected = std::move(*expected);
    }
  }

  void extra(const Value* v, const std::string& path) {
    if (v == nullptr) return;
    if (v->IsString() && json::as_view(*v) == "*") return;
    if (!v->IsArray()) {
      r_.error(path, "expected \"*\" (every member no field maps) or a list of JSON Pointers");
      return;
    }
    m_->extra_all = false;
    for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
      const std::string item = SpecReader::element(path, i);
      std::optional<JsonPointer> p = r_.pointer((*v)[i], item);
      if (!p) continue;
      if (p->is_root()) {
        r_.error(item, "must name a member of the record, not the whole record");
        continue;
      }
      std::string key = p->tokens().back().name;
      const bool dup =
          std::any_of(m_->extra.begin(), m_->extra.end(), [&](const ExtraMember& e) { return e.key == key; });
      if (dup) {
        r_.error(item, "two members would be called " + SpecReader::quoted(key) + " in extra");
        continue;
      }
      m_->extra.push_back(ExtraMember{std::move(key), ReadPath{std::move(*p), 0}});
    }
  }

  std::uint8_t intern(const JsonPointer& p) {
    const std::string& first = p.tokens().front().name;
    for (std::size_t i = 0; i < m_->top_keys.size(); ++i) {
      if (m_->top_keys[i] == first) return static_cast<std::uint8_t>(i);
    }
    m_->top_keys.push_back(first);
    return static_cast<std::uint8_t>(m_->top_keys.size() - 1);
  }

  // Every pointer's first member gets a slot; members in no slot are what extra "*" passes through.
  void index_top_keys(const std::string& fields_path) {
    std::vector<ReadPath*> reads;
    std::vector<const JsonPointer*> writes;
    if (m_->has_id) reads.push_back(&m_->id);
    if (m_->has_profile_completed) reads.push_back(&m_->profile_completed);
    for (FieldRule& rule : m_->fields) {
      if (rule.has_read) {
        if (rule.conversion == Conversion::kPhoneSplit) {
          reads.push_back(&rule.read_code);
          reads.push_back(&rule.read_number);
        } else {
          reads.push_back(&rule.read);
        }
      }
      if (rule.has_write) {
        writes.push_back(rule.conversion == Conversion::kPhoneSplit ? &rule.write_code : &rule.write);
        if (rule.conversion == Conversion::kPhoneSplit) writes.push_back(&rule.write_number);
      }
    }
    for (ExtraMember& e : m_->extra) reads.push_back(&e.path);
    for (ReadPath* rp : reads) rp->top = intern(rp->pointer);
    for (const JsonPointer* w : writes) intern(*w);
    if (m_->top_keys.size() > kMaxTopKeys) {
      r_.error(fields_path, "pointers name more than 64 different members of the record");
      return;
    }
    for (const std::string& k : m_->top_keys) m_->top_key_views.push_back(k);
  }

  // Backend names (as error bodies spell them, dotted) → unified names.
  void name_backend_fields() {
    std::vector<std::pair<std::string, std::string_view>> names;
    auto add = [&](const JsonPointer& p, std::string_view unified) {
      std::string dotted = p.dotted();
      const bool seen =
          std::any_of(names.begin(), names.end(), [&](const auto& n) { return n.first == dotted; });
      if (!seen && !dotted.empty()) names.emplace_back(std::move(dotted), unified);
    };
    for (const FieldRule& rule : m_->fields) {
      const std::string_view unified = core::field_name(rule.field);
      if (rule.has_write)
        add(rule.conversion == Conversion::kPhoneSplit ? rule.write_number : rule.write, unified);
      if (rule.has_write && rule.conversion == Conversion::kPhoneSplit) add(rule.write_code, unified);
      if (rule.has_read)
        add(rule.conversion == Conversion::kPhoneSplit ? rule.read_number.pointer : rule.read.pointer,
            unified);
      if (rule.has_read && rule.conversion == Conversion::kPhoneSplit) add(rule.read_code.pointer, unified);
    }
    if (m_->has_id) add(m_->id.pointer, "id");
    if (m_->has_profile_completed) add(m_->profile_completed.pointer, "profile_completed");
    m_->backend_names.reserve(names.size());
    for (auto& [backend, unified] : names) {
      m_->backend_names.push_back(std::move(backend));
      m_->renames.push_back(drf::FieldRename{m_->backend_names.back(), unified});
    }
  }

  void build_capabilities() {
    core::Capabilities& caps = m_->capabilities;
    caps.addressing = m_->addressing;
    // Id-addressed backends usually authenticate the gateway (service_auth), not the customer.
    caps.default_customer_auth = m_->addressing == core::Addressing::kToken
                                     ? core::CustomerAuthScheme::kBearer
                                     : core::CustomerAuthScheme::kNone;
    caps.profile_completed_readable = m_->has_profile_completed;
    for (const FieldRule& rule : m_->fields) {
      core::FieldCapability& cap = caps.fields[core::index(rule.field)];
      if (!rule.mapped) {
        cap = core::FieldCapability{};
        cap.nullable = false;
        continue;
      }
      cap = rule.cap;
      cap.readable = rule.readable;
      cap.writable = rule.writable;
      cap.nullable = rule.writable && rule.cap.nullable;
      cap.enum_values.clear();
      for (const EnumValue& v : rule.values) cap.enum_values.push_back(v.unified);
      if (core::is_address_field(rule.field)) caps.has_address = true;
    }
    m_->path_defaults[0] = core::PathDefault{"get", m_->read.path};
    m_->path_count = 1;
    if (m_->update.present) {
      m_->path_defaults[1] = core::PathDefault{"update", m_->update.path};
      m_->path_count = 2;
    }
  }

  std::string path_;
  SpecReader r_;
  std::unique_ptr<CompiledMapping> m_;
  bool addressing_known_ = false;
};

}  // namespace

std::unique_ptr<const CompiledMapping> compile_mapping(const Value& spec, std::string_view path,
                                                       std::vector<core::SpecIssue>& issues) {
  return MappingParser(path, issues).run(spec);
}

}  // namespace profilegw::adapters::mapped
