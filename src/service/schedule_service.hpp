#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>

#include "protocol/connector.hpp"
#include "protocol/trigger_method.hpp"
#include "service/es_protocol_store.hpp"
#include "service/loop_service.hpp"

namespace ei::service {

// The `schedule` service (spec §9): every `idling` seconds, for each supported connector:
// report a malformed document, prepare, heartbeat, status gating, draft rule validation,
// the on-demand trigger (`sync_now`) and the cron trigger.
class ScheduleService : public LoopService {
 public:
  explicit ScheduleService(ServiceContext& context);

  boost::asio::awaitable<void> run() override;
  // One pass over the supported connectors (tests call it directly).
  boost::asio::awaitable<void> poll();

 private:
  boost::asio::awaitable<void> schedule(protocol::Connector connector);
  // Writes `status: error` with the list of malformed fields, unless already written.
  boost::asio::awaitable<void> report_malformed(const protocol::Connector& connector);
  // Spec §9.3: the reloaded connector, or nothing when it must be skipped.
  boost::asio::awaitable<std::optional<protocol::Connector>> prepare(std::string id);
  boost::asio::awaitable<void> heartbeat(const protocol::Connector& connector);
  boost::asio::awaitable<void> validate_draft_rules(std::string id);
  boost::asio::awaitable<void> on_demand_trigger(std::string id);
  boost::asio::awaitable<void> scheduled_trigger(std::string id);
  boost::asio::awaitable<void> create_job(const protocol::Connector& connector,
                                          protocol::TriggerMethod trigger);

  EsProtocolStore store_;
};

}  // namespace ei::service
