#include "mocks/cli_options.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>

namespace profilegw::mocks {

namespace {

constexpr std::string_view kUsage =
    "usage: profilegw-mocks [options]\n"
    "Demo backends for the five profilegw provider families and two mapped backends\n"
    "(WooCommerce, Shopify), one port each.\n"
    "\n"
    "  --address ADDR            listen address (default 127.0.0.1)\n"
    "  --django PORT             start the django backend (0: ephemeral); likewise\n"
    "  --shop PORT, --v1rest PORT, --partner PORT, --salla PORT, --woo PORT, --shopify PORT\n"
    "                            (no provider flag at all: all seven on ephemeral ports)\n"
    "  --ports-file FILE         write {\"django\": PORT, ...} there (atomically) once bound\n"
    "  --threads N               worker threads, one io_context and acceptor each (default 1)\n"
    "  --tls-cert FILE --tls-key FILE\n"
    "                            serve HTTPS on every port (PEM files)\n"
    "  --django-errors drf|standardized\n"
    "                            error dialect of django, shop and v1rest (default drf;\n"
    "                            per request: X-Mock-Errors)\n"
    "  --fault MODE              arm a fault on every port: delay hang reset truncated non_json\n"
    "                            500 502 503 429 slow_drip (per request: X-Mock-Fault)\n"
    "  --fault-delay-ms N        delay before answering under --fault (default 1000 for delay)\n"
    "  --digest-algorithm MD5|SHA-256   partner's Digest algorithm (default MD5)\n"
    "  --digest-user USER        partner's Digest user (default gw)\n"
    "  --digest-password PASS    partner's Digest password (default partner-secret)\n"
    "  --nonce-max-uses N        a Digest nonce goes stale after N uses (default 1000)\n"
    "  --nonce-ttl-ms N          a Digest nonce goes stale after N ms (default 60000)\n"
    "  --otp-code CODE           salla's one-time code (default 1234)\n"
    "  -h, --help                this text\n"
    "\n"
    "Control endpoints on every port: GET /__mock/stats, POST /__mock/reset,\n"
    "GET|POST|DELETE /__mock/fault, GET /__mock/last-request.\n";

std::optional<std::uint64_t> parse_number(std::string_view text, std::uint64_t min, std::uint64_t max) {
  std::uint64_t value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
  if (value < min || value > max) return std::nullopt;
  return value;
}

std::optional<ProviderKind> provider_flag(std::string_view flag) {
  for (const ProviderKind provider : kAllProviders) {
    if (flag.substr(0, 2) == "--" && flag.substr(2) == provider_name(provider)) return provider;
  }
  return std::nullopt;
}

class Parser {
 public:
  explicit Parser(std::span<char* const> args) : args_(args) {}

  CliParse run() {
    std::array<std::optional<unsigned short>, kAllProviders.size()> ports{};
    while (result_.error.empty() && next_ < args_.size()) {
      std::string_view flag = args_[next_++];
      inline_value_.reset();
      if (const std::size_t equals = flag.find('='); flag.substr(0, 2) == "--" && equals != std::string_view::npos) {
        inline_value_ = flag.substr(equals + 1);
        flag = flag.substr(0, equals);
      }
      parse_flag(flag, ports);
    }
    if (!result_.error.empty() || result_.help) return std::move(result_);
    finish(ports);
    return std::move(result_);
  }

