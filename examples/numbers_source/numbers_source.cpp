#include "numbers_source.hpp"

#include <boost/json.hpp>
#include <string>

#include "core/base64.hpp"
#include "source/errors.hpp"

namespace ei::examples {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

// A download captures what it needs by value: the engine may call it after get_docs ended.
asio::awaitable<std::optional<json::object>> content_of(std::int64_t number, bool doit) {
  // doit=false: the document is unchanged, so no work at all.
  if (!doit) co_return std::nullopt;
  co_return json::object{{"_attachment", core::base64_encode("number " + std::to_string(number))}};
}

}  // namespace

std::shared_ptr<const source::SourceDescriptor> NumbersSource::descriptor_ptr() {
  static const auto descriptor = std::make_shared<const source::SourceDescriptor>(
      source::SourceDescriptor{kServiceType,
                               "Numbers (example)",
                               {
                                   source::ConfigField{.key = "count",
                                                       .label = "How many numbers",
                                                       .order = 1,
                                                       .type = source::FieldType::kInt,
                                                       .value = 10,
                                                       .display = "numeric",
                                                       .validations = {{"greater_than", -1}}},
                                   source::ConfigField{.key = "prefix",
                                                       .label = "Id prefix",
                                                       .order = 2,
                                                       .type = source::FieldType::kStr,
                                                       .value = "number"},
                               }});
  return descriptor;
}

NumbersSource::NumbersSource(source::DataSourceConfiguration configuration,
                             const source::SourceContext& /*context*/)
    : DataSource(descriptor_ptr(), std::move(configuration)),
      count_(this->configuration().get_int("count")),
      prefix_(this->configuration().get_string("prefix")) {}

asio::awaitable<void> NumbersSource::ping() {
  co_return;
}

asio::awaitable<void> NumbersSource::get_docs(source::DocumentSink& sink,
                                              const protocol::Filter& /*filter*/) {
  for (std::int64_t number = 1; number <= count_; ++number) {
    json::object document{
        {"_id", prefix_ + "-" + std::to_string(number)},  // stable: how the next sync knows it
        {"_timestamp", "2024-01-01T00:00:00+00:00"},      // unchanged text: skipped next time
        {"value", number},
    };
    source::LazyDownload download = [number](bool doit, std::optional<std::string>) {
      return content_of(number, doit);
    };
    // Built in a statement of its own: GCC 12 mishandles awaitables with captures that are
    // temporaries of a co_await expression.
    auto emitting = sink.emit(source::SourceDocument{std::move(document), std::move(download)});
    co_await std::move(emitting);
  }
}

}  // namespace ei::examples
