#include "tests/unit/adapters/golden_support.h"

#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <variant>

namespace profilegw::adapters::testing {
namespace {

std::string to_text(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  v.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string_view string_of(const rapidjson::Value& object, const char* key) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

std::string stem(const std::string& name, std::string_view suffix) {
  return name.substr(0, name.size() - suffix.size());
}

}  // namespace

std::string golden_path(std::string_view provider, std::string_view file) {
  std::string path = PGW_GOLDEN_DIR;
  path += '/';
  path += provider;
  path += '/';
  path += file;
  return path;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  INFO("reading " << path);
  REQUIRE(in.good());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool file_exists(const std::string& path) { return std::filesystem::exists(path); }

std::vector<std::string> fixture_names(std::string_view provider, std::string_view prefix,
                                       std::string_view suffix) {
  std::vector<std::string> names;
  const std::filesystem::path dir = golden_path(provider, "");
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(prefix) && name.ends_with(suffix)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

rapidjson::Document parse_json(std::string_view text, std::string_view what) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  INFO(what << ": " << rapidjson::GetParseError_En(doc.GetParseError()) << " at " << doc.GetErrorOffset()
            << " in " << text);
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

void require_same_json(std::string_view actual, std::string_view expected, std::string_view what) {
  rapidjson::Document a = parse_json(actual, std::string(what) + " (actual)");
  rapidjson::Document e = parse_json(expected, std::string(what) + " (expected)");
  INFO(what << "\n  actual:   " << to_text(a) << "\n  expected: " << to_text(e));
  CHECK(a == e);
}

core::UpstreamResponse response_from(const rapidjson::Value& spec) {
  core::UpstreamResponse r;
  REQUIRE(spec.HasMember("status"));
  r.status = spec["status"].GetInt();
  if (auto h = spec.FindMember("headers"); h != spec.MemberEnd()) {
    for (const auto& m : h->value.GetObject()) {
      r.headers.emplace_back(m.name.GetString(), m.value.GetString());
    }
  }
  if (auto b = spec.FindMember("body"); b != spec.MemberEnd()) {
    r.body = to_text(b->value);
  } else if (auto t = spec.FindMember("body_text"); t != spec.MemberEnd()) {
    r.body = t->value.GetString();
  }
  return r;
}

void expect_problem(const core::Problem& actual, const rapidjson::Value& expected, std::string_view what) {
  std::ostringstream shown;
  shown << what << ": got " << actual.status() << " " << actual.name() << " \"" << actual.detail
        << "\" errors:";
  for (const core::FieldError& e : actual.errors)
    shown << " [" << e.field << " " << e.code << " " << e.message << "]";
  INFO(shown.str());
  if (expected.HasMember("status")) CHECK(actual.status() == expected["status"].GetInt());
  if (expected.HasMember("code")) CHECK(actual.name() == string_of(expected, "code"));
  if (expected.HasMember("detail")) CHECK(actual.detail == string_of(expected, "detail"));
  if (expected.HasMember("detail_contains")) {
    CHECK(actual.detail.find(string_of(expected, "detail_contains")) != std::string::npos);
  }
  if (auto u = expected.FindMember("upstream_status"); u != expected.MemberEnd()) {
    if (u->value.IsNull()) {
      CHECK_FALSE(actual.upstream_status.has_value());
    } else {
      REQUIRE(actual.upstream_status.has_value());
      CHECK(*actual.upstream_status == u->value.GetInt());
    }
  }
  if (auto r = expected.FindMember("retry_after"); r != expected.MemberEnd()) {
    REQUIRE(actual.retry_after_seconds.has_value());
    CHECK(*actual.retry_after_seconds == r->value.GetInt64());
  }
  if (auto errs = expected.FindMember("errors"); errs != expected.MemberEnd()) {
    REQUIRE(actual.errors.size() == errs->value.Size());
    for (rapidjson::SizeType i = 0; i < errs->value.Size(); ++i) {
      const rapidjson::Value& e = errs->value[i];
      CHECK(actual.errors[i].field == string_of(e, "field"));
      if (e.HasMember("code")) CHECK(actual.errors[i].code == string_of(e, "code"));
      if (e.HasMember("message")) CHECK(actual.errors[i].message == string_of(e, "message"));
    }
  }
}

FixtureContext::FixtureContext(const core::Adapter& adapter, std::string_view profile_provider) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (const core::PathDefault& d : adapter.default_paths()) entries.emplace_back(d.key, d.path);
  paths_ = core::PathTemplates(std::move(entries));
  ctx_.paths = &paths_;
  ctx_.provider = profile_provider.empty() ? adapter.name() : profile_provider;
  if (adapter.capabilities().addressing == core::Addressing::kId) ctx_.customer_id = kFixtureCustomerId;
}

std::string unified_json(const core::Profile& profile) {
  std::string out;
  core::write_profile_json(profile, out);
  return out;
}

void run_read_fixtures(const core::Adapter& adapter, std::string_view provider,
                       std::string_view profile_provider) {
  FixtureContext fc(adapter, profile_provider);
  std::vector<std::string> names = fixture_names(provider, "read_", ".json");
  std::erase_if(names, [](const std::string& n) { return n.ends_with(".unified.json"); });
  REQUIRE_FALSE(names.empty());
  for (const std::string& name : names) {
    DYNAMIC_SECTION(name) {
      core::UpstreamResponse r{200, {}, read_text(golden_path(provider, name))};
      core::Result<core::Profile> profile = adapter.parse_read(fc.ctx(), r);
      INFO(name << (profile ? "" : ": " + profile.problem().detail));
      REQUIRE(profile.ok());
      const std::string expected = read_text(golden_path(provider, stem(name, ".json") + ".unified.json"));
      require_same_json(unified_json(profile.value()), expected, name);
    }
  }
}

void run_patch_fixtures(const core::Adapter& adapter, std::string_view provider,
                        std::string_view profile_provider) {
  FixtureContext fc(adapter, profile_provider);
  const std::vector<std::string> names = fixture_names(provider, "patch_", ".request.json");
  REQUIRE_FALSE(names.empty());
  for (const std::string& name : names) {
    DYNAMIC_SECTION(name) {
      const std::string base = stem(name, ".request.json");
      auto parsed = core::parse_patch(read_text(golden_path(provider, name)));
      INFO(name << (std::holds_alternative<core::Problem>(parsed)
                        ? ": " + std::get<core::Problem>(parsed).detail
                        : std::string()));
      REQUIRE(std::holds_alternative<core::ProfilePatch>(parsed));
      const core::ProfilePatch& patch = std::get<core::ProfilePatch>(parsed);

      const std::string problem_file = golden_path(provider, base + ".problem.json");
      const std::string upstream_file = golden_path(provider, base + ".upstream.json");
      const bool expects_problem = file_exists(problem_file);
      REQUIRE(expects_problem != file_exists(upstream_file));

      std::optional<core::Problem> problem = adapter.check_patch(patch);
      std::optional<core::UpdatePlan> plan;
      if (!problem) {
        // Read-modify-write: the core hands the adapter the record it read with parse_read.
        const std::string current_file = golden_path(provider, base + ".current.json");
        core::UpstreamResponse raw;
        std::optional<core::CurrentRecord> current;
        if (file_exists(current_file)) {
          raw = core::UpstreamResponse{200, {}, read_text(current_file)};
          core::Result<core::Profile> profile = adapter.parse_read(fc.ctx(), raw);
          REQUIRE(profile.ok());
          current = core::CurrentRecord{std::move(profile).value(), &raw};
        }
        if (adapter.needs_current(patch)) REQUIRE(current.has_value());
        core::Result<core::UpdatePlan> planned =
            adapter.plan_update(fc.ctx(), patch, current ? &*current : nullptr);
        if (planned) {
          plan = std::move(planned).value();
        } else {
          problem = std::move(planned).problem();
        }
      }

      if (expects_problem) {
        REQUIRE(problem.has_value());
        const rapidjson::Document expected = parse_json(read_text(problem_file), problem_file);
        expect_problem(*problem, expected, name);
        continue;
      }
      INFO(name << (problem ? ": unexpected problem " + problem->detail : std::string()));
      REQUIRE_FALSE(problem.has_value());
      const rapidjson::Document expected = parse_json(read_text(upstream_file), upstream_file);
      REQUIRE(plan->steps.size() == 1);
      const core::UpstreamRequest& step = plan->steps.front();
      CHECK(core::method_name(step.method) == string_of(expected, "method"));
      CHECK(step.path == string_of(expected, "path"));
      if (auto n = expected.FindMember("needs_current"); n != expected.MemberEnd()) {
        CHECK(adapter.needs_current(patch) == n->value.GetBool());
      }
      require_same_json(step.body, to_text(expected["body"]), name + " body");
    }
  }
}

void run_update_fixtures(const core::Adapter& adapter, std::string_view provider,
                         std::string_view profile_provider) {
  FixtureContext fc(adapter, profile_provider);
  const std::vector<std::string> names = fixture_names(provider, "update_", ".response.json");
  REQUIRE_FALSE(names.empty());
  for (const std::string& name : names) {
    DYNAMIC_SECTION(name) {
      const std::string base = stem(name, ".response.json");
      const core::UpstreamResponse r{200, {}, read_text(golden_path(provider, name))};
      const core::ProfilePatch patch;
      core::Result<core::UpdateOutcome> outcome =
          adapter.finish_update(fc.ctx(), patch, nullptr, std::span<const core::UpstreamResponse>(&r, 1));
      REQUIRE(outcome.ok());
      REQUIRE(outcome.value().profile.has_value());
      CHECK_FALSE(outcome.value().reread);
      CHECK_FALSE(outcome.value().verification.has_value());
      require_same_json(unified_json(*outcome.value().profile),
                        read_text(golden_path(provider, base + ".unified.json")), name);
    }
  }
}

void run_error_fixtures(const core::Adapter& adapter, std::string_view provider,
                        std::string_view profile_provider) {
  FixtureContext fc(adapter, profile_provider);
  const std::vector<std::string> names = fixture_names(provider, "error_", ".json");
  REQUIRE_FALSE(names.empty());
  for (const std::string& name : names) {
    DYNAMIC_SECTION(name) {
      const rapidjson::Document spec = parse_json(read_text(golden_path(provider, name)), name);
      const core::UpstreamResponse r = response_from(spec["response"]);
      const std::string_view operation = string_of(spec, "operation");
      std::optional<core::Problem> problem;
      if (operation == "read") {
        core::Result<core::Profile> profile = adapter.parse_read(fc.ctx(), r);
        if (!profile) problem = std::move(profile).problem();
      } else {
        REQUIRE(operation == "update");
        core::UpdatePlan plan;
        plan.steps.push_back({core::HttpMethod::kPatch, "/", "{}"});
        problem = adapter.check_step(fc.ctx(), plan, 0, r);
        if (!problem) {
          core::Result<core::UpdateOutcome> outcome = adapter.finish_update(
              fc.ctx(), core::ProfilePatch{}, nullptr, std::span<const core::UpstreamResponse>(&r, 1));
          if (!outcome) problem = std::move(outcome).problem();
        }
      }
      REQUIRE(problem.has_value());
      expect_problem(*problem, spec["problem"], name);
    }
  }
}

}  // namespace profilegw::adapters::testing
