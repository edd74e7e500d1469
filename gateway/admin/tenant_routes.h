// The tenant routes of the admin API (CONTRACT.md section 4). Reads answer from the snapshot in
// force (its raw document, redacted: the tenant as written in the file, placeholders intact);
// writes go through the ConfigEditor. Every answer that shows a tenant shows it redacted.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>
#include <string>
#include <string_view>

#include "config/snapshot.h"
#include "core/result.h"
#include "core/upstream/executor.h"
#include "gateway/admin/admin_reply.h"
#include "gateway/admin/config_editor.h"

namespace profilegw::gateway::admin {

// GET /admin/tenants: {"tenants":[...],"config_generation":N}
AdminReply list_tenants_route(const config::Snapshot& snapshot);

// GET /admin/tenants/{id}: the tenant object; 404 not_found when there is none.
core::Result<AdminReply> get_tenant_route(const config::Snapshot& snapshot, std::string_view id);

// PUT /admin/tenants/{id}: 201 (created, with Location) or 200 (replaced), the stored tenant.
core::Result<AdminReply> put_tenant_route(ConfigEditor& editor, std::string_view id, std::string_view body);

// DELETE /admin/tenants/{id}: 204; 404 not_found when there is none.
core::Result<AdminReply> delete_tenant_route(ConfigEditor& editor, std::string_view id);

// POST /admin/tenants/{id}/probe: 200 with the probe report (its "ok" says whether the backend
// passed); 404 not_found when there is no such tenant in force.
boost::asio::awaitable<core::Result<AdminReply>> probe_tenant_route(
    core::upstream::Executor executor, std::shared_ptr<const config::Snapshot> snapshot, std::string id,
    std::string request_id);

}  // namespace profilegw::gateway::admin
