// Fuzz target 2: the config parser and validator. The config file is trusted (its operator writes
// it), but the admin API's PUT /admin/tenants/{id} feeds tenant JSON from the network into the same
// loader, and a hot reload must never take the process down: load_config_text with a fake
// environment and the real adapter registry (built-in providers and the "mapped" factory), then, for
// a config that loads, everything the gateway builds from it (the snapshot, the redacted copy the
// admin API shows, the file it writes back).
//
// Input: the config file's text.
#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/config_loader.h"
#include "config/config_writer.h"
#include "config/redaction.h"
#include "config/snapshot.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using namespace profilegw;

// A few variables are set, the rest are missing (a config error the loader must report).
std::optional<std::string> fake_env(std::string_view name) {
  if (name == "PROFILEGW_ADMIN_TOKEN") return "admin-token";
  if (name == "PROFILEGW_VERIFICATION_KEY") return "verification-key-0123456789abcdef";
  if (name == "ACME_PARTNER_PASSWORD" || name == "PARTNER_DIGEST_PASSWORD") return "partner-secret";
  if (name == "EMPTY") return "";
  if (name == "A") return "a\"b\\c\n";
  return std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  config::LoadResult result = config::load_config_text(text, "fuzz.json", fake_env, fuzz::registry());
  (void)config::format_problems(result.issues);
  fuzz::require(result.ok() || config::has_errors(result.issues), "a config that fails to load reports no error");
  if (!result.ok()) return 0;

  const std::shared_ptr<const rapidjson::Document> raw = result.loaded->raw;
  const std::size_t tenants = result.loaded->config.tenants.size();
  std::shared_ptr<config::Snapshot> snapshot = config::Snapshot::build(std::move(*result.loaded), fuzz::registry());
  fuzz::require(snapshot->tenants().size() == tenants, "the snapshot lost tenants");
  (void)snapshot->pool_keys();
  if (!raw) return 0;

  // What the admin API writes back must load again, to the same tenants.
  const std::string written = config::to_pretty_json(*raw);
  config::LoadResult again = config::load_config_text(written, "written.json", fake_env, fuzz::registry());
  fuzz::require(again.ok(), "the written-back config does not load");
  fuzz::require(again.loaded->config.tenants.size() == tenants, "the written-back config lost tenants");

  // What the admin API shows: secrets redacted; sending it back unchanged restores them all.
  rapidjson::Document shown;
  shown.CopyFrom(config::redact(*raw, shown.GetAllocator()), shown.GetAllocator());
  fuzz::require_json(config::to_pretty_json(shown), "redacted config");
  const auto issues = config::restore_redacted(shown, raw.get(), shown.GetAllocator());
  fuzz::require(issues.empty(), "restoring an unchanged redacted config reports problems");
  fuzz::require(shown == *raw, "restoring an unchanged redacted config changes it");
  return 0;
}
