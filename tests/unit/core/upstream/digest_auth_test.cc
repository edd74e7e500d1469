// Digest auth: RFC 7616 section 3.9.1 and RFC 2617 section 3.5 vectors, the challenge parser's
// edge cases, and the nonce/nc state.
#include "core/upstream/digest_auth.h"

#include <catch2/catch.hpp>

namespace profilegw::core::upstream {
namespace {

constexpr std::string_view kRfc7616Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
constexpr std::string_view kRfc7616Opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
constexpr std::string_view kRfc7616Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

std::optional<DigestChallenge> select_one(std::string_view header) {
  const std::string_view values[] = {header};
  return select_digest_challenge(values);
}

TEST_CASE("digest: RFC 7616 section 3.9.1 SHA-256 and MD5 responses", "[upstream][digest]") {
  // The RFC's WWW-Authenticate: two challenges, SHA-256 preferred.
  const std::string header =
      std::string(
          R"(Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce=")") +
      std::string(kRfc7616Nonce) + R"(", opaque=")" + std::string(kRfc7616Opaque) +
      R"(", Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce=")" +
      std::string(kRfc7616Nonce) + R"(", opaque=")" + std::string(kRfc7616Opaque) + R"(")";
  auto ch = select_one(header);
  REQUIRE(ch.has_value());
  CHECK(ch->algorithm == DigestAlgorithm::kSha256);
  CHECK(ch->realm == "http-auth@example.org");
  CHECK(ch->nonce == kRfc7616Nonce);
  CHECK(ch->opaque == std::optional<std::string>(std::string(kRfc7616Opaque)));
  CHECK(ch->qop_auth);
  CHECK_FALSE(ch->stale);

  const DigestInput in{"Mufasa", "Circle of Life", "GET", "/dir/index.html", kRfc7616Cnonce, 1};
  CHECK(digest_response(*ch, in) == "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  CHECK(
      digest_authorization(*ch, in) ==
      std::string(R"(Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", )"
                  R"(algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, )"
                  R"(cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, )"
                  R"(response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", )"
                  R"(opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS")"));

  ch->algorithm = DigestAlgorithm::kMd5;
  CHECK(digest_response(*ch, in) == "8ca523f5e9506fed4657c9700eebdbec");
}

TEST_CASE("digest: RFC 2617 section 3.5 MD5 response", "[upstream][digest]") {
  auto ch =
      select_one(R"(Digest realm="testrealm@host.com", qop="auth,auth-int", )"
                 R"(nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41")");
  REQUIRE(ch.has_value());
  CHECK(ch->algorithm == DigestAlgorithm::kMd5);  // absent algorithm means MD5
  const DigestInput in{"Mufasa", "Circle Of Life", "GET", "/dir/index.html", "0a4f113b", 1};
  CHECK(digest_response(*ch, in) == "6629fae49393a05397450978507c4ef1");
  const std::string auth = digest_authorization(*ch, in);
  CHECK(auth.find(R"(response="6629fae49393a05397450978507c4ef1")") != std::string::npos);
  CHECK(auth.find("nc=00000001") != std::string::npos);
  CHECK(auth.find(R"(opaque="5ccc069c403ebaf9f0171e9517f40e41")") != std::string::npos);
}

TEST_CASE("digest: -sess variants and RFC 2069 mode", "[upstream][digest]") {
  DigestChallenge ch;
  ch.realm = "r";
  ch.nonce = "n";
  ch.qop_auth = true;
  const DigestInput in{"u", "p", "GET", "/", "c", 1};
  // MD5-sess: HA1 = MD5(MD5(u:r:p):n:c); checked against the definition step by step.
  ch.algorithm = DigestAlgorithm::kMd5;
  const std::string plain = digest_response(ch, in);
  ch.algorithm = DigestAlgorithm::kMd5Sess;
  const std::string sess = digest_response(ch, in);
  CHECK(sess.size() == 32);
  CHECK(sess != plain);
  ch.algorithm = DigestAlgorithm::kSha256Sess;
  CHECK(digest_response(ch, in).size() == 64);
  CHECK(digest_authorization(ch, in).find("algorithm=SHA-256-sess") != std::string::npos);

  // Without qop: response = H(HA1:nonce:HA2), and no nc/cnonce/qop parameters.
  ch.algorithm = DigestAlgorithm::kMd5;
  ch.qop_auth = false;
  const std::string auth = digest_authorization(ch, in);
  CHECK(auth.find("nc=") == std::string::npos);
  CHECK(auth.find("cnonce=") == std::string::npos);
  CHECK(auth.find("qop=") == std::string::npos);
}

