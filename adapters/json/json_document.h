// Parsing a backend's JSON answer without touching the heap for typical bodies: the text, the DOM
// and the parser's stack live in pooled allocators over buffers inside the object (DESIGN.md
// section 6).
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <cstring>
#include <string_view>

#include "core/model/json_utf8.h"

namespace profilegw::adapters::json {

using Allocator = rapidjson::MemoryPoolAllocator<>;
using Document = rapidjson::GenericDocument<rapidjson::UTF8<>, Allocator, Allocator>;
using Value = Document::ValueType;

// Invalid UTF-8 (raw, or decoded from a lone surrogate escape) is rejected at parse time so that
// nothing a backend sends can make the unified document (which copies strings and `extra`
// verbatim) invalid JSON text.
inline constexpr unsigned kParseFlags = rapidjson::kParseDefaultFlags | rapidjson::kParseValidateEncodingFlag;

// True when no byte has its top bit set.
bool is_ascii(std::string_view text);

// One parsed document. Large: keep it on the stack of the translating function, never copy it.
class ParsedJson {
 public:
  ParsedJson() = default;
  ParsedJson(const ParsedJson&) = delete;
  ParsedJson& operator=(const ParsedJson&) = delete;

  // False when `text` is not one complete JSON value.
  bool parse(std::string_view text) {
    // Parsed in place in a copy held by the pool: strings are then neither copied one character
    // at a time nor allocated. (No SSE4.2 scan: RapidJSON 1.1's misses control bytes 0x1A-0x1F,
    // tests/fuzz/README.md.) In-place parsing stops at a NUL, so a text holding one takes the
    // counted path (where the NUL is an error).
    if (text.find('\0') != std::string_view::npos) {
      doc_.Parse<kParseFlags>(text.data(), text.size());
      return !doc_.HasParseError() && core::json_strings_are_utf8(text, doc_);
    }
    char* copy = static_cast<char*>(value_allocator_.Malloc(text.size() + 1));
    std::memcpy(copy, text.data(), text.size());
    copy[text.size()] = '\0';
    // Pure ASCII needs no UTF-8 validation, and most backend answers are pure ASCII.
    if (is_ascii(text)) {
      doc_.ParseInsitu<rapidjson::kParseDefaultFlags>(copy);
    } else {
      doc_.ParseInsitu<kParseFlags>(copy);
    }
    // Neither path sees that a `\uDC00`-style escape of a lone surrogate decodes to bytes that are
    // not UTF-8; such an answer is as unusable as one that is not JSON.
    return !doc_.HasParseError() && core::json_strings_are_utf8(text, doc_);
  }
  const Value& root() const { return doc_; }
  Document& document() { return doc_; }

 private:
  static constexpr std::size_t kValueBytes = 8192;
  static constexpr std::size_t kStackBytes = 1024;

  alignas(std::max_align_t) char value_buffer_[kValueBytes];
  alignas(std::max_align_t) char stack_buffer_[kStackBytes];
  Allocator value_allocator_{value_buffer_, kValueBytes};
  Allocator stack_allocator_{stack_buffer_, kStackBytes};
  Document doc_{&value_allocator_, kStackBytes, &stack_allocator_};
};

inline std::string_view as_view(const Value& v) { return {v.GetString(), v.GetStringLength()}; }

}  // namespace profilegw::adapters::json
