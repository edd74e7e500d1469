// The Shopify backend (Admin REST API 2024-01, shopify.dev/docs/api/admin-rest/2024-01/resources/customer):
// GET and PUT /admin/api/2024-01/customers/<id>.json, with the app's access token in the
// X-Shopify-Access-Token header. Bodies are wrapped: {"customer": {...}} both ways. A PUT changes
// the members it carries; `addresses` entries with an id update that address, entries without one
// add an address. Validation errors are 422 {"errors": {"email": ["is invalid"]}}; other errors are
// {"errors": "Not Found"}.
#include <boost/beast/http/verb.hpp>

#include "mocks/backend.h"
#include "mocks/customer_store.h"
#include "mocks/field_checks.h"
#include "mocks/staged_changes.h"

namespace profilegw::mocks {

namespace {

namespace http = boost::beast::http;

constexpr std::string_view kPrefix = "/admin/api/2024-01/customers/";
constexpr std::string_view kSuffix = ".json";
constexpr std::string_view kAccessToken = "shpat_demo_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b";
constexpr std::size_t kNameLength = 255;

constexpr std::string_view kCustomers = R"({
  "207119551": {"id": 207119551, "email": "bob.norman@mail.example.com", "accepts_marketing": false,
                "created_at": "2024-01-02T09:00:00-05:00", "updated_at": "2024-01-02T09:00:00-05:00",
                "first_name": "Bob", "last_name": "Norman", "orders_count": 1, "state": "disabled",
                "total_spent": "199.65", "last_order_id": 450789469, "note": null, "verified_email": true,
                "multipass_identifier": null, "tax_exempt": false, "tags": "Léon, Noël", "last_order_name": "#1001",
                "currency": "USD", "phone": "+16136120707",
                "addresses": [{"id": 207119551, "customer_id": 207119551, "first_name": null, "last_name": null,
                               "company": null, "address1": "Chestnut Street 92", "address2": "", "city": "Louisville",
                               "province": "Kentucky", "country": "United States", "zip": "40202",
                               "phone": "555-625-1199", "name": "", "province_code": "KY", "country_code": "US",
                               "country_name": "United States", "default": true}],
                "tax_exemptions": [],
                "email_marketing_consent": {"state": "not_subscribed", "opt_in_level": null,
                                            "consent_updated_at": "2004-06-13T11:57:11-04:00"},
                "admin_graphql_api_id": "gid://shopify/Customer/207119551"},
  "207119552": {"id": 207119552, "email": "ana.lima@mail.example.com", "accepts_marketing": true,
                "created_at": "2024-01-05T12:30:00-05:00", "updated_at": "2024-01-05T12:30:00-05:00",
                "first_name": "Ana", "last_name": "Lima", "orders_count": 0, "state": "enabled",
                "total_spent": "0.00", "last_order_id": null, "note": "prefers e-mail", "verified_email": true,
                "multipass_identifier": null, "tax_exempt": false, "tags": "", "last_order_name": null,
                "currency": "BRL", "phone": null, "addresses": [], "tax_exemptions": [],
                "email_marketing_consent": {"state": "subscribed", "opt_in_level": "single_opt_in",
                                            "consent_updated_at": "2024-01-05T12:30:00-05:00"},
                "admin_graphql_api_id": "gid://shopify/Customer/207119552"}
})";

constexpr std::string_view kTextMembers[] = {"first_name", "last_name", "email", "phone", "note", "tags"};
constexpr std::string_view kAddressMembers[] = {
    "first_name", "last_name", "company", "address1", "address2",      "city",        "province",
    "country",    "zip",       "phone",   "name",     "province_code", "country_code"};

void errors_text(MockResponse& response, unsigned status, std::string_view message) {
  std::string body = "{\"errors\":";
  append_json_string(body, message);
  body += '}';
  response.set_json(status, body);
}

// Rails-style validation messages: {"field": ["message", ...]}.
class FieldErrors {
 public:
  void add(std::string_view field, std::string_view message) { errors_.emplace_back(field, message); }
  bool empty() const { return errors_.empty(); }
  void render(MockResponse& response) const {
    std::string body = "{\"errors\":{";
    for (std::size_t i = 0; i < errors_.size(); ++i) {
      if (i > 0) body += ',';
      append_json_string(body, errors_[i].first);
      body += ":[";
      append_json_string(body, errors_[i].second);
      body += ']';
    }
    body += "}}";
    response.set_json(422, body);
  }

