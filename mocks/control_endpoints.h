// The /__mock/* endpoints every port answers, without auth and never faulted, so tests can look
// at and steer a backend: GET stats, POST reset, GET|POST|DELETE fault, GET last-request.
// A reset returns the port to how it started: seed data, zero counters, the --fault it was given.
#pragma once

#include <string_view>

#include "mocks/backend.h"
#include "mocks/fault_injection.h"
#include "mocks/http_exchange.h"
#include "mocks/mock_stats.h"

namespace profilegw::mocks {

bool is_control_request(const MockRequest& request);

// What the control endpoints of one port act on.
struct ControlTargets {
  ProviderStats& stats;
  PortFault& fault;
  Backend& backend;
};

void handle_control(const MockRequest& request, const ControlTargets& targets, MockResponse& response);

}  // namespace profilegw::mocks
