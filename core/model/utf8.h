// UTF-8 well-formedness (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). What the
// gateway writes as JSON must be UTF-8 (RFC 8259) even when it echoes bytes a client or a backend
// sent: a request target, an unknown field name, a backend's error message.
#pragma once

#include <string>
#include <string_view>

namespace profilegw::core {

bool is_valid_utf8(std::string_view text);

// `text` with every byte that does not start a well-formed sequence replaced by U+FFFD.
std::string to_valid_utf8(std::string_view text);

}  // namespace profilegw::core
