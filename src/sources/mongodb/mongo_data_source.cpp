#include "sources/mongodb/mongo_data_source.hpp"

#include <algorithm>
#include <utility>

#include "core/logging.hpp"
#include "core/strings.hpp"
#include "core/url_redaction.hpp"
#include "source/blocking.hpp"
#include "source/blocking_prefetch.hpp"
#include "source/content_stamp.hpp"
#include "source/errors.hpp"
#include "sources/mongodb/mongo_advanced_rules.hpp"
#include "sources/mongodb/mongo_advanced_rules_validator.hpp"

namespace ei::sources {

namespace asio = boost::asio;
namespace json = boost::json;
using mongodb::MongoClient;
using mongodb::MongoCursor;
using mongodb::MongoError;

std::shared_ptr<const source::SourceDescriptor> MongoDataSource::descriptor_ptr() {
  static const auto descriptor =
      std::make_shared<const source::SourceDescriptor>(source::SourceDescriptor{
          kServiceType,
          "MongoDB",
          {
              source::ConfigField{.key = "host", .label = "Server hostname", .order = 1},
              source::ConfigField{
                  .key = "user", .label = "Username", .order = 2, .required = false},
              source::ConfigField{.key = "password",
                                  .label = "Password",
                                  .order = 3,
                                  .required = false,
                                  .sensitive = true},
              source::ConfigField{.key = "database", .label = "Database", .order = 4},
              source::ConfigField{.key = "collection", .label = "Collection", .order = 5},
              source::ConfigField{.key = "direct_connection",
                                  .label = "Direct connection",
                                  .order = 6,
                                  .type = source::FieldType::kBool,
                                  .value = false,
                                  .display = "toggle"},
          }});
  return descriptor;
}

MongoDataSource::MongoDataSource(source::DataSourceConfiguration configuration,
                                 const source::SourceContext& context)
    : DataSource(descriptor_ptr(), std::move(configuration)),
      executor_(context.executor),
      blocking_(context.blocking) {
  settings_.host = this->configuration().get_string("host");
  // The optional fields are null when left empty.
  const auto optional_text = [this](std::string_view key) {
    const json::value value = this->configuration().get(key);
    return value.is_string() ? std::string(value.get_string()) : std::string();
  };
  settings_.user = optional_text("user");
  settings_.password = optional_text("password");
  settings_.direct_connection = this->configuration().get_bool("direct_connection");
  server_ = core::redact_url(settings_.host);
  database_ = this->configuration().get_string("database");
  collection_ = this->configuration().get_string("collection");
}

template <typename Work>
asio::awaitable<std::invoke_result_t<Work&, MongoClient&>> MongoDataSource::on_client(Work work) {
  auto making = client();
  std::shared_ptr<MongoClient> client = co_await std::move(making);
  std::string server = server_;
  std::string user = settings_.user;
  auto running = source::run_blocking(blocking_, [client, work = std::move(work), server,
                                                  user]() mutable {
    try {
      return work(*client);
    } catch (const MongoError& error) {
      if (error.authentication()) {
        throw source::SourceError("MongoDB at " + server + " refused the credentials of user '" +
                                  user + "': " + error.what());
      }
      throw source::SourceError("MongoDB at " + server + ": " + error.what());
    } catch (const std::invalid_argument& error) {
      throw source::SourceError("MongoDB at " + server + ": " + error.what());
    }
  });
  co_return co_await std::move(running);
}

asio::awaitable<std::shared_ptr<MongoClient>> MongoDataSource::client() {
  if (!client_) {
    mongodb::MongoSettings settings = settings_;
    std::string server = server_;
    auto making = source::run_blocking(blocking_, [settings, server] {
      try {
        return std::make_shared<MongoClient>(settings);
      } catch (const std::invalid_argument& error) {
        throw source::ConfigurableFieldValueError(
            "The MongoDB host '" + server + "' is not a valid connection string: " + error.what());
      }
    });
    client_ = co_await std::move(making);
  }
  co_return client_;
}

asio::awaitable<void> MongoDataSource::ping() {
  auto pinging = on_client([](MongoClient& client) {
    client.ping();
    return true;
  });
  co_await std::move(pinging);
}

asio::awaitable<void> MongoDataSource::validate_config() {
  co_await DataSource::validate_config();
  auto listing = on_client([](MongoClient& client) { return client.database_names(); });
  const std::vector<std::string> databases = co_await std::move(listing);
  if (std::find(databases.begin(), databases.end(), database_) == databases.end()) {
    throw source::ConfigurableFieldValueError(
        "Database (" + database_ +
        ") does not exist. Existing databases: " + core::join(databases, ", "));
  }
  auto listing_collections = on_client(
      [database = database_](MongoClient& client) { return client.collection_names(database); });
  const std::vector<std::string> collections = co_await std::move(listing_collections);
  if (std::find(collections.begin(), collections.end(), collection_) == collections.end()) {
    throw source::ConfigurableFieldValueError(
        "Collection (" + collection_ + ") does not exist within database " + database_ +
        ". Existing collections: " + core::join(collections, ", "));
  }
}

std::vector<std::shared_ptr<filtering::AdvancedRulesValidator>>
MongoDataSource::advanced_rules_validators() {
  return {std::make_shared<MongoAdvancedRulesValidator>()};
}

json::object MongoDataSource::make_document(json::object document) {
  json::value* id = document.if_contains("_id");
  if (id == nullptr) {
    throw source::SourceError(
        "A MongoDB document has no _id (an aggregation must keep _id to be synced)");
  }
  if (!id->is_string()) {
    *id = json::value(json::serialize(*id));  // 42 → "42", as Python's str() has it
  }
  document["_timestamp"] = source::content_stamp(json::serialize(document));
  return document;
}

asio::awaitable<void> MongoDataSource::emit_cursor(source::DocumentSink& sink,
                                                   std::shared_ptr<MongoCursor> cursor) {
  using Batch = std::vector<json::object>;
  std::string server = server_;
  // The pool reads and converts the next batch while the loop emits this one.
  auto prefetch = [&] {
    return source::BlockingPrefetch<Batch>(blocking_, executor_, [cursor, server] {
      try {
        return cursor->next_batch(kBatchSize);
      } catch (const MongoError& error) {
        throw source::SourceError("MongoDB at " + server + ": " + error.what());
      }
    });
  };
  source::BlockingPrefetch<Batch> next = prefetch();
  while (true) {
    auto taking = next.take();
    Batch batch = co_await std::move(taking);
    if (batch.empty()) break;
    if (batch.size() == kBatchSize) next = prefetch();
    for (json::object& document : batch) {
      source::SourceDocument emitted{make_document(std::move(document)), {}};
      auto emitting = sink.emit(std::move(emitted));
      co_await std::move(emitting);
    }
    if (batch.size() < kBatchSize) break;
  }
}

asio::awaitable<void> MongoDataSource::get_docs(source::DocumentSink& sink,
                                                const protocol::Filter& filter) {
  mongodb::MongoRule rule;
  if (filter.has_advanced_rules()) rule = mongodb::parse_mongo_rules(filter.advanced_rules());
  std::shared_ptr<MongoCursor> cursor;
  if (const auto* find = std::get_if<mongodb::FindRule>(&rule)) {
    auto opening =
        on_client([database = database_, collection = collection_, filter_value = find->filter,
                   options = mongodb::driver_find_options(*find)](MongoClient& client) {
          return client.find(database, collection, filter_value, options);
        });
    cursor = co_await std::move(opening);
  } else if (const auto* aggregate = std::get_if<mongodb::AggregateRule>(&rule)) {
    auto opening =
        on_client([database = database_, collection = collection_, pipeline = aggregate->pipeline,
                   options = aggregate->options](MongoClient& client) {
          return client.aggregate(database, collection, pipeline, options);
        });
    cursor = co_await std::move(opening);
  } else {
    auto opening = on_client([database = database_, collection = collection_](MongoClient& client) {
      return client.find(database, collection, json::object(), json::object());
    });
    cursor = co_await std::move(opening);
  }
  auto emitting = emit_cursor(sink, std::move(cursor));
  co_await std::move(emitting);
}

asio::awaitable<void> MongoDataSource::close() {
  // A batch still being read on the pool holds its own reference to the client.
  client_.reset();
  co_return;
}

}  // namespace ei::sources
