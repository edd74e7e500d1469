// The salla backend (seed 004): Salla's storefront API under /store/v1. Names, birthday and gender
// change at once; an email or mobile change waits as pending until the customer proves it with a
// one-time code, which is the flow behind the gateway's 202 verification_required.
#include <boost/beast/http/verb.hpp>

#include "mocks/backend.h"
#include "mocks/calling_codes.h"
#include "mocks/customer_store.h"
#include "mocks/field_checks.h"
#include "mocks/laravel_rules.h"
#include "mocks/salla_verification.h"
#include "mocks/seed_data.h"
#include "mocks/staged_changes.h"

namespace profilegw::mocks {

namespace {

namespace http = boost::beast::http;

constexpr std::string_view kUserPath = "/store/v1/auth/user";
constexpr std::string_view kProfileUpdatePath = "/store/v1/profile/update";
constexpr std::string_view kContactsUpdatePath = "/store/v1/profile/contacts/update";
constexpr std::string_view kVerifyPath = "/store/v1/profile/verify";

void success(MockResponse& response, std::string_view data_json) {
  std::string body = R"({"status":200,"success":true,"data":)";
  body.append(data_json).push_back('}');
  response.set_json(200, body);
}

// {"status": N, "success": false, "error": {"message", "code"[, "fields"]}}
void failure(MockResponse& response, unsigned status, std::string_view message, std::string_view code,
             const ValidationErrors* fields = nullptr) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  write_key(writer, "status");
  writer.Uint(status);
  write_key(writer, "success");
  writer.Bool(false);
  write_key(writer, "error");
  writer.StartObject();
  write_key(writer, "message");
  write_string(writer, message);
  write_key(writer, "code");
  write_string(writer, code);
  if (fields != nullptr) {
    write_key(writer, "fields");
    fields->write_flat(writer);
  }
  writer.EndObject();
  writer.EndObject();
  response.set_json(status, as_view(buffer));
}

void validation_failure(MockResponse& response, const ValidationErrors& fields) {
  failure(response, 422, "The given data was invalid.", "validation_failed", &fields);
}

void invalid_code(MockResponse& response) {
  ValidationErrors fields;
  fields.add("code", "invalid_code", "The code is invalid.");
  failure(response, 422, "The code is invalid.", "invalid_code", &fields);
}

// A JSON object body, or {} for anything else (Laravel's reading of unparseable input).
rapidjson::Document object_body(const MockRequest& request) {
  rapidjson::Document body;
  body.Parse(request.body().data(), request.body().size());
  if (body.HasParseError() || !body.IsObject()) body.SetObject();
  return body;
}

std::string_view string_field(const rapidjson::Value& body, std::string_view key) {
  const rapidjson::Value* value = find_member(body, key);
  if (value == nullptr || !value->IsString()) return {};
  return trim(std::string_view(value->GetString(), value->GetStringLength()));
}

// The one-time code as sent: a string, or a number (clients that send 1234 unquoted).
std::string code_text(const rapidjson::Value& body) {
  const rapidjson::Value* code = find_member(body, "code");
  if (code != nullptr && code->IsUint64()) return std::to_string(code->GetUint64());
  return std::string(string_field(body, "code"));
}

// The mobile number a body names (`phone`, or `mobile` as the contract table calls it, with
// `country_code`), or why it does not.
std::optional<MobileNumber> mobile_from(const rapidjson::Value& body, ValidationErrors& errors) {
  std::string_view number = string_field(body, "phone");
  const std::string_view number_key = number.empty() && !string_field(body, "mobile").empty() ? "mobile" : "phone";
  if (number.empty()) number = string_field(body, "mobile");
  const std::string_view country_code = string_field(body, "country_code");
  std::optional<CountryCallingCode> country;
  if (number.size() < 6 || number.size() > 15 || !is_all_digits(number)) {
    errors.add(number_key, "invalid", "The " + std::string(number_key) + " format is invalid.");
  }
  if (country_code.empty()) {
    errors.add("country_code", "required", "The country code field is required when phone is present.");
  } else if (!(country = resolve_country(country_code))) {
    errors.add("country_code", "invalid", "The selected country code is invalid.");
  }
  if (!errors.empty()) return std::nullopt;
  return MobileNumber{std::string(number), *country};
}

class SallaBackend final : public Backend {
 public:
  explicit SallaBackend(const BackendOptions& options) : otp_code_(options.otp_code), store_(salla_seed().customers_json) {}

