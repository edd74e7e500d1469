// The shop backend (seed 001): a DRF app with TokenAuthentication and one view,
// /api/shop/customers/me, read by GET and partly written by PATCH. The route has no trailing
// slash, and APPEND_SLASH only ever adds one: the slashed twin is Django's HTML 404.
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

constexpr std::string_view kMePath = "/api/shop/customers/me";
constexpr std::string_view kAllow = "GET, PATCH, HEAD, OPTIONS";
constexpr std::string_view kVary = "Accept";
constexpr std::size_t kNameLength = 150;

// Django's UnicodeUsernameValidator: word characters and @ . + - _.
bool is_username(std::string_view text) {
  for (const char c : text) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                      static_cast<unsigned char>(c) >= 0x80;
    if (!word && c != '@' && c != '.' && c != '+' && c != '-') return false;
  }
  return true;
}

// Whether another customer than `self_id` already uses `username`.
bool username_taken(const JsonDoc& records, std::string_view self_id, std::string_view username) {
  for (auto it = records.MemberBegin(); it != records.MemberEnd(); ++it) {
    const std::string_view id(it->name.GetString(), it->name.GetStringLength());
    if (id != self_id && string_member(it->value, "username") == username) return true;
  }
  return false;
}

class ShopBackend final : public Backend {
 public:
  explicit ShopBackend(const BackendOptions& options) : dialect_(options.django_errors), store_(shop_seed().customers_json) {}

  void handle(const MockRequest& request, MockResponse& response) override {
    if (request.path() != kMePath) {
      django_not_found(response);
      return;
    }
    const DrfView view{kAllow, kVary, requested_dialect(request, dialect_)};
    const std::optional<std::string_view> id = authenticate_token(request, shop_seed(), response, view);
    if (!id) return;
    switch (request.message().method()) {
      case http::verb::get:
      case http::verb::head:
        show(*id, response, view);
        break;
      case http::verb::patch:
        update(request, *id, response, view);
        break;
      case http::verb::options:
        drf_options(response, "Customer Profile", view);
        break;
      default:
        drf_method_not_allowed(response, request.method(), view);
    }
  }

  void render_injected_error(unsigned status, const MockRequest& request, MockResponse& response) override {
    drf_injected_error(response, status, DrfView{kAllow, kVary, requested_dialect(request, dialect_)});
  }

  void reset() override { store_.reset(); }

 private:
  void show(std::string_view id, MockResponse& response, const DrfView& view) {
    const auto record = store_.find(id);
    if (!record) {
      drf_error(response, 404, "not_found", "Not found.", view);
      return;
    }
    drf_json(response, 200, *record, view);
  }

  void update(const MockRequest& request, std::string_view id, MockResponse& response, const DrfView& view) {
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
      // full_name is computed: Django's get_full_name().
      const std::string full_name =
          std::string(string_member(*record, "first_name")) + " " + std::string(string_member(*record, "last_name"));
      StagedChanges computed(records.GetAllocator());
      computed.set_string("full_name", std::string(trim(full_name)));
      computed.apply_to(*record);
      drf_json(response, 200, to_json_text(*record), view);
    });
  }

  // Writable: username, avatar, first_name, last_name, gender. email, mobile_number, full_name and
  // is_profile_completed are read-only and, as DRF does, silently ignored.
  static void validate(const rapidjson::Document& body, const JsonDoc& records, std::string_view id,
                       ValidationErrors& errors, StagedChanges& changes) {
    auto text_field = [&](std::string_view key, auto&& clean) {
      const rapidjson::Value* value = find_member(body, key);
      if (value == nullptr) return;
      std::optional<std::string> cleaned;
      if (passes(errors, key, clean(*value, cleaned))) changes.set_string(key, cleaned);
    };
    text_field("username", [&](const rapidjson::Value& v, std::optional<std::string>& out) -> DrfCheck {
      if (DrfCheck error = clean_char(v, CharRules{.max_length = kNameLength}, out)) return error;
      if (!is_username(*out)) {
        return DrfFieldError{"invalid",
                             "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ "
                             "characters."};
      }
      if (username_taken(records, id, *out)) return DrfFieldError{"unique", "A user with that username already exists."};
      return std::nullopt;
    });
    text_field("avatar", [](const rapidjson::Value& v, std::optional<std::string>& out) {
      return clean_url(v, CharRules{.max_length = 200, .allow_null = true}, out);
    });
    text_field("first_name", [](const rapidjson::Value& v, std::optional<std::string>& out) {
      return clean_char(v, CharRules{.max_length = kNameLength, .allow_blank = true}, out);
    });
    text_field("last_name", [](const rapidjson::Value& v, std::optional<std::string>& out) {
      return clean_char(v, CharRules{.max_length = kNameLength, .allow_blank = true}, out);
    });
    // A blank-able choice column (blank=True): "" is how it says "no gender", and DRF accepts it.
    text_field("gender", [](const rapidjson::Value& v, std::optional<std::string>& out) {
      return clean_choice(v, {"male", "female", ""}, false, out);
    });
  }

  const ErrorDialect dialect_;
  CustomerStore store_;
};

}  // namespace

std::unique_ptr<Backend> make_shop_backend(const BackendOptions& options) {
  return std::make_unique<ShopBackend>(options);
}

}  // namespace profilegw::mocks
