#pragma once

// Loads and changes the test data of the MongoDB end-to-end suite on the FerretDB that
// tests/servers/ferretdb starts, through libmongoc (the server checks it like any client).

#include <gtest/gtest.h>
#include <mongoc/mongoc.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "sources/mongodb/bson_json.hpp"

namespace ei::mongo_testing {

inline constexpr const char* kUri = "mongodb://ei:ei_secret@127.0.0.1:27018/?authSource=admin";

class MongoAdmin {
 public:
  MongoAdmin() {
    mongoc_init();
    client_ = mongoc_client_new(kUri);
  }
  ~MongoAdmin() { mongoc_client_destroy(client_); }
  MongoAdmin(const MongoAdmin&) = delete;
  MongoAdmin& operator=(const MongoAdmin&) = delete;

  // Inserts the documents with bulk writes of 1,000.
  void insert(const std::string& database, const std::string& collection,
              const std::vector<sources::mongodb::BsonPtr>& documents) {
    mongoc_collection_t* handle = collection_of(database, collection);
    for (std::size_t start = 0; start < documents.size(); start += 1000) {
      mongoc_bulk_operation_t* bulk =
          mongoc_collection_create_bulk_operation_with_opts(handle, nullptr);
      for (std::size_t i = start; i < std::min(documents.size(), start + 1000); ++i) {
        mongoc_bulk_operation_insert(bulk, documents[i].get());
      }
      bson_error_t error;
      const bool ok = mongoc_bulk_operation_execute(bulk, nullptr, &error) != 0;
      mongoc_bulk_operation_destroy(bulk);
      EXPECT_TRUE(ok) << "insert into " << database << "." << collection << ": " << error.message;
    }
    mongoc_collection_destroy(handle);
  }

  // Runs `update` (an update document, JSON) on the documents matching `filter` (JSON).
  void update(const std::string& database, const std::string& collection,
              const boost::json::value& filter, const boost::json::value& update) {
    run_write(database, collection, [&](mongoc_collection_t* handle, bson_error_t* error) {
      const auto selector = sources::mongodb::json_to_bson(filter);
      const auto change = sources::mongodb::json_to_bson(update);
      return mongoc_collection_update_many(handle, selector.get(), change.get(), nullptr, nullptr,
                                           error);
    });
  }

  void remove(const std::string& database, const std::string& collection,
              const boost::json::value& filter) {
    run_write(database, collection, [&](mongoc_collection_t* handle, bson_error_t* error) {
      const auto selector = sources::mongodb::json_to_bson(filter);
      return mongoc_collection_delete_many(handle, selector.get(), nullptr, nullptr, error);
    });
  }

  void drop_database(const std::string& database) {
    mongoc_database_t* handle = mongoc_client_get_database(client_, database.c_str());
    bson_error_t error;
    mongoc_database_drop(handle, &error);
    mongoc_database_destroy(handle);
  }

 private:
  mongoc_collection_t* collection_of(const std::string& database, const std::string& collection) {
    return mongoc_client_get_collection(client_, database.c_str(), collection.c_str());
  }

  template <typename Write>
  void run_write(const std::string& database, const std::string& collection, Write write) {
    mongoc_collection_t* handle = collection_of(database, collection);
    bson_error_t error;
    const bool ok = write(handle, &error);
    EXPECT_TRUE(ok) << database << "." << collection << ": " << error.message;
    mongoc_collection_destroy(handle);
  }

  mongoc_client_t* client_ = nullptr;
};

}  // namespace ei::mongo_testing
