// The upstream client over TLS against an in-process server with a freshly minted self-signed
// certificate: verification with a CA file, failure against the system store, host name and IP
// checks, SNI, and keep-alive over TLS.
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>
#include <cstdio>

#include "core/upstream/client.h"
#include "tests/unit/core/upstream/test_server.h"

namespace profilegw::core::upstream {
namespace {

using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace ssl = asio::ssl;
using testing::http_response;
using testing::run_coroutine;
using tcp = asio::ip::tcp;

struct Pem {
  std::string cert;
  std::string key;
};

std::string bio_string(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(n));
}

// A self-signed P-256 certificate for DNS:localhost, valid for a day.
Pem make_self_signed() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  REQUIRE(key != nullptr);
  X509* x = X509_new();
  X509_set_version(x, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
  X509_gmtime_adj(X509_getm_notBefore(x), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x), 24 * 3600);
  X509_set_pubkey(x, key);
  X509_NAME* name = X509_get_subject_name(x);
  const unsigned char cn[] = "localhost";
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0);
  X509_set_issuer_name(x, name);
  X509V3_CTX v3;
  X509V3_set_ctx_nodb(&v3);
  X509V3_set_ctx(&v3, x, x, nullptr, nullptr, 0);
  char san[] = "DNS:localhost";
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &v3, NID_subject_alt_name, san);
  REQUIRE(ext != nullptr);
  X509_add_ext(x, ext, -1);
  X509_EXTENSION_free(ext);
  REQUIRE(X509_sign(x, key, EVP_sha256()) > 0);

  Pem pem;
  BIO* cert_bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(cert_bio, x);
  pem.cert = bio_string(cert_bio);
  BIO* key_bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(key_bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  pem.key = bio_string(key_bio);
  BIO_free(cert_bio);
  BIO_free(key_bio);
  X509_free(x);
  EVP_PKEY_free(key);
  return pem;
}

class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    path_ = "/tmp/pgw_tls_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++) + ".pem";
    std::FILE* f = std::fopen(path_.c_str(), "wb");
    REQUIRE(f != nullptr);
    std::fwrite(content.data(), 1, content.size(), f);
    std::fclose(f);
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::string path_;
};

// Accepts TLS connections, records the SNI name, answers every request 200 with keep-alive.
class TlsTestServer {
 public:
  TlsTestServer(asio::io_context& ioc, const Pem& pem)
      : ioc_(ioc),
        ctx_(ssl::context::tls_server),
        acceptor_(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    ctx_.use_certificate_chain(asio::buffer(pem.cert));
    ctx_.use_private_key(asio::buffer(pem.key), ssl::context::pem);
    asio::co_spawn(ioc_, accept_loop(), asio::detached);
  }
  ~TlsTestServer() {
    boost::system::error_code ec;
    acceptor_.close(ec);
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  std::size_t handshakes = 0;
  std::size_t requests = 0;
  std::string last_sni;

 private:
  asio::awaitable<void> accept_loop() {
    while (true) {
      auto [ec, socket] = co_await acceptor_.async_accept(asio::as_tuple(asio::use_awaitable));
      if (ec) co_return;
      asio::co_spawn(ioc_, session(std::make_shared<ssl::stream<tcp::socket>>(std::move(socket), ctx_)),
                     asio::detached);
    }
  }
  asio::awaitable<void> session(std::shared_ptr<ssl::stream<tcp::socket>> stream) {
    auto [hec] =
        co_await stream->async_handshake(ssl::stream_base::server, asio::as_tuple(asio::use_awaitable));
    if (hec) co_return;
    ++handshakes;
    if (const char* sni = SSL_get_servername(stream->native_handle(), TLSEXT_NAMETYPE_host_name))
      last_sni = sni;
    boost::beast::flat_buffer buffer;
    while (true) {
      testing::ServerRequest req;
      auto [ec, n] =
          co_await boost::beast::http::async_read(*stream, buffer, req, asio::as_tuple(asio::use_awaitable));
      if (ec) co_return;
      ++requests;
      const std::string reply = http_response(200, "OK", R"({"tls":true})");
      auto [wec, wn] =
          co_await asio::async_write(*stream, asio::buffer(reply), asio::as_tuple(asio::use_awaitable));
      if (wec) co_return;
    }
  }

  asio::io_context& ioc_;
  ssl::context ctx_;
  tcp::acceptor acceptor_;
};

UpstreamTarget tls_target(std::string host, std::uint16_t port, TlsSettings settings) {
  UpstreamTarget t;
  t.tls = true;
  t.host = std::move(host);
  t.port = port;
  t.host_header = t.host + ":" + std::to_string(port);
  t.tls_settings = std::move(settings);
  t.pool_key =
      "https://" + t.host_header + "|" + (t.tls_settings.verify ? "v" : "nv") + "|" + t.tls_settings.ca_file;
  t.timeout_ms = 1000;
  t.connect_timeout_ms = 1000;
  return t;
}

const CallHeaders kNoHeaders{};

TEST_CASE("tls: verified against the given CA file, with SNI and keep-alive", "[upstream][client][tls]") {
  const Pem pem = make_self_signed();
  const TempFile ca(pem.cert);
  asio::io_context ioc;
  TlsTestServer server(ioc, pem);
  Client client(ioc.get_executor());
  const auto target = tls_target("localhost", server.port(), TlsSettings{true, ca.path()});

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req{HttpMethod::kGet, "/me", ""};
    auto r1 = co_await client.send(target, req, kNoHeaders, std::chrono::steady_clock::now() + 2s);
    REQUIRE(r1.ok());
    CHECK(r1.value().status == 200);
    CHECK(r1.value().body == R"({"tls":true})");
    auto r2 = co_await client.send(target, req, kNoHeaders, std::chrono::steady_clock::now() + 2s);
    REQUIRE(r2.ok());
  }());
  CHECK(server.handshakes == 1);
  CHECK(server.requests == 2);
  CHECK(server.last_sni == "localhost");
  CHECK(client.counters().connects == 1);
  CHECK(client.counters().reuses == 1);
}

