#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include "core/model/profile.h"

using namespace profilegw::core;

TEST_CASE("the unified document has every key, null where the provider has no value") {
  Profile p;
  p.id = "42";
  p.provider = "django";
  p.set(FieldId::kFirstName, "John");
  p.profile_completed = true;
  p.extra_json = R"({"wallet":{"balance":"0.00"}})";
  std::string out;
  write_profile_json(p, out);

  rapidjson::Document doc;
  doc.Parse(out.c_str());
  REQUIRE(doc.IsObject());
  for (const char* key : {"id", "provider", "username", "first_name", "middle_name", "last_name", "full_name", "email",
                          "phone", "gender", "birth_date", "avatar_url", "language", "national_id", "address",
                          "profile_completed", "extra"}) {
    INFO(key);
    CHECK(doc.HasMember(key));
  }
  CHECK(doc.MemberCount() == 17);
  CHECK(std::string(doc["id"].GetString()) == "42");
  CHECK(std::string(doc["first_name"].GetString()) == "John");
  CHECK(doc["last_name"].IsNull());
  CHECK(doc["address"].IsNull());
  CHECK(doc["profile_completed"].GetBool());
  CHECK(std::string(doc["extra"]["wallet"]["balance"].GetString()) == "0.00");
}

TEST_CASE("an address-holding provider writes every address key") {
  Profile p;
  p.has_address = true;
  p.set(FieldId::kAddressCity, "Los Angeles");
  std::string out;
  write_profile_json(p, out);
  rapidjson::Document doc;
  doc.Parse(out.c_str());
  REQUIRE(doc["address"].IsObject());
  CHECK(doc["address"].MemberCount() == 5);
  CHECK(std::string(doc["address"]["city"].GetString()) == "Los Angeles");
  CHECK(doc["address"]["postal_code"].IsNull());
}

TEST_CASE("strings are escaped") {
  Profile p;
  p.set(FieldId::kFullName, "A \"quoted\"\nname");
  std::string out;
  write_profile_json(p, out);
  rapidjson::Document doc;
  doc.Parse(out.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(doc["full_name"] == "A \"quoted\"\nname");
}

TEST_CASE("the ETag is a quoted validator that changes with the document") {
  Profile a;
  a.id = "1";
  Profile b = a;
  const std::string etag = profile_etag(a);
  CHECK(etag.size() == 34);
  CHECK(etag.front() == '"');
  CHECK(etag.back() == '"');
  CHECK(profile_etag(b) == etag);
  b.set(FieldId::kEmail, "x@example.com");
  CHECK(profile_etag(b) != etag);
}