  void handle(const MockRequest& request, MockResponse& response) override {
    const std::string_view path = request.path();
    const bool is_user = path == kUserPath;
    if (!is_user && path != kProfileUpdatePath && path != kContactsUpdatePath && path != kVerifyPath) {
      failure(response, 404, "Not Found", "not_found");
      return;
    }
    // Routing (404, 405) comes before middleware (store, then auth), as in Laravel.
    const http::verb method = request.message().method();
    const bool allowed = is_user ? (method == http::verb::get || method == http::verb::head) : method == http::verb::post;
    if (!allowed) {
      failure(response, 405, "Method Not Allowed", "method_not_allowed");
      response.add_header("Allow", is_user ? "GET, HEAD" : "POST");
      return;
    }
    if (request.header("Store-Identifier").empty()) {
      failure(response, 400, "The Store-Identifier header is required.", "store_identifier_required");
      return;
    }
    const std::optional<std::string_view> id = authenticate(request);
    if (!id) {
      failure(response, 401, "Unauthenticated", "unauthorized");
      response.add_header("WWW-Authenticate", "Bearer");
      return;
    }
    if (is_user) {
      show(*id, response);
    } else if (path == kProfileUpdatePath) {
      update_profile(request, *id, response);
    } else if (path == kContactsUpdatePath) {
      update_contacts(request, *id, response);
    } else {
      verify(request, *id, response);
    }
  }

  void render_injected_error(unsigned status, const MockRequest&, MockResponse& response) override {
    switch (status) {
      case 429: failure(response, 429, "Too Many Attempts.", "too_many_requests"); break;
      case 502: failure(response, 502, "Bad Gateway", "bad_gateway"); break;
      case 503: failure(response, 503, "Service Unavailable", "service_unavailable"); break;
      default: failure(response, status, "Server Error", "server_error");
    }
  }

  void reset() override {
    store_.reset();
    pending_.clear();
  }

 private:
  static std::optional<std::string_view> authenticate(const MockRequest& request) {
    const std::string_view header = request.header("Authorization");
    constexpr std::string_view kScheme = "Bearer ";
    if (header.size() <= kScheme.size() || !iequals(header.substr(0, kScheme.size()), kScheme)) return std::nullopt;
    return customer_for_token(salla_seed(), trim(header.substr(kScheme.size())));
  }

  void show(std::string_view id, MockResponse& response) {
    const auto record = store_.find(id);
    if (!record) {
      failure(response, 404, "Not Found", "not_found");
      return;
    }
    success(response, *record);
  }

  // first_name and last_name on every call; birthday and gender when given. Contacts are ignored
  // here: they change only through contacts/update and verify.
  void update_profile(const MockRequest& request, std::string_view id, MockResponse& response) {
    const rapidjson::Document body = object_body(request);
    store_.modify([&](JsonDoc& records) {
      JsonValue* record = find_member(records, id);
      if (record == nullptr) {
        failure(response, 404, "Not Found", "not_found");
        return;
      }
      ValidationErrors errors;
      StagedChanges changes(records.GetAllocator());
      auto field = [&](std::string_view key, const LaravelRules& rules) {
        const rapidjson::Value* value = find_member(body, key);
        if (const std::optional<std::string> message = laravel_check(value, key, rules)) {
          errors.add(key, "invalid", *message);
        } else if (value != nullptr) {
          std::optional<std::string> text;
          if (!laravel_blank(value)) text = std::string(string_field(body, key));
          changes.set_string(key, text);
        }
      };
      field("first_name", LaravelRules{.required = true, .max = 255});
      field("last_name", LaravelRules{.required = true, .max = 255});
      field("birthday", LaravelRules{.date_ymd = true});
      field("gender", LaravelRules{.in = {"male", "female"}});
      if (!errors.empty()) {
        validation_failure(response, errors);
        return;
      }
      changes.apply_to(*record);
      success(response, to_json_text(*record));
    });
  }

