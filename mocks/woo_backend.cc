// The WooCommerce backend (REST API v3, woocommerce.github.io/woocommerce-rest-api-docs, "Customers"):
// GET /wp-json/wc/v3/customers/<id>, and PUT (or POST, PATCH: WordPress's EDITABLE methods) to
// update some members of it, nested `billing`/`shipping` merged key by key and `meta_data` entries
// matched by id or key. The gateway authenticates with the store's consumer key and secret over
// HTTP Basic. Errors are WordPress REST errors: {"code", "message", "data": {"status", ...}}.
#include <boost/beast/http/verb.hpp>

#include "mocks/backend.h"
#include "mocks/basic_auth.h"
#include "mocks/customer_store.h"
#include "mocks/field_checks.h"
#include "mocks/staged_changes.h"

namespace profilegw::mocks {

namespace {

namespace http = boost::beast::http;

constexpr std::string_view kPrefix = "/wp-json/wc/v3/customers/";
constexpr std::string_view kConsumerKey = "ck_demo_4f1e2d3c4b5a69788796a5b4c3d2e1f0";
constexpr std::string_view kConsumerSecret = "cs_demo_0a1b2c3d4e5f60718293a4b5c6d7e8f9";

constexpr std::string_view kCustomers = R"({
  "25": {"id": 25, "date_created": "2017-03-21T16:09:28", "date_created_gmt": "2017-03-21T19:09:28",
         "date_modified": "2017-03-21T16:09:30", "date_modified_gmt": "2017-03-21T19:09:30",
         "email": "john.doe@example.com", "first_name": "John", "last_name": "Doe", "role": "customer",
         "username": "john.doe",
         "billing": {"first_name": "John", "last_name": "Doe", "company": "", "address_1": "969 Market",
                     "address_2": "", "city": "San Francisco", "state": "CA", "postcode": "94103", "country": "US",
                     "email": "john.doe@example.com", "phone": "+1 (415) 555-0100"},
         "shipping": {"first_name": "John", "last_name": "Doe", "company": "", "address_1": "969 Market",
                      "address_2": "", "city": "San Francisco", "state": "CA", "postcode": "94103", "country": "US"},
         "is_paying_customer": false,
         "avatar_url": "https://secure.gravatar.com/avatar/8eb1b522f60d11fa897de1dc6351b7e8?s=96",
         "meta_data": [{"id": 101, "key": "birth_date", "value": "15/01/1990"},
                       {"id": 102, "key": "gender", "value": "m"}],
         "_links": {"self": [{"href": "https://store.example/wp-json/wc/v3/customers/25"}],
                    "collection": [{"href": "https://store.example/wp-json/wc/v3/customers"}]}},
  "26": {"id": 26, "date_created": "2019-08-02T10:11:12", "date_created_gmt": "2019-08-02T13:11:12",
         "date_modified": "2019-08-02T10:11:12", "date_modified_gmt": "2019-08-02T13:11:12",
         "email": "jane.smith@example.com", "first_name": "Jane", "last_name": "Smith", "role": "customer",
         "username": "jane.smith",
         "billing": {"first_name": "Jane", "last_name": "Smith", "company": "", "address_1": "", "address_2": "",
                     "city": "", "state": "", "postcode": "", "country": "", "email": "jane.smith@example.com",
                     "phone": "0044 20 7946 0958"},
         "shipping": {"first_name": "", "last_name": "", "company": "", "address_1": "", "address_2": "",
                      "city": "", "state": "", "postcode": "", "country": ""},
         "is_paying_customer": true, "avatar_url": "https://secure.gravatar.com/avatar/00000000000000000000?s=96",
         "meta_data": [{"id": 201, "key": "birth_date", "value": ""}, {"id": 202, "key": "gender", "value": ""}],
         "_links": {"self": [{"href": "https://store.example/wp-json/wc/v3/customers/26"}],
                    "collection": [{"href": "https://store.example/wp-json/wc/v3/customers"}]}}
})";

