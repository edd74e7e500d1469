// The admin listener's request handler (CONTRACT.md section 4), one instance on thread 0: bearer
// token check, routing, problem+json answers and one audit log line per request. Runs on thread
// 0's io_context, so its file writes (small, fsynced) never stall the other data path threads.
#pragma once

#include <boost/asio/io_context.hpp>
#include <string>

#include "gateway/admin/admin_reply.h"
#include "gateway/admin/config_editor.h"
#include "gateway/control/config_reloader.h"
#include "gateway/server/request_handler.h"

namespace profilegw::gateway::admin {

class AdminHandler final : public RequestHandler {
 public:
  // `token`: the admin token in force at start-up (a reload cannot change it: restart_settings.h).
  AdminHandler(boost::asio::io_context& io, ConfigReloader& reloader, std::string token);

  boost::asio::awaitable<HttpResponse> handle(HttpRequest& request, const ConnectionInfo& info) override;

 private:
  struct Exchange;
  boost::asio::awaitable<void> dispatch(Exchange& ex);
  void problem(Exchange& ex, const core::Problem& p);
  void reply(Exchange& ex, const core::Result<AdminReply>& r);
  void audit(const Exchange& ex, const ConnectionInfo& info);

  boost::asio::io_context& io_;
  ConfigReloader& reloader_;
  ConfigEditor editor_;
  std::string token_;
};

}  // namespace profilegw::gateway::admin
