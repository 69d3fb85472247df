#pragma once

#include "core/config.hpp"
#include "es/es_options.hpp"

namespace ei::service {

// The config's elasticsearch section as client options (spec §5.1, §5.2).
es::EsOptions es_options_from_config(const core::ElasticsearchConfig& config);

}  // namespace ei::service
