#pragma once

#include <boost/json.hpp>

namespace ei::protocol {

// The connector's `features` flags (spec §7.6; the 8.9 flags of §24.4-24.6 too). Read,
// never written by the service in 8.8. A flag is set only when its value is JSON `true`;
// missing objects and non-object intermediate values read as false (never a problem).
struct Features {
  bool sync_rules_basic = false;           // sync_rules.basic.enabled
  bool sync_rules_advanced = false;        // sync_rules.advanced.enabled
  bool filtering_rules = false;            // filtering_rules (older form)
  bool filtering_advanced_config = false;  // filtering_advanced_config (older form)
  bool document_level_security = false;    // document_level_security.enabled (8.9)
  bool incremental_sync = false;           // incremental_sync.enabled (8.9)

  static Features from_json(const boost::json::value& features);

  // Any of the four sync-rules flags (spec §7.6).
  bool sync_rules_enabled() const {
    return sync_rules_basic || sync_rules_advanced || filtering_rules || filtering_advanced_config;
  }

  friend bool operator==(const Features&, const Features&) = default;
};

}  // namespace ei::protocol
