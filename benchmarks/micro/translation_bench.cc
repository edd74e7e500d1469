// Translation cost per provider and direction, in ns/op, from the golden fixtures
// (tests/golden/<provider>/): everything a unified call spends outside the network.
//   request  — unified PATCH body → upstream request: parse_patch, check_patch, plan_update (with the
//              current record already parsed, as ProfileService hands it over); and read_request.
//   response — upstream answer → unified JSON: parse_read or finish_update, then write_profile_json
//              and the ETag (profile_etag), as ProfileService and the handler do per call.
// Issue 7's budget is 5 µs per request per direction. Run: build/bench/benchmarks/micro/micro_benchmarks
#include <catch2/catch.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "adapters/builtin_adapters.h"
#include "core/adapter.h"
#include "tests/unit/adapters/golden_support.h"

namespace profilegw::benchmarks {
namespace {

using adapters::testing::golden_path;
using adapters::testing::read_text;

// One representative of each direction per provider: the fullest documents and patches the
// fixtures have, so the figures are upper rather than lower bounds.
struct ProviderCase {
  std::string_view provider;
  std::string_view read;    // read_<case>.json: a backend record
  std::string_view patch;   // patch_<case>.request.json (+ .current.json when read-modify-write)
  std::string_view update;  // the backend's answer to the update (finish_update gets the patch above)
};

constexpr ProviderCase kCases[] = {
    {"django", "read_ok.json", "patch_everything", "update_ok.response.json"},
    {"shop", "read_ok.json", "patch_seed_example", "update_ok.response.json"},
    {"v1rest", "read_ok.json", "patch_whole_address", "update_ok.response.json"},
    {"partner", "read_customer.json", "patch_many", "update_answer.response.json"},
    {"salla", "read_user.json", "patch_birthday", "answer_profile_update.response.json"},
};

const core::AdapterRegistry& registry() {
  static const core::AdapterRegistry r = [] {
    core::AdapterRegistry reg;
    adapters::register_builtin(reg);
    return reg;
  }();
  return r;
}

// The response direction's tail, shared by reads and update answers: the unified body and its ETag.
std::size_t render(const core::Profile& profile, std::string& out) {
  out.clear();
  core::write_profile_json(profile, out);
  return out.size() + core::profile_etag(profile).size();
}

void bench_provider(const ProviderCase& c) {
  const core::Adapter* adapter = registry().find(c.provider);
  REQUIRE(adapter != nullptr);
  const adapters::testing::FixtureContext fc(*adapter);
  const core::CallContext& ctx = fc.ctx();
  const std::string name(c.provider);

  // --- inputs, checked once outside the timed loops ---
  const core::UpstreamResponse read_answer{200, {}, read_text(golden_path(c.provider, c.read))};
  REQUIRE(adapter->parse_read(ctx, read_answer).ok());

  const std::string patch_body = read_text(golden_path(c.provider, std::string(c.patch) + ".request.json"));
  auto first_parse = core::parse_patch(patch_body);
  REQUIRE(std::holds_alternative<core::ProfilePatch>(first_parse));
  const core::ProfilePatch& sample_patch = std::get<core::ProfilePatch>(first_parse);
  REQUIRE_FALSE(adapter->check_patch(sample_patch).has_value());
  std::optional<core::CurrentRecord> current;
  core::UpstreamResponse current_raw;
  const std::string current_file = golden_path(c.provider, std::string(c.patch) + ".current.json");
  if (adapters::testing::file_exists(current_file)) {
    current_raw = core::UpstreamResponse{200, {}, read_text(current_file)};
    current = core::CurrentRecord{adapter->parse_read(ctx, current_raw).value(), &current_raw};
  }
  REQUIRE((!adapter->needs_current(sample_patch) || current.has_value()));
  const core::CurrentRecord* current_ptr = current ? &*current : nullptr;
  REQUIRE(adapter->plan_update(ctx, sample_patch, current_ptr).ok());

  const core::UpstreamResponse update_answer{200, {}, read_text(golden_path(c.provider, c.update))};
  const auto answers = std::span<const core::UpstreamResponse>(&update_answer, 1);
  {
    auto outcome = adapter->finish_update(ctx, sample_patch, nullptr, answers);
    REQUIRE(outcome.ok());
    REQUIRE(outcome.value().profile.has_value());
  }

  std::string out;
  out.reserve(2048);

  BENCHMARK(name + " request: read_request") { return adapter->read_request(ctx).path.size(); };

  BENCHMARK(name + " request: " + std::string(c.patch)) {
    auto parsed = core::parse_patch(patch_body);
    const core::ProfilePatch& patch = std::get<core::ProfilePatch>(parsed);
    if (adapter->check_patch(patch)) return std::size_t{0};
    core::Result<core::UpdatePlan> plan = adapter->plan_update(ctx, patch, current_ptr);
    return plan.value().steps.front().body.size();
  };

  BENCHMARK(name + " response: " + std::string(c.read)) {
    core::Result<core::Profile> profile = adapter->parse_read(ctx, read_answer);
    return render(profile.value(), out);
  };

  BENCHMARK(name + " response: " + std::string(c.update)) {
    core::Result<core::UpdateOutcome> outcome = adapter->finish_update(ctx, sample_patch, nullptr, answers);
    return render(*outcome.value().profile, out);
  };
}

}  // namespace

TEST_CASE("translation: django", "[translation][django]") { bench_provider(kCases[0]); }
TEST_CASE("translation: shop", "[translation][shop]") { bench_provider(kCases[1]); }
TEST_CASE("translation: v1rest", "[translation][v1rest]") { bench_provider(kCases[2]); }
TEST_CASE("translation: partner", "[translation][partner]") { bench_provider(kCases[3]); }
TEST_CASE("translation: salla", "[translation][salla]") { bench_provider(kCases[4]); }

}  // namespace profilegw::benchmarks
