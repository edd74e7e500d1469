// Whether the strings of a parsed JSON document are UTF-8. RapidJSON 1.1.0 decodes an escaped lone
// low surrogate (`\uDC00`-`\uDFFF` without a high one before it) into the three-byte form of the
// surrogate, which is not UTF-8; kParseValidateEncodingFlag checks the text, not what its escapes
// decode to. So a client's PATCH body could put bytes that are not UTF-8 into upstream requests and
// problem answers (found by fuzz_patch). Parsers of client JSON call this after a successful parse.
#pragma once

#include <rapidjson/document.h>

#include <string_view>

namespace profilegw::core {

// True when every string and member name in `value` is UTF-8. `text` is the JSON `value` was parsed
// from: when it holds no `\u` escape of a low surrogate (the usual case) nothing is walked.
bool json_strings_are_utf8(std::string_view text, const rapidjson::Value& value);

}  // namespace profilegw::core
