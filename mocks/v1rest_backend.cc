// The v1rest backend (seed 002): a DRF retrieve/replace view on /api/v1/customers/{id}/ with
// simplejwt tokens that each own one customer. PUT replaces the whole record, nested address
// included, and PATCH is refused, which is why the gateway reads, merges, then PUTs. Behaviour
// follows the real DRF peer in tests/peers/drf (its README lists what was observed).
#include <boost/beast/http/verb.hpp>

#include "mocks/backend.h"
#include "mocks/customer_store.h"
#include "mocks/drf_auth.h"
#include "mocks/drf_fields.h"
#include "mocks/field_checks.h"
#include "mocks/seed_data.h"
#include "mocks/staged_changes.h"

namespace profilegw::mocks {

namespace {

namespace http = boost::beast::http;

constexpr std::string_view kPrefix = "/api/v1/customers/";
constexpr std::string_view kAllow = "GET, PUT, HEAD, OPTIONS";
constexpr std::string_view kVary = "Accept";
constexpr std::size_t kNameLength = 50;  // CharField(max_length=50), as in the DRF peer

// The member `key` of `body`, or nullptr after recording DRF's "required" error under `attr`.
const rapidjson::Value* required_member(const rapidjson::Value& body, std::string_view key, std::string_view attr,
                                        ValidationErrors& errors) {
  const rapidjson::Value* value = find_member(body, key);
  if (value == nullptr) passes(errors, attr, drf_required());
  return value;
}

// The URL pattern is <int:pk>: anything else never reaches DRF (Django's HTML 404).
bool is_pk(std::string_view id) { return !id.empty() && is_all_digits(id); }

// Whether a customer other than `self_id` already has `email` (the column is unique).
bool email_taken(const JsonDoc& records, std::string_view self_id, std::string_view email) {
  for (auto it = records.MemberBegin(); it != records.MemberEnd(); ++it) {
    const std::string_view id(it->name.GetString(), it->name.GetStringLength());
    if (id != self_id && string_member(it->value, "email") == email) return true;
  }
  return false;
}

class V1restBackend final : public Backend {
 public:
  explicit V1restBackend(const BackendOptions& options)
      : dialect_(options.django_errors), store_(v1rest_seed().customers_json) {}

  void handle(const MockRequest& request, MockResponse& response) override {
    const std::string_view path = request.path();
    if (path.substr(0, kPrefix.size()) != kPrefix) {
      django_not_found(response);
      return;
    }
    const std::string_view rest = path.substr(kPrefix.size());
    const std::size_t slash = rest.find('/');
    if (!rest.empty() && slash == std::string_view::npos) {
      permanent_redirect(response, std::string(path) + "/" + std::string(request.query()));
      return;
    }
    if (rest.empty() || slash == 0 || slash + 1 != rest.size()) {
      django_not_found(response);
      return;
    }
    const std::string id = percent_decode(rest.substr(0, slash));
    if (!is_pk(id)) {
      django_not_found(response);
      return;
    }
    const DrfView view{kAllow, kVary, requested_dialect(request, dialect_)};
    const std::optional<std::string_view> owned = authenticate_jwt(request, v1rest_seed(), response, view);
    if (!owned) return;
    const http::verb method = request.message().method();
    if (method == http::verb::options) {
      drf_options(response, "Customer Detail", view);
      return;
    }
    if (method != http::verb::get && method != http::verb::head && method != http::verb::put) {
      drf_method_not_allowed(response, request.method(), view);
      return;
    }
    // get_object(): the lookup (404), then the object permission (403), before the body is read.
    // DRF 3.14 turns get_object_or_404's Http404 into a plain NotFound: "Not found.".
    if (!store_.find(id)) {
      drf_error(response, 404, "not_found", "Not found.", view);
      return;
    }
    if (*owned != id) {
      drf_error(response, 403, "permission_denied", "You do not have permission to perform this action.", view);
      return;
    }
    if (method == http::verb::put) {
      replace(request, id, response, view);
    } else {
      drf_json(response, 200, *store_.find(id), view);
    }
  }

  void render_injected_error(unsigned status, const MockRequest& request, MockResponse& response) override {
    drf_injected_error(response, status, DrfView{kAllow, kVary, requested_dialect(request, dialect_)});
  }

  void reset() override { store_.reset(); }

