#include "adapters/mapped/write_tree.h"

#include <algorithm>

namespace profilegw::adapters::mapped {
namespace {

using core::FieldId;

// A node's children are scanned linearly per request; bodies this wide do not occur.
constexpr std::size_t kMaxChildren = 64;

class TreeBuilder {
 public:
  TreeBuilder(CompiledMapping& m, const FieldPaths& paths, SpecReader& reader)
      : m_(m), paths_(paths), r_(reader) {
    m_.nodes.assign(1, WriteNode{});
    m_.leaves.clear();
  }

  void run() {
    const FieldRule& full = m_.rule(FieldId::kFullName);
    std::uint32_t name_mask = field_bit(FieldId::kFullName);
    for (FieldId part : {FieldId::kFirstName, FieldId::kLastName}) {
      const FieldRule& rule = m_.rule(part);
      const bool split =
          rule.derivation == Derivation::kSplitFirst || rule.derivation == Derivation::kSplitLast;
      if (split && rule.writable) name_mask |= field_bit(part);
    }
    for (const FieldRule& rule : m_.fields) {
      if (!rule.has_write) continue;
      if (rule.always_send) m_.always_mask |= field_bit(rule.field);
      if (rule.conversion == Conversion::kPhoneSplit) {
        add(rule.write_code, {rule.field, LeafKind::kPhoneCode}, field_bit(rule.field), rule.field);
        add(rule.write_number, {rule.field, LeafKind::kPhoneNumber}, field_bit(rule.field), rule.field);
      } else if (rule.field == FieldId::kFullName && name_mask != field_bit(FieldId::kFullName)) {
        add(rule.write, {rule.field, LeafKind::kJoinedName}, name_mask, rule.field);
      } else if (rule.derivation == Derivation::kNone) {
        add(rule.write, {rule.field, LeafKind::kValue}, field_bit(rule.field), rule.field);
      }
    }
    // A split half sent on every update rewrites the whole name from the current profile.
    for (FieldId part : {FieldId::kFirstName, FieldId::kLastName}) {
      if (m_.rule(part).always_send && full.has_write) m_.always_mask |= field_bit(part);
    }
    for (WriteNode& node : m_.nodes) shape(node);
    for (std::uint16_t child : m_.nodes[0].children) {
      m_.nodes[child].through_array = below_array(child);
      if (m_.nodes[child].through_array) m_.array_mask |= m_.nodes[child].mask;
    }
  }

 private:
  void add(const JsonPointer& pointer, WriteLeaf leaf, std::uint32_t mask, FieldId owner) {
    const std::string& path = paths_[core::index(owner)];
    std::vector<std::size_t> trail{0};
    std::size_t node = 0;
    for (const PointerToken& token : pointer.tokens()) {
      if (m_.nodes[node].leaf >= 0) {
        r_.error(path, "writes " + SpecReader::quoted(pointer.text()) + " inside a member that " +
                           owner_of(node) + " writes whole");
        return;
      }
      node = child(node, token);
      if (node == SIZE_MAX) {
        r_.error(path, "too many members in one object of the update body (at most 64)");
        return;
      }
      trail.push_back(node);
    }
    if (m_.nodes[node].leaf >= 0) {
      r_.error(path,
               "writes " + SpecReader::quoted(pointer.text()) + ", which " + owner_of(node) + " writes too");
      return;
    }
    if (!m_.nodes[node].children.empty()) {
      r_.error(path,
               "writes " + SpecReader::quoted(pointer.text()) + " whole, but other fields write inside it");
      return;
    }
    m_.nodes[node].leaf = static_cast<int>(m_.leaves.size());
    m_.leaves.push_back(leaf);
    for (std::size_t n : trail) m_.nodes[n].mask |= mask;
  }

  std::string owner_of(std::size_t node) const {
    const WriteLeaf& leaf = m_.leaves[static_cast<std::size_t>(m_.nodes[node].leaf)];
    const std::string& owner = paths_[core::index(leaf.field)];
    return owner.empty() ? std::string("another field") : SpecReader::in_tenant(owner);
  }

  // The child of `node` named by `token`, created when missing; SIZE_MAX when `node` is full.
  std::size_t child(std::size_t node, const PointerToken& token) {
    for (std::uint16_t c : m_.nodes[node].children) {
      if (m_.nodes[c].key == token.name) return c;
    }
    if (m_.nodes[node].children.size() >= kMaxChildren || m_.nodes.size() >= UINT16_MAX) return SIZE_MAX;
    WriteNode fresh;
    fresh.key = token.name;
    fresh.index = token.index;
    m_.nodes.push_back(std::move(fresh));
    const auto created = static_cast<std::uint16_t>(m_.nodes.size() - 1);
    m_.nodes[node].children.push_back(created);
    return created;
  }

  // Members named only by indexes make an array when the body has to create them.
  void shape(WriteNode& node) {
    if (node.children.empty()) return;
    node.array_like = std::all_of(node.children.begin(), node.children.end(), [this](std::uint16_t c) {
      return m_.nodes[c].index != PointerToken::kNotIndex;
    });
    if (node.array_like) {
      std::sort(node.children.begin(), node.children.end(),
                [this](std::uint16_t a, std::uint16_t b) { return m_.nodes[a].index < m_.nodes[b].index; });
    }
  }

  bool below_array(std::size_t node) const {
    if (m_.nodes[node].array_like) return true;
    for (std::uint16_t c : m_.nodes[node].children) {
      if (below_array(c)) return true;
    }
    return false;
  }

  CompiledMapping& m_;
  const FieldPaths& paths_;
  SpecReader& r_;
};

}  // namespace

void build_write_tree(CompiledMapping& m, const FieldPaths& paths, SpecReader& reader) {
  TreeBuilder(m, paths, reader).run();
}

}  // namespace profilegw::adapters::mapped
