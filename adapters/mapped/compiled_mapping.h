// A tenant's `mapping` block (docs/mapping.md) in the form requests run on: pointers split into
// tokens, enum maps as small flat arrays, conversions as enum values for a switch, the update body
// as a prebuilt tree of members, error rules as lookup tables. Built once per config snapshot by
// mapping_parser.h; immutable and never moved afterwards (views below point into it).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/drf/drf_error_parser.h"
#include "adapters/mapped/date_layout.h"
#include "adapters/mapped/json_pointer.h"
#include "adapters/mapped/scalar.h"
#include "core/adapter.h"

namespace profilegw::adapters::mapped {

inline constexpr std::string_view kProviderName = "mapped";

// Distinct first members the read pointers name; more would mean a record no customer API has.
inline constexpr std::size_t kMaxTopKeys = 64;

enum class Conversion : std::uint8_t {
  kString,      // JSON string (or an enum of scalars, when `values` is given)
  kInteger,     // JSON integer ↔ unified decimal string
  kDate,        // a date in `date_format` ↔ YYYY-MM-DD
  kDateTime,    // an ISO date-time ↔ YYYY-MM-DD (written as midnight)
  kPhone,       // free-text phone → E.164 where it can be told (adapters/phone); written verbatim
  kPhoneSplit,  // country code + national number at two pointers ↔ E.164
};

// Names the unified API derives rather than reads: full_name joined from its parts, or the parts
// split from full_name (at the last space).
enum class Derivation : std::uint8_t { kNone, kJoin, kSplitFirst, kSplitLast };

// How a split phone's country code is spelled: "+966", "966", or the region "SA".
enum class CodeFormat : std::uint8_t { kPlus, kDigits, kIso };

// A pointer into the record, with the slot of its first member in the one-pass member scan.
struct ReadPath {
  JsonPointer pointer;
  std::uint8_t top = 0;  // index into CompiledMapping::top_keys
};

struct EnumValue {
  std::string unified;  // "male"
  Scalar backend;       // "M"
};

struct FieldRule {
  core::FieldId field = core::FieldId::kUsername;
  bool mapped = false;
  bool readable = false;
  bool writable = false;
  bool always_send = false;  // sent on every update, from the current profile when not patched
  Conversion conversion = Conversion::kString;
  Derivation derivation = Derivation::kNone;

  bool has_read = false;
  bool has_write = false;
  ReadPath read;
  JsonPointer write;
  // kPhoneSplit: the code and number locations (read and write may differ).
  ReadPath read_code;
  ReadPath read_number;
  JsonPointer write_code;
  JsonPointer write_number;
  CodeFormat code_format = CodeFormat::kPlus;

