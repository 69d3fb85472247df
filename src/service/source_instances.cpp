#include "service/source_instances.hpp"

#include "source/data_source_configuration.hpp"

namespace ei::service {

std::unique_ptr<source::DataSource> make_source(const ServiceContext& context,
                                                const source::ResolvedSource& entry,
                                                const boost::json::object& configuration) {
  source::DataSourceConfiguration stored{boost::json::value(configuration)};
  source::SourceContext source_context{context.executor, context.blocking};
  return entry.type.create(std::move(stored), source_context);
}

filtering::FilteringValidator rule_validator_for(source::DataSource& source) {
  auto basic = filtering::default_basic_rules_validators();
  for (auto& extra : source.extra_basic_rules_validators()) basic.push_back(std::move(extra));
  return filtering::FilteringValidator(std::move(basic), source.advanced_rules_validators());
}

}  // namespace ei::service