constexpr std::string_view kTextMembers[] = {"email", "first_name", "last_name"};
constexpr std::string_view kAddressMembers[] = {"first_name", "last_name", "company", "address_1",
                                                "address_2",  "city",      "state",   "postcode",
                                                "country",    "email",     "phone"};

// {"code": ..., "message": ..., "data": {"status": N<data>}}: `data` adds members after the status.
void wp_error(MockResponse& response, unsigned status, std::string_view code, std::string_view message,
              std::string_view data = "") {
  std::string body = "{\"code\":";
  append_json_string(body, code);
  body += ",\"message\":";
  append_json_string(body, message);
  body += ",\"data\":{\"status\":" + std::to_string(status);
  body += data;
  body += "}}";
  response.set_json(status, body);
}

void no_route(MockResponse& response) {
  wp_error(response, 404, "rest_no_route", "No route was found matching the URL and request method.");
}

// WordPress's REST schema validation, one message per parameter (the top-level member's name).
class ParamErrors {
 public:
  void add(std::string_view param, std::string message) {
    for (const auto& [p, m] : errors_) {
      if (p == param) return;  // WordPress reports the first problem of each parameter
    }
    errors_.emplace_back(std::string(param), std::move(message));
  }
  bool empty() const { return errors_.empty(); }

  void render(MockResponse& response) const {
    std::string names;
    std::string params = ",\"params\":{";
    std::string details = ",\"details\":{";
    for (std::size_t i = 0; i < errors_.size(); ++i) {
      const auto& [param, message] = errors_[i];
      if (i > 0) {
        names += ", ";
        params += ',';
        details += ',';
      }
      names += param;
      append_json_string(params, param);
      params += ':';
      append_json_string(params, message);
      append_json_string(details, param);
      details += ":{\"code\":\"rest_invalid_param\",\"message\":";
      append_json_string(details, message);
      details += ",\"data\":null}";
    }
    wp_error(response, 400, "rest_invalid_param", "Invalid parameter(s): " + names,
             params + "}" + details + "}");
  }

 private:
  std::vector<std::pair<std::string, std::string>> errors_;
};

void check_address(const rapidjson::Value& v, std::string_view param, bool has_contact, ParamErrors& errors) {
  if (!v.IsObject()) {
    errors.add(param, std::string(param) + " is not of type object.");
    return;
  }
  for (std::string_view key : kAddressMembers) {
    if (!has_contact && (key == "email" || key == "phone")) continue;
    const rapidjson::Value* member = find_member(v, key);
    if (member == nullptr) continue;
    const std::string name = std::string(param) + "[" + std::string(key) + "]";
    if (!member->IsString()) {
      errors.add(param, name + " is not of type string.");
    } else if (key == "email" && member->GetStringLength() > 0 &&
               !is_email(std::string_view(member->GetString(), member->GetStringLength()))) {
      errors.add(param, name + " is not a valid email address.");
    }
  }
}

void check_meta_data(const rapidjson::Value& v, ParamErrors& errors) {
  if (!v.IsArray()) {
    errors.add("meta_data", "meta_data is not of type array.");
    return;
  }
  for (const rapidjson::Value& item : v.GetArray()) {
    if (!item.IsObject()) errors.add("meta_data", "meta_data[0] is not of type object.");
  }
}

bool email_taken(const JsonDoc& records, std::string_view self_id, std::string_view email) {
  for (auto it = records.MemberBegin(); it != records.MemberEnd(); ++it) {
    const std::string_view id(it->name.GetString(), it->name.GetStringLength());
    if (id != self_id && iequals(string_member(it->value, "email"), email)) return true;
  }
  return false;
}

