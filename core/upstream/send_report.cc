#include "core/upstream/send_report.h"

namespace profilegw::core::upstream {

std::string_view error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kConnect: return "connect";
    case ErrorKind::kTimeout: return "timeout";
    case ErrorKind::kReset: return "reset";
    case ErrorKind::kBadResponse: return "bad_response";
    case ErrorKind::kTls: return "tls";
    case ErrorKind::kStatus5xx: return "status_5xx";
  }
  return "unknown";
}

}  // namespace profilegw::core::upstream
