#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "source/data_source.hpp"
#include "source/source_context.hpp"
#include "sources/mongodb/mongo_client.hpp"

namespace ei::sources {

// `mongodb` / MongoDataSource (sources spec §2): every document of one collection, or the
// results of the advanced rules' find or aggregation, read with a cursor a batch at a time on
// the thread pool (libmongoc blocks), the next batch read while the current one is emitted.
class MongoDataSource : public source::DataSource {
 public:
  static constexpr const char* kServiceType = "mongodb";
  // Documents read per hop to the thread pool.
  static constexpr std::size_t kBatchSize = 500;

  static std::shared_ptr<const source::SourceDescriptor> descriptor_ptr();

  MongoDataSource(source::DataSourceConfiguration configuration,
                  const source::SourceContext& context);

  // The `ping` command on `admin`; a failure names the server and the cause.
  boost::asio::awaitable<void> ping() override;

  // Schema check, then the database and the collection must exist (spec §2.2).
  boost::asio::awaitable<void> validate_config() override;

  boost::asio::awaitable<void> get_docs(source::DocumentSink& sink,
                                        const protocol::Filter& filter) override;

  std::vector<std::shared_ptr<filtering::AdvancedRulesValidator>> advanced_rules_validators()
      override;

  boost::asio::awaitable<void> close() override;

  // The indexed document of a MongoDB document (bson_to_json's form): `_id` its own `_id`
  // as text (an ObjectId's hex; a string as it is; any other value as its JSON), and
  // `_timestamp` its content stamp (content_stamp.hpp). Throws source::SourceError when it
  // has no `_id` (an aggregation can drop it).
  static boost::json::object make_document(boost::json::object document);

  // The server as messages name it: the host without credentials.
  const std::string& server() const { return server_; }

 private:
  // The client, made on first use on the pool (the constructor does no I/O).
  boost::asio::awaitable<std::shared_ptr<mongodb::MongoClient>> client();
  // Runs `work` on the pool with the client; a driver error becomes a SourceError naming the
  // server.
  template <typename Work>
  boost::asio::awaitable<std::invoke_result_t<Work&, mongodb::MongoClient&>> on_client(Work work);
  boost::asio::awaitable<void> emit_cursor(source::DocumentSink& sink,
                                           std::shared_ptr<mongodb::MongoCursor> cursor);

  boost::asio::any_io_executor executor_;
  boost::asio::any_io_executor blocking_;
  mongodb::MongoSettings settings_;
  std::string server_;
  std::string database_;
  std::string collection_;
  std::shared_ptr<mongodb::MongoClient> client_;
};

}  // namespace ei::sources
