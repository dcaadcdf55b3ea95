#include "lib/validate/formats.h"

#include <cstring>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"

namespace vum::validate_internal {
namespace {

bool AllDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int Number(absl::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// Parses YYYY-MM-DD into its parts when it is a date that exists.
bool ParseDate(absl::string_view s, int& year, int& month, int& day) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !AllDigits(s.substr(0, 4)) ||
      !AllDigits(s.substr(5, 2)) || !AllDigits(s.substr(8, 2))) {
    return false;
  }
  year = Number(s.substr(0, 4));
  month = Number(s.substr(5, 2));
  day = Number(s.substr(8, 2));
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

// Parses hh:mm with hh <= max_hour and mm <= 59.
bool ParseHourMinute(absl::string_view s, int max_hour, int& hour, int& minute) {
  if (s.size() != 5 || s[2] != ':' || !AllDigits(s.substr(0, 2)) ||
      !AllDigits(s.substr(3, 2))) {
    return false;
  }
  hour = Number(s.substr(0, 2));
  minute = Number(s.substr(3, 2));
  return hour <= max_hour && minute <= 59;
}

// Days from 1970-01-01 in the proleptic Gregorian calendar, for a valid date:
// counted in eras of 400 years (146,097 days) from 0000-03-01, so that the
// leap day ends a year. Plain arithmetic; absl::CivilDay normalises first and
// costs several times more.
int64_t DaysSinceEpoch(int year, int month, int day) {
  const int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t year_of_era = y - era * 400;  // 0..399
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;  // 719,468: 0000-03-01 to 1970-01-01
}

bool HasSpaceOrControl(absl::string_view s) {
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) return true;
  }
  return false;
}

// A host of at least two non-empty dot-separated labels.
bool IsDottedHost(absl::string_view host) {
  if (host.empty() || host.front() == '.' || host.back() == '.') return false;
  bool dot = false;
  for (size_t i = 0; i < host.size(); ++i) {
    if (host[i] == '.') {
      if (host[i + 1] == '.') return false;
      dot = true;
    }
  }
  return dot;
}

}  // namespace

bool IsDigits(absl::string_view value, size_t count) {
  return AllDigits(value) && (count == 0 || value.size() == count);
}

bool IsOin(absl::string_view value) { return IsDigits(value, 20); }

bool IsDate(absl::string_view value) {
  int y, m, d;
  return ParseDate(value, y, m, d);
}

std::optional<int64_t> DateKey(absl::string_view date) {
  int y, m, d;
  if (!ParseDate(date, y, m, d)) return std::nullopt;
  return DaysSinceEpoch(y, m, d);
}

std::optional<int64_t> DateTimeKey(absl::string_view s) {
  // YYYY-MM-DDThh:mm:ss[.f{1,9}](Z|+hh:mm|-hh:mm)
  int year, month, day, hour, minute;
  if (s.size() < 20 || !ParseDate(s.substr(0, 10), year, month, day) || s[10] != 'T' ||
      !ParseHourMinute(s.substr(11, 5), 23, hour, minute) || s[16] != ':' ||
      !AllDigits(s.substr(17, 2))) {
    return std::nullopt;
  }
  const int second = Number(s.substr(17, 2));
  if (second > 59) return std::nullopt;
  size_t pos = 19;
  int64_t nanos = 0;
  if (s[pos] == '.') {
    size_t digits = 0;
    ++pos;
    while (pos < s.size() && absl::ascii_isdigit(static_cast<unsigned char>(s[pos]))) {
      if (++digits > 9) return std::nullopt;
      nanos = nanos * 10 + (s[pos++] - '0');
    }
    if (digits == 0) return std::nullopt;
    for (size_t i = digits; i < 9; ++i) nanos *= 10;
  }
  int64_t offset_minutes = 0;
  const absl::string_view zone = s.substr(pos);
  if (zone != "Z") {
    int oh, om;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') ||
        !ParseHourMinute(zone.substr(1), 23, oh, om)) {
      return std::nullopt;
    }
    offset_minutes = (zone[0] == '+' ? 1 : -1) * (oh * 60 + om);
  }
  const int64_t seconds = DaysSinceEpoch(year, month, day) * 86400 + hour * 3600 +
                          minute * 60 + second - offset_minutes * 60;
  return seconds * 1000000000 + nanos;
}

bool IsDateTime(absl::string_view value) { return DateTimeKey(value).has_value(); }

bool IsPostcodeNl(absl::string_view value) {
  if (value.size() != 6 || !AllDigits(value.substr(0, 4)) || value[0] == '0' ||
      !absl::ascii_isalpha(static_cast<unsigned char>(value[4])) ||
      !absl::ascii_isalpha(static_cast<unsigned char>(value[5]))) {
    return false;
  }
  const std::string letters = absl::AsciiStrToUpper(value.substr(4));
  return letters != "SA" && letters != "SD" && letters != "SS";
}

// Four digits and two ASCII letters, in either case: the koppelvlak 3.0's
// Postcode, which FORMAT_POSTCODE_NL narrows.
bool IsPostcode(absl::string_view value) {
  return value.size() == 6 && AllDigits(value.substr(0, 4)) &&
         absl::ascii_isalpha(static_cast<unsigned char>(value[4])) &&
         absl::ascii_isalpha(static_cast<unsigned char>(value[5]));
}

// 1..n of a-z, A-Z, 0-9, '_', '.', '-' (SafeIDString); the length is a
// separate rule.
bool IsSafeId(absl::string_view value) {
  if (value.empty()) return false;
  for (char c : value) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' &&
        c != '-') {
      return false;
    }
  }
  return true;
}

bool IsLanguageCode(absl::string_view value) {
  return value.size() == 3 &&
         absl::c_all_of(value, [](char c) { return c >= 'a' && c <= 'z'; });
}

