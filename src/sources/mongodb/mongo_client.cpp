#include "sources/mongodb/mongo_client.hpp"

#include <mutex>
#include <string_view>

#include "core/logging.hpp"
#include "sources/mongodb/bson_json.hpp"

namespace ei::sources::mongodb {

namespace json = boost::json;

namespace {

// The driver's own log lines (its errors reach us as return values too) go to ours, at
// debug level.
void forward_log(mongoc_log_level_t level, const char* domain, const char* message, void*) {
  if (level <= MONGOC_LOG_LEVEL_WARNING) core::log().debug("libmongoc {}: {}", domain, message);
}

void initialize_driver() {
  static std::once_flag once;
  std::call_once(once, [] {
    mongoc_log_set_handler(forward_log, nullptr);
    mongoc_init();
  });
}

bool is_uri(std::string_view host) {
  return host.starts_with("mongodb://") || host.starts_with("mongodb+srv://");
}

struct StringList {
  char** names = nullptr;
  ~StringList() { bson_strfreev(names); }
  std::vector<std::string> to_vector() const {
    std::vector<std::string> result;
    for (char** name = names; name != nullptr && *name != nullptr; ++name) {
      result.emplace_back(*name);
    }
    return result;
  }
};

}  // namespace

MongoError::MongoError(const bson_error_t& error, const std::string& context)
    : std::runtime_error(context + ": " + error.message),
      domain_(error.domain),
      code_(error.code) {}

bool MongoError::authentication() const {
  // Code 18 is the server's AuthenticationFailed; the client domain covers a handshake
  // that failed before the server answered.
  return code_ == 18 ||
         (domain_ == MONGOC_ERROR_CLIENT && code_ == MONGOC_ERROR_CLIENT_AUTHENTICATE);
}

MongoUri::MongoUri(const MongoSettings& settings) {
  initialize_driver();
  const std::string text = is_uri(settings.host) ? settings.host : "mongodb://" + settings.host;
  bson_error_t error;
  uri_ = mongoc_uri_new_with_error(text.c_str(), &error);
  if (uri_ == nullptr) throw std::invalid_argument(error.message);
  if (settings.direct_connection) {
    mongoc_uri_set_option_as_bool(uri_, MONGOC_URI_DIRECTCONNECTION, true);
  }
  if (!settings.user.empty() || !settings.password.empty()) {
    mongoc_uri_set_username(uri_, settings.user.c_str());
    mongoc_uri_set_password(uri_, settings.password.c_str());
  }
}

MongoUri::~MongoUri() {
  mongoc_uri_destroy(uri_);
}

MongoClient::MongoClient(const MongoSettings& settings) {
  MongoUri uri(settings);
  bson_error_t error;
  client_ = mongoc_client_new_from_uri_with_error(uri.get(), &error);
  if (client_ == nullptr) throw std::invalid_argument(error.message);
  mongoc_client_set_error_api(client_, MONGOC_ERROR_API_VERSION_2);
  mongoc_client_set_appname(client_, "elastic-ingest");
}

MongoClient::~MongoClient() {
  mongoc_client_destroy(client_);
}

void MongoClient::ping() {
  BsonPtr command(BCON_NEW("ping", BCON_INT32(1)));
  bson_t reply;
  bson_error_t error;
  const bool ok =
      mongoc_client_command_simple(client_, "admin", command.get(), nullptr, &reply, &error);
  bson_destroy(&reply);
  if (!ok) throw MongoError(error, "ping failed");
}

std::vector<std::string> MongoClient::database_names() {
  bson_error_t error;
  StringList list{mongoc_client_get_database_names_with_opts(client_, nullptr, &error)};
  if (list.names == nullptr) throw MongoError(error, "listing the databases failed");
  return list.to_vector();
}

std::vector<std::string> MongoClient::collection_names(const std::string& database) {
  mongoc_database_t* handle = mongoc_client_get_database(client_, database.c_str());
  bson_error_t error;
  StringList list{mongoc_database_get_collection_names_with_opts(handle, nullptr, &error)};
  mongoc_database_destroy(handle);
  if (list.names == nullptr) {
    throw MongoError(error, "listing the collections of " + database + " failed");
  }
  return list.to_vector();
}

std::shared_ptr<MongoCursor> MongoClient::find(const std::string& database,
                                               const std::string& collection,
                                               const json::object& filter,
                                               const json::object& options) {
  BsonPtr filter_bson = json_to_bson(filter);
  BsonPtr options_bson = json_to_bson(options);
  mongoc_collection_t* handle =
      mongoc_client_get_collection(client_, database.c_str(), collection.c_str());
  mongoc_cursor_t* cursor =
      mongoc_collection_find_with_opts(handle, filter_bson.get(), options_bson.get(), nullptr);
  return std::make_shared<MongoCursor>(shared_from_this(), handle, cursor);
}

std::shared_ptr<MongoCursor> MongoClient::aggregate(const std::string& database,
                                                    const std::string& collection,
                                                    const json::array& pipeline,
                                                    const json::object& options) {
  BsonPtr pipeline_bson = json_to_bson(json::object{{"pipeline", pipeline}});
  BsonPtr options_bson = json_to_bson(options);
  mongoc_collection_t* handle =
      mongoc_client_get_collection(client_, database.c_str(), collection.c_str());
  mongoc_cursor_t* cursor = mongoc_collection_aggregate(
      handle, MONGOC_QUERY_NONE, pipeline_bson.get(), options_bson.get(), nullptr);
  return std::make_shared<MongoCursor>(shared_from_this(), handle, cursor);
}

MongoCursor::MongoCursor(std::shared_ptr<MongoClient> client, mongoc_collection_t* collection,
                         mongoc_cursor_t* cursor)
    : client_(std::move(client)), collection_(collection), cursor_(cursor) {}

MongoCursor::~MongoCursor() {
  mongoc_cursor_destroy(cursor_);
  mongoc_collection_destroy(collection_);
}

std::vector<json::object> MongoCursor::next_batch(std::size_t count) {
  std::vector<json::object> batch;
  batch.reserve(count);
  const bson_t* document = nullptr;
  while (batch.size() < count && mongoc_cursor_next(cursor_, &document)) {
    batch.push_back(bson_to_json(*document));
  }
  bson_error_t error;
  if (batch.size() < count && mongoc_cursor_error(cursor_, &error)) {
    throw MongoError(error, "reading the documents failed");
  }
  return batch;
}

}  // namespace ei::sources::mongodb
