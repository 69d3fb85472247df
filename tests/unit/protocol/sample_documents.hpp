#pragma once

#include <boost/json.hpp>

namespace ei::protocol::testing {

// The connector document fake-kibana writes (spec §21.2 step 3) for a source declaring
// `host` and `port`, plus the fields a service and Kibana add later (§7.1, §7.2) and one
// field the protocol does not know (`x_custom`), which must survive a round trip.
inline boost::json::object sample_connector_source() {
  return boost::json::parse(R"({
    "api_key_id": "",
    "configuration": {
      "host": {"label": "Host", "value": "127.0.0.1"},
      "port": {"default_value": null, "depends_on": [], "display": "numeric", "label": "Port",
               "options": [], "order": 2, "required": true, "sensitive": false,
               "tooltip": null, "type": "int", "ui_restrictions": [], "validations": [],
               "value": 3306}
    },
    "index_name": "search-mongo",
    "service_type": "mongodb",
    "status": "configured",
    "language": "en",
    "last_sync_status": null,
    "last_sync_error": null,
    "last_sync_scheduled_at": null,
    "last_synced": null,
    "last_seen": null,
    "created_at": null,
    "updated_at": null,
    "filtering": [{
      "domain": "DEFAULT",
      "draft": {
        "advanced_snippet": {"value": {}, "created_at": "2023-01-31T16:38:49.244Z",
                             "updated_at": "2023-01-31T16:41:27.341Z"},
        "rules": [{"id": "DEFAULT", "field": "_", "rule": "regex", "value": ".*", "order": 1,
                   "policy": "include", "created_at": "2023-01-31T16:38:49.244Z",
                   "updated_at": "2023-01-31T16:41:27.341Z"}],
        "validation": {"state": "valid", "errors": []}
      },
      "active": {
        "advanced_snippet": {"value": {}, "created_at": "2023-01-31T16:38:49.244Z",
                             "updated_at": "2023-01-31T16:41:27.341Z"},
        "rules": [{"id": "DEFAULT", "field": "_", "rule": "regex", "value": ".*", "order": 1,
                   "policy": "include", "created_at": "2023-01-31T16:38:49.244Z",
                   "updated_at": "2023-01-31T16:41:27.341Z"}],
        "validation": {"state": "valid", "errors": []}
      }
    }],
    "scheduling": {"enabled": false, "interval": "1 * * * * *"},
    "pipeline": {"extract_binary_content": true, "name": "ent-search-generic-ingestion",
                 "reduce_whitespace": true, "run_ml_inference": true},
    "sync_now": false,
    "is_native": true,
    "x_custom": {"kept": [1, 2, 3]}
  })")
      .as_object();
}

}  // namespace ei::protocol::testing
