// The partner backend (seed 003): a Laravel-style partner API behind HTTP Digest authentication.
// Customers are addressed by external id; every answer, 401s included, is the envelope
// {data, success, code, message}, and a PATCH must repeat the required fields every time.
#include <boost/beast/http/verb.hpp>

#include "mocks/backend.h"
#include "mocks/customer_store.h"
#include "mocks/digest_challenge.h"
#include "mocks/laravel_rules.h"
#include "mocks/seed_data.h"
#include "mocks/staged_changes.h"

namespace profilegw::mocks {

namespace {

namespace http = boost::beast::http;

constexpr std::string_view kApiPrefix = "/partner/";
constexpr std::string_view kCustomerPrefix = "/partner/customer/";
constexpr std::string_view kAllow = "GET, HEAD, PATCH";
// This customer exists only to fail inside a 200: the envelope says success:false.
constexpr std::string_view kSoftFailId = "MTD-SOFT-FAIL";

// {"data": <data_json>, "success": ..., "code": ..., "message": "..."} plus, for 422, "errors".
void envelope(MockResponse& response, unsigned status, std::string_view data_json, bool success, int code,
              std::string_view message, const ValidationErrors* errors = nullptr) {
  std::string body = R"({"data":)";
  body.append(data_json);
  body.append(success ? R"(,"success":true,"code":)" : R"(,"success":false,"code":)");
  body.append(std::to_string(code));
  body.append(R"(,"message":)");
  append_json_string(body, message);
  if (errors != nullptr) {
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    errors->write_flat(writer);
    body.append(R"(,"errors":)").append(as_view(buffer));
  }
  body.push_back('}');
  response.set_json(status, body);
}

void failure(MockResponse& response, unsigned status, std::string_view message) {
  envelope(response, status, "null", false, static_cast<int>(status), message);
}

class PartnerBackend final : public Backend {
 public:
  explicit PartnerBackend(const BackendOptions& options)
      : digest_(options.digest), store_(partner_seed().customers_json) {}

  void handle(const MockRequest& request, MockResponse& response) override {
    const std::string_view path = request.path();
    if (path.substr(0, kApiPrefix.size()) != kApiPrefix) {
      failure(response, 404, "Not Found");
      return;
    }
    // The whole API sits behind Digest; nothing below is reachable without it.
    const DigestVerdict verdict = digest_.verify(request.header("Authorization"), request.method(), request.target());
    if (verdict != DigestVerdict::kAccepted) {
      failure(response, 401, "Unauthorized");
      response.add_header("WWW-Authenticate", digest_.issue(verdict == DigestVerdict::kStale));
      return;
    }
    if (request.header("x-client-id").empty()) {
      failure(response, 400, "x-client-id header required");
      return;
    }
    const std::string_view rest = path.substr(0, kCustomerPrefix.size()) == kCustomerPrefix
                                      ? path.substr(kCustomerPrefix.size())
                                      : std::string_view();
    if (rest.empty() || rest.find('/') != std::string_view::npos) {
      failure(response, 404, "Not Found");
      return;
    }
    const std::string id = percent_decode(rest);
    switch (request.message().method()) {
      case http::verb::get:
      case http::verb::head:
        show(id, response);
        break;
      case http::verb::patch:
        update(request, id, response);
        break;
      default:
        failure(response, 405, "Method Not Allowed");
        response.add_header("Allow", kAllow);
    }
  }

  void render_injected_error(unsigned status, const MockRequest&, MockResponse& response) override {
    switch (status) {
      case 429: failure(response, 429, "Too Many Attempts."); break;
      case 502: failure(response, 502, "Bad Gateway"); break;
      case 503: failure(response, 503, "Service Unavailable"); break;
      default: failure(response, status, "Server Error");
    }
  }

  void reset() override {
    store_.reset();
    // Nonces are authentication state, not data: a reset must not make the gateway's nonce stale.
    digest_.reset_count();
  }

  std::uint64_t digest_challenges() const override { return digest_.challenges_issued(); }

 private:
  void show(const std::string& id, MockResponse& response) {
    if (id == kSoftFailId) {
      envelope(response, 200, "null", false, 500, "Internal partner error");
      return;
    }
    const auto record = store_.find(id);
    if (!record) {
      failure(response, 404, "Record Not Found");
      return;
    }
    envelope(response, 200, *record, true, 0, "");
  }

  void update(const MockRequest& request, const std::string& id, MockResponse& response) {
    if (id == kSoftFailId) {
      envelope(response, 200, "null", false, 500, "Internal partner error");
      return;
    }
    // Laravel reads a body it cannot parse as no input at all (then the required rules fail).
    rapidjson::Document body;
    body.Parse(request.body().data(), request.body().size());
    if (body.HasParseError() || !body.IsObject()) body.SetObject();
    store_.modify([&](JsonDoc& records) {
      JsonValue* record = find_member(records, id);
      if (record == nullptr) {
        failure(response, 404, "Record Not Found");
        return;
      }
      ValidationErrors errors;
      StagedChanges changes(records.GetAllocator());
      validate(body, errors, changes);
      if (!errors.empty()) {
        envelope(response, 422, "null", false, 422, "Parameter Error", &errors);
        return;
      }
      changes.apply_to(*record);
      StagedChanges computed(records.GetAllocator());
      computed.set_string("fullname", full_name(*record));
      computed.apply_to(*record);
      envelope(response, 200, to_json_text(*record), true, 0, "");
    });
  }

  // The form request's rules; a given field is stored as trimmed (external_id and fullname are ignored).
  static void validate(const rapidjson::Document& body, ValidationErrors& errors, StagedChanges& changes) {
    auto field = [&](std::string_view key, const LaravelRules& rules) {
      const rapidjson::Value* value = find_member(body, key);
      if (const std::optional<std::string> message = laravel_check(value, key, rules)) {
        errors.add(key, "invalid", *message);
        return;
      }
      if (value == nullptr) return;
      JsonValue copy;
      if (value->IsString()) set_string(copy, laravel_text(*value), changes.allocator());
      changes.set_value(key, std::move(copy));
    };
    field("firstname", LaravelRules{.required = true, .min = 3, .max = 40});
    field("middlename", LaravelRules{.min = 3, .max = 40});
    field("lastname", LaravelRules{.required = true, .min = 3, .max = 40});
    field("email", LaravelRules{.email = true});
    field("phone", LaravelRules{.required = true});
    field("gender", LaravelRules{.in = {"M", "F"}});
    field("identity_number", LaravelRules{.required = true, .min = 3});
    field("birthdate", LaravelRules{.date_ymd = true});
  }

  // firstname, middlename and lastname, the empty ones left out.
  static std::string full_name(const JsonValue& record) {
    std::string name;
    for (const std::string_view key : {"firstname", "middlename", "lastname"}) {
      const std::string_view part = string_member(record, key);
      if (part.empty()) continue;
      if (!name.empty()) name.push_back(' ');
      name.append(part);
    }
    return name;
  }

  DigestChallenge digest_;
  CustomerStore store_;
};

}  // namespace

std::unique_ptr<Backend> make_partner_backend(const BackendOptions& options) {
  return std::make_unique<PartnerBackend>(options);
}

}  // namespace profilegw::mocks