TEST_CASE("digest: username and realm are quoted with escapes", "[upstream][digest]") {
  DigestChallenge ch;
  ch.realm = R"(a "quoted" \ realm)";
  ch.nonce = "n";
  const DigestInput in{R"(us"er)", "p", "GET", "/", "c", 1};
  const std::string auth = digest_authorization(ch, in);
  CHECK(auth.find(R"(username="us\"er")") != std::string::npos);
  CHECK(auth.find(R"(realm="a \"quoted\" \\ realm")") != std::string::npos);
  // And the parser reads them back.
  auto parsed = parse_www_authenticate(auth);
  REQUIRE(parsed.size() == 1);
  CHECK(parsed[0].param("username") == std::optional<std::string_view>(R"(us"er)"));
  CHECK(parsed[0].param("realm") == std::optional<std::string_view>(ch.realm));
}

TEST_CASE("www-authenticate parser: several challenges, tokens, case, escapes", "[upstream][digest]") {
  auto cs = parse_www_authenticate(
      R"(Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple", NEGOTIATE, Bearer abc123==,)"
      R"( DiGeSt REALM = "x" , Nonce=tok-en, ALGORITHM=sha-256)");
  REQUIRE(cs.size() == 5);
  CHECK(cs[0].scheme == "newauth");
  CHECK(cs[0].param("type") == std::optional<std::string_view>("1"));
  CHECK(cs[0].param("title") == std::optional<std::string_view>(R"(Login to "apps")"));
  CHECK(cs[1].scheme == "basic");
  CHECK(cs[1].param("realm") == std::optional<std::string_view>("simple"));
  CHECK(cs[2].scheme == "negotiate");
  CHECK(cs[2].params.empty());
  CHECK(cs[3].scheme == "bearer");
  CHECK(cs[3].token68 == "abc123==");
  CHECK(cs[4].scheme == "digest");
  CHECK(cs[4].param("realm") == std::optional<std::string_view>("x"));
  CHECK(cs[4].param("nonce") == std::optional<std::string_view>("tok-en"));

  const std::string_view values[] = {
      R"(Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple", NEGOTIATE, Bearer abc123==,)"
      R"( DiGeSt REALM = "x" , Nonce=tok-en, ALGORITHM=sha-256)"};
  auto d = select_digest_challenge(values);
  REQUIRE(d.has_value());
  CHECK(d->algorithm == DigestAlgorithm::kSha256);
  CHECK(d->nonce == "tok-en");
  CHECK_FALSE(d->qop_auth);
}

TEST_CASE("www-authenticate parser: malformed input keeps what came before", "[upstream][digest]") {
  CHECK(parse_www_authenticate("").empty());
  CHECK(parse_www_authenticate("  ,  ").empty());
  auto unterminated = parse_www_authenticate(R"(Basic realm="a", Digest realm="b, nonce="n)");
  REQUIRE(unterminated.size() == 1);
  CHECK(unterminated[0].scheme == "basic");
  CHECK(parse_www_authenticate(R"(Digest realm="x", nonce=)").empty());
  // Grammatically a token68 ("realm="), so no usable Digest challenge.
  CHECK_FALSE(select_one(R"(Digest realm=)").has_value());
  CHECK(parse_www_authenticate(R"(Digest realm="x" nonce="y")").empty());
  CHECK(parse_www_authenticate("\"quoted\" realm=x").empty());
  CHECK(parse_www_authenticate("Digest realm=\"a\nb\", nonce=n").empty());
  // An escaped control byte is no quoted-pair either (fuzz_digest_challenge: it went raw into the
  // Authorization value, which no longer parsed).
  CHECK(parse_www_authenticate("Digest realm=\"a\\\x0e" "c\", nonce=n").empty());
  CHECK(parse_www_authenticate(std::string_view("Digest realm=\"a\\\0c\", nonce=n", 28)).empty());
  CHECK(parse_www_authenticate("Digest realm=\"a\\\x7f\", nonce=n").empty());
  CHECK_FALSE(select_one("Digest realm=\"a\\\x1f\", nonce=n").has_value());
  const auto tab = parse_www_authenticate("Digest realm=\"a\\\tb\", nonce=n");
  REQUIRE(tab.size() == 1);
  CHECK(tab[0].param("realm") == "a\tb");
}

TEST_CASE("digest challenge selection", "[upstream][digest]") {
  SECTION("strongest across several header fields") {
    const std::string_view values[] = {
        R"(Digest realm="r", nonce="md5", qop="auth")",
        R"(Digest realm="r", nonce="sess", algorithm=SHA-256-sess, qop="auth")",
        R"(Digest realm="r", nonce="sha", algorithm="SHA-256", qop="auth")"};
    auto d = select_digest_challenge(values);
    REQUIRE(d);
    CHECK(d->nonce == "sha");
    CHECK(d->algorithm == DigestAlgorithm::kSha256);
  }
  SECTION("unsupported algorithms and qops are skipped") {
    CHECK_FALSE(select_one(R"(Digest realm="r", nonce="n", algorithm=SHA-512-256)"));
    CHECK_FALSE(select_one(R"(Digest realm="r", nonce="n", qop="auth-int")"));
    CHECK_FALSE(select_one(R"(Digest realm="r")"));
    CHECK_FALSE(select_one(R"(Digest nonce="n")"));
    CHECK_FALSE(select_one(R"(Basic realm="r")"));
    auto d = select_one(
        R"(Digest realm="r", nonce="a", algorithm=SHA-512-256, Digest realm="r", nonce="b", algorithm=MD5-sess)");
    REQUIRE(d);
    CHECK(d->algorithm == DigestAlgorithm::kMd5Sess);
    CHECK(d->nonce == "b");
  }
  SECTION("stale flag, case-insensitive") {
    auto d =
        select_one(R"(Digest realm="r", nonce="n", qop=auth, stale=TRUE, userhash=false, charset=UTF-8)");
    REQUIRE(d);
    CHECK(d->stale);
    CHECK(d->qop_auth);
    CHECK_FALSE(select_one(R"(Digest realm="r", nonce="n", stale=false)")->stale);
  }
}

TEST_CASE("digest state: one nonce, nc counting up, stale and new nonces", "[upstream][digest]") {
  DigestState st;
  CHECK_FALSE(st.authorize("u", "p", "GET", "/").has_value());

  DigestChallenge ch;
  ch.realm = "r";
  ch.nonce = "n1";
  ch.qop_auth = true;
  CHECK(st.on_challenge(ch, ""));  // first challenge: retry
  for (std::uint32_t i = 1; i <= 3; ++i) {
    auto a = st.authorize("u", "p", "GET", "/x");
    REQUIRE(a);
    CHECK(a->nonce == "n1");
    char nc[16];
    std::snprintf(nc, sizeof nc, "nc=%08x", i);
    CHECK(a->header.find(nc) != std::string::npos);
  }
  CHECK(st.nc() == 3);

  // Same nonce, not stale: the credentials are wrong; no retry, nc kept.
  CHECK_FALSE(st.on_challenge(ch, "n1"));
  CHECK(st.nc() == 3);

  // Stale: new nonce, nc restarts.
  DigestChallenge stale = ch;
  stale.nonce = "n2";
  stale.stale = true;
  CHECK(st.on_challenge(stale, "n1"));
  CHECK(st.nc() == 0);
  auto a = st.authorize("u", "p", "GET", "/x");
  REQUIRE(a);
  CHECK(a->header.find("nc=00000001") != std::string::npos);
  CHECK(a->nonce == "n2");

  // A request that went out with an older nonce meets the nonce we already hold: retry, keep nc.
  DigestChallenge current = ch;
  current.nonce = "n2";
  CHECK(st.on_challenge(current, "n1"));
  CHECK(st.nc() == 1);

  // Each authorization carries a fresh cnonce.
  auto b = st.authorize("u", "p", "GET", "/x");
  auto c = st.authorize("u", "p", "GET", "/x");
  const auto cnonce_of = [](const std::string& h) {
    const auto p = h.find("cnonce=\"") + 8;
    return h.substr(p, h.find('"', p) - p);
  };
  CHECK(cnonce_of(b->header) != cnonce_of(c->header));
  CHECK(cnonce_of(b->header).size() == 32);
}

}  // namespace
}  // namespace profilegw::core::upstream
