#include "cli/connectors_commands.hpp"

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <ostream>

#include "cli/connectors_documents.hpp"
#include "cli/connectors_input.hpp"
#include "cli/connectors_output.hpp"
#include "cli/connectors_rules_file.hpp"
#include "core/time.hpp"
#include "es/errors.hpp"
#include "es/es_client.hpp"
#include "protocol/connector_status.hpp"
#include "protocol/content_index_settings.hpp"
#include "protocol/index_names.hpp"
#include "protocol/job_status.hpp"
#include "protocol/job_updates.hpp"
#include "protocol/trigger_method.hpp"
#include "service/protocol_indices.hpp"
#include "sources/builtin_registry.hpp"
#include "sync/content_index.hpp"

namespace ei::cli {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

// Conditional writes re-read and retry this many times on a version conflict (spec §5.5).
constexpr int kConflictAttempts = 3;
constexpr std::size_t kMaxSearchSize = 10000;

protocol::DocumentVersion version_of(const es::Document& document) {
  return protocol::DocumentVersion{document.seq_no, document.primary_term};
}

es::WriteOptions conditional(const protocol::DocumentVersion& version) {
  es::WriteOptions options;
  options.if_seq_no = version.seq_no;
  options.if_primary_term = version.primary_term;
  options.refresh = "true";
  return options;
}

es::WriteOptions refreshed() {
  es::WriteOptions options;
  options.refresh = "true";
  return options;
}

// The hits of a search response as (id, source, version) documents.
std::vector<es::Document> hits_of(const json::object& response) {
  std::vector<es::Document> documents;
  const auto* hits = response.if_contains("hits");
  if (hits == nullptr || !hits->is_object()) return documents;
  const auto* list = hits->as_object().if_contains("hits");
  if (list == nullptr || !list->is_array()) return documents;
  for (const auto& hit : list->as_array()) {
    if (!hit.is_object()) continue;
    const auto& object = hit.as_object();
    const auto* id = object.if_contains("_id");
    const auto* source = object.if_contains("_source");
    if (id == nullptr || !id->is_string() || source == nullptr || !source->is_object()) continue;
    es::Document document;
    document.id = std::string(id->as_string());
    document.source = source->as_object();
    if (const auto* seq = object.if_contains("_seq_no"); seq && seq->is_int64()) {
      document.seq_no = seq->as_int64();
    }
    if (const auto* term = object.if_contains("_primary_term"); term && term->is_int64()) {
      document.primary_term = term->as_int64();
    }
    documents.push_back(std::move(document));
  }
  return documents;
}

std::string not_configured_hint(const protocol::Connector& connector) {
  return "connector " + connector.id + " cannot sync yet: its status is " +
         std::string(protocol::to_string(*connector.status)) +
         " (set its configuration with `connectors connector set-config " + connector.id +
         " key=value ...`)";
}

}  // namespace

std::optional<json::object> source_schema(const std::vector<core::SourceEntry>& sources,
                                          std::string_view service_type) {
  auto entry = std::find_if(sources.begin(), sources.end(), [&](const core::SourceEntry& source) {
    return source.service_type == service_type;
  });
  if (entry == sources.end()) return std::nullopt;
  try {
    auto registry = sources::builtin_registry();
    auto type = registry.resolve(entry->class_spec);
    if (!type.descriptor) return std::nullopt;
    return type.descriptor->default_configuration.to_json();
  } catch (const std::exception&) {
    return std::nullopt;  // a source this build does not implement: the service completes it
  }
}

ConnectorsCommands::ConnectorsCommands(es::EsClient& es, std::vector<core::SourceEntry> sources,
                                       std::ostream& out, std::ostream& err)
    : es_(es), sources_(std::move(sources)), out_(out), err_(err) {}