 private:
  std::vector<std::pair<std::string, std::string>> errors_;
};

bool is_e164(std::string_view text) {
  return text.size() >= 9 && text.size() <= 16 && text.front() == '+' && is_all_digits(text.substr(1));
}

bool taken(const JsonDoc& records, std::string_view self_id, std::string_view key, std::string_view value) {
  for (auto it = records.MemberBegin(); it != records.MemberEnd(); ++it) {
    const std::string_view id(it->name.GetString(), it->name.GetStringLength());
    if (id != self_id && iequals(string_member(it->value, key), value)) return true;
  }
  return false;
}

void validate(const rapidjson::Value& customer, const JsonDoc& records, std::string_view id,
              FieldErrors& errors) {
  for (std::string_view key : kTextMembers) {
    const rapidjson::Value* v = find_member(customer, key);
    if (v == nullptr || v->IsNull()) continue;
    if (!v->IsString()) {
      errors.add(key, "is invalid");
      continue;
    }
    const std::string_view text(v->GetString(), v->GetStringLength());
    if ((key == "first_name" || key == "last_name") && char_count(text) > kNameLength) {
      errors.add(key, "is too long (maximum is 255 characters)");
    } else if (key == "email" && !text.empty() && !is_email(text)) {
      errors.add(key, "is invalid");
    } else if (key == "email" && taken(records, id, "email", text)) {
      errors.add(key, "has already been taken");
    } else if (key == "phone" && !text.empty() && !is_e164(text)) {
      errors.add(key, "is invalid");
    } else if (key == "phone" && !text.empty() && taken(records, id, "phone", text)) {
      errors.add(key, "has already been taken");
    }
  }
  if (const rapidjson::Value* addresses = find_member(customer, "addresses")) {
    if (!addresses->IsArray()) {
      errors.add("addresses", "is invalid");
      return;
    }
    for (const rapidjson::Value& a : addresses->GetArray()) {
      if (!a.IsObject()) {
        errors.add("addresses", "is invalid");
        continue;
      }
      for (std::string_view key : kAddressMembers) {
        const rapidjson::Value* v = find_member(a, key);
        if (v != nullptr && !v->IsNull() && !v->IsString())
          errors.add("addresses." + std::string(key), "is invalid");
      }
    }
  }
}

// Entries with a known id update that address; the others are new addresses.
void apply_addresses(const rapidjson::Value& changes, JsonValue& record, std::string_view customer_id,
                     JsonDoc::AllocatorType& allocator, std::int64_t& next_id) {
  JsonValue* addresses = find_member(record, "addresses");
  for (const rapidjson::Value& change : changes.GetArray()) {
    const rapidjson::Value* id = find_member(change, "id");
    JsonValue* target = nullptr;
    for (JsonValue& a : addresses->GetArray()) {
      const JsonValue* a_id = find_member(a, "id");
      if (id != nullptr && id->IsInt64() && a_id != nullptr && a_id->IsInt64() &&
          a_id->GetInt64() == id->GetInt64()) {
        target = &a;
        break;
      }
    }
    if (target == nullptr) {
      JsonValue fresh(rapidjson::kObjectType);
      set_member(fresh, "id", JsonValue(next_id++), allocator);
      std::int64_t owner = 0;
      for (char c : customer_id) owner = owner * 10 + (c - '0');
      set_member(fresh, "customer_id", JsonValue(owner), allocator);
      for (std::string_view key : kAddressMembers)
        set_member(fresh, key, JsonValue(rapidjson::kNullType), allocator);
      set_member(fresh, "default", JsonValue(addresses->Empty()), allocator);
      addresses->PushBack(fresh, allocator);
      target = &(*addresses)[addresses->Size() - 1];
    }
    for (std::string_view key : kAddressMembers) {
      if (const rapidjson::Value* v = find_member(change, key))
        set_member(*target, key, JsonValue(*v, allocator), allocator);
    }
  }
}

// default_address mirrors the address marked default (read-only, kept in step with `addresses`).
void refresh_default_address(JsonValue& record, JsonDoc::AllocatorType& allocator) {
  const JsonValue* addresses = find_member(record, "addresses");
  const JsonValue* chosen = nullptr;
  if (addresses != nullptr && addresses->IsArray()) {
    for (const JsonValue& a : addresses->GetArray()) {
      const JsonValue* d = find_member(a, "default");
      if (chosen == nullptr || (d != nullptr && d->IsTrue())) chosen = &a;
      if (d != nullptr && d->IsTrue()) break;
    }
  }
  if (chosen != nullptr) set_member(record, "default_address", JsonValue(*chosen, allocator), allocator);
}

