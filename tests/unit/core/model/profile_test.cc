#include <catch2/catch.hpp>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

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

namespace {

// The document as RapidJSON's Writer writes it: write_profile_json must produce the same bytes (the
// ETag hashes them, so a change of writer must not change a validator).
std::string rapidjson_document(const Profile& p) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto str = [&w](std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); };
  auto opt = [&](const std::optional<std::string>& v) { v ? str(*v) : static_cast<void>(w.Null()); };
  w.StartObject();
  str("id");
  str(p.id);
  str("provider");
  str(p.provider);
  for (std::size_t i = 0; i < kFirstAddressField; ++i) {
    str(kFieldNames[i]);
    opt(p.fields[i]);
  }
  str("address");
  if (p.has_address) {
    w.StartObject();
    for (std::size_t i = kFirstAddressField; i < kFieldCount; ++i) {
      str(json_key(static_cast<FieldId>(i)));
      opt(p.fields[i]);
    }
    w.EndObject();
  } else {
    w.Null();
  }
  str("profile_completed");
  p.profile_completed ? static_cast<void>(w.Bool(*p.profile_completed)) : static_cast<void>(w.Null());
  str("extra");
  const std::string extra = p.extra_json.empty() ? "{}" : p.extra_json;
  w.RawValue(extra.data(), extra.size(), rapidjson::kObjectType);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

TEST_CASE("the document is byte for byte what RapidJSON's Writer writes") {
  Profile p;
  CHECK([&] {
    std::string out;
    write_profile_json(p, out);
    return out;
  }() == rapidjson_document(p));

  std::string every_byte;
  for (int c = 1; c < 256; ++c) every_byte.push_back(static_cast<char>(c));
  every_byte.push_back('\0');
  p.id = "42";
  p.provider = "django";
  p.set(FieldId::kFullName, every_byte);
  p.set(FieldId::kFirstName, "J\"o\\h/n\t");
  p.set(FieldId::kEmail, "");
  p.set(FieldId::kLastName, "\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a 😀");
  p.set(FieldId::kAddressCity, "Los\nAngeles");
  p.has_address = true;
  p.profile_completed = false;
  p.extra_json = R"({"wallet":{"balance":"0.00"}})";
  std::string out = "prefix:";
  write_profile_json(p, out);
  CHECK(out == "prefix:" + rapidjson_document(p));

  p.profile_completed = true;
  p.extra_json.clear();
  out.clear();
  write_profile_json(p, out);
  CHECK(out == rapidjson_document(p));
  CHECK(document_etag(out) == profile_etag(p));
}
