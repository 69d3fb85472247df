#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "protocol/filter.hpp"
#include "source/data_source_configuration.hpp"
#include "source/source_descriptor.hpp"
#include "source/source_document.hpp"

namespace ei::filtering {
class AdvancedRulesValidator;
class BasicRulesValidator;
}  // namespace ei::filtering

namespace ei::source {

// The contract every source implements (DESIGN §5, spec §14.9, sources §0.2). The call
// sequence of a sync: changed → validate_config_fields → validate_config → ping →
// (rule validation) → tweak_bulk_options → get_docs → close (always).
class DataSource {
 public:
  // Applies the descriptor's declared configuration to `configuration` (spec §14.3).
  DataSource(std::shared_ptr<const SourceDescriptor> descriptor,
             DataSourceConfiguration configuration);
  virtual ~DataSource() = default;
  DataSource(const DataSource&) = delete;
  DataSource& operator=(const DataSource&) = delete;

  const SourceDescriptor& descriptor() const { return *descriptor_; }
  const std::string& service_type() const { return descriptor_->service_type; }
  const std::string& display_name() const { return descriptor_->display_name; }
  const DataSourceConfiguration& configuration() const { return configuration_; }

  // Throws when the backend cannot be reached.
  virtual boost::asio::awaitable<void> ping() = 0;

  // False makes the job a no-op; sources that cannot tell return true (the default).
  virtual boost::asio::awaitable<bool> changed();

  // Default: the schema check of spec §14.6. Sources add remote checks by overriding and
  // calling this first. Throws ConfigurationError with the user-facing message.
  virtual boost::asio::awaitable<void> validate_config();

  // Spec §14.8: every declared key is stored. Throws MalformedConfigurationError.
  void validate_config_fields() const;

  // Emits every document of the backend into `sink`, awaiting each emit (backpressure).
  // The filter carries the job's advanced rules; basic rules are the framework's business.
  virtual boost::asio::awaitable<void> get_docs(DocumentSink& sink,
                                                const protocol::Filter& filter) = 0;

  // Validators of the advanced rules (spec §16.4); none by default.
  virtual std::vector<std::shared_ptr<filtering::AdvancedRulesValidator>>
  advanced_rules_validators();

  // Validators added after the default basic-rule ones (spec §16.3); none by default.
  virtual std::vector<std::shared_ptr<filtering::BasicRulesValidator>>
  extra_basic_rules_validators();

  // Lets a source change the sync's bulk options (e.g. concurrent_downloads); no change.
  virtual void tweak_bulk_options(core::BulkOptions& options) const;

  // Replacement id when an `_id` is too long (sources §0.4): MD5 hex.
  virtual std::string hash_id(std::string_view id) const;

  // Releases connections; called at the end of every job, also after errors.
  virtual boost::asio::awaitable<void> close();

 protected:
  DataSourceConfiguration& mutable_configuration() { return configuration_; }

 private:
  std::shared_ptr<const SourceDescriptor> descriptor_;
  DataSourceConfiguration configuration_;
};

}  // namespace ei::source
