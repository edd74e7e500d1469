// Fuzz target 4: the unified PATCH parser (core::parse_patch), then what every adapter does with a
// patch it is given before any I/O: check_patch, needs_current and plan_update against a fixed
// current record (the demo tenants of tests/fuzz/fuzz_support.h). Whatever the body, the requests an
// adapter plans must be sendable: a path that is a safe request-target and a body that is JSON.
//
// Input: the PATCH body as a client sends it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "core/model/patch.h"
#include "core/model/profile.h"
#include "core/model/utf8.h"
#include "core/problem.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using namespace profilegw;

void check_problem(const core::Problem& p) { fuzz::require_problem_renders(p); }

void check_request(const core::UpstreamRequest& request) {
  fuzz::require(!request.path.empty() && request.path.front() == '/', "planned path is not absolute");
  for (char c : request.path) {
    const auto u = static_cast<unsigned char>(c);
    fuzz::require(u > 0x20 && u != 0x7f && c != '#', "planned path holds a control byte, space or '#'");
  }
  if (!request.body.empty()) fuzz::require_json(request.body, "planned body");
  // The patch was UTF-8 (parse_patch validates it) and so is the current record: so is the body.
  fuzz::require(core::is_valid_utf8(request.body), "planned body is not UTF-8");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  auto parsed = core::parse_patch(body);
  if (auto* p = std::get_if<core::Problem>(&parsed)) {
    check_problem(*p);
    return 0;
  }
  const core::ProfilePatch& patch = std::get<core::ProfilePatch>(parsed);
  for (const fuzz::AdapterSubject& s : fuzz::adapter_subjects()) {
    if (auto p = s.adapter().check_patch(patch)) {
      check_problem(*p);
      continue;
    }
    // The core always reads the current record when the adapter asks for it.
    if (s.adapter().needs_current(patch) && s.current_record() == nullptr) continue;
    core::Result<core::UpdatePlan> plan = s.adapter().plan_update(s.ctx, patch, s.current_record());
    if (!plan) {
      check_problem(plan.problem());
      continue;
    }
    for (const core::UpstreamRequest& step : plan.value().steps) check_request(step);
    if (s.current) {
      // The read-modify-write merge must leave a profile that still renders.
      core::Profile merged = s.current->profile;
      core::apply_patch(patch, merged);
      std::string out;
      core::write_profile_json(merged, out);
      fuzz::require_json(out, "merged profile");
    }
  }
  return 0;
}