 private:
  void replace(const MockRequest& request, const std::string& id, MockResponse& response, const DrfView& view) {
    rapidjson::Document body;
    if (!parse_drf_object(request, body, response, view)) return;
    store_.modify([&](JsonDoc& records) {
      JsonValue* record = find_member(records, id);
      if (record == nullptr) {
        drf_error(response, 404, "not_found", "Not found.", view);
        return;
      }
      ValidationErrors errors;
      StagedChanges changes(records.GetAllocator());
      validate(body, records, id, errors, changes);
      if (!errors.empty()) {
        drf_validation_error(response, errors, view);
        return;
      }
      changes.apply_to(*record);
      // slug is read-only and follows the names (Django's slugify).
      StagedChanges computed(records.GetAllocator());
      computed.set_string("slug", slugify(std::string(string_member(*record, "first_name")) + " " +
                                          std::string(string_member(*record, "last_name"))));
      computed.apply_to(*record);
      drf_json(response, 200, to_json_text(*record), view);
    });
  }

  // A PUT must carry email (unique, not blank) and address; the names (blank-able) and
  // date_of_birth (nullable) may be left out and then keep their values, as the real serializer
  // does. slug and last_purchase_date are read-only.
  static void validate(const rapidjson::Document& body, const JsonDoc& records, std::string_view id,
                       ValidationErrors& errors, StagedChanges& changes) {
    auto text_field = [&](std::string_view key, bool required, auto&& clean) {
      const rapidjson::Value* value = required ? required_member(body, key, key, errors) : find_member(body, key);
      if (value == nullptr) return;
      std::optional<std::string> cleaned;
      if (passes(errors, key, clean(*value, cleaned))) changes.set_string(key, cleaned);
    };
    text_field("email", true, [&](const rapidjson::Value& v, std::optional<std::string>& out) -> DrfCheck {
      if (DrfCheck error = clean_email(v, CharRules{.max_length = 254}, out)) return error;
      if (email_taken(records, id, *out)) return DrfFieldError{"unique", "customer with this email already exists."};
      return std::nullopt;
    });
    text_field("first_name", false, [](const rapidjson::Value& v, std::optional<std::string>& out) {
      return clean_char(v, CharRules{.max_length = kNameLength, .allow_blank = true}, out);
    });
    text_field("last_name", false, [](const rapidjson::Value& v, std::optional<std::string>& out) {
      return clean_char(v, CharRules{.max_length = kNameLength, .allow_blank = true}, out);
    });
    text_field("date_of_birth", false, [](const rapidjson::Value& v, std::optional<std::string>& out) {
      return clean_date(v, true, out);
    });
    if (const rapidjson::Value* address = required_member(body, "address", "address", errors)) {
      validate_address(*address, errors, changes);
    }
  }

  // The nested AddressSerializer: a dictionary whose every field is required.
  static void validate_address(const rapidjson::Value& address, ValidationErrors& errors, StagedChanges& changes) {
    if (address.IsNull()) {
      errors.add("address", "null", "This field may not be null.");
      return;
    }
    if (!address.IsObject()) {
      errors.add("address.non_field_errors", "invalid",
                 "Invalid data. Expected a dictionary, but got " + std::string(python_type_name(address)) + ".");
      return;
    }
    auto& allocator = changes.allocator();
    JsonValue cleaned(rapidjson::kObjectType);
    bool valid = true;
    auto text_field = [&](std::string_view key, const CharRules& rules) {
      const std::string attr = "address." + std::string(key);
      const rapidjson::Value* value = required_member(address, key, attr, errors);
      std::optional<std::string> text;
      if (value == nullptr || !passes(errors, attr, clean_char(*value, rules, text))) {
        valid = false;
        return;
      }
      JsonValue json;
      set_string(json, *text, allocator);
      set_member(cleaned, key, std::move(json), allocator);
    };
    text_field("street_address", CharRules{.max_length = 30});
    if (const rapidjson::Value* postal = required_member(address, "postal_code", "address.postal_code", errors)) {
      std::optional<std::int64_t> code;
      if (passes(errors, "address.postal_code", clean_integer(*postal, 0, false, code))) {
        set_member(cleaned, "postal_code", JsonValue(static_cast<int64_t>(*code)), allocator);
      } else {
        valid = false;
      }
    } else {
      valid = false;
    }
    text_field("city", CharRules{.max_length = 50});
    text_field("state", CharRules{.max_length = 50});
    text_field("country", CharRules{.max_length = 30, .min_length = 4});
    if (valid) changes.set_value("address", std::move(cleaned));
  }

  const ErrorDialect dialect_;
  CustomerStore store_;
};

}  // namespace

std::unique_ptr<Backend> make_v1rest_backend(const BackendOptions& options) {
  return std::make_unique<V1restBackend>(options);
}

}  // namespace profilegw::mocks
