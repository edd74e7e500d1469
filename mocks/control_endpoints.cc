#include "mocks/control_endpoints.h"

#include <boost/beast/http/verb.hpp>

#include "mocks/json_text.h"

namespace profilegw::mocks {

namespace {

namespace http = boost::beast::http;

constexpr std::string_view kPrefix = "/__mock/";

void control_error(MockResponse& response, unsigned status, std::string_view message) {
  std::string body = R"({"error":)";
  append_json_string(body, message);
  body.push_back('}');
  response.set_json(status, body);
}

bool method_is(const MockRequest& request, http::verb verb, std::string_view allow, MockResponse& response) {
  if (request.message().method() == verb) return true;
  control_error(response, 405, "method not allowed");
  response.add_header("Allow", allow);
  return false;
}

// POST /__mock/fault {"mode": "...", "delay_ms": N, "count": N}
void arm_fault(const MockRequest& request, PortFault& fault, MockResponse& response) {
  rapidjson::Document body;
  body.Parse(request.body().data(), request.body().size());
  if (body.HasParseError() || !body.IsObject()) {
    control_error(response, 400, R"(expected {"mode": "...", "delay_ms": N, "count": N})");
    return;
  }
  const rapidjson::Value* mode_name = find_member(body, "mode");
  const std::optional<FaultMode> mode =
      mode_name != nullptr && mode_name->IsString()
          ? parse_fault_mode(std::string_view(mode_name->GetString(), mode_name->GetStringLength()))
          : std::nullopt;
  if (!mode) {
    control_error(response, 400,
                  "mode must be one of none, delay, hang, reset, truncated, non_json, 500, 502, 503, 429, slow_drip");
    return;
  }
  std::chrono::milliseconds delay = *mode == FaultMode::kDelay ? kDefaultFaultDelay : std::chrono::milliseconds(0);
  if (const rapidjson::Value* delay_ms = find_member(body, "delay_ms"); delay_ms != nullptr && !delay_ms->IsNull()) {
    if (!delay_ms->IsUint64()) {
      control_error(response, 400, "delay_ms must be a non-negative integer");
      return;
    }
    delay = std::chrono::milliseconds(delay_ms->GetUint64());
  }
  std::optional<std::uint64_t> count;
  if (const rapidjson::Value* given = find_member(body, "count"); given != nullptr && !given->IsNull()) {
    if (!given->IsUint64()) {
      control_error(response, 400, "count must be a non-negative integer");
      return;
    }
    count = given->GetUint64();
  }
  fault.arm(*mode, delay, count);
  response.set_json(200, fault.describe_json());
}

}  // namespace

bool is_control_request(const MockRequest& request) { return request.path().substr(0, kPrefix.size()) == kPrefix; }

void handle_control(const MockRequest& request, const ControlTargets& targets, MockResponse& response) {
  const std::string_view endpoint = request.path().substr(kPrefix.size());
  const http::verb method = request.message().method();
  if (endpoint == "stats") {
    if (method_is(request, http::verb::get, "GET", response)) {
      response.set_json(200, targets.stats.stats_json(targets.backend.digest_challenges()));
    }
  } else if (endpoint == "reset") {
    if (method_is(request, http::verb::post, "POST", response)) {
      targets.backend.reset();
      targets.stats.reset();
      targets.fault.restore_baseline();
      response.set_json(200, R"({"reset":true})");
    }
  } else if (endpoint == "fault") {
    if (method == http::verb::get) {
      response.set_json(200, targets.fault.describe_json());
    } else if (method == http::verb::delete_) {
      targets.fault.disarm();
      response.set_json(200, targets.fault.describe_json());
    } else if (method_is(request, http::verb::post, "GET, POST, DELETE", response)) {
      arm_fault(request, targets.fault, response);
    }
  } else if (endpoint == "last-request") {
    if (method_is(request, http::verb::get, "GET", response)) {
      if (const std::optional<std::string> last = targets.stats.last_request_json()) {
        response.set_json(200, *last);
      } else {
        control_error(response, 404, "no request received yet");
      }
    }
  } else {
    control_error(response, 404, "unknown control endpoint; try stats, reset, fault, last-request");
  }
}

}  // namespace profilegw::mocks
