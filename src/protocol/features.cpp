#include "protocol/features.hpp"

#include "core/json.hpp"

namespace ei::protocol {

namespace {

bool is_true(const boost::json::value& root, core::JsonKeys keys) {
  const boost::json::value* value = core::find_path(root, keys);
  return value != nullptr && value->is_bool() && value->get_bool();
}

}  // namespace

Features Features::from_json(const boost::json::value& features) {
  Features flags;
  flags.sync_rules_basic = is_true(features, {"sync_rules", "basic", "enabled"});
  flags.sync_rules_advanced = is_true(features, {"sync_rules", "advanced", "enabled"});
  flags.filtering_rules = is_true(features, {"filtering_rules"});
  flags.filtering_advanced_config = is_true(features, {"filtering_advanced_config"});
  flags.document_level_security = is_true(features, {"document_level_security", "enabled"});
  flags.incremental_sync = is_true(features, {"incremental_sync", "enabled"});
  return flags;
}

}  // namespace ei::protocol
