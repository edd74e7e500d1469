// One provider as the network sees it: its backend, its counters and its armed fault, shared by the
// sessions of every worker thread that accepts on this provider's port.
#pragma once

#include <memory>
#include <string_view>

#include "mocks/backend.h"
#include "mocks/fault_injection.h"
#include "mocks/http_exchange.h"
#include "mocks/mock_stats.h"

namespace profilegw::mocks {

class ProviderPort {
 public:
  ProviderPort(ProviderKind kind, std::unique_ptr<Backend> backend);

  ProviderKind kind() const { return kind_; }
  std::string_view name() const { return provider_name(kind_); }
  PortFault& fault() { return fault_; }

  // Records a request (unless it is a control request) and decides its fault plan.
  FaultPlan admit(const MockRequest& request);

  // Fills `response` as `plan` says: the control endpoints, the backend, or the fault's answer.
  // Nothing is filled for a hang.
  void respond(const MockRequest& request, const FaultPlan& plan, MockResponse& response);

 private:
  const ProviderKind kind_;
  const std::unique_ptr<Backend> backend_;
  ProviderStats stats_;
  PortFault fault_;
};

}  // namespace profilegw::mocks