// A meta_data entry is updated by its id, else by its key; an entry with a new key is added.
void apply_meta_data(const rapidjson::Value& items, JsonValue& record, JsonDoc::AllocatorType& allocator,
                     std::int64_t& next_id) {
  JsonValue* meta = find_member(record, "meta_data");
  if (meta == nullptr || !meta->IsArray()) {
    set_member(record, "meta_data", JsonValue(rapidjson::kArrayType), allocator);
    meta = find_member(record, "meta_data");
  }
  for (const rapidjson::Value& item : items.GetArray()) {
    const rapidjson::Value* id = find_member(item, "id");
    const rapidjson::Value* key = find_member(item, "key");
    const rapidjson::Value* value = find_member(item, "value");
    JsonValue* target = nullptr;
    for (JsonValue& entry : meta->GetArray()) {
      const JsonValue* entry_id = find_member(entry, "id");
      const bool same_id = id != nullptr && id->IsInt64() && entry_id != nullptr && entry_id->IsInt64() &&
                           entry_id->GetInt64() == id->GetInt64();
      const bool same_key =
          id == nullptr && key != nullptr && key->IsString() &&
          string_member(entry, "key") == std::string_view(key->GetString(), key->GetStringLength());
      if (same_id || same_key) {
        target = &entry;
        break;
      }
    }
    if (target == nullptr) {
      if (key == nullptr || !key->IsString()) continue;  // WordPress cannot add meta without a key
      JsonValue entry(rapidjson::kObjectType);
      set_member(entry, "id", JsonValue(next_id++), allocator);
      set_member(entry, "key", JsonValue(*key, allocator), allocator);
      set_member(entry, "value", JsonValue(rapidjson::kNullType), allocator);
      meta->PushBack(entry, allocator);
      target = &(*meta)[meta->Size() - 1];
    }
    if (key != nullptr && key->IsString()) set_member(*target, "key", JsonValue(*key, allocator), allocator);
    if (value != nullptr) set_member(*target, "value", JsonValue(*value, allocator), allocator);
  }
}

void merge_address(const rapidjson::Value& changes, JsonValue& record, std::string_view param,
                   JsonDoc::AllocatorType& allocator) {
  JsonValue* address = find_member(record, param);
  if (address == nullptr || !address->IsObject()) {
    set_member(record, param, JsonValue(rapidjson::kObjectType), allocator);
    address = find_member(record, param);
  }
  for (std::string_view key : kAddressMembers) {
    if (const rapidjson::Value* v = find_member(changes, key))
      set_member(*address, key, JsonValue(*v, allocator), allocator);
  }
}

class WooBackend final : public Backend {
 public:
  WooBackend() : store_(kCustomers) {}

  void handle(const MockRequest& request, MockResponse& response) override {
    const std::string_view path = request.path();
    if (path.substr(0, kPrefix.size()) != kPrefix) {
      no_route(response);
      return;
    }
    const std::string_view id = path.substr(kPrefix.size());
    // The route is customers/(?P<id>[\d]+): anything else matches no route.
    if (id.empty() || !is_all_digits(id)) {
      no_route(response);
      return;
    }
    const http::verb method = request.message().method();
    const bool read = method == http::verb::get || method == http::verb::head;
    const bool write = method == http::verb::put || method == http::verb::post || method == http::verb::patch;
    if (!read && !write) {
      no_route(response);
      return;
    }
    if (!authenticated(request, response, read)) return;
    if (read) {
      show(id, response);
    } else {
      update(request, id, response);
    }
  }

  void render_injected_error(unsigned status, const MockRequest&, MockResponse& response) override {
    if (status == 429) {
      wp_error(response, 429, "rest_too_many_requests", "Too many requests. Please slow down.");
    } else {
      wp_error(response, status, "internal_server_error", "There has been a critical error on this website.");
    }
  }

  void reset() override {
    store_.reset();
    std::lock_guard lock(mutex_);
    next_meta_id_ = 1000;
  }

