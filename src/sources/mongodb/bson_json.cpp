#include "sources/mongodb/bson_json.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "core/base64.hpp"
#include "core/time.hpp"

namespace ei::sources::mongodb {

namespace json = boost::json;

namespace {

// Days since 1970-01-01 → civil date (proleptic Gregorian, any year the int64 holds).
core::CivilDate civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto day_of_era = static_cast<std::uint64_t>(days - era * 146097);
  const std::uint64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::uint64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::uint64_t month_index = (5 * day_of_year + 2) / 153;
  const auto day = static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
  const auto month = static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
  const std::int64_t year = static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2);
  return {static_cast<int>(year), month, day};
}

json::value date_to_json(std::int64_t milliseconds) {
  // ±2^63 ms is ±292 million years; keep the arithmetic inside int64 and the years in 1-9999.
  constexpr std::int64_t kDayMs = 86'400'000;
  std::int64_t days = milliseconds / kDayMs;
  std::int64_t rest = milliseconds % kDayMs;
  if (rest < 0) {
    rest += kDayMs;
    --days;
  }
  if (days < -719162 || days > 2932896) return milliseconds;  // before 0001-01-01, after 9999
  core::CivilDateTime time;
  time.date = civil_from_days(days);
  time.hour = static_cast<int>(rest / 3'600'000);
  time.minute = static_cast<int>(rest / 60'000 % 60);
  time.second = static_cast<int>(rest / 1000 % 60);
  time.microsecond = static_cast<int>(rest % 1000) * 1000;
  return json::value(core::isoformat(time));
}

json::value finite_or_null(double value) {
  if (!std::isfinite(value)) return nullptr;
  return value;
}

std::string uuid_text(const std::uint8_t* bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += kHex[bytes[i] >> 4];
    text += kHex[bytes[i] & 0x0f];
  }
  return text;
}

// The relaxed Extended JSON of one value, through a one-field document.
json::value extended_json(const bson_iter_t& iterator) {
  bson_iter_t copy = iterator;
  bson_t holder;
  bson_init(&holder);
  bson_append_iter(&holder, "v", 1, &copy);
  std::size_t length = 0;
  char* text = bson_as_relaxed_extended_json(&holder, &length);
  bson_destroy(&holder);
  if (text == nullptr) return nullptr;
  boost::system::error_code error;
  json::value parsed = json::parse(std::string_view(text, length), error);
  bson_free(text);
  if (error || !parsed.is_object()) return nullptr;
  json::value* inner = parsed.get_object().if_contains("v");
  return inner != nullptr ? std::move(*inner) : json::value(nullptr);
}

json::array array_to_json(bson_iter_t& children) {
  json::array array;
  while (bson_iter_next(&children)) array.push_back(bson_value_to_json(children));
  return array;
}

json::object object_to_json(bson_iter_t& children) {
  json::object object;
  while (bson_iter_next(&children)) {
    object.insert_or_assign(
        std::string_view(bson_iter_key(&children), bson_iter_key_len(&children)),
        bson_value_to_json(children));
  }
  return object;
}

}  // namespace

json::value bson_value_to_json(const bson_iter_t& iterator) {
  bson_iter_t it = iterator;
  switch (bson_iter_type(&it)) {
    case BSON_TYPE_DOUBLE:
      return finite_or_null(bson_iter_double(&it));
    case BSON_TYPE_UTF8: {
      std::uint32_t length = 0;
      const char* text = bson_iter_utf8(&it, &length);
      return json::string(std::string_view(text, length));
    }
    case BSON_TYPE_DOCUMENT: {
      bson_iter_t children;
      if (!bson_iter_recurse(&it, &children)) return json::object();
      return object_to_json(children);
    }
    case BSON_TYPE_ARRAY: {
      bson_iter_t children;
      if (!bson_iter_recurse(&it, &children)) return json::array();
      return array_to_json(children);
    }
    case BSON_TYPE_BINARY: {
      bson_subtype_t subtype = BSON_SUBTYPE_BINARY;
      std::uint32_t length = 0;
      const std::uint8_t* data = nullptr;
      bson_iter_binary(&it, &subtype, &length, &data);
      if ((subtype == BSON_SUBTYPE_UUID || subtype == BSON_SUBTYPE_UUID_DEPRECATED) &&
          length == 16) {
        return json::string(uuid_text(data));
      }
      return json::string(
          core::base64_encode(std::string_view(reinterpret_cast<const char*>(data), length)));
    }
    case BSON_TYPE_OID: {
      char hex[25];
      bson_oid_to_string(bson_iter_oid(&it), hex);
      return json::string(hex);
    }
    case BSON_TYPE_BOOL:
      return bson_iter_bool(&it);
    case BSON_TYPE_DATE_TIME:
      return date_to_json(bson_iter_date_time(&it));
    case BSON_TYPE_NULL:
    case BSON_TYPE_UNDEFINED:
      return nullptr;
    case BSON_TYPE_INT32:
      return bson_iter_int32(&it);
    case BSON_TYPE_INT64:
      return bson_iter_int64(&it);
    case BSON_TYPE_DECIMAL128: {
      bson_decimal128_t decimal;
      bson_iter_decimal128(&it, &decimal);
      char text[BSON_DECIMAL128_STRING];
      bson_decimal128_to_string(&decimal, text);
      return finite_or_null(std::strtod(text, nullptr));
    }
    default:
      return extended_json(it);
  }
}

json::object bson_to_json(const bson_t& document) {
  bson_iter_t it;
  if (!bson_iter_init(&it, &document)) return {};
  return object_to_json(it);
}

BsonPtr json_to_bson(const json::value& value) {
  const std::string text = json::serialize(value);
  bson_error_t error;
  bson_t* document = bson_new_from_json(reinterpret_cast<const std::uint8_t*>(text.data()),
                                        static_cast<ssize_t>(text.size()), &error);
  if (document == nullptr) throw std::invalid_argument(error.message);
  return BsonPtr(document);
}

}  // namespace ei::sources::mongodb
