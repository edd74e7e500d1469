#include "adapters/mapped/full_name.h"

namespace profilegw::adapters::mapped {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

NameParts split_full_name(std::string_view full_name) {
  NameParts parts;
  const std::string_view name = trim(full_name);
  if (name.empty()) return parts;
  const std::size_t space = name.rfind(' ');
  if (space == std::string_view::npos) {
    parts.first.emplace(name);
    return parts;
  }
  parts.first.emplace(trim(name.substr(0, space)));
  parts.last.emplace(name.substr(space + 1));
  return parts;
}

std::string join_full_name(std::string_view first, std::string_view last) {
  first = trim(first);
  last = trim(last);
  std::string out;
  out.reserve(first.size() + 1 + last.size());
  out += first;
  if (!first.empty() && !last.empty()) out += ' ';
  out += last;
  return out;
}

}  // namespace profilegw::adapters::mapped
