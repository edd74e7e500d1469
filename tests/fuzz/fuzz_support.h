// Shared by the fuzz targets: invariant checks that abort (so libFuzzer records a crash with the
// message), the real adapter registry, and a snapshot of the demo config (config/examples/demo.json).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/snapshot.h"
#include "core/adapter.h"

namespace profilegw::fuzz {

// Aborts with `what` when `condition` is false: a broken invariant is a finding like a crash.
void require(bool condition, std::string_view what);

// Aborts unless `text` is one well-formed JSON document (what the gateway writes must always be).
void require_json(std::string_view text, std::string_view what);

// The whole file, or empty when it cannot be read (fixtures and seeds the targets start from).
std::string read_text(const std::string& path);

// Renders `problem` as the gateway would and aborts unless it is JSON in valid UTF-8 (problems
// echo client and backend bytes).
void require_problem_renders(const core::Problem& problem);

// Every built-in adapter and factory, registered once.
const core::AdapterRegistry& registry();

// The demo config loaded and built once (tenants demo-django ... demo-salla, keys demo-<provider>-key).
const config::Snapshot& demo_snapshot();

// One tenant of the demo snapshot as the adapter targets use it: its adapter and call context
// (customer id "123" for id-addressed providers), and its current record, read by the adapter from
// its golden fixture (tests/golden/<provider>/read_ok.json or the like) when there is one.
struct AdapterSubject {
  const core::Tenant* tenant = nullptr;
  core::CallContext ctx;
  core::UpstreamResponse current_raw;
  std::optional<core::CurrentRecord> current;

  const core::Adapter& adapter() const { return *tenant->adapter; }
  const core::CurrentRecord* current_record() const { return current ? &*current : nullptr; }
};

// One per demo tenant, in config order (django, shop, v1rest, partner, salla), then one per example
// mapping of provider "mapped" (config/examples/mappings/: django, shop, v1rest, woocommerce,
// shopify); built once.
const std::vector<AdapterSubject>& adapter_subjects();

}  // namespace profilegw::fuzz
