#include "core/upstream/tls_context.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/error.hpp>

namespace profilegw::core::upstream {
namespace ssl = boost::asio::ssl;

Result<ssl::context*> TlsContextCache::get(const TlsSettings& settings) {
  auto key = std::make_pair(settings.verify, settings.verify ? settings.ca_file : std::string());
  if (auto it = contexts_.find(key); it != contexts_.end()) return it->second.get();

  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_client);
  SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
  boost::system::error_code ec;
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_compression, ec);
  if (settings.verify) {
    ctx->set_verify_mode(ssl::verify_peer, ec);
    if (settings.ca_file.empty()) {
      ctx->set_default_verify_paths(ec);
    } else {
      ctx->load_verify_file(settings.ca_file, ec);
    }
    if (ec) {
      Problem p = Problem::make(ProblemCode::kUpstreamUnavailable,
                                "TLS setup failed: cannot load the CA certificates");
      p.retry_after_seconds = 1;
      return p;
    }
  } else {
    ctx->set_verify_mode(ssl::verify_none, ec);
  }
  ssl::context* raw = ctx.get();
  contexts_.emplace(std::move(key), std::move(ctx));
  return raw;
}

bool prepare_tls_client(ssl_st* ssl, std::string_view host, bool verify) {
  const std::string h(host);
  boost::system::error_code ec;
  boost::asio::ip::make_address(h, ec);
  const bool is_ip = !ec;
  // SNI must not carry IP literals (RFC 6066 section 3). SSL_ctrl is what the SSL_set_tlsext_host_name
  // macro expands to, minus its old-style cast.
  if (!is_ip && SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                         const_cast<char*>(h.c_str())) != 1) {
    return false;
  }
  if (!verify) return true;
  if (is_ip) {
    return X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), h.c_str()) == 1;
  }
  // OpenSSL's own check: a mismatch fails the handshake as X509_V_ERR_HOSTNAME_MISMATCH.
  SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  return SSL_set1_host(ssl, h.c_str()) == 1;
}

std::string describe_tls_failure(ssl_st* ssl, const boost::system::error_code& ec) {
  const bool verify_failed =
      (ssl != nullptr && SSL_get_verify_result(ssl) != X509_V_OK) ||
      (ec.category() == boost::asio::error::get_ssl_category() &&
       ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == SSL_R_CERTIFICATE_VERIFY_FAILED);
  if (verify_failed) return "TLS handshake failed: certificate verify failed";
  if (ec == ssl::error::stream_truncated || ec == boost::asio::error::eof) {
    return "TLS handshake failed: connection closed by the upstream";
  }
  return "TLS handshake failed";
}

}  // namespace profilegw::core::upstream