asio::awaitable<int> ConnectorsCommands::run(const ConnectorsRequest& request) {
  switch (request.command) {
    case ConnectorsCommand::connector_create:
      co_return co_await create_connector(request);
    case ConnectorsCommand::connector_list:
      co_return co_await list_connectors(request);
    case ConnectorsCommand::connector_show:
      co_return co_await show_connector(request);
    case ConnectorsCommand::connector_set_config:
      co_return co_await set_config(request);
    case ConnectorsCommand::connector_set_rules:
      co_return co_await set_rules(request);
    case ConnectorsCommand::connector_schedule:
      co_return co_await schedule(request);
    case ConnectorsCommand::job_start:
      co_return co_await start_job(request);
    case ConnectorsCommand::job_list:
      co_return co_await list_jobs(request);
    case ConnectorsCommand::job_show:
      co_return co_await show_job(request);
    case ConnectorsCommand::job_cancel:
      co_return co_await cancel_job(request);
  }
  co_return kExitUsage;
}

// --- reads and writes -------------------------------------------------------------------

asio::awaitable<protocol::Connector> ConnectorsCommands::fetch_connector(std::string id) {
  validate_document_id("connector", id);
  std::string index(protocol::kConnectorsIndex);
  std::optional<es::Document> document;
  try {
    document = co_await es_.get_document(index, id);
  } catch (const es::NotFoundError&) {
    document.reset();  // no connectors index yet: no connector either
  }
  if (!document) {
    throw MissingDocumentError("connector \"" + id + "\" not found in " + index +
                               " (`connectors connector list` shows the ids)");
  }
  co_return protocol::Connector::read(id, std::move(document->source), version_of(*document));
}

asio::awaitable<protocol::SyncJob> ConnectorsCommands::fetch_job(std::string id) {
  validate_document_id("job", id);
  std::string index(protocol::kJobsIndex);
  std::optional<es::Document> document;
  try {
    document = co_await es_.get_document(index, id);
  } catch (const es::NotFoundError&) {
    document.reset();
  }
  if (!document) {
    throw MissingDocumentError("job \"" + id + "\" not found in " + index +
                               " (`connectors job list` shows the ids)");
  }
  co_return protocol::SyncJob::read(id, std::move(document->source), version_of(*document));
}

asio::awaitable<std::vector<protocol::Connector>> ConnectorsCommands::all_connectors() {
  std::string index(protocol::kConnectorsIndex);
  json::object body{{"query", json::object{{"match_all", json::object{}}}},
                    {"size", kMaxSearchSize},
                    {"seq_no_primary_term", true}};
  std::vector<protocol::Connector> connectors;
  json::object response;
  try {
    co_await es_.refresh(index);
    response = co_await es_.search(index, body);
  } catch (const es::NotFoundError&) {
    co_return connectors;
  }
  for (auto& document : hits_of(response)) {
    auto version = version_of(document);
    connectors.push_back(
        protocol::Connector::read(document.id, std::move(document.source), version));
  }
  std::sort(connectors.begin(), connectors.end(), [](const auto& a, const auto& b) {
    return std::tie(a.name, a.id) < std::tie(b.name, b.id);
  });
  co_return connectors;
}

asio::awaitable<void> ConnectorsCommands::update_connector(const protocol::Connector& connector,
                                                           json::object doc) {
  std::string index(protocol::kConnectorsIndex);
  std::string id = connector.id;
  auto options = connector.version.known() ? conditional(connector.version) : refreshed();
  co_await es_.update_document(index, id, std::move(doc), options);
}

asio::awaitable<void> ConnectorsCommands::ensure_content_index(std::optional<std::string> language,
                                                               std::string index) {
  if (co_await es_.index_exists(index)) {
    err_ << "Using the existing index " << index << "\n";
    co_return;
  }
  std::string code = language.value_or(std::string(protocol::kDefaultLanguage));
  co_await sync::prepare_content_index(es_, index, code);
}

asio::awaitable<std::optional<protocol::SyncJob>> ConnectorsCommands::wait_for_job(
    std::string id, const ConnectorsRequest& request) {
  auto executor = co_await asio::this_coro::executor;
  asio::steady_timer timer(executor);
  auto deadline = std::chrono::steady_clock::now() + request.wait_timeout;
  std::optional<protocol::JobStatus> last_status;
  while (true) {
    auto job = co_await fetch_job(id);
    if (!last_status || *last_status != job.status) {
      if (!request.json) err_ << "job " << id << ": " << protocol::to_string(job.status) << "\n";
      last_status = job.status;
    }
    if (job.terminated()) co_return job;
    if (request.wait_timeout.count() > 0 && std::chrono::steady_clock::now() >= deadline) {
      co_return std::nullopt;
    }
    timer.expires_after(request.poll_interval);
    co_await timer.async_wait(asio::use_awaitable);
  }
}

