// The django backend (seed 000): a DRF app with simplejwt bearer tokens, GET /api/customers/me/ and
// a JSON-only PATCH /api/customers/me/update/, its errors in plain DRF or drf-standardized-errors.
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

constexpr std::string_view kMePath = "/api/customers/me/";
constexpr std::string_view kUpdatePath = "/api/customers/me/update/";
constexpr std::string_view kMeAllow = "GET, HEAD, OPTIONS";
constexpr std::string_view kUpdateAllow = "PATCH, OPTIONS";
constexpr std::string_view kVary = "Accept, Accept-Language";
constexpr std::string_view kInvalidEmail = "Enter a valid email address.";
constexpr std::string_view kInvalidEmailArabic = "أدخل عنوان بريد إلكتروني صالح.";

// Whether the caller's first language is Arabic (LocaleMiddleware, without q-value ordering).
bool prefers_arabic(const MockRequest& request) {
  std::string_view first = request.header("Accept-Language");
  first = trim(first.substr(0, first.find_first_of(",;")));
  return first.size() >= 2 && iequals(first.substr(0, 2), "ar") && (first.size() == 2 || first[2] == '-');
}

class DjangoBackend final : public Backend {
 public:
  explicit DjangoBackend(const BackendOptions& options)
      : dialect_(options.django_errors), store_(django_seed().customers_json) {}

  void handle(const MockRequest& request, MockResponse& response) override {
    const bool arabic = prefers_arabic(request);
    route(request, response, arabic);
    // LocaleMiddleware labels every response with the language it chose.
    response.add_header("Content-Language", arabic ? "ar" : "en");
  }

  void render_injected_error(unsigned status, const MockRequest& request, MockResponse& response) override {
    drf_injected_error(response, status, view_for(request, request.path() == kMePath));
  }

  void reset() override { store_.reset(); }

 private:
  DrfView view_for(const MockRequest& request, bool is_me) const {
    return DrfView{is_me ? kMeAllow : kUpdateAllow, kVary, requested_dialect(request, dialect_)};
  }

  void route(const MockRequest& request, MockResponse& response, bool arabic) {
    const std::string_view path = request.path();
    const bool is_me = path == kMePath;
    if (!is_me && path != kUpdatePath) {
      // APPEND_SLASH: a known URL without its trailing slash is redirected, anything else is 404.
      const std::string slashed = std::string(path) + "/";
      if (slashed == kMePath || slashed == kUpdatePath) {
        permanent_redirect(response, slashed + std::string(request.query()));
      } else {
        django_not_found(response);
      }
      return;
    }
    const DrfView view = view_for(request, is_me);
    // DRF checks permissions (here: authenticated) before it looks for a handler for the method.
    const std::optional<std::string_view> id = authenticate_jwt(request, django_seed(), response, view);
    if (!id) return;
    const http::verb method = request.message().method();
    if (method == http::verb::options) {
      drf_options(response, is_me ? "Customer Detail" : "Customer Update", view);
    } else if (is_me && (method == http::verb::get || method == http::verb::head)) {
      show(*id, response, view);
    } else if (!is_me && method == http::verb::patch) {
      update(request, *id, response, view, arabic);
    } else {
      drf_method_not_allowed(response, request.method(), view);
    }
  }

  void show(std::string_view id, MockResponse& response, const DrfView& view) {
    const auto record = store_.find(id);
    if (!record) {
      drf_error(response, 404, "not_found", "Not found.", view);
      return;
    }
    drf_json(response, 200, *record, view);
  }

  void update(const MockRequest& request, std::string_view id, MockResponse& response, const DrfView& view,
              bool arabic) {
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
      validate(body, arabic, errors, changes);
      if (!errors.empty()) {
        drf_validation_error(response, errors, view);
        return;
      }
      changes.apply_to(*record);
      drf_json(response, 200, to_json_text(*record), view);
    });
  }

  // The serializer's writable fields, in declaration order; read-only and unknown keys are ignored.
  static void validate(const rapidjson::Document& body, bool arabic, ValidationErrors& errors, StagedChanges& changes) {
    auto text_field = [&](std::string_view key, auto&& clean) {
      const rapidjson::Value* value = find_member(body, key);
      if (value == nullptr) return;
      std::optional<std::string> cleaned;
      if (passes(errors, key, clean(*value, cleaned))) changes.set_string(key, cleaned);
    };
    text_field("full_name", [](const rapidjson::Value& v, std::optional<std::string>& out) {
      return clean_char(v, CharRules{.max_length = 255, .allow_blank = true}, out);
    });
    text_field("email", [arabic](const rapidjson::Value& v, std::optional<std::string>& out) {
      DrfCheck error = clean_email(v, CharRules{.max_length = 254, .allow_blank = true}, out);
      if (error && arabic && error->message == kInvalidEmail) error->message = kInvalidEmailArabic;
      return error;
    });
    if (const rapidjson::Value* image = find_member(body, "image")) {
      // An ImageField takes uploads only; JSON can merely clear it.
      if (image->IsNull()) {
        changes.set_string("image", std::nullopt);
      } else {
        errors.add("image", "invalid", "The submitted data was not a file. Check the encoding type on the form.");
      }
    }
    text_field("gender", [](const rapidjson::Value& v, std::optional<std::string>& out) {
      return clean_choice(v, {"M", "F", "NS"}, false, out);
    });
    text_field("birth_date", [](const rapidjson::Value& v, std::optional<std::string>& out) {
      return clean_date(v, true, out);
    });
    if (const rapidjson::Value* address = find_member(body, "primary_address")) validate_primary_address(*address, errors, changes);
    text_field("language", [](const rapidjson::Value& v, std::optional<std::string>& out) {
      return clean_choice(v, {"en", "ar"}, false, out);
    });
  }

  // A PrimaryKeyRelatedField to the customer's addresses; any positive id is taken to exist.
  static void validate_primary_address(const rapidjson::Value& value, ValidationErrors& errors, StagedChanges& changes) {
    if (value.IsNull()) {
      changes.set_integer("primary_address", std::nullopt);
      return;
    }
    std::optional<std::int64_t> pk;
    // A string the id column cannot hold fails the lookup itself (ValueError): also the wrong type.
    if ((!value.IsInt64() && !value.IsString()) || clean_integer(value, std::nullopt, false, pk)) {
      errors.add("primary_address", "incorrect_type",
                 "Incorrect type. Expected pk value, received " + std::string(python_type_name(value)) + ".");
      return;
    }
    if (!pk || *pk < 1) {
      const std::string shown = value.IsString() ? std::string(value.GetString(), value.GetStringLength())
                                                 : std::to_string(value.GetInt64());
      errors.add("primary_address", "does_not_exist", "Invalid pk \"" + shown + "\" - object does not exist.");
      return;
    }
    changes.set_integer("primary_address", pk);
  }

  const ErrorDialect dialect_;
  CustomerStore store_;
};

}  // namespace

std::unique_ptr<Backend> make_django_backend(const BackendOptions& options) {
  return std::make_unique<DjangoBackend>(options);
}

}  // namespace profilegw::mocks