bool IsGeneralisedForm(v1::Format format, absl::string_view value) {
  const bool postcode = format == v1::FORMAT_POSTCODE_NL || format == v1::FORMAT_POSTCODE;
  return postcode && (value.size() == 4 || value.size() == 2) && AllDigits(value) &&
         (value[0] != '0' || format == v1::FORMAT_POSTCODE);
}

bool IsEmail(absl::string_view value) {
  const size_t at = value.find('@');
  if (at == absl::string_view::npos ||
      value.find('@', at + 1) != absl::string_view::npos || HasSpaceOrControl(value)) {
    return false;
  }
  const absl::string_view local = value.substr(0, at);
  return !local.empty() && local.size() <= 64 && IsDottedHost(value.substr(at + 1));
}

bool IsPhoneNl(absl::string_view value) {
  // The prefix: 0, +31 or 0031; then nine digits not starting with 0, with
  // at most one hyphen after a two- or three-digit area code (not starting
  // with 6) or after the 6 of a mobile number.
  absl::string_view rest = value;
  if (!absl::ConsumePrefix(&rest, "+31") && !absl::ConsumePrefix(&rest, "0031") &&
      !absl::ConsumePrefix(&rest, "0")) {
    return false;
  }
  const size_t hyphen = rest.find('-');
  if (hyphen == absl::string_view::npos) {
    return rest.size() == 9 && AllDigits(rest) && rest[0] != '0';
  }
  const absl::string_view area = rest.substr(0, hyphen);
  const absl::string_view number = rest.substr(hyphen + 1);
  if (!AllDigits(area) || !AllDigits(number) || area.size() + number.size() != 9 ||
      area[0] == '0' || number[0] == '0') {
    return false;
  }
  if (area.size() == 1) return area[0] == '6';
  return (area.size() == 2 || area.size() == 3) && area[0] != '6';
}

bool IsUrl(absl::string_view value) {
  absl::string_view rest = value;
  if (!absl::ConsumePrefix(&rest, "https://")) absl::ConsumePrefix(&rest, "http://");
  if (HasSpaceOrControl(rest)) return false;
  const size_t slash = rest.find('/');
  return IsDottedHost(rest.substr(0, slash));
}

bool IsBsn(absl::string_view value) {
  if (!IsDigits(value, 9) || value == "000000000") return false;
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += (9 - i) * (value[i] - '0');
  sum -= value[8] - '0';
  return sum % 11 == 0;
}

bool IsUuid(absl::string_view value) {
  if (value.size() != 36) return false;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!absl::ascii_isdigit(static_cast<unsigned char>(c)) &&
               (c < 'a' || c > 'f')) {
      return false;
    }
  }
  return true;
}

bool IsVersion(absl::string_view value) {
  int parts = 0;
  size_t start = 0;
  while (true) {
    const size_t dot = value.find('.', start);
    const absl::string_view part = value.substr(start, dot - start);
    if (!AllDigits(part) || (part.size() > 1 && part[0] == '0')) return false;
    ++parts;
    if (dot == absl::string_view::npos) break;
    start = dot + 1;
  }
  return parts == 2 || parts == 3;
}

bool HasFormat(v1::Format format, absl::string_view value) {
  switch (format) {
    case v1::FORMAT_DATE:
      return IsDate(value);
    case v1::FORMAT_DATE_TIME:
      return IsDateTime(value);
    case v1::FORMAT_POSTCODE_NL:
      return IsPostcodeNl(value);
    case v1::FORMAT_EMAIL:
      return IsEmail(value);
    case v1::FORMAT_PHONE_NL:
      return IsPhoneNl(value);
    case v1::FORMAT_URL:
      return IsUrl(value);
    case v1::FORMAT_OIN:
      return IsOin(value);
    case v1::FORMAT_BSN:
      return IsBsn(value);
    case v1::FORMAT_UUID:
      return IsUuid(value);
    case v1::FORMAT_KVK_NUMMER:
      return IsDigits(value, 8);
    case v1::FORMAT_VERSION:
      return IsVersion(value);
    case v1::FORMAT_DIGITS:
      return IsDigits(value);
    case v1::FORMAT_SAFE_ID:
      return IsSafeId(value);
    case v1::FORMAT_POSTCODE:
      return IsPostcode(value);
    case v1::FORMAT_LANGUAGE_CODE:
      return IsLanguageCode(value);
    default:
      return false;
  }
}

bool IsValidUtf8(absl::string_view value) {
  const auto* p = reinterpret_cast<const unsigned char*>(value.data());
  const auto* end = p + value.size();
  while (p < end) {
    // ASCII eight bytes at a time: most text of the standard is.
    uint64_t word;
    while (end - p >= 8 && (std::memcpy(&word, p, 8), (word & 0x8080808080808080) == 0)) {
      p += 8;
    }
    if (p == end) break;
    const unsigned char c = *p;
    int follow;
    unsigned char low = 0x80, high = 0xBF;  // bounds of the second byte
    if (c < 0x80) {
      ++p;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      follow = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      follow = 2;
      if (c == 0xE0) low = 0xA0;   // no overlong forms
      if (c == 0xED) high = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      follow = 3;
      if (c == 0xF0) low = 0x90;   // no overlong forms
      if (c == 0xF4) high = 0x8F;  // nothing beyond U+10FFFF
    } else {
      return false;
    }
    if (end - p <= follow || p[1] < low || p[1] > high) return false;
    for (int i = 2; i <= follow; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
    }
    p += follow + 1;
  }
  return true;
}

size_t CodePoints(absl::string_view value) {
  size_t n = 0;
  for (char c : value) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace vum::validate_internal
