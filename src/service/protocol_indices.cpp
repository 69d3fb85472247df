#include "service/protocol_indices.hpp"

#include <boost/json.hpp>
#include <string>

#include "es/errors.hpp"
#include "es/es_client.hpp"
#include "protocol/index_names.hpp"
#include "protocol/protocol_mappings.hpp"

namespace ei::service {

namespace asio = boost::asio;

namespace {

// True when this call created the concrete index.
asio::awaitable<bool> ensure_index(es::EsClient& es, std::string alias, std::string concrete,
                                   boost::json::object body) {
  if (co_await es.index_exists(alias)) co_return false;
  try {
    co_await es.create_index(concrete, std::move(body));
    co_return true;
  } catch (const es::EsError& error) {
    // Another process (a second service, the CLI) created it between the check and here.
    if (error.type() == "resource_already_exists_exception") co_return false;
    throw;
  }
}

}  // namespace

asio::awaitable<ProtocolIndicesSetup> ensure_protocol_indices(es::EsClient& es) {
  ProtocolIndicesSetup setup;
  std::string connectors_alias(protocol::kConnectorsIndex);
  std::string connectors_concrete(protocol::kConnectorsConcreteIndex);
  boost::json::object connectors_body = protocol::connectors_index_creation_body();
  setup.connectors_created =
      co_await ensure_index(es, connectors_alias, connectors_concrete, connectors_body);

  std::string jobs_alias(protocol::kJobsIndex);
  std::string jobs_concrete(protocol::kJobsConcreteIndex);
  boost::json::object jobs_body = protocol::jobs_index_creation_body();
  setup.jobs_created = co_await ensure_index(es, jobs_alias, jobs_concrete, jobs_body);
  co_return setup;
}

}  // namespace ei::service
