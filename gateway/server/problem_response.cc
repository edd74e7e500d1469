#include "gateway/server/problem_response.h"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/status.hpp>
#include <string>

#include "gateway/server/request_id.h"

namespace profilegw::gateway {

namespace http = boost::beast::http;

HttpResponse problem_response(const core::Problem& problem, std::string_view request_id, unsigned version) {
  HttpResponse response{static_cast<http::status>(problem.status()), version};
  response.set(http::field::content_type, kProblemContentType);
  response.set(kRequestIdHeader, request_id);
  if (problem.retry_after_seconds) response.set(http::field::retry_after, std::to_string(*problem.retry_after_seconds));
  if (!problem.allow.empty()) response.set(http::field::allow, problem.allow);
  response.body() = core::render_problem(problem, request_id, "");
  response.content_length(response.body().size());
  return response;
}

}  // namespace profilegw::gateway