void ConnectorsCommands::print_connector(const protocol::Connector& connector, bool json) {
  if (json) {
    out_ << json::serialize(document_with_id(connector.id, connector.source)) << "\n";
  } else {
    out_ << connector_details(connector);
  }
}

void ConnectorsCommands::print_job(const protocol::SyncJob& job, bool json) {
  if (json) {
    out_ << json::serialize(document_with_id(job.id, job.source)) << "\n";
  } else {
    out_ << job_details(job);
  }
}

// --- connector commands -----------------------------------------------------------------

asio::awaitable<int> ConnectorsCommands::create_connector(const ConnectorsRequest& request) {
  // Everything the user typed is checked before anything is written.
  validate_index_name(request.index_name);
  validate_service_type(request.service_type, sources_);
  if (request.language) validate_language(*request.language);
  auto assignments = parse_key_values(request.assignments);
  auto schema = source_schema(sources_, request.service_type);

  NewConnector connector;
  connector.service_type = request.service_type;
  connector.index_name = request.index_name;
  connector.name = request.name;
  connector.language = request.language;
  connector.is_native = request.native;
  const json::object* schema_pointer = schema ? &*schema : nullptr;
  if (!assignments.empty()) {
    // Configured at once, as when a user fills in Kibana's form right after creating it.
    connector.configuration = configuration_with_values({}, schema_pointer, assignments);
    connector.status = protocol::ConnectorStatus::configured;
  } else if (request.native) {
    // Kibana gives a native connector its source's configuration form to fill in.
    if (schema) connector.configuration = *schema;
    connector.status = protocol::ConnectorStatus::needs_configuration;
  }

  co_await service::ensure_protocol_indices(es_);
  auto existing = co_await all_connectors();
  for (const auto& other : existing) {
    if (other.index_name == request.index_name) {
      throw InputError("index " + request.index_name + " already belongs to connector " + other.id);
    }
  }
  std::string content_index = request.index_name;
  std::optional<std::string> language = request.language;
  co_await ensure_content_index(language, content_index);

  json::object document = new_connector_document(connector, core::Clock::now());
  std::string index(protocol::kConnectorsIndex);
  auto options = refreshed();
  auto written = co_await es_.index_document(index, std::nullopt, document, options);
  auto created = co_await fetch_connector(written.id);
  if (!request.json) out_ << "Created connector " << created.id << "\n";
  print_connector(created, request.json);
  co_return kExitOk;
}

asio::awaitable<int> ConnectorsCommands::list_connectors(const ConnectorsRequest& request) {
  auto connectors = co_await all_connectors();
  if (request.json) {
    json::array list;
    for (const auto& connector : connectors) {
      list.push_back(document_with_id(connector.id, connector.source));
    }
    out_ << json::serialize(list) << "\n";
  } else if (connectors.empty()) {
    out_ << "No connectors (create one with `connectors connector create`)\n";
  } else {
    out_ << connectors_table(connectors);
  }
  co_return kExitOk;
}

asio::awaitable<int> ConnectorsCommands::show_connector(const ConnectorsRequest& request) {
  auto connector = co_await fetch_connector(request.id);
  print_connector(connector, request.json);
  co_return kExitOk;
}

asio::awaitable<int> ConnectorsCommands::set_config(const ConnectorsRequest& request) {
  auto assignments = parse_key_values(request.assignments);
  if (assignments.empty()) throw InputError("set-config needs at least one key=value");
  for (int attempt = 1;; ++attempt) {
    auto connector = co_await fetch_connector(request.id);
    if (connector.has_problem_at("configuration")) {
      throw InputError("connector " + connector.id +
                       " has a malformed configuration; fix the document first");
    }
    std::optional<json::object> schema;
    if (connector.service_type) schema = source_schema(sources_, *connector.service_type);
    const json::object* schema_pointer = schema ? &*schema : nullptr;
    json::object doc{{"configuration", configuration_with_values(connector.configuration,
                                                                 schema_pointer, assignments)}};
    auto status = status_after_configuration(connector.status);
    if (status && status != connector.status) doc["status"] = protocol::to_string(*status);
    bool conflict = false;
    try {
      co_await update_connector(connector, std::move(doc));
    } catch (const es::VersionConflictError&) {
      if (attempt >= kConflictAttempts) throw;
      conflict = true;
    }
    if (!conflict) break;
  }
  auto updated = co_await fetch_connector(request.id);
  print_connector(updated, request.json);
  co_return kExitOk;
}

