#pragma once

// The documents and partial updates the `connectors` CLI writes, standing in for Kibana
// (spec §7, §8, §16.5, §21.2). Pure functions of their inputs and the clock, unit-tested.

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/connectors_input.hpp"
#include "cli/connectors_rules_file.hpp"
#include "core/time.hpp"
#include "protocol/connector_status.hpp"

namespace ei::cli {

// Kibana's default interval for a new connector (midnight every day), disabled.
inline constexpr std::string_view kDefaultScheduleInterval = "0 0 0 * * ?";

struct NewConnector {
  std::string service_type;
  std::string index_name;
  std::optional<std::string> name;      // default: the index name without `search-`
  std::optional<std::string> language;  // null = Kibana's "universal"
  bool is_native = false;
  boost::json::object configuration;  // {} lets the service write the schema (spec §9.3)
  protocol::ConnectorStatus status = protocol::ConnectorStatus::created;
};

// `search-foo` → `foo`, as Kibana names a connector after its index.
std::string default_connector_name(std::string_view index_name);

// A `filtering` array with one DEFAULT domain whose active and draft filters both hold only
// the default rule (`_` regex `.*`, include), state valid (Kibana 8.8, spec §7.8).
boost::json::array default_filtering(core::TimePoint now);

// The document Kibana 8.8 indexes for a new connector: every field of spec §7.1 with its
// initial value (status, api_key_id null, configuration, custom_scheduling {}, filtering,
// scheduling disabled, pipeline defaults, features, language, is_native, counters and
// sync fields null, sync_now false).
boost::json::object new_connector_document(const NewConnector& connector, core::TimePoint now);

// The `features` written into new connectors: sync rules on (basic and advanced, in both the
// 8.8 and the 8.9 forms of spec §7.6), so that drafts get validated and rules applied.
boost::json::object default_features();

// A stored value for `text` according to a configuration entry's `type` (spec §14.1):
// `int` → integer, `float` → number, `bool` → true/false (also yes/no, y/n, 1/0, on/off),
// `str`/`list`/other → the text itself. Throws InputError naming `key` for a text that is
// not of the type.
boost::json::value typed_config_value(std::string_view key, std::string_view type,
                                      std::string_view text);

// The configuration after `assignments`: each key's `value` is replaced (typed by the
// entry's `type`), other properties kept. `schema` (the source's simple configuration,
// spec §14.2) supplies entries absent from `stored`; a key in neither is an InputError
// listing the known keys. With neither a stored entry nor a schema, the key is written as
// `{"value": text}` and the service completes its properties (spec §9.3).
boost::json::object configuration_with_values(const boost::json::object& stored,
                                              const boost::json::object* schema,
                                              const std::vector<KeyValue>& assignments);

// What saving a configuration does to `status` in Kibana: `created` and
// `needs_configuration` become `configured`; other statuses stay.
std::optional<protocol::ConnectorStatus> status_after_configuration(
    std::optional<protocol::ConnectorStatus> status);

// The `filtering` array after a draft edit (Kibana, spec §7.8, §16.5): the DEFAULT domain's
// draft gets `rules` (the default rule appended when the user's rules lack it),
// `advanced_snippet` {value, created_at (kept), updated_at: now} and validation
// {state: edited, errors: []}; `active` and other domains are unchanged. A missing
// DEFAULT element is added (active = the default filter).
boost::json::array filtering_with_draft(const boost::json::array& filtering,
                                        const DraftRules& draft, core::TimePoint now);

// `{"scheduling": {"enabled": true, "interval": ...}}` or `{"scheduling": {"enabled": false}}`
// (the stored interval is kept by the partial update's merge).
boost::json::object schedule_update(std::optional<std::string_view> interval);

// `{"sync_now": true}`: an on-demand sync request the scheduler turns into a job (§9.5).
boost::json::object sync_now_request_update();

// Cancelation of a job that has not started (`pending`, `suspended`), as Kibana does it:
// straight to `canceled` with cancelation_requested_at, canceled_at and completed_at, since
// no runner would ever see a `canceling` request (spec §8.3).
boost::json::object job_cancel_before_start_update(core::TimePoint now);

}  // namespace ei::cli