 private:
  // The consumer key and secret, as HTTP Basic user and password.
  static bool authenticated(const MockRequest& request, MockResponse& response, bool read) {
    const std::string_view header = request.header("Authorization");
    if (header.empty()) {
      wp_error(response, 401, read ? "woocommerce_rest_cannot_view" : "woocommerce_rest_cannot_edit",
               read ? "Sorry, you cannot view this resource."
                    : "Sorry, you are not allowed to edit this resource.");
      return false;
    }
    const std::optional<BasicCredentials> credentials = basic_credentials(header);
    if (!credentials || credentials->user != kConsumerKey) {
      wp_error(response, 401, "woocommerce_rest_authentication_error", "Consumer key is invalid.");
      return false;
    }
    if (credentials->password != kConsumerSecret) {
      wp_error(response, 401, "woocommerce_rest_authentication_error",
               "Invalid signature - provided signature does not match.");
      return false;
    }
    return true;
  }

  void show(std::string_view id, MockResponse& response) {
    const auto record = store_.find(id);
    if (!record) {
      wp_error(response, 404, "woocommerce_rest_invalid_id", "Invalid ID.");
      return;
    }
    response.set_json(200, *record);
  }

  void update(const MockRequest& request, std::string_view id, MockResponse& response) {
    rapidjson::Document body;
    const std::string_view text = request.body();
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      body.SetObject();
    } else {
      body.Parse(text.data(), text.size());
      if (body.HasParseError() || !body.IsObject()) {
        wp_error(response, 400, "rest_invalid_json", "Invalid JSON body passed.",
                 ",\"json_error_code\":4,\"json_error_message\":\"Syntax error\"");
        return;
      }
    }
    store_.modify([&](JsonDoc& records) {
      JsonValue* record = find_member(records, id);
      if (record == nullptr) {
        wp_error(response, 404, "woocommerce_rest_invalid_id", "Invalid ID.");
        return;
      }
      ParamErrors errors;
      validate(body, errors);
      if (!errors.empty()) {
        errors.render(response);
        return;
      }
      if (const rapidjson::Value* email = find_member(body, "email");
          email != nullptr &&
          email_taken(records, id, std::string_view(email->GetString(), email->GetStringLength()))) {
        wp_error(response, 400, "registration-error-email-exists",
                 "An account is already registered with your email address. Please log in.");
        return;
      }
      apply(body, *record, records.GetAllocator());
      response.set_json(200, to_json_text(*record));
    });
  }

  static void validate(const rapidjson::Document& body, ParamErrors& errors) {
    for (std::string_view key : kTextMembers) {
      const rapidjson::Value* v = find_member(body, key);
      if (v == nullptr) continue;
      if (!v->IsString()) {
        errors.add(key, std::string(key) + " is not of type string.");
      } else if (key == "email" && !is_email(std::string_view(v->GetString(), v->GetStringLength()))) {
        errors.add(key, "Invalid email address.");
      }
    }
    if (const rapidjson::Value* v = find_member(body, "billing")) check_address(*v, "billing", true, errors);
    if (const rapidjson::Value* v = find_member(body, "shipping"))
      check_address(*v, "shipping", false, errors);
    if (const rapidjson::Value* v = find_member(body, "meta_data")) check_meta_data(*v, errors);
  }

  // Read-only members (id, dates, role, username, avatar_url, is_paying_customer) are ignored.
  void apply(const rapidjson::Document& body, JsonValue& record, JsonDoc::AllocatorType& allocator) {
    for (std::string_view key : kTextMembers) {
      if (const rapidjson::Value* v = find_member(body, key))
        set_member(record, key, JsonValue(*v, allocator), allocator);
    }
    if (const rapidjson::Value* v = find_member(body, "billing"))
      merge_address(*v, record, "billing", allocator);
    if (const rapidjson::Value* v = find_member(body, "shipping"))
      merge_address(*v, record, "shipping", allocator);
    if (const rapidjson::Value* v = find_member(body, "meta_data")) {
      std::lock_guard lock(mutex_);
      apply_meta_data(*v, record, allocator, next_meta_id_);
    }
  }

  CustomerStore store_;
  std::mutex mutex_;
  std::int64_t next_meta_id_ = 1000;
};

}  // namespace

std::unique_ptr<Backend> make_woo_backend(const BackendOptions&) { return std::make_unique<WooBackend>(); }

}  // namespace profilegw::mocks
