#include "gateway/admin/tenant_routes.h"

#include "gateway/admin/tenant_document.h"
#include "gateway/admin/tenant_probe.h"

namespace profilegw::gateway::admin {
namespace {

core::Problem no_such_tenant(std::string_view id) {
  return core::Problem::make(core::ProblemCode::kNotFound, "no tenant \"" + std::string(id) + "\"");
}

std::string location_of(std::string_view id) {
  // Tenant ids are [a-z0-9_-] once validated, so they need no escaping in a path.
  return "/admin/tenants/" + std::string(id);
}

}  // namespace

AdminReply list_tenants_route(const config::Snapshot& snapshot) {
  AdminReply reply;
  reply.generation = snapshot.generation();
  static const rapidjson::Value kEmpty(rapidjson::kObjectType);
  reply.body =
      tenants_json(snapshot.raw_document() ? *snapshot.raw_document() : kEmpty, snapshot.generation());
  return reply;
}

core::Result<AdminReply> get_tenant_route(const config::Snapshot& snapshot, std::string_view id) {
  const auto& raw = snapshot.raw_document();
  const std::optional<std::size_t> index = raw ? find_tenant(*raw, id) : std::nullopt;
  if (!index) return no_such_tenant(id);
  AdminReply reply;
  reply.generation = snapshot.generation();
  reply.body = redacted_json((*raw)["tenants"][static_cast<rapidjson::SizeType>(*index)]);
  return reply;
}

core::Result<AdminReply> put_tenant_route(ConfigEditor& editor, std::string_view id, std::string_view body) {
  bool created = false;
  auto edit = [&](rapidjson::Document& raw) -> std::optional<core::Problem> {
    const std::optional<std::size_t> index = find_tenant(raw, id);
    created = !index;
    const rapidjson::Value* stored =
        index ? &raw["tenants"][static_cast<rapidjson::SizeType>(*index)] : nullptr;
    core::Result<rapidjson::Document> tenant = parse_tenant_body(body, id, stored);
    if (!tenant.ok()) return std::move(tenant).problem();
    put_tenant(raw, tenant.value());
    return std::nullopt;
  };
  auto published = editor.apply(edit, id);
  if (!published.ok()) return std::move(published).problem();
  const config::Snapshot& snapshot = *published.value();
  core::Result<AdminReply> reply = get_tenant_route(snapshot, id);
  if (reply.ok() && created) {
    reply.value().status = 201;
    reply.value().location = location_of(id);
  }
  return reply;
}

core::Result<AdminReply> delete_tenant_route(ConfigEditor& editor, std::string_view id) {
  auto edit = [&](rapidjson::Document& raw) -> std::optional<core::Problem> {
    if (!remove_tenant(raw, id)) return no_such_tenant(id);
    return std::nullopt;
  };
  auto published = editor.apply(edit, id);
  if (!published.ok()) return std::move(published).problem();
  AdminReply reply;
  reply.status = 204;
  reply.generation = published.value()->generation();
  return reply;
}

boost::asio::awaitable<core::Result<AdminReply>> probe_tenant_route(
    core::upstream::Executor executor, std::shared_ptr<const config::Snapshot> snapshot, std::string id,
    std::string request_id) {
  const core::Tenant* tenant = snapshot->tenant_by_id(id);
  if (tenant == nullptr) co_return no_such_tenant(id);
  // `snapshot` stays on this frame, so `tenant` outlives the probe even across a reload.
  ProbeReport report = co_await probe_tenant(executor, *tenant, std::move(request_id));
  AdminReply reply;
  reply.generation = snapshot->generation();
  reply.body = render_probe(report);
  co_return reply;
}

}  // namespace profilegw::gateway::admin