TEST_CASE("tls: an untrusted certificate is 503 certificate verify failed", "[upstream][client][tls]") {
  const Pem pem = make_self_signed();
  const TempFile ca(pem.cert);
  asio::io_context ioc;
  TlsTestServer server(ioc, pem);
  Client client(ioc.get_executor());

  auto expect_verify_failure = [&](const UpstreamTarget& target) -> asio::awaitable<void> {
    const UpstreamRequest req{HttpMethod::kGet, "/me", ""};
    auto r = co_await client.send(target, req, kNoHeaders, std::chrono::steady_clock::now() + 2s);
    REQUIRE_FALSE(r.ok());
    CHECK(r.problem().code == ProblemCode::kUpstreamUnavailable);
    CHECK(r.problem().detail == "TLS handshake failed: certificate verify failed");
  };

  SECTION("system trust store") {
    const auto target = tls_target("localhost", server.port(), TlsSettings{true, ""});
    run_coroutine(ioc, expect_verify_failure(target));
    CHECK(client.counters().errors.tls == 1);
  }
  SECTION("trusted certificate, wrong identity (IP not in the certificate)") {
    const auto target = tls_target("127.0.0.1", server.port(), TlsSettings{true, ca.path()});
    run_coroutine(ioc, expect_verify_failure(target));
  }
  CHECK(server.requests == 0);
}

TEST_CASE("tls: verify=false accepts any certificate", "[upstream][client][tls]") {
  const Pem pem = make_self_signed();
  asio::io_context ioc;
  TlsTestServer server(ioc, pem);
  Client client(ioc.get_executor());
  const auto target = tls_target("127.0.0.1", server.port(), TlsSettings{false, ""});

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req{HttpMethod::kGet, "/me", ""};
    auto r = co_await client.send(target, req, kNoHeaders, std::chrono::steady_clock::now() + 2s);
    REQUIRE(r.ok());
    CHECK(r.value().status == 200);
  }());
  CHECK(server.last_sni.empty());  // no SNI for IP literals
}

TEST_CASE("tls: a CA file that cannot be read is 503", "[upstream][client][tls]") {
  asio::io_context ioc;
  Client client(ioc.get_executor());
  const auto target = tls_target("localhost", 443, TlsSettings{true, "/nonexistent/ca.pem"});
  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req{HttpMethod::kGet, "/me", ""};
    auto r = co_await client.send(target, req, kNoHeaders, std::chrono::steady_clock::now() + 2s);
    REQUIRE_FALSE(r.ok());
    CHECK(r.problem().code == ProblemCode::kUpstreamUnavailable);
    CHECK(r.problem().detail.find("/nonexistent") == std::string::npos);
  }());
}

}  // namespace
}  // namespace profilegw::core::upstream
