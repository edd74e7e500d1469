#include "core/upstream/digest_auth.h"

#include <openssl/evp.h>

#include <array>
#include <cstdlib>
#include <memory>

#include "core/crypto/random.h"
#include "core/crypto/sha256.h"

namespace profilegw::core::upstream {
namespace {

constexpr std::size_t kCnonceBytes = 16;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// RFC 9110 tchar.
bool is_tchar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

// Not allowed in a quoted-string, escaped or not (RFC 9110 section 5.6.4).
bool is_ctl_but_tab(char c) { return (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f; }

bool is_token68_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~' || c == '+' || c == '/';
}

// A forward-only reader over one header field value.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}

  bool end() const { return pos_ >= s_.size(); }
  char peek() const { return end() ? '\0' : s_[pos_]; }
  std::size_t pos() const { return pos_; }
  void seek(std::size_t p) { pos_ = p; }
  void advance() { ++pos_; }

  void skip_ows() {
    while (!end() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }
  void skip_ows_and_commas() {
    while (!end() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == ',')) ++pos_;
  }
  std::string_view token() {
    const std::size_t start = pos_;
    while (!end() && is_tchar(s_[pos_])) ++pos_;
    return s_.substr(start, pos_ - start);
  }
  // A quoted-string with backslash escapes; the cursor is on the opening quote.
  std::optional<std::string> quoted() {
    std::string out;
    ++pos_;
    while (!end()) {
      const char c = s_[pos_++];
      if (c == '"') return out;
      if (c == '\\') {
        // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text ): an escaped control byte is malformed
        // (it would be echoed raw into the Authorization field, which the server cannot read back).
        if (end() || is_ctl_but_tab(s_[pos_])) return std::nullopt;
        out.push_back(s_[pos_++]);
      } else if (is_ctl_but_tab(c)) {
        return std::nullopt;
      } else {
        out.push_back(c);
      }
    }
    return std::nullopt;  // unterminated
  }
  // token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=", ending the challenge.
  std::optional<std::string_view> token68() {
    const std::size_t start = pos_;
    std::size_t p = pos_;
    while (p < s_.size() && is_token68_char(s_[p])) ++p;
    if (p == start) return std::nullopt;
    while (p < s_.size() && s_[p] == '=') ++p;
    std::size_t q = p;
    while (q < s_.size() && (s_[q] == ' ' || s_[q] == '\t')) ++q;
    if (q < s_.size() && s_[q] != ',') return std::nullopt;
    pos_ = p;
    return s_.substr(start, p - start);
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

enum class ParamsEnd : std::uint8_t { kEnd, kNextChallenge, kMalformed };

// Reads `#auth-param` until the end, or until a token not followed by '=' (the next challenge's scheme).
ParamsEnd parse_params(Cursor& c, AuthChallenge& ch) {
  while (true) {
    c.skip_ows_and_commas();
    if (c.end()) return ParamsEnd::kEnd;
    const std::size_t element_start = c.pos();
    const std::string_view name = c.token();
    if (name.empty()) return ParamsEnd::kMalformed;
    c.skip_ows();
    if (c.peek() != '=') {
      c.seek(element_start);
      return ParamsEnd::kNextChallenge;
    }
    c.advance();
    c.skip_ows();
    std::string value;
    if (c.peek() == '"') {
      auto q = c.quoted();
      if (!q) return ParamsEnd::kMalformed;
      value = std::move(*q);
    } else {
      const std::string_view t = c.token();
      if (t.empty()) return ParamsEnd::kMalformed;
      value.assign(t);
    }
    ch.params.emplace_back(to_lower(name), std::move(value));
    c.skip_ows();
    if (!c.end() && c.peek() != ',') return ParamsEnd::kMalformed;
  }
}

std::optional<DigestAlgorithm> parse_algorithm(std::optional<std::string_view> name) {
  if (!name) return DigestAlgorithm::kMd5;  // RFC 7616 section 3.3: absent means MD5
  if (iequals(*name, "MD5")) return DigestAlgorithm::kMd5;
  if (iequals(*name, "MD5-sess")) return DigestAlgorithm::kMd5Sess;
  if (iequals(*name, "SHA-256")) return DigestAlgorithm::kSha256;
  if (iequals(*name, "SHA-256-sess")) return DigestAlgorithm::kSha256Sess;
  return std::nullopt;
}

// qop is a quoted comma-separated list ("auth, auth-int").
bool qop_offers_auth(std::string_view qop) {
  std::size_t pos = 0;
  while (pos <= qop.size()) {
    std::size_t comma = qop.find(',', pos);
    if (comma == std::string_view::npos) comma = qop.size();
    std::string_view item = qop.substr(pos, comma - pos);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (iequals(item, "auth")) return true;
    pos = comma + 1;
  }
  return false;
}

std::optional<DigestChallenge> to_digest_challenge(const AuthChallenge& ch) {
  if (ch.scheme != "digest") return std::nullopt;
  const auto realm = ch.param("realm");
  const auto nonce = ch.param("nonce");
  if (!realm || !nonce || nonce->empty()) return std::nullopt;
  const auto algorithm = parse_algorithm(ch.param("algorithm"));
  if (!algorithm) return std::nullopt;
  DigestChallenge d;
  d.algorithm = *algorithm;
  d.realm.assign(*realm);
  d.nonce.assign(*nonce);
  if (auto opaque = ch.param("opaque")) d.opaque.emplace(*opaque);
  if (auto qop = ch.param("qop")) {
    if (!qop_offers_auth(*qop)) return std::nullopt;
    d.qop_auth = true;
  }
  if (auto stale = ch.param("stale")) d.stale = iequals(*stale, "true");
  return d;
}

// EVP message digests, fetched once per algorithm.
const EVP_MD* evp_md(DigestAlgorithm a) {
  static const EVP_MD* md5 = EVP_MD_fetch(nullptr, "MD5", nullptr);
  static const EVP_MD* sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return (a == DigestAlgorithm::kMd5 || a == DigestAlgorithm::kMd5Sess) ? md5 : sha256;
}

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

// Lower-case hex of H(part0 ":" part1 ":" ...).
std::string hash_joined(DigestAlgorithm a, std::initializer_list<std::string_view> parts) {
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  std::array<std::uint8_t, EVP_MAX_MD_SIZE> out{};
  unsigned int len = 0;
  bool ok = ctx && EVP_DigestInit_ex(ctx.get(), evp_md(a), nullptr) == 1;
  bool first = true;
  for (std::string_view p : parts) {
    if (!first) ok = ok && EVP_DigestUpdate(ctx.get(), ":", 1) == 1;
    ok = ok && EVP_DigestUpdate(ctx.get(), p.data(), p.size()) == 1;
    first = false;
  }
  ok = ok && EVP_DigestFinal_ex(ctx.get(), out.data(), &len) == 1;
  // Only allocation failure or a missing default provider get here: fatal misconfigurations.
  if (!ok) std::abort();
  return crypto::to_hex(std::span<const std::uint8_t>(out.data(), len));
}

void append_quoted(std::string& out, std::string_view v) {
  out.push_back('"');
  for (char c : v) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string nc_hex(std::uint32_t nc) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s(8, '0');
  for (int i = 7; i >= 0; --i) {
    s[static_cast<std::size_t>(i)] = kDigits[nc & 0xf];
    nc >>= 4;
  }
  return s;
}

}  // namespace

std::optional<std::string_view> AuthChallenge::param(std::string_view lower_name) const {
  for (const auto& [n, v] : params) {
    if (n == lower_name) return std::string_view(v);
  }
  return std::nullopt;
}

std::vector<AuthChallenge> parse_www_authenticate(std::string_view field_value) {
  std::vector<AuthChallenge> out;
  Cursor c(field_value);
  while (true) {
    c.skip_ows_and_commas();
    if (c.end()) return out;
    const std::string_view scheme = c.token();
    if (scheme.empty()) return out;
    AuthChallenge ch;
    ch.scheme = to_lower(scheme);
    const std::size_t after_scheme = c.pos();
    c.skip_ows();
    if (c.end() || c.peek() == ',') {
      out.push_back(std::move(ch));  // a scheme without parameters ("Negotiate")
      continue;
    }
    if (c.pos() == after_scheme) return out;  // the scheme runs into something that is not a token
    if (auto t68 = c.token68()) {
      ch.token68.assign(*t68);
      out.push_back(std::move(ch));
      continue;
    }
    const ParamsEnd end = parse_params(c, ch);
    if (end == ParamsEnd::kMalformed) return out;
    out.push_back(std::move(ch));
    if (end == ParamsEnd::kEnd) return out;
  }
}

std::string_view algorithm_name(DigestAlgorithm a) {
  switch (a) {
    case DigestAlgorithm::kMd5:
      return "MD5";
    case DigestAlgorithm::kMd5Sess:
      return "MD5-sess";
    case DigestAlgorithm::kSha256:
      return "SHA-256";
    case DigestAlgorithm::kSha256Sess:
      return "SHA-256-sess";
  }
  return "MD5";
}

std::optional<DigestChallenge> select_digest_challenge(std::span<const std::string_view> field_values) {
  std::optional<DigestChallenge> best;
  for (std::string_view value : field_values) {
    for (const AuthChallenge& ch : parse_www_authenticate(value)) {
      auto d = to_digest_challenge(ch);
      if (d && (!best || d->algorithm > best->algorithm)) best = std::move(d);
    }
  }
  return best;
}

std::string digest_response(const DigestChallenge& ch, const DigestInput& in) {
  const DigestAlgorithm a = ch.algorithm;
  std::string ha1 = hash_joined(a, {in.username, ch.realm, in.password});
  if (a == DigestAlgorithm::kMd5Sess || a == DigestAlgorithm::kSha256Sess) {
    ha1 = hash_joined(a, {ha1, ch.nonce, in.cnonce});
  }
  const std::string ha2 = hash_joined(a, {in.method, in.uri});
  if (!ch.qop_auth) return hash_joined(a, {ha1, ch.nonce, ha2});
  return hash_joined(a, {ha1, ch.nonce, nc_hex(in.nc), in.cnonce, "auth", ha2});
}

std::string digest_authorization(const DigestChallenge& ch, const DigestInput& in) {
  std::string out;
  out.reserve(256);
  out.append("Digest username=");
  append_quoted(out, in.username);
  out.append(", realm=");
  append_quoted(out, ch.realm);
  out.append(", uri=");
  append_quoted(out, in.uri);
  out.append(", algorithm=");
  out.append(algorithm_name(ch.algorithm));
  out.append(", nonce=");
  append_quoted(out, ch.nonce);
  if (ch.qop_auth) {
    out.append(", nc=");
    out.append(nc_hex(in.nc));
    out.append(", cnonce=");
    append_quoted(out, in.cnonce);
    out.append(", qop=auth");
  }
  out.append(", response=\"");
  out.append(digest_response(ch, in));
  out.push_back('"');
  if (ch.opaque) {
    out.append(", opaque=");
    append_quoted(out, *ch.opaque);
  }
  return out;
}

std::optional<DigestState::Authorization> DigestState::authorize(std::string_view username,
                                                                 std::string_view password,
                                                                 std::string_view method,
                                                                 std::string_view uri) {
  if (!challenge_) return std::nullopt;
  if (nc_ == UINT32_MAX) {
    // nc would wrap: drop the nonce so the next request fetches a fresh challenge.
    reset();
    return std::nullopt;
  }
  auto cnonce = crypto::random_hex(kCnonceBytes);
  if (!cnonce) return std::nullopt;
  ++nc_;
  DigestInput in{username, password, method, uri, *cnonce, nc_};
  return Authorization{digest_authorization(*challenge_, in), challenge_->nonce};
}

bool DigestState::on_challenge(DigestChallenge challenge, std::string_view nonce_used) {
  const bool retry = nonce_used.empty() || challenge.stale || challenge.nonce != nonce_used;
  // Another request may already have adopted this nonce; keep its nc then, or the server sees a replay.
  if (!challenge_ || challenge_->nonce != challenge.nonce || challenge_->realm != challenge.realm ||
      challenge_->algorithm != challenge.algorithm) {
    challenge_ = std::move(challenge);
    nc_ = 0;
  }
  return retry;
}

}  // namespace profilegw::core::upstream
