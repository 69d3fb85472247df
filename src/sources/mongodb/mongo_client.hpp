#pragma once

#include <mongoc/mongoc.h>

#include <boost/json.hpp>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ei::sources::mongodb {

// What libmongoc reported (its message; the domain and code tell authentication apart).
class MongoError : public std::runtime_error {
 public:
  MongoError(const bson_error_t& error, const std::string& context);
  std::uint32_t domain() const { return domain_; }
  std::uint32_t code() const { return code_; }
  bool authentication() const;

 private:
  std::uint32_t domain_;
  std::uint32_t code_;
};

struct MongoSettings {
  std::string host{};  // a mongodb:// or mongodb+srv:// URI, or a bare host[:port]
  std::string user{};
  std::string password{};
  bool direct_connection = false;
};

// The connection string the driver gets (spec §2.1): the host as-is when it is a URI, else
// `mongodb://<host>`; directConnection only when asked for; the credentials only when one
// of them is set. Throws std::invalid_argument when the driver refuses it.
class MongoUri {
 public:
  explicit MongoUri(const MongoSettings& settings);
  ~MongoUri();
  MongoUri(const MongoUri&) = delete;
  MongoUri& operator=(const MongoUri&) = delete;
  const mongoc_uri_t* get() const { return uri_; }

 private:
  mongoc_uri_t* uri_ = nullptr;
};

class MongoCursor;

// One libmongoc client (one connection, the driver's single-threaded client). Every call
// blocks: the source runs them on its thread pool, one at a time, which is all a
// mongoc_client_t allows. Cursors share its ownership, so a batch still being read on the
// pool keeps it alive after the source let go.
class MongoClient : public std::enable_shared_from_this<MongoClient> {
 public:
  explicit MongoClient(const MongoSettings& settings);
  ~MongoClient();
  MongoClient(const MongoClient&) = delete;
  MongoClient& operator=(const MongoClient&) = delete;

  // The `ping` command on `admin`.
  void ping();
  std::vector<std::string> database_names();
  std::vector<std::string> collection_names(const std::string& database);

  // A find with `filter` and the driver's find options (projection, skip, limit, ...).
  std::shared_ptr<MongoCursor> find(const std::string& database, const std::string& collection,
                                    const boost::json::object& filter,
                                    const boost::json::object& options);
  // An aggregation with `pipeline` and its options (allowDiskUse, maxTimeMS, batchSize, let).
  std::shared_ptr<MongoCursor> aggregate(const std::string& database, const std::string& collection,
                                         const boost::json::array& pipeline,
                                         const boost::json::object& options);

 private:
  friend class MongoCursor;
  mongoc_client_t* client_ = nullptr;
};

// The documents of a find or an aggregation, read a batch at a time.
class MongoCursor {
 public:
  MongoCursor(std::shared_ptr<MongoClient> client, mongoc_collection_t* collection,
              mongoc_cursor_t* cursor);
  ~MongoCursor();
  MongoCursor(const MongoCursor&) = delete;
  MongoCursor& operator=(const MongoCursor&) = delete;

  // Up to `count` documents (fewer only at the end: an empty batch means done), each as
  // bson_to_json makes it. Throws MongoError when the server fails the cursor.
  std::vector<boost::json::object> next_batch(std::size_t count);

 private:
  std::shared_ptr<MongoClient> client_;
  mongoc_collection_t* collection_;
  mongoc_cursor_t* cursor_;
};

}  // namespace ei::sources::mongodb
