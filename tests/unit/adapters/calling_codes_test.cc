// The E.164 calling-code table: completeness, shared codes, and splitting by longest prefix.
#include "adapters/salla/calling_codes.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

namespace profilegw::adapters::salla {
namespace {

std::string split_text(std::string_view e164) {
  std::optional<SplitPhone> s = split_e164(e164);
  if (!s) return "-";
  return std::string(s->iso) + " +" + std::string(s->code) + " " + std::string(s->national);
}

}  // namespace

TEST_CASE("calling codes: every ISO 3166-1 region has a code", "[calling_codes]") {
  std::set<std::string_view> regions;
  for (const CallingCode& c : calling_codes()) regions.insert(c.iso);
  // The 249 ISO 3166-1 alpha-2 codes, plus AC, TA and XK.
  CHECK(regions.size() == 252);
  for (std::string_view iso :
       {"SA", "AE", "EG", "US", "CA", "GB", "RU", "KZ", "JM", "PR", "VA", "AQ", "BV", "XK"}) {
    INFO(iso);
    CHECK(calling_code_of(iso).has_value());
  }
}

TEST_CASE("calling codes: ISO to code", "[calling_codes]") {
  CHECK(calling_code_of("SA") == "966");
  CHECK(calling_code_of("sa") == "966");
  CHECK(calling_code_of("AE") == "971");
  CHECK(calling_code_of("EG") == "20");
  CHECK(calling_code_of("GB") == "44");
  CHECK(calling_code_of("JE") == "44");
  CHECK(calling_code_of("US") == "1");
  CHECK(calling_code_of("CA") == "1");
  CHECK(calling_code_of("JM") == "1");
  CHECK(calling_code_of("KZ") == "7");
  CHECK(calling_code_of("VA") == "39");
  CHECK_FALSE(calling_code_of("ZZ").has_value());
  CHECK_FALSE(calling_code_of("S").has_value());
  CHECK_FALSE(calling_code_of("S1").has_value());
  CHECK_FALSE(calling_code_of("").has_value());
}

TEST_CASE("calling codes: a deterministic primary region per shared code", "[calling_codes]") {
  CHECK(primary_region_of("1") == "US");
  CHECK(primary_region_of("7") == "RU");
  CHECK(primary_region_of("44") == "GB");
  CHECK(primary_region_of("47") == "NO");
  CHECK(primary_region_of("61") == "AU");
  CHECK(primary_region_of("262") == "RE");
  CHECK(primary_region_of("590") == "GP");
  CHECK(primary_region_of("599") == "CW");
  CHECK(primary_region_of("672") == "NF");
  CHECK(primary_region_of("966") == "SA");
  CHECK_FALSE(primary_region_of("800").has_value());
  CHECK_FALSE(primary_region_of("").has_value());
  // Exactly one primary per code.
  std::set<std::string_view> codes;
  std::set<std::string_view> primaries;
  for (const CallingCode& c : calling_codes()) {
    codes.insert(c.code);
    if (c.primary) CHECK(primaries.insert(c.code).second);
  }
  CHECK(codes == primaries);
}

TEST_CASE("calling codes: split by longest prefix", "[calling_codes]") {
  CHECK(split_text("+966501234567") == "SA +966 501234567");
  CHECK(split_text("+971501234567") == "AE +971 501234567");
  CHECK(split_text("+201001234567") == "EG +20 1001234567");
  CHECK(split_text("+447400123456") == "GB +44 7400123456");
  CHECK(split_text("+447797123456") == "JE +44 7797123456");
  CHECK(split_text("+441481123456") == "GG +44 1481123456");
  CHECK(split_text("+12025550123") == "US +1 2025550123");
  CHECK(split_text("+14165550123") == "CA +1 4165550123");
  CHECK(split_text("+18765551234") == "JM +1 8765551234");
  CHECK(split_text("+17875551234") == "PR +1 7875551234");
  CHECK(split_text("+74951234567") == "RU +7 4951234567");
  CHECK(split_text("+77012345678") == "KZ +7 7012345678");
  CHECK(split_text("+358181234567") == "AX +358 181234567");
  CHECK(split_text("+358401234567") == "FI +358 401234567");
  CHECK(split_text("+390669812345") == "VA +39 0669812345");
  CHECK(split_text("+390212345678") == "IT +39 0212345678");
  CHECK(split_text("+2125288123456") == "EH +212 5288123456");
  CHECK(split_text("+212612345678") == "MA +212 612345678");
  CHECK(split_text("+5997123456") == "BQ +599 7123456");
  CHECK(split_text("+5999123456") == "CW +599 9123456");
  CHECK(split_text("+352123456789") == "LU +352 123456789");
  CHECK(split_text("+38344123456") == "XK +383 44123456");
}

TEST_CASE("calling codes: what cannot be split", "[calling_codes]") {
  CHECK(split_text("966501234567") == "-");       // no '+'
  CHECK(split_text("+0966501234567") == "-");     // no code starts with 0
  CHECK(split_text("+80012345678") == "-");       // international freephone, no country
  CHECK(split_text("+42412345678") == "-");       // unassigned
  CHECK(split_text("+9665012") == "-");           // fewer than 8 digits
  CHECK(split_text("+9665012345678901") == "-");  // more than 15 digits
  CHECK(split_text("+96650 1234567") == "-");     // not digits only
  CHECK(split_text("") == "-");
}

}  // namespace profilegw::adapters::salla
