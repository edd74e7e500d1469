// Fuzz target 3: every adapter's upstream-response parsers, with arbitrary status, headers and body
// (a backend, or whoever sits between it and the gateway, controls all three). Each tenant of the
// demo config (config/examples/demo.json) brings its adapter and path templates; a fixed current
// record and a few unified patches per adapter give the update plans that check_step and
// finish_update judge answers against.
//
// Input (see tests/fuzz/corpus/upstream_response/ and make_corpus.py):
//   byte 0: tenant (mod the number of tenants)   byte 1: operation (mod 4: read, step, finish, verify)
//   byte 2: patch choice (and step index)         bytes 3-4: status, big-endian, mod 1000
//   then header lines "name: value\n" up to an empty line, then the body.
// For finish_update with several steps, the same answer stands for every step but the last one's
// body is the input body and the others' the first line of it.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/snapshot.h"
#include "core/adapter.h"
#include "core/model/patch.h"
#include "core/model/profile.h"
#include "core/problem.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using namespace profilegw;

constexpr std::string_view kPatches[] = {
    R"({"first_name":"Johnny"})",
    R"({"first_name":"Johnny","last_name":"Walker","birth_date":"1991-02-03"})",
    R"({"email":"new.address@example.com"})",
    R"({"phone":"+966511111111"})",
    R"({"gender":"female","birth_date":null})",
    R"({"address":{"city":"Riyadh","postal_code":"12345"}})",
    R"({"national_id":"12345678901","middle_name":"Ali"})",
    R"({"username":"johnny","avatar_url":null})",
};

// The patches an adapter takes, with the plan it makes for each (against its current record).
struct Plans {
  std::vector<std::pair<core::ProfilePatch, core::UpdatePlan>> entries;
};

const std::vector<Plans>& plans() {
  static const std::vector<Plans> all = [] {
    std::vector<Plans> out;
    for (const fuzz::AdapterSubject& s : fuzz::adapter_subjects()) {
      Plans& p = out.emplace_back();
      for (std::string_view body : kPatches) {
        auto parsed = core::parse_patch(body);
        fuzz::require(std::holds_alternative<core::ProfilePatch>(parsed), "a fixed patch does not parse");
        core::ProfilePatch& patch = std::get<core::ProfilePatch>(parsed);
        if (s.adapter().check_patch(patch)) continue;
        if (s.adapter().needs_current(patch) && s.current_record() == nullptr) continue;
        core::Result<core::UpdatePlan> plan = s.adapter().plan_update(s.ctx, patch, s.current_record());
        if (plan && !plan.value().steps.empty()) p.entries.emplace_back(std::move(patch), std::move(plan).value());
      }
    }
    return out;
  }();
  return all;
}

void check_problem(const core::Problem& p) { fuzz::require_problem_renders(p); }

void check_profile(const core::Profile& p) {
  std::string out;
  core::write_profile_json(p, out);
  fuzz::require_json(out, "unified profile");
  (void)core::profile_etag(p);
}

// "name: value\n" lines up to an empty line; names lower-cased as the client stores them.
std::string_view parse_headers(std::string_view in, core::UpstreamResponse& response) {
  while (!in.empty()) {
    const std::size_t eol = in.find('\n');
    const std::string_view line = in.substr(0, eol);
    in = eol == std::string_view::npos ? std::string_view{} : in.substr(eol + 1);
    if (line.empty()) break;
    const std::size_t colon = line.find(':');
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    std::string_view value = colon == std::string_view::npos ? std::string_view{} : line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    response.headers.emplace_back(std::move(name), std::string(value));
  }
  return in;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 5) return 0;
  const auto& subjects = fuzz::adapter_subjects();
  const std::size_t which = data[0] % subjects.size();
  const fuzz::AdapterSubject& s = subjects[which];
  const std::vector<std::pair<core::ProfilePatch, core::UpdatePlan>>& entries = plans()[which].entries;
  const core::Adapter& adapter = s.adapter();
  const int operation = data[1] % 4;
  const std::size_t choice = data[2];
  core::UpstreamResponse response;
  response.status = ((data[3] << 8) | data[4]) % 1000;
  std::string_view rest(reinterpret_cast<const char*>(data + 5), size - 5);
  response.body = std::string(parse_headers(rest, response));

  switch (operation) {
    case 0: {
      core::Result<core::Profile> read = adapter.parse_read(s.ctx, response);
      if (read) {
        check_profile(read.value());
      } else {
        check_problem(read.problem());
      }
      break;
    }
    case 1: {
      if (entries.empty()) break;
      const auto& [patch, plan] = entries[choice % entries.size()];
      if (auto p = adapter.check_step(s.ctx, plan, (choice / entries.size()) % plan.steps.size(), response)) {
        check_problem(*p);
      }
      break;
    }
    case 2: {
      if (entries.empty()) break;
      const auto& [patch, plan] = entries[choice % entries.size()];
      std::vector<core::UpstreamResponse> answers(plan.steps.size(), response);
      for (std::size_t i = 0; i + 1 < answers.size(); ++i) {
        answers[i].body = response.body.substr(0, response.body.find('\n'));
      }
      core::Result<core::UpdateOutcome> outcome = adapter.finish_update(s.ctx, patch, s.current_record(), answers);
      if (!outcome) {
        check_problem(outcome.problem());
      } else if (outcome.value().profile) {
        check_profile(*outcome.value().profile);
      }
      break;
    }
    default: {
      if (auto p = adapter.parse_verify(s.ctx, response)) check_problem(*p);
      break;
    }
  }
  return 0;
}