asio::awaitable<int> ConnectorsCommands::set_rules(const ConnectorsRequest& request) {
  auto draft = read_rules_file(request.rules_file);
  for (int attempt = 1;; ++attempt) {
    auto connector = co_await fetch_connector(request.id);
    if (connector.has_problem_at("filtering")) {
      throw InputError("connector " + connector.id +
                       " has a malformed filtering field; fix the document first");
    }
    json::object doc{{"filtering", filtering_with_draft(connector.filtering.to_json(), draft,
                                                        core::Clock::now())}};
    bool conflict = false;
    try {
      co_await update_connector(connector, std::move(doc));
    } catch (const es::VersionConflictError&) {
      if (attempt >= kConflictAttempts) throw;
      conflict = true;
    }
    if (!conflict) break;
  }
  auto updated = co_await fetch_connector(request.id);
  if (!request.json && !updated.features.sync_rules_enabled()) {
    err_ << "Note: sync rules are disabled in this connector's features, so the service will "
            "not validate or apply the draft\n";
  }
  print_connector(updated, request.json);
  co_return kExitOk;
}

asio::awaitable<int> ConnectorsCommands::schedule(const ConnectorsRequest& request) {
  if (request.interval) {
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    validate_schedule_interval(*request.interval, now);
  }
  auto connector = co_await fetch_connector(request.id);
  std::optional<std::string_view> interval;
  if (request.interval) interval = *request.interval;
  co_await update_connector(connector, schedule_update(interval));
  auto updated = co_await fetch_connector(request.id);
  print_connector(updated, request.json);
  co_return kExitOk;
}

// --- job commands -----------------------------------------------------------------------

asio::awaitable<int> ConnectorsCommands::start_job(const ConnectorsRequest& request) {
  auto connector = co_await fetch_connector(request.id);
  if (connector.status && !protocol::status_allows_sync(*connector.status)) {
    throw InputError(not_configured_hint(connector));
  }
  if (request.sync_now) {
    // The 8.8 on-demand flag: the scheduler resets it and creates the job (spec §9.5).
    co_await update_connector(connector, sync_now_request_update());
    auto updated = co_await fetch_connector(request.id);
    if (!request.json) out_ << "Requested a sync of connector " << updated.id << " (sync_now)\n";
    print_connector(updated, request.json);
    co_return kExitOk;
  }
  // A pending on-demand job, as Kibana 8.8 creates it (spec §8.1).
  co_await service::ensure_protocol_indices(es_);
  json::object document = protocol::new_sync_job_document(
      connector, protocol::TriggerMethod::on_demand, core::Clock::now());
  std::string index(protocol::kJobsIndex);
  auto options = refreshed();
  auto written = co_await es_.index_document(index, std::nullopt, document, options);
  if (!request.wait) {
    auto job = co_await fetch_job(written.id);
    if (!request.json) out_ << "Started job " << job.id << "\n";
    print_job(job, request.json);
    co_return kExitOk;
  }
  if (!request.json) err_ << "Started job " << written.id << ", waiting for it to end\n";
  auto final_state = co_await wait_for_job(written.id, request);
  if (!final_state) {
    auto job = co_await fetch_job(written.id);
    print_job(job, request.json);
    err_ << "Timed out after " << request.wait_timeout.count() << " s waiting for job "
         << written.id << " (status " << protocol::to_string(job.status) << ")\n";
    co_return kExitFailure;
  }
  print_job(*final_state, request.json);
  if (final_state->status != protocol::JobStatus::completed) {
    err_ << "Job " << final_state->id << " ended " << protocol::to_string(final_state->status)
         << (final_state->error ? ": " + *final_state->error : std::string()) << "\n";
    co_return kExitFailure;
  }
  co_return kExitOk;
}

