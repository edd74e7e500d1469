#include "mocks/seed_data.h"

namespace profilegw::mocks {

namespace {

constexpr std::string_view kDjangoCustomers = R"({
  "42": {"id": 42, "phone_number": "+966500000000", "full_name": "John Doe", "email": "john.doe@example.com",
         "image": null, "gender": "M", "birth_date": "1990-01-01", "primary_address": 1,
         "is_profile_completed": true, "language": "en",
         "country": {"code": "SA", "flag": "https://flags.example/sa.png", "phone_code": "+966", "name": "Saudi Arabia"},
         "wallet": {"balance": "0.00", "balance_currency": "SAR", "is_use_wallet_in_payment": true}},
  "43": {"id": 43, "phone_number": "+966511111111", "full_name": "Bob", "email": "bob@example.com",
         "image": null, "gender": "NS", "birth_date": null, "primary_address": null,
         "is_profile_completed": false, "language": "ar",
         "country": {"code": "SA", "flag": "https://flags.example/sa.png", "phone_code": "+966", "name": "Saudi Arabia"},
         "wallet": {"balance": "0.00", "balance_currency": "SAR", "is_use_wallet_in_payment": true}}
})";

constexpr SeedToken kDjangoTokens[] = {{"django-token-alice", "42"}, {"django-token-bob", "43"}};

constexpr std::string_view kShopCustomers = R"({
  "1": {"id": 1, "username": "behrooz3500", "mobile_number": "09308744204", "email": "behrooz21@hotmail.com",
        "avatar": "http://127.0.0.1:8000/media/users/avatars/photo22132188258.jpg",
        "first_name": "behrooz", "last_name": "ghorbanie", "full_name": "behrooz ghorbanie", "gender": "male",
        "is_profile_completed": true},
  "2": {"id": 2, "username": "dave", "mobile_number": "+15551234567", "email": "dave@example.com",
        "avatar": null, "first_name": "Dave", "last_name": "Smith", "full_name": "Dave Smith", "gender": "male",
        "is_profile_completed": false}
})";

constexpr SeedToken kShopTokens[] = {{"shop-token-carol", "1"}, {"shop-token-dave", "2"}};

constexpr std::string_view kV1restCustomers = R"({
  "123": {"email": "customer@example.com", "first_name": "John", "last_name": "Doe", "slug": "john-doe",
          "date_of_birth": "1990-01-15", "last_purchase_date": "2024-05-01",
          "address": {"street_address": "456 Oak Avenue", "postal_code": 54321, "city": "Los Angeles",
                      "state": "California", "country": "United States"}},
  "124": {"email": "frank.miller@example.com", "first_name": "Frank", "last_name": "Miller", "slug": "frank-miller",
          "date_of_birth": "1978-11-02", "last_purchase_date": null,
          "address": {"street_address": "12 Elm Street", "postal_code": 10001, "city": "New York",
                      "state": "New York", "country": "United States"}}
})";

constexpr SeedToken kV1restTokens[] = {{"v1rest-token-erin", "123"}, {"v1rest-token-frank", "124"}};

constexpr std::string_view kPartnerCustomers = R"({
  "MTD0018232": {"external_id": "MTD0018232", "firstname": "John", "middlename": "", "lastname": "Due",
                 "fullname": "John Due", "email": "john.due@example.com", "phone": "+905071112233", "gender": "M",
                 "identity_number": "12345677938", "birthdate": "1970-01-31",
                 "wallets": [{"currency": "TRY", "balance": "12.50"}]},
  "MTD0018233": {"external_id": "MTD0018233", "firstname": "Ayse", "middlename": "Nur", "lastname": "Yilmaz",
                 "fullname": "Ayse Nur Yilmaz", "email": "ayse.yilmaz@example.com", "phone": "+905321234567",
                 "gender": "F", "identity_number": "98765432109", "birthdate": "1988-07-14",
                 "wallets": [{"currency": "TRY", "balance": "250.00"}, {"currency": "USD", "balance": "10.00"}]}
})";

constexpr std::string_view kSallaCustomers = R"({
  "1001": {"id": 1001, "first_name": "Grace", "last_name": "Hopper", "email": "grace@example.com",
           "phone": {"code": "+966", "number": "501234567", "country": "SA"}, "gender": "female",
           "birthday": "1985-12-09", "avatar": "https://cdn.salla.example/avatars/1001.png", "is_notifiable": true},
  "1002": {"id": 1002, "first_name": "Heidi", "last_name": "Lamarr", "email": "heidi@example.com",
           "phone": {"code": "+971", "number": "501112222", "country": "AE"}, "gender": "female",
           "birthday": null, "avatar": null, "is_notifiable": false}
})";

constexpr SeedToken kSallaTokens[] = {{"salla-token-grace", "1001"}, {"salla-token-heidi", "1002"}};

}  // namespace

const ProviderSeed& django_seed() {
  static const ProviderSeed seed{kDjangoCustomers, kDjangoTokens};
  return seed;
}

const ProviderSeed& shop_seed() {
  static const ProviderSeed seed{kShopCustomers, kShopTokens};
  return seed;
}

const ProviderSeed& v1rest_seed() {
  static const ProviderSeed seed{kV1restCustomers, kV1restTokens};
  return seed;
}

const ProviderSeed& partner_seed() {
  // The partner authenticates the gateway (Digest), not customers: no tokens.
  static const ProviderSeed seed{kPartnerCustomers, {}};
  return seed;
}

const ProviderSeed& salla_seed() {
  static const ProviderSeed seed{kSallaCustomers, kSallaTokens};
  return seed;
}

std::optional<std::string_view> customer_for_token(const ProviderSeed& seed, std::string_view token) {
  for (const SeedToken& entry : seed.tokens) {
    if (entry.token == token) return entry.customer_id;
  }
  return std::nullopt;
}

}  // namespace profilegw::mocks