class ShopifyBackend final : public Backend {
 public:
  ShopifyBackend() : store_(kCustomers) { seed_default_addresses(); }

  void handle(const MockRequest& request, MockResponse& response) override {
    const std::string_view path = request.path();
    if (path.size() <= kPrefix.size() + kSuffix.size() || path.substr(0, kPrefix.size()) != kPrefix ||
        path.substr(path.size() - kSuffix.size()) != kSuffix) {
      errors_text(response, 404, "Not Found");
      return;
    }
    const std::string_view id = path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size());
    if (request.header("X-Shopify-Access-Token") != kAccessToken) {
      errors_text(response, 401,
                  "[API] Invalid API key or access token (unrecognized login or wrong password)");
      return;
    }
    if (!is_all_digits(id)) {
      errors_text(response, 404, "Not Found");
      return;
    }
    const http::verb method = request.message().method();
    if (method == http::verb::get || method == http::verb::head) {
      show(id, response);
    } else if (method == http::verb::put) {
      update(request, id, response);
    } else {
      // Shopify answers an unrouted method like an unknown resource.
      errors_text(response, 404, "Not Found");
    }
  }

  void render_injected_error(unsigned status, const MockRequest&, MockResponse& response) override {
    if (status == 429) {
      errors_text(response, 429,
                  "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted "
                  "service.");
    } else {
      errors_text(response, status, "Internal Server Error");
    }
  }

  void reset() override {
    store_.reset();
    seed_default_addresses();
    std::lock_guard lock(mutex_);
    next_address_id_ = 900000000;
  }

 private:
  void seed_default_addresses() {
    store_.modify([](JsonDoc& records) {
      for (auto it = records.MemberBegin(); it != records.MemberEnd(); ++it) {
        refresh_default_address(it->value, records.GetAllocator());
      }
    });
  }

  void show(std::string_view id, MockResponse& response) {
    const auto record = store_.find(id);
    if (!record) {
      errors_text(response, 404, "Not Found");
      return;
    }
    response.set_json(200, "{\"customer\":" + *record + "}");
  }

  void update(const MockRequest& request, std::string_view id, MockResponse& response) {
    rapidjson::Document body;
    body.Parse(request.body().data(), request.body().size());
    if (body.HasParseError()) {
      errors_text(response, 400, "Bad Request");
      return;
    }
    const rapidjson::Value* customer = find_member(body, "customer");
    if (customer == nullptr || !customer->IsObject()) {
      response.set_json(400, R"({"errors":{"customer":"Required parameter missing or invalid"}})");
      return;
    }
    store_.modify([&](JsonDoc& records) {
      JsonValue* record = find_member(records, id);
      if (record == nullptr) {
        errors_text(response, 404, "Not Found");
        return;
      }
      FieldErrors errors;
      validate(*customer, records, id, errors);
      if (!errors.empty()) {
        errors.render(response);
        return;
      }
      JsonDoc::AllocatorType& allocator = records.GetAllocator();
      for (std::string_view key : kTextMembers) {
        if (const rapidjson::Value* v = find_member(*customer, key)) {
          // Shopify stores a blank e-mail or phone as null.
          const bool blank = v->IsString() && v->GetStringLength() == 0 && (key == "email" || key == "phone");
          set_member(*record, key, blank ? JsonValue(rapidjson::kNullType) : JsonValue(*v, allocator),
                     allocator);
        }
      }
      if (const rapidjson::Value* addresses = find_member(*customer, "addresses")) {
        std::lock_guard lock(mutex_);
        apply_addresses(*addresses, *record, id, allocator, next_address_id_);
      }
      refresh_default_address(*record, allocator);
      set_member(*record, "updated_at", JsonValue("2024-02-01T10:00:00-05:00", allocator), allocator);
      response.set_json(200, "{\"customer\":" + to_json_text(*record) + "}");
    });
  }

  CustomerStore store_;
  std::mutex mutex_;
  std::int64_t next_address_id_ = 900000000;
};

}  // namespace

std::unique_ptr<Backend> make_shopify_backend(const BackendOptions&) {
  return std::make_unique<ShopifyBackend>();
}

}  // namespace profilegw::mocks