asio::awaitable<int> ConnectorsCommands::list_jobs(const ConnectorsRequest& request) {
  json::array filters;
  if (request.connector_filter) {
    validate_document_id("connector", *request.connector_filter);
    filters.push_back(
        json::object{{"term", json::object{{"connector.id", *request.connector_filter}}}});
  }
  if (request.status_filter) {
    auto status = parse_job_status_filter(*request.status_filter);
    filters.push_back(
        json::object{{"term", json::object{{"status", protocol::to_string(status)}}}});
  }
  if (request.limit == 0 || request.limit > kMaxSearchSize) {
    throw InputError("--limit must be between 1 and " + std::to_string(kMaxSearchSize));
  }
  json::object body{
      {"query", json::object{{"bool", json::object{{"filter", filters}}}}},
      {"sort", json::array{json::object{
                   {"created_at", json::object{{"order", "desc"}, {"unmapped_type", "date"}}}}}},
      {"size", request.limit},
      {"track_total_hits", true}};
  std::string index(protocol::kJobsIndex);
  std::vector<protocol::SyncJob> jobs;
  std::uint64_t total = 0;
  bool index_exists = true;
  json::object response;
  try {
    co_await es_.refresh(index);
    response = co_await es_.search(index, body);
  } catch (const es::NotFoundError&) {
    index_exists = false;
  }
  if (index_exists) {
    for (auto& document : hits_of(response)) {
      auto version = version_of(document);
      jobs.push_back(protocol::SyncJob::read(document.id, std::move(document.source), version));
    }
    const auto* hits = response.if_contains("hits");
    const auto* count =
        hits && hits->is_object() ? hits->as_object().if_contains("total") : nullptr;
    if (count && count->is_object() && count->as_object().contains("value")) {
      total = count->as_object().at("value").to_number<std::uint64_t>();
    } else if (count && count->is_number()) {
      total = count->to_number<std::uint64_t>();
    }
  }
  if (request.json) {
    json::array list;
    for (const auto& job : jobs) list.push_back(document_with_id(job.id, job.source));
    out_ << json::serialize(list) << "\n";
  } else if (jobs.empty()) {
    out_ << "No jobs\n";
  } else {
    out_ << jobs_table(jobs);
    if (total > jobs.size()) {
      out_ << "(" << jobs.size() << " most recent of " << total << "; see --limit)\n";
    }
  }
  co_return kExitOk;
}

asio::awaitable<int> ConnectorsCommands::show_job(const ConnectorsRequest& request) {
  auto job = co_await fetch_job(request.id);
  print_job(job, request.json);
  co_return kExitOk;
}

asio::awaitable<int> ConnectorsCommands::cancel_job(const ConnectorsRequest& request) {
  std::string index(protocol::kJobsIndex);
  for (int attempt = 1;; ++attempt) {
    auto job = co_await fetch_job(request.id);
    if (job.terminated()) {
      err_ << "job " << job.id << " already ended: " << protocol::to_string(job.status) << "\n";
      print_job(job, request.json);
      co_return kExitFailure;
    }
    if (job.status == protocol::JobStatus::canceling) {
      if (!request.json) out_ << "Job " << job.id << " is already being canceled\n";
      print_job(job, request.json);
      co_return kExitOk;
    }
    // A running job is asked to stop (the runner ends it `canceled`, spec §8.3); a job no
    // runner holds is canceled at once, since nobody would ever act on the request.
    json::object doc = job.status == protocol::JobStatus::in_progress
                           ? protocol::job_cancel_request_update(core::Clock::now())
                           : job_cancel_before_start_update(core::Clock::now());
    std::string id = job.id;
    auto options = conditional(job.version);
    bool conflict = false;
    try {
      co_await es_.update_document(index, id, std::move(doc), options);
    } catch (const es::VersionConflictError&) {
      // The service claimed or ended it meanwhile: look again.
      if (attempt >= kConflictAttempts) throw;
      conflict = true;
    }
    if (!conflict) break;
  }
  auto updated = co_await fetch_job(request.id);
  if (!request.json) {
    out_ << (updated.status == protocol::JobStatus::canceling ? "Requested cancelation of job "
                                                              : "Canceled job ")
         << updated.id << "\n";
  }
  print_job(updated, request.json);
  co_return kExitOk;
}

}  // namespace ei::cli
