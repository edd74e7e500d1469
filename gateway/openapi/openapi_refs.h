// `$ref`s into the OpenAPI document's components, named in one place.
#pragma once

#include <string>
#include <string_view>

#include "gateway/openapi/json_tree.h"

namespace profilegw::gateway::openapi {

inline Json component_ref(std::string_view kind, std::string_view name) {
  std::string target = "#/components/";
  target += kind;
  target += '/';
  target += name;
  return Json::object().set("$ref", std::move(target));
}

inline Json schema_ref(std::string_view name) { return component_ref("schemas", name); }
inline Json response_ref(std::string_view name) { return component_ref("responses", name); }
inline Json header_ref(std::string_view name) { return component_ref("headers", name); }
inline Json parameter_ref(std::string_view name) { return component_ref("parameters", name); }

// Header names, as components.headers keys and on the wire (X-Request-Id: gateway/server/request_id.h).
inline constexpr std::string_view kETagHeader = "ETag";
inline constexpr std::string_view kRetryAfterHeader = "Retry-After";
inline constexpr std::string_view kAllowHeader = "Allow";

}  // namespace profilegw::gateway::openapi
