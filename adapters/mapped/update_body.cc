#include "adapters/mapped/update_body.h"

#include "adapters/checks/value_formats.h"
#include "adapters/mapped/full_name.h"
#include "adapters/json/json_writer.h"
#include "adapters/mapped/value_conversions.h"
#include "adapters/salla/calling_codes.h"

namespace profilegw::adapters::mapped {
namespace {

using core::FieldId;
using core::Problem;
using core::ProblemCode;

constexpr std::uint32_t kNameBits =
    field_bit(FieldId::kFullName) | field_bit(FieldId::kFirstName) | field_bit(FieldId::kLastName);

std::uint32_t touched_mask(const core::ProfilePatch& patch) {
  std::uint32_t mask = 0;
  for (std::size_t i = 0; i < core::kFieldCount; ++i) {
    if (!patch.fields[i].absent()) mask |= 1u << i;
  }
  return mask;
}

bool is_split(const CompiledMapping& m, FieldId f) {
  const Derivation d = m.rule(f).derivation;
  return (d == Derivation::kSplitFirst || d == Derivation::kSplitLast) && m.rule(f).writable;
}

class BodyWriter {
 public:
  BodyWriter(const CompiledMapping& m, const core::ProfilePatch& patch, const core::CurrentRecord* current,
             std::string& out)
      : m_(m),
        patch_(patch),
        current_(current),
        sink_(out),
        w_(sink_),
        mask_(touched_mask(patch) | m.always_mask) {}

  std::optional<Problem> prepare() {
    for (const FieldRule& rule : m_.fields) {
      if (!rule.always_send || patch_.touches(rule.field) || rule.derivation != Derivation::kNone) continue;
      if (current_value(rule.field) == nullptr) {
        return Problem::field(
            ProblemCode::kValidationFailed, std::string(core::field_name(rule.field)), "required",
            "the backend requires it on every update and the current profile has none; send a value");
      }
    }
    return prepare_name();
  }

  void write(const json::Value* current_record) {
    const std::vector<PointerToken>& wrap = m_.update.wrap.tokens();
    for (const PointerToken& token : wrap) {
      w_.StartObject();
      json::write_key(w_, token.name);
    }
    const WriteNode& root = m_.nodes.front();
    if (m_.update.mode == UpdateMode::kPut) {
      members(root, current_record);
    } else {
      changed_members(root, current_record);
    }
    for (std::size_t i = 0; i < wrap.size(); ++i) w_.EndObject();
  }

 private:
  bool touched(const WriteNode& n) const { return (n.mask & mask_) != 0; }

  // Patch mode: the touched members only.
  void changed_members(const WriteNode& root, const json::Value* current_record) {
    w_.StartObject();
    for (std::uint16_t c : root.children) {
      const WriteNode& child = m_.nodes[c];
      if (!touched(child)) continue;
      json::write_key(w_, child.key);
      // Members inside an array are written into the current array: the rest of it must survive.
      const json::Value* base = child.through_array && current_record != nullptr && current_record->IsObject()
                                    ? find_member(*current_record, child.key)
                                    : nullptr;
      emit(child, base);
    }
    w_.EndObject();
  }

  const std::string* current_value(FieldId f) const {
    if (current_ == nullptr) return nullptr;
    const std::optional<std::string>& v = current_->profile.get(f);
    return v ? &*v : nullptr;
  }

  // The value a field is written with: the patch's, or the current one for fields always sent.
  // Null (nullptr) clears.
  const std::string* value_of(FieldId f) const {
    const core::PatchValue& pv = patch_.get(f);
    if (pv.has_value()) return &pv.value;
    if (pv.is_null()) return nullptr;
    return current_value(f);
  }

  // full_name as sent, or joined from the halves with the missing one from the current profile.
  std::optional<Problem> prepare_name() {
    if (!is_split(m_, FieldId::kFirstName) && !is_split(m_, FieldId::kLastName)) return std::nullopt;
    if ((mask_ & kNameBits) == 0) return std::nullopt;
    if (patch_.touches(FieldId::kFullName)) {
      if (const std::string* full = value_of(FieldId::kFullName)) joined_ = *full;
      return std::nullopt;
    }
    const core::PatchValue& first = patch_.get(FieldId::kFirstName);
    const core::PatchValue& last = patch_.get(FieldId::kLastName);
    if ((first.absent() || last.absent()) && current_ == nullptr) {
      return Problem::make(ProblemCode::kInternalError,
                           "mapped: half a name update planned without the current record");
    }
    auto part = [this](FieldId f) -> std::string_view {
      const std::string* v = value_of(f);
      return v != nullptr ? std::string_view(*v) : std::string_view();
    };
    joined_ = join_full_name(part(FieldId::kFirstName), part(FieldId::kLastName));
    const std::optional<int> max = m_.rule(FieldId::kFullName).cap.max_length;
    if (max && checks::utf8_length(*joined_) > static_cast<std::size_t>(*max)) {
      // Blame what the caller sent: the stored half alone fits.
      const char* blamed = first.absent() ? "last_name" : "first_name";
      return Problem::field(ProblemCode::kValidationFailed, blamed, "too_long",
                            "first and last name together are at most " + std::to_string(*max) +
                                " characters for this provider");
    }
    return std::nullopt;
  }

  void emit(const WriteNode& node, const json::Value* current) {
    if (node.leaf >= 0) {
      leaf(m_.leaves[static_cast<std::size_t>(node.leaf)]);
    } else if (current != nullptr && current->IsObject()) {
      members(node, current);
    } else if (current != nullptr && current->IsArray() && node.array_like) {
      elements(node, *current);
    } else if (node.array_like) {
      fresh_elements(node);
    } else {
      fresh_members(node);
    }
  }