 private:
  void parse_flag(std::string_view flag, std::array<std::optional<unsigned short>, kAllProviders.size()>& ports) {
    MockOptions& o = result_.options;
    if (flag == "-h" || flag == "--help") {
      result_.help = true;
    } else if (const std::optional<ProviderKind> provider = provider_flag(flag)) {
      if (const auto port = number(flag, 0, 65535)) ports[static_cast<std::size_t>(*provider)] = static_cast<unsigned short>(*port);
    } else if (flag == "--address") {
      o.address = value(flag);
    } else if (flag == "--ports-file") {
      o.ports_file = value(flag);
    } else if (flag == "--threads") {
      if (const auto n = number(flag, 1, 256)) o.threads = static_cast<unsigned>(*n);
    } else if (flag == "--tls-cert") {
      o.tls_cert = value(flag);
    } else if (flag == "--tls-key") {
      o.tls_key = value(flag);
    } else if (flag == "--django-errors") {
      const std::string dialect = value(flag);
      if (dialect == "drf") o.backend.django_errors = ErrorDialect::kDrf;
      else if (dialect == "standardized") o.backend.django_errors = ErrorDialect::kStandardized;
      else fail("--django-errors must be drf or standardized");
    } else if (flag == "--fault") {
      const std::string mode = value(flag);
      if (const std::optional<FaultMode> parsed = parse_fault_mode(mode)) o.fault = *parsed;
      else if (result_.error.empty()) fail("unknown fault mode: " + mode);
    } else if (flag == "--fault-delay-ms") {
      if (const auto n = number(flag, 0, 86'400'000)) o.fault_delay = std::chrono::milliseconds(*n);
    } else if (flag == "--digest-algorithm") {
      const std::string algorithm = value(flag);
      if (iequals(algorithm, "MD5")) o.backend.digest.algorithm = DigestAlgorithm::kMd5;
      else if (iequals(algorithm, "SHA-256")) o.backend.digest.algorithm = DigestAlgorithm::kSha256;
      else fail("--digest-algorithm must be MD5 or SHA-256");
    } else if (flag == "--digest-user") {
      o.backend.digest.user = value(flag);
    } else if (flag == "--digest-password") {
      o.backend.digest.password = value(flag);
    } else if (flag == "--nonce-max-uses") {
      if (const auto n = number(flag, 1, UINT64_MAX)) o.backend.digest.nonce_max_uses = *n;
    } else if (flag == "--nonce-ttl-ms") {
      if (const auto n = number(flag, 1, 86'400'000)) o.backend.digest.nonce_ttl = std::chrono::milliseconds(*n);
    } else if (flag == "--otp-code") {
      o.backend.otp_code = value(flag);
      if (result_.error.empty() && o.backend.otp_code.empty()) fail("--otp-code must not be empty");
    } else {
      fail("unknown option: " + std::string(flag));
    }
  }

  void finish(const std::array<std::optional<unsigned short>, kAllProviders.size()>& ports) {
    MockOptions& o = result_.options;
    const bool any = std::any_of(ports.begin(), ports.end(), [](const auto& port) { return port.has_value(); });
    for (std::size_t i = 0; i < kAllProviders.size(); ++i) {
      if (!any || ports[i]) o.listeners.push_back(ListenerSpec{kAllProviders[i], ports[i].value_or(0)});
    }
    if (o.tls_cert.empty() != o.tls_key.empty()) fail("--tls-cert and --tls-key go together");
    if (o.fault == FaultMode::kDelay && o.fault_delay.count() == 0) o.fault_delay = kDefaultFaultDelay;
  }

  std::string value(std::string_view flag) {
    if (inline_value_) return std::string(*inline_value_);
    if (next_ >= args_.size()) {
      fail(std::string(flag) + " needs a value");
      return {};
    }
    return args_[next_++];
  }

  std::optional<std::uint64_t> number(std::string_view flag, std::uint64_t min, std::uint64_t max) {
    const std::string text = value(flag);
    if (!result_.error.empty()) return std::nullopt;
    const std::optional<std::uint64_t> parsed = parse_number(text, min, max);
    if (!parsed) {
      fail(std::string(flag) + " must be a number from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return parsed;
  }

  void fail(std::string message) {
    if (result_.error.empty()) result_.error = std::move(message);
  }

  std::span<char* const> args_;
  std::size_t next_ = 0;
  std::optional<std::string_view> inline_value_;
  CliParse result_;
};

}  // namespace

CliParse parse_cli(std::span<char* const> args) { return Parser(args).run(); }

std::string_view usage_text() { return kUsage; }

}  // namespace profilegw::mocks
