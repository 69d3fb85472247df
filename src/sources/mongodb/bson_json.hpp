#pragma once

#include <bson/bson.h>

#include <boost/json.hpp>
#include <string>

namespace ei::sources::mongodb {

// An owned bson_t* (a class rather than a unique_ptr: bson_t's alignment attribute is
// dropped, with a warning, from template arguments).
class BsonPtr {
 public:
  explicit BsonPtr(bson_t* document) : document_(document) {}
  ~BsonPtr() {
    if (document_ != nullptr) bson_destroy(document_);
  }
  BsonPtr(BsonPtr&& other) noexcept : document_(other.document_) { other.document_ = nullptr; }
  BsonPtr& operator=(BsonPtr&&) = delete;
  BsonPtr(const BsonPtr&) = delete;
  BsonPtr& operator=(const BsonPtr&) = delete;
  bson_t* get() const { return document_; }

 private:
  bson_t* document_;
};

// A MongoDB document as the index gets it (sources spec §2.3, with the gaps of the reference
// filled): ObjectId → its 24 hex digits; date → naive UTC isoformat (a date outside years
// 1-9999 → its milliseconds since the epoch); Decimal128 → a double (NaN and infinities →
// null); a double NaN or infinity → null (JSON has neither, and Elasticsearch refuses them);
// a UUID binary (subtypes 3 and 4, 16 bytes) → its canonical text; other binary → standard
// base64; sub-documents and arrays recursively; the rarer types (regex, timestamp, code,
// min/max key, DBPointer, ...) → their relaxed Extended JSON form.
boost::json::object bson_to_json(const bson_t& document);

// One value (what bson_to_json does to each field).
boost::json::value bson_value_to_json(const bson_iter_t& iterator);

// JSON (read as relaxed Extended JSON, so {"$oid": "..."} and {"$date": "..."} work in rules)
// into a BSON document. Throws std::invalid_argument naming what libbson refused.
BsonPtr json_to_bson(const boost::json::value& value);

}  // namespace ei::sources::mongodb