  // An object from the current one: every member kept, the touched ones replaced, missing ones added.
  void members(const WriteNode& node, const json::Value* current) {
    if (current == nullptr || !current->IsObject()) {
      fresh_members(node);
      return;
    }
    w_.StartObject();
    std::uint64_t written = 0;
    for (const auto& m : current->GetObject()) {
      const std::string_view name = json::as_view(m.name);
      json::write_key(w_, name);
      const int c = child_named(node, name);
      if (c >= 0 && touched(m_.nodes[node.children[static_cast<std::size_t>(c)]])) {
        emit(m_.nodes[node.children[static_cast<std::size_t>(c)]], &m.value);
        written |= std::uint64_t{1} << c;
      } else {
        m.value.Accept(w_);
      }
    }
    for (std::size_t i = 0; i < node.children.size(); ++i) {
      const WriteNode& child = m_.nodes[node.children[i]];
      if ((written >> i & 1u) != 0 || !touched(child)) continue;
      json::write_key(w_, child.key);
      emit(child, nullptr);
    }
    w_.EndObject();
  }

  void elements(const WriteNode& node, const json::Value& current) {
    w_.StartArray();
    std::size_t next_child = 0;
    const rapidjson::SizeType size = current.Size();
    for (rapidjson::SizeType i = 0; i < size; ++i) {
      while (next_child < node.children.size() && m_.nodes[node.children[next_child]].index < i) ++next_child;
      const WriteNode* child =
          next_child < node.children.size() ? &m_.nodes[node.children[next_child]] : nullptr;
      if (child != nullptr && child->index == i && touched(*child)) {
        emit(*child, &current[i]);
      } else {
        current[i].Accept(w_);
      }
    }
    append_elements(node, size);
    w_.EndArray();
  }

  void fresh_elements(const WriteNode& node) {
    w_.StartArray();
    append_elements(node, 0);
    w_.EndArray();
  }

  // Touched elements at or past `from`; a gap before one is filled with nulls (there is no
  // current element to keep).
  void append_elements(const WriteNode& node, std::size_t from) {
    std::size_t next = from;
    for (std::uint16_t c : node.children) {
      const WriteNode& child = m_.nodes[c];
      if (child.index < from || !touched(child)) continue;
      for (; next < child.index; ++next) w_.Null();
      emit(child, nullptr);
      next = child.index + 1;
    }
  }

  void fresh_members(const WriteNode& node) {
    w_.StartObject();
    for (std::uint16_t c : node.children) {
      const WriteNode& child = m_.nodes[c];
      if (!touched(child)) continue;
      json::write_key(w_, child.key);
      emit(child, nullptr);
    }
    w_.EndObject();
  }

  int child_named(const WriteNode& node, std::string_view name) const {
    for (std::size_t i = 0; i < node.children.size(); ++i) {
      if (m_.nodes[node.children[i]].key == name) return static_cast<int>(i);
    }
    return -1;
  }

  void leaf(const WriteLeaf& leaf) {
    const FieldRule& rule = m_.rule(leaf.field);
    if (leaf.kind == LeafKind::kJoinedName) {
      if (joined_) {
        json::write_string(w_, *joined_);
      } else {
        write_null(rule, w_);
      }
      return;
    }
    const std::string* value = value_of(leaf.field);
    if (value == nullptr) {
      write_null(rule, w_);
      return;
    }
    if (leaf.kind == LeafKind::kValue) {
      write_value(rule, *value, w_);
      return;
    }
    const std::optional<salla::SplitPhone> split = salla::split_e164(*value);
    if (!split) {
      // Only a current value can be unsplittable (check_patch refuses such patches): keep its text.
      if (leaf.kind == LeafKind::kPhoneNumber) {
        json::write_string(w_, *value);
      } else {
        write_null(rule, w_);
      }
      return;
    }
    if (leaf.kind == LeafKind::kPhoneNumber) {
      json::write_string(w_, split->national);
    } else if (rule.code_format == CodeFormat::kIso) {
      json::write_string(w_, split->iso);
    } else {
      std::string code = rule.code_format == CodeFormat::kPlus ? "+" : "";
      code += split->code;
      json::write_string(w_, code);
    }
  }

  const CompiledMapping& m_;
  const core::ProfilePatch& patch_;
  const core::CurrentRecord* current_;
  json::StringSink sink_;
  json::Writer w_;
  std::uint32_t mask_;
  std::optional<std::string> joined_;
};

}  // namespace

bool update_needs_current(const CompiledMapping& m, const core::ProfilePatch& patch) {
  if (!m.update.present) return false;
  if (m.update.mode == UpdateMode::kPut) return true;
  const std::uint32_t touched = touched_mask(patch);
  if ((touched & m.array_mask) != 0 || (m.always_mask & ~touched) != 0) return true;
  const bool split = is_split(m, FieldId::kFirstName) || is_split(m, FieldId::kLastName);
  return split && !patch.touches(FieldId::kFullName) &&
         patch.touches(FieldId::kFirstName) != patch.touches(FieldId::kLastName);
}

bool update_copies_record(const CompiledMapping& m, const core::ProfilePatch& patch) {
  return m.update.mode == UpdateMode::kPut || (touched_mask(patch) & m.array_mask) != 0;
}

core::Result<std::string> write_update_body(const CompiledMapping& m, const core::ProfilePatch& patch,
                                            const core::CurrentRecord* current,
                                            const json::Value* current_record) {
  std::string body;
  body.reserve(128 + (current != nullptr && current->raw != nullptr ? current->raw->body.size() : 0));
  BodyWriter writer(m, patch, current, body);
  if (std::optional<Problem> bad = writer.prepare()) return std::move(*bad);
  writer.write(current_record);
  return body;
}

}  // namespace profilegw::adapters::mapped
