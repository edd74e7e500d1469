#include "core/service/call_context.h"

namespace profilegw::core {
namespace {

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

}  // namespace

std::string expand_path(std::string_view tmpl, std::string_view customer_id) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(tmpl.size() + customer_id.size() * 3);
  std::size_t pos = 0;
  while (pos < tmpl.size()) {
    const std::size_t at = tmpl.find("{id}", pos);
    if (at == std::string_view::npos) {
      out.append(tmpl.substr(pos));
      break;
    }
    out.append(tmpl.substr(pos, at - pos));
    // One path segment: everything outside RFC 3986's unreserved set is escaped, so '/', '.',
    // '?', '#', '%' in an id can never add segments, a query or a fragment upstream.
    const bool dot_segment = customer_id == "." || customer_id == "..";
    for (unsigned char c : customer_id) {
      if (is_unreserved(c) && !(dot_segment && c == '.')) {
        out.push_back(static_cast<char>(c));
      } else {
        out.push_back('%');
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xf]);
      }
    }
    pos = at + 4;
  }
  return out;
}

}  // namespace profilegw::core