  std::vector<EnumValue> values;  // non-empty: an enum
  DateLayout date;                // kDate
  std::int64_t min = INT64_MIN;   // kInteger
  std::int64_t max = INT64_MAX;
  bool empty_is_null = true;              // "" reads as null (blank-able text columns)
  Scalar write_null_as;                   // what a cleared field is written as (null unless said)
  std::vector<core::FieldId> join_parts;  // kJoin
  // Lengths, nullability and format the gateway checks before writing; readable, writable and
  // enum_values are filled in when the mapping is finished.
  core::FieldCapability cap;
};

// Where each field was declared ("tenants[0].mapping.fields.email"), for messages about it.
using FieldPaths = core::FieldArray<std::string>;

enum class UpdateMode : std::uint8_t {
  kPatch,  // the body carries the changed members only
  kPut,    // the body is the whole current record with the changes (read-modify-write)
};

// Where a write leaf's value comes from.
enum class LeafKind : std::uint8_t {
  kValue,        // the field's own value
  kPhoneCode,    // the country code of the E.164 phone
  kPhoneNumber,  // its national number
  kJoinedName,   // full_name, or first and last name joined (names split from full_name)
};

struct WriteLeaf {
  core::FieldId field = core::FieldId::kUsername;
  LeafKind kind = LeafKind::kValue;
};

// One member of the update body. The root is nodes[0]; children are indexes into `nodes`.
struct WriteNode {
  std::string key;                                // member name (array index text under an array)
  std::uint32_t index = PointerToken::kNotIndex;  // the index `key` spells, if any
  std::vector<std::uint16_t> children;            // sorted by index when `array_like`
  int leaf = -1;                                  // into CompiledMapping::leaves
  std::uint32_t mask = 0;                         // bit i: field i is written at or below this node
  bool array_like = false;                        // every child is an index: created as an array
  bool through_array = false;  // some pointer below passes an array index (needs the current record)
};

enum class ErrorFormat : std::uint8_t {
  kGeneric,  // code, message and field errors at the pointers the mapping gives
  kDrf,      // Django REST Framework, plain and drf-standardized-errors (adapters/drf)
};

enum class FieldErrorShape : std::uint8_t {
  kNone,
  kMap,   // {"email": ["is invalid"], "billing": {"phone": "..."}}
  kList,  // [{"field": "email", "message": "is invalid", "code": "invalid"}]
};

// What a failed answer means (CONTRACT.md section 3 "Errors").
enum class ErrorCategory : std::uint8_t {
  kNone,
  kNotFound,            // 404 customer_not_found
  kUnauthorized,        // 401 customer_unauthorized
  kForbidden,           // 403 customer_forbidden
  kValidation,          // 422 validation_failed
  kRateLimited,         // 429 rate_limited
  kGatewayCredentials,  // 502 upstream_error: the backend refused the gateway's own credentials
};

struct StatusRule {
  int status = 0;
  ErrorCategory category = ErrorCategory::kNone;
};

struct CodeRule {
  std::string code;  // integers are kept as their decimal text
  ErrorCategory category = ErrorCategory::kNone;
};

struct ErrorRules {
  ErrorFormat format = ErrorFormat::kGeneric;
  bool has_code = false;
  JsonPointer code;
  bool has_message = false;
  JsonPointer message;
  FieldErrorShape shape = FieldErrorShape::kNone;
  JsonPointer fields;
  JsonPointer list_field;  // kList: within each element
  JsonPointer list_message;
  bool has_list_code = false;
  JsonPointer list_code;
  std::vector<StatusRule> statuses;  // the mapping's own first, then the defaults
  std::vector<CodeRule> codes;
};

struct SuccessFlag {
  bool present = false;
  JsonPointer pointer;
  Scalar expected;  // the value that means success
};

struct RequestSpec {
  core::HttpMethod method = core::HttpMethod::kGet;
  std::string path;
};

struct UpdateSpec {
  bool present = false;
  core::HttpMethod method = core::HttpMethod::kPatch;
  std::string path;
  UpdateMode mode = UpdateMode::kPatch;
  JsonPointer wrap;               // where the record goes in the request body ("" = the body is the record)
  bool answer_has_record = true;  // false: the answer is ignored and the profile read back
};

struct ExtraMember {
  std::string key;  // the name in `extra`
  ReadPath path;
};

struct CompiledMapping {
  core::Addressing addressing = core::Addressing::kToken;
  RequestSpec read;
  UpdateSpec update;

  JsonPointer record;  // where the record is in every answer
  SuccessFlag success;
  ErrorRules errors;

  bool has_id = false;  // false: the id is the one in the path (id addressing)
  ReadPath id;
  bool has_profile_completed = false;
  ReadPath profile_completed;
  core::FieldArray<FieldRule> fields{};

  bool extra_all = true;  // every top-level member no pointer names goes to `extra`
  std::vector<ExtraMember> extra;

  // The record members any pointer starts with, for the single pass over a record's members.
  std::vector<std::string> top_keys;
  std::vector<std::string_view> top_key_views;

  std::vector<WriteNode> nodes;  // nodes[0] is the body's root
  std::vector<WriteLeaf> leaves;
  std::uint32_t always_mask = 0;  // fields sent on every update
  std::uint32_t array_mask = 0;   // fields whose write passes an array index

  // Backend field names (dotted) → unified names, for error bodies.
  std::vector<std::string> backend_names;
  std::vector<drf::FieldRename> renames;

  std::array<core::PathDefault, 2> path_defaults{};
  std::size_t path_count = 0;
  core::Capabilities capabilities;

  const FieldRule& rule(core::FieldId f) const { return fields[core::index(f)]; }
  drf::FieldNames field_names() const { return drf::FieldNames(renames); }
};

inline constexpr std::uint32_t field_bit(core::FieldId f) { return 1u << core::index(f); }

}  // namespace profilegw::adapters::mapped
