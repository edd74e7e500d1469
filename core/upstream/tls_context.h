// TLS client contexts for upstream connections: one OpenSSL context per distinct TlsSettings
// (verify flag, CA file), shared by all pools of one thread. Also prepares a connection's SSL
// object (SNI, host name or IP check) and names handshake failures without leaking secrets.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.h"
#include "core/upstream/upstream_target.h"

struct ssl_st;

namespace profilegw::core::upstream {

class TlsContextCache {
 public:
  // The context for `settings`, built on first use: TLS 1.2 minimum; with verify, peer verification
  // against `ca_file` or the system trust store. 503 upstream_unavailable when the CA file cannot
  // be loaded.
  Result<boost::asio::ssl::context*> get(const TlsSettings& settings);

 private:
  std::map<std::pair<bool, std::string>, std::unique_ptr<boost::asio::ssl::context>> contexts_;
};

// Sets SNI (when `host` is a name, not an IP literal) and, with verify on, the expected peer
// identity: DNS name or IP address. false when OpenSSL refuses the parameters.
bool prepare_tls_client(ssl_st* ssl, std::string_view host, bool verify);

// "TLS handshake failed: certificate verify failed" or "TLS handshake failed" (with a short reason).
std::string describe_tls_failure(ssl_st* ssl, const boost::system::error_code& ec);

}  // namespace profilegw::core::upstream
