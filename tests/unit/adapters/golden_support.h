// Golden-file harness for the adapter tests: fixtures under tests/golden/<provider>/ drive an
// adapter through reads, patches, update answers and error answers, and every JSON result is
// compared semantically (parsed and compared as documents, member order ignored).
//
// Fixture kinds, by file name:
//   read_<case>.json                 backend record (answer 200)  → read_<case>.unified.json
//   patch_<case>.request.json        unified PATCH body; optional patch_<case>.current.json (the
//                                    current backend record); expected either
//                                    patch_<case>.upstream.json {"method","path","body","needs_current"}
//                                    or patch_<case>.problem.json (see expect_problem)
//   update_<case>.response.json      backend answer (200) to the update → update_<case>.unified.json
//   error_<case>.json                {"operation": "read"|"update", "response": {status, headers,
//                                    body | body_text}, "problem": {...}}
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/adapter.h"

namespace profilegw::adapters::testing {

// The id every id-addressed fixture is read and written under.
inline constexpr std::string_view kFixtureCustomerId = "123";

std::string golden_path(std::string_view provider, std::string_view file);
std::string read_text(const std::string& path);
bool file_exists(const std::string& path);

// Sorted file names in tests/golden/<provider>/ that start with `prefix` and end with `suffix`.
std::vector<std::string> fixture_names(std::string_view provider, std::string_view prefix,
                                       std::string_view suffix);

// Parses or fails the current test, naming `what`.
rapidjson::Document parse_json(std::string_view text, std::string_view what);

// Semantic equality; on a mismatch, fails the current test showing both texts.
void require_same_json(std::string_view actual, std::string_view expected, std::string_view what);

// A response built from {"status": 200, "headers": {"retry-after": "5"}, "body": <JSON> | "body_text":
// "..."}.
core::UpstreamResponse response_from(const rapidjson::Value& spec);

// Checks a problem against {"status", "code", "detail", "detail_contains", "upstream_status",
// "retry_after", "errors": [{"field", "code", "message"?}]}; only the keys given are compared, and
// `errors` is compared as the whole ordered list.
void expect_problem(const core::Problem& actual, const rapidjson::Value& expected, std::string_view what);

// The context fixtures run under (the provider's default paths, customer id kFixtureCustomerId).
// `profile_provider` is the tenant's provider name the profile reports (default: the adapter's
// name); a mapped adapter replaying a built-in's fixtures reports the built-in's.
class FixtureContext {
 public:
  explicit FixtureContext(const core::Adapter& adapter, std::string_view profile_provider = {});
  const core::CallContext& ctx() const { return ctx_; }

 private:
  core::PathTemplates paths_;
  core::CallContext ctx_;
};

std::string unified_json(const core::Profile& profile);

// Runs every fixture of one kind in tests/golden/<provider>/ for `adapter` (each as its own Catch2
// section); `profile_provider` as for FixtureContext.
void run_read_fixtures(const core::Adapter& adapter, std::string_view provider,
                       std::string_view profile_provider = {});
void run_patch_fixtures(const core::Adapter& adapter, std::string_view provider,
                        std::string_view profile_provider = {});
void run_update_fixtures(const core::Adapter& adapter, std::string_view provider,
                         std::string_view profile_provider = {});
void run_error_fixtures(const core::Adapter& adapter, std::string_view provider,
                        std::string_view profile_provider = {});

}  // namespace profilegw::adapters::testing