  void update_contacts(const MockRequest& request, std::string_view id, MockResponse& response) {
    const rapidjson::Document body = object_body(request);
    const bool has_email = !laravel_blank(find_member(body, "email"));
    const bool has_mobile = !laravel_blank(find_member(body, "phone")) || !laravel_blank(find_member(body, "mobile"));
    ValidationErrors errors;
    if (has_email && has_mobile) {
      errors.add("phone", "prohibits", "The phone field prohibits email from being present.");
    } else if (!has_email && !has_mobile) {
      errors.add("email", "required_without", "The email field is required when phone is not present.");
    }
    std::optional<std::string> email;
    std::optional<MobileNumber> mobile;
    if (errors.empty() && has_email) {
      if (const auto message = laravel_check(find_member(body, "email"), "email", LaravelRules{.max = 255, .email = true})) {
        errors.add("email", "invalid", *message);
      } else {
        email = std::string(string_field(body, "email"));
      }
    } else if (errors.empty()) {
      mobile = mobile_from(body, errors);
    }
    if (!errors.empty()) {
      validation_failure(response, errors);
      return;
    }
    if (email) pending_.stage_email(id, *email);
    if (mobile) pending_.stage_mobile(id, *mobile);
    success(response, email ? R"({"verification":{"status":"pending","type":"email"}})"
                            : R"({"verification":{"status":"pending","type":"mobile"}})");
  }

  void verify(const MockRequest& request, std::string_view id, MockResponse& response) {
    const rapidjson::Document body = object_body(request);
    const std::string_view type = string_field(body, "type");
    ValidationErrors errors;
    const LaravelRules type_rules{.required = true, .in = {"mobile", "email"}};
    if (const auto message = laravel_check(find_member(body, "type"), "type", type_rules)) {
      errors.add("type", "invalid", *message);
    }
    if (laravel_blank(find_member(body, "code"))) errors.add("code", "required", "The code field is required.");
    if (!errors.empty()) {
      validation_failure(response, errors);
      return;
    }
    // The code must be right and the contact must be the one waiting; then the change applies.
    std::optional<std::string> email;
    std::optional<MobileNumber> mobile;
    if (code_text(body) == otp_code_) {
      if (type == "email") {
        email = pending_.take_email(id, string_field(body, "email"));
      } else {
        ValidationErrors ignored;
        if (const std::optional<MobileNumber> given = mobile_from(body, ignored)) mobile = pending_.take_mobile(id, *given);
      }
    }
    if (!email && !mobile) {
      invalid_code(response);
      return;
    }
    store_.modify([&](JsonDoc& records) {
      JsonValue* record = find_member(records, id);
      if (record == nullptr) {
        failure(response, 404, "Not Found", "not_found");
        return;
      }
      StagedChanges changes(records.GetAllocator());
      if (email) changes.set_string("email", *email);
      if (mobile) {
        auto& allocator = records.GetAllocator();
        JsonValue phone(rapidjson::kObjectType);
        JsonValue part;
        set_string(part, mobile->country.calling_code, allocator);
        phone.AddMember("code", part, allocator);
        set_string(part, mobile->number, allocator);
        phone.AddMember("number", part, allocator);
        set_string(part, mobile->country.iso, allocator);
        phone.AddMember("country", part, allocator);
        changes.set_value("phone", std::move(phone));
      }
      changes.apply_to(*record);
      success(response, to_json_text(*record));
    });
  }

  const std::string otp_code_;
  CustomerStore store_;
  PendingContacts pending_;
};

}  // namespace

std::unique_ptr<Backend> make_salla_backend(const BackendOptions& options) {
  return std::make_unique<SallaBackend>(options);
}

}  // namespace profilegw::mocks
