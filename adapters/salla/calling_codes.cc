#include "adapters/salla/calling_codes.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace profilegw::adapters::salla {
namespace {

// ITU-T E.164 assignments (Operational Bulletin list of country codes) for every ISO 3166-1
// region, plus AC (Ascension), TA (Tristan da Cunha) and XK (Kosovo) as libphonenumber uses them.
// Regions without a code of their own share their administering country's (BV +47, HM +672).
// Region prefixes follow the numbering plans: NANP area codes (+1), Kazakhstan (+7 6/7), the
// Crown Dependencies (+44), the Nordic and Australian territories, Mayotte, the Caribbean
// Netherlands, Western Sahara, Norfolk Island and Antarctica (+672), Vatican City (+39 06 698).
// Kept sorted by (code, prefix), one entry per line; the static_asserts below check the invariants.
// clang-format off
constexpr CallingCode kTable[] = {
    {"1", "", "US", true},
    {"1", "", "UM", false},
    {"1", "204", "CA", false},
    {"1", "226", "CA", false},
    {"1", "236", "CA", false},
    {"1", "242", "BS", false},
    {"1", "246", "BB", false},
    {"1", "249", "CA", false},
    {"1", "250", "CA", false},
    {"1", "257", "CA", false},
    {"1", "263", "CA", false},
    {"1", "264", "AI", false},
    {"1", "268", "AG", false},
    {"1", "284", "VG", false},
    {"1", "289", "CA", false},
    {"1", "306", "CA", false},
    {"1", "340", "VI", false},
    {"1", "343", "CA", false},
    {"1", "345", "KY", false},
    {"1", "354", "CA", false},
    {"1", "365", "CA", false},
    {"1", "367", "CA", false},
    {"1", "368", "CA", false},
    {"1", "382", "CA", false},
    {"1", "403", "CA", false},
    {"1", "416", "CA", false},
    {"1", "418", "CA", false},
    {"1", "428", "CA", false},
    {"1", "431", "CA", false},
    {"1", "437", "CA", false},
    {"1", "438", "CA", false},
    {"1", "441", "BM", false},
    {"1", "450", "CA", false},
    {"1", "468", "CA", false},
    {"1", "473", "GD", false},
    {"1", "474", "CA", false},
    {"1", "506", "CA", false},
    {"1", "514", "CA", false},
    {"1", "519", "CA", false},
    {"1", "548", "CA", false},
    {"1", "579", "CA", false},
    {"1", "581", "CA", false},
    {"1", "584", "CA", false},
    {"1", "587", "CA", false},
    {"1", "600", "CA", false},
    {"1", "604", "CA", false},
    {"1", "613", "CA", false},
    {"1", "622", "CA", false},
    {"1", "639", "CA", false},
    {"1", "647", "CA", false},
    {"1", "649", "TC", false},
    {"1", "658", "JM", false},
    {"1", "664", "MS", false},
    {"1", "670", "MP", false},
    {"1", "671", "GU", false},
    {"1", "672", "CA", false},
    {"1", "683", "CA", false},
    {"1", "684", "AS", false},
    {"1", "705", "CA", false},
    {"1", "709", "CA", false},
    {"1", "721", "SX", false},
    {"1", "742", "CA", false},
    {"1", "753", "CA", false},
    {"1", "758", "LC", false},
    {"1", "767", "DM", false},
    {"1", "778", "CA", false},
    {"1", "780", "CA", false},
    {"1", "782", "CA", false},
    {"1", "784", "VC", false},
    {"1", "787", "PR", false},
    {"1", "807", "CA", false},
    {"1", "809", "DO", false},
    {"1", "819", "CA", false},
    {"1", "825", "CA", false},
    {"1", "829", "DO", false},
    {"1", "849", "DO", false},
    {"1", "867", "CA", false},
    {"1", "868", "TT", false},
    {"1", "869", "KN", false},
    {"1", "873", "CA", false},
    {"1", "876", "JM", false},
    {"1", "879", "CA", false},
    {"1", "902", "CA", false},
    {"1", "905", "CA", false},
    {"1", "939", "PR", false},
    {"1", "942", "CA", false},
    {"20", "", "EG", true},
    {"211", "", "SS", true},
    {"212", "", "MA", true},
    {"212", "5288", "EH", false},
    {"212", "5289", "EH", false},
    {"213", "", "DZ", true},
    {"216", "", "TN", true},
    {"218", "", "LY", true},
    {"220", "", "GM", true},
    {"221", "", "SN", true},
    {"222", "", "MR", true},
    {"223", "", "ML", true},
    {"224", "", "GN", true},
    {"225", "", "CI", true},
    {"226", "", "BF", true},
    {"227", "", "NE", true},
    {"228", "", "TG", true},
    {"229", "", "BJ", true},
    {"230", "", "MU", true},
    {"231", "", "LR", true},
    {"232", "", "SL", true},
    {"233", "", "GH", true},
    {"234", "", "NG", true},
    {"235", "", "TD", true},
    {"236", "", "CF", true},
    {"237", "", "CM", true},
    {"238", "", "CV", true},
    {"239", "", "ST", true},
    {"240", "", "GQ", true},
    {"241", "", "GA", true},
    {"242", "", "CG", true},
    {"243", "", "CD", true},
    {"244", "", "AO", true},
    {"245", "", "GW", true},
    {"246", "", "IO", true},
    {"247", "", "AC", true},
    {"248", "", "SC", true},
    {"249", "", "SD", true},
    {"250", "", "RW", true},
    {"251", "", "ET", true},
    {"252", "", "SO", true},
    {"253", "", "DJ", true},
    {"254", "", "KE", true},
    {"255", "", "TZ", true},
    {"256", "", "UG", true},
    {"257", "", "BI", true},
    {"258", "", "MZ", true},
    {"260", "", "ZM", true},
    {"261", "", "MG", true},
    {"262", "", "RE", true},
    {"262", "", "TF", false},
    {"262", "269", "YT", false},
    {"262", "639", "YT", false},
    {"263", "", "ZW", true},
    {"264", "", "NA", true},
    {"265", "", "MW", true},
    {"266", "", "LS", true},
    {"267", "", "BW", true},
    {"268", "", "SZ", true},
    {"269", "", "KM", true},
    {"27", "", "ZA", true},
    {"290", "", "SH", true},
    {"290", "8", "TA", false},
    {"291", "", "ER", true},
    {"297", "", "AW", true},
    {"298", "", "FO", true},
    {"299", "", "GL", true},
    {"30", "", "GR", true},
    {"31", "", "NL", true},
    {"32", "", "BE", true},
    {"33", "", "FR", true},
    {"34", "", "ES", true},
    {"350", "", "GI", true},
    {"351", "", "PT", true},
    {"352", "", "LU", true},
    {"353", "", "IE", true},
    {"354", "", "IS", true},
    {"355", "", "AL", true},
    {"356", "", "MT", true},
    {"357", "", "CY", true},
    {"358", "", "FI", true},
    {"358", "18", "AX", false},
    {"359", "", "BG", true},
    {"36", "", "HU", true},
    {"370", "", "LT", true},
    {"371", "", "LV", true},
    {"372", "", "EE", true},
    {"373", "", "MD", true},
    {"374", "", "AM", true},
    {"375", "", "BY", true},
    {"376", "", "AD", true},
    {"377", "", "MC", true},
    {"378", "", "SM", true},
    {"380", "", "UA", true},
    {"381", "", "RS", true},
    {"382", "", "ME", true},
    {"383", "", "XK", true},
    {"385", "", "HR", true},
    {"386", "", "SI", true},
    {"387", "", "BA", true},
    {"389", "", "MK", true},
    {"39", "", "IT", true},
    {"39", "06698", "VA", false},
    {"40", "", "RO", true},
    {"41", "", "CH", true},
    {"420", "", "CZ", true},
    {"421", "", "SK", true},
    {"423", "", "LI", true},
    {"43", "", "AT", true},
    {"44", "", "GB", true},
    {"44", "1481", "GG", false},
    {"44", "1534", "JE", false},
    {"44", "1624", "IM", false},
    {"44", "74576", "IM", false},
    {"44", "7509", "JE", false},
    {"44", "7524", "IM", false},
    {"44", "7624", "IM", false},
    {"44", "77003", "JE", false},
    {"44", "77007", "JE", false},
    {"44", "77008", "JE", false},
    {"44", "7781", "GG", false},
    {"44", "7797", "JE", false},
    {"44", "7829", "JE", false},
    {"44", "7839", "GG", false},
    {"44", "79111", "GG", false},
    {"44", "79117", "GG", false},
    {"44", "7924", "IM", false},
    {"44", "7937", "JE", false},
    {"45", "", "DK", true},
    {"46", "", "SE", true},
    {"47", "", "NO", true},
    {"47", "", "BV", false},
    {"47", "79", "SJ", false},
    {"48", "", "PL", true},
    {"49", "", "DE", true},
    {"500", "", "FK", true},
    {"500", "", "GS", false},
    {"501", "", "BZ", true},
    {"502", "", "GT", true},
    {"503", "", "SV", true},
    {"504", "", "HN", true},
    {"505", "", "NI", true},
    {"506", "", "CR", true},
    {"507", "", "PA", true},
    {"508", "", "PM", true},
    {"509", "", "HT", true},
    {"51", "", "PE", true},
    {"52", "", "MX", true},
    {"53", "", "CU", true},
    {"54", "", "AR", true},
    {"55", "", "BR", true},
    {"56", "", "CL", true},
    {"57", "", "CO", true},
    {"58", "", "VE", true},
    {"590", "", "GP", true},
    {"590", "", "BL", false},
    {"590", "", "MF", false},
    {"591", "", "BO", true},
    {"592", "", "GY", true},
    {"593", "", "EC", true},
    {"594", "", "GF", true},
    {"595", "", "PY", true},
    {"596", "", "MQ", true},
    {"597", "", "SR", true},
    {"598", "", "UY", true},
    {"599", "", "CW", true},
    {"599", "3", "BQ", false},
    {"599", "4", "BQ", false},
    {"599", "7", "BQ", false},
    {"60", "", "MY", true},
    {"61", "", "AU", true},
    {"61", "89162", "CC", false},
    {"61", "89164", "CX", false},
    {"62", "", "ID", true},
    {"63", "", "PH", true},
    {"64", "", "NZ", true},
    {"64", "", "PN", false},
    {"65", "", "SG", true},
    {"66", "", "TH", true},
    {"670", "", "TL", true},
    {"672", "", "NF", true},
    {"672", "", "HM", false},
    {"672", "1", "AQ", false},
    {"672", "3", "NF", false},
    {"673", "", "BN", true},
    {"674", "", "NR", true},
    {"675", "", "PG", true},
    {"676", "", "TO", true},
    {"677", "", "SB", true},
    {"678", "", "VU", true},
    {"679", "", "FJ", true},
    {"680", "", "PW", true},
    {"681", "", "WF", true},
    {"682", "", "CK", true},
    {"683", "", "NU", true},
    {"685", "", "WS", true},
    {"686", "", "KI", true},
    {"687", "", "NC", true},
    {"688", "", "TV", true},
    {"689", "", "PF", true},
    {"690", "", "TK", true},
    {"691", "", "FM", true},
    {"692", "", "MH", true},
    {"7", "", "RU", true},
    {"7", "6", "KZ", false},
    {"7", "7", "KZ", false},
    {"81", "", "JP", true},
    {"82", "", "KR", true},
    {"84", "", "VN", true},
    {"850", "", "KP", true},
    {"852", "", "HK", true},
    {"853", "", "MO", true},
    {"855", "", "KH", true},
    {"856", "", "LA", true},
    {"86", "", "CN", true},
    {"880", "", "BD", true},
    {"886", "", "TW", true},
    {"90", "", "TR", true},
    {"91", "", "IN", true},
    {"92", "", "PK", true},
    {"93", "", "AF", true},
    {"94", "", "LK", true},
    {"95", "", "MM", true},
    {"960", "", "MV", true},
    {"961", "", "LB", true},
    {"962", "", "JO", true},
    {"963", "", "SY", true},
    {"964", "", "IQ", true},
    {"965", "", "KW", true},
    {"966", "", "SA", true},
    {"967", "", "YE", true},
    {"968", "", "OM", true},
    {"970", "", "PS", true},
    {"971", "", "AE", true},
    {"972", "", "IL", true},
    {"973", "", "BH", true},
    {"974", "", "QA", true},
    {"975", "", "BT", true},
    {"976", "", "MN", true},
    {"977", "", "NP", true},
    {"98", "", "IR", true},
    {"992", "", "TJ", true},
    {"993", "", "TM", true},
    {"994", "", "AZ", true},
    {"995", "", "GE", true},
    {"996", "", "KG", true},
    {"998", "", "UZ", true},
};
// clang-format on

constexpr std::size_t kTableSize = std::size(kTable);

constexpr bool table_is_sorted() {
  for (std::size_t i = 1; i < kTableSize; ++i) {
    const CallingCode& a = kTable[i - 1];
    const CallingCode& b = kTable[i];
    if (b.code < a.code || (b.code == a.code && b.prefix < a.prefix)) return false;
  }
  return true;
}
static_assert(table_is_sorted(), "kTable must stay sorted by (code, prefix)");

constexpr bool one_primary_per_code() {
  std::size_t i = 0;
  while (i < kTableSize) {
    int primaries = 0;
    std::size_t j = i;
    for (; j < kTableSize && kTable[j].code == kTable[i].code; ++j) {
      if (kTable[j].primary) {
        ++primaries;
        if (!kTable[j].prefix.empty()) return false;
      }
    }
    if (primaries != 1) return false;
    i = j;
  }
  return true;
}
static_assert(one_primary_per_code(), "each calling code needs exactly one primary region, without prefix");

// Codes are prefix-free by ITU design, so the first code found while growing the prefix is the match.
// In the sorted table, codes that start with another code follow it directly (after its own entries),
// so comparing neighbours suffices; comparing all pairs exceeds clang's constexpr step limit.
constexpr bool codes_are_prefix_free() {
  for (std::size_t i = 1; i < kTableSize; ++i) {
    const std::string_view before = kTable[i - 1].code;
    const std::string_view code = kTable[i].code;
    if (code != before && code.starts_with(before)) return false;
  }
  return true;
}
static_assert(codes_are_prefix_free(), "calling codes must be prefix-free");

constexpr int iso_slot(char a, char b) {
  const auto up = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; };
  a = up(a);
  b = up(b);
  if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') return -1;
  return (a - 'A') * 26 + (b - 'A');
}

