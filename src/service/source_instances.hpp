#pragma once

#include <boost/json.hpp>
#include <memory>

#include "filtering/filtering_validator.hpp"
#include "service/service_context.hpp"
#include "source/data_source.hpp"

namespace ei::service {

// A source instance for a stored configuration (the job's snapshot, or the live connector's
// for draft validation). Throws the source's ConfigurationError for an unreadable one.
std::unique_ptr<source::DataSource> make_source(const ServiceContext& context,
                                                const source::ResolvedSource& entry,
                                                const boost::json::object& configuration);

// The sync-rule validators of a source (spec §16.3-16.4): the default basic validators,
// the source's extra basic ones, and its advanced-rule validators.
filtering::FilteringValidator rule_validator_for(source::DataSource& source);

}  // namespace ei::service
