#include "mocks/provider_port.h"

#include "mocks/control_endpoints.h"

namespace profilegw::mocks {

ProviderPort::ProviderPort(ProviderKind kind, std::unique_ptr<Backend> backend)
    : kind_(kind), backend_(std::move(backend)) {}

FaultPlan ProviderPort::admit(const MockRequest& request) {
  // Control requests are neither counted nor faulted: a hung port must still be curable.
  if (is_control_request(request)) return {};
  stats_.record(request);
  return select_fault(request, fault_);
}

void ProviderPort::respond(const MockRequest& request, const FaultPlan& plan, MockResponse& response) {
  if (is_control_request(request)) {
    handle_control(request, ControlTargets{stats_, fault_, *backend_}, response);
    return;
  }
  if (plan.mode == FaultMode::kHang) return;
  if (plan.mode == FaultMode::kNonJson) {
    response.status = 200;
    response.content_type = kHtmlContentType;
    response.body.assign("<html>oops</html>");
    return;
  }
  if (const unsigned status = fault_status(plan.mode); status != 0) {
    backend_->render_injected_error(status, request, response);
    if (status == 429) response.add_header("Retry-After", "7");
    return;
  }
  backend_->handle(request, response);
}

}  // namespace profilegw::mocks