// ISO code -> first table row of that region, -1 when none: one array read per lookup.
constexpr std::array<std::int16_t, 26 * 26> build_iso_index() {
  std::array<std::int16_t, 26 * 26> index{};
  for (auto& slot : index) slot = -1;
  for (std::size_t i = 0; i < kTableSize; ++i) {
    const int slot = iso_slot(kTable[i].iso[0], kTable[i].iso[1]);
    std::int16_t& first = index[static_cast<std::size_t>(slot)];
    if (first < 0) first = static_cast<std::int16_t>(i);
  }
  return index;
}
constexpr std::array<std::int16_t, 26 * 26> kIsoIndex = build_iso_index();

constexpr bool isos_are_distinct_regions() {
  // A region appears under one code only (possibly with several prefixes).
  for (std::size_t i = 0; i < kTableSize; ++i) {
    const CallingCode& first = kTable[static_cast<std::size_t>(
        kIsoIndex[static_cast<std::size_t>(iso_slot(kTable[i].iso[0], kTable[i].iso[1]))])];
    if (first.code != kTable[i].code) return false;
  }
  return true;
}
static_assert(isos_are_distinct_regions(), "a region must not appear under two calling codes");

// Rows [first, last) sharing `code`.
std::span<const CallingCode> rows_of(std::string_view code) {
  const auto less_code = [](const CallingCode& row, std::string_view c) { return row.code < c; };
  const CallingCode* first = std::lower_bound(std::begin(kTable), std::end(kTable), code, less_code);
  const CallingCode* last = first;
  while (last != std::end(kTable) && last->code == code) ++last;
  return {first, last};
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::span<const CallingCode> calling_codes() { return kTable; }

std::optional<std::string_view> calling_code_of(std::string_view iso) {
  if (iso.size() != 2) return std::nullopt;
  const int slot = iso_slot(iso[0], iso[1]);
  if (slot < 0) return std::nullopt;
  const int row = kIsoIndex[static_cast<std::size_t>(slot)];
  if (row < 0) return std::nullopt;
  return kTable[static_cast<std::size_t>(row)].code;
}

std::optional<std::string_view> primary_region_of(std::string_view code) {
  for (const CallingCode& row : rows_of(code)) {
    if (row.primary) return row.iso;
  }
  return std::nullopt;
}

std::optional<SplitPhone> split_e164(std::string_view e164) {
  if (e164.size() < 9 || e164.size() > 16 || e164[0] != '+' || e164[1] == '0') return std::nullopt;
  const std::string_view digits = e164.substr(1);
  for (char c : digits) {
    if (!is_digit(c)) return std::nullopt;
  }
  for (std::size_t len = 1; len <= 3; ++len) {
    const std::span<const CallingCode> rows = rows_of(digits.substr(0, len));
    if (rows.empty()) continue;
    const std::string_view national = digits.substr(len);
    const CallingCode* best = nullptr;
    for (const CallingCode& row : rows) {
      if (row.prefix.empty()) {
        if (row.primary && best == nullptr) best = &row;
      } else if (national.starts_with(row.prefix) &&
                 (best == nullptr || best->prefix.size() < row.prefix.size())) {
        best = &row;
      }
    }
    return SplitPhone{best->code, national, best->iso};
  }
  return std::nullopt;
}

}  // namespace profilegw::adapters::salla
