// What an admin route answers when it succeeds: status, JSON body and the generation of the config
// in force afterwards (for the audit log). Failures are core::Problems, rendered by the handler.
#pragma once

#include <cstdint>
#include <string>

namespace profilegw::gateway::admin {

struct AdminReply {
  int status = 200;
  std::string body;      // JSON; empty for 204
  std::string location;  // Location header (201 Created); empty for none
  std::uint64_t generation = 0;
};

}  // namespace profilegw::gateway::admin
