#include "source/data_source.hpp"

#include "core/hash.hpp"

namespace ei::source {

DataSource::DataSource(std::shared_ptr<const SourceDescriptor> descriptor,
                       DataSourceConfiguration configuration)
    : descriptor_(std::move(descriptor)), configuration_(std::move(configuration)) {
  configuration_.apply_defaults(descriptor_->default_configuration);
}

boost::asio::awaitable<bool> DataSource::changed() {
  co_return true;
}

boost::asio::awaitable<void> DataSource::validate_config() {
  configuration_.check_valid();
  co_return;
}

void DataSource::validate_config_fields() const {
  configuration_.check_fields_present(descriptor_->default_configuration);
}

std::vector<std::shared_ptr<filtering::AdvancedRulesValidator>>
DataSource::advanced_rules_validators() {
  return {};
}

std::vector<std::shared_ptr<filtering::BasicRulesValidator>>
DataSource::extra_basic_rules_validators() {
  return {};
}

void DataSource::tweak_bulk_options(core::BulkOptions& /*options*/) const {}

std::string DataSource::hash_id(std::string_view id) const {
  return core::md5_hex(id);
}

boost::asio::awaitable<void> DataSource::close() {
  co_return;
}

}  // namespace ei::source
