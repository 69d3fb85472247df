#include "sources/sql/sql_config.hpp"

#include <openssl/x509.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iterator>

#include "core/pem_repair.hpp"
#include "source/errors.hpp"

namespace ei::sources::sql {

namespace json = boost::json;

namespace {

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

}  // namespace

std::vector<std::string> configured_tables(const source::DataSourceConfiguration& configuration) {
  std::vector<std::string> tables;
  const json::value value = configuration.at("tables");
  auto add = [&tables](std::string_view item) {
    std::string name = trimmed(item);
    if (!name.empty()) tables.push_back(std::move(name));
  };
  if (value.is_string()) {
    std::string_view text = value.get_string();
    for (std::size_t start = 0;;) {
      const auto comma = text.find(',', start);
      add(text.substr(start,
                      comma == std::string_view::npos ? std::string_view::npos : comma - start));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  } else if (value.is_array()) {
    for (const auto& item : value.get_array()) {
      if (item.is_string()) add(item.get_string());
    }
  } else if (!value.is_null()) {
    throw source::ConfigurationError("Configuration field 'tables' must be a list of table names");
  }
  return tables;
}

bool is_wildcard(const std::vector<std::string>& tables) {
  return tables.size() == 1 && tables.front() == kWildcard;
}

TemporaryFile::TemporaryFile(std::string_view content) {
  std::string pattern = (std::filesystem::temp_directory_path() / "ei-sql-XXXXXX").string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    throw source::SourceError("Cannot create a temporary file for the SSL certificate: " +
                              std::string(std::strerror(errno)));
  }
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      ::unlink(pattern.c_str());
      throw source::SourceError("Cannot write the SSL certificate file: " +
                                std::string(std::strerror(errno)));
    }
    written += static_cast<std::size_t>(n);
  }
  ::close(fd);
  path_ = std::move(pattern);
}

TemporaryFile::~TemporaryFile() {
  if (!path_.empty()) ::unlink(path_.c_str());
}

TemporaryFile& TemporaryFile::operator=(TemporaryFile&& other) noexcept {
  if (this != &other) {
    if (!path_.empty()) ::unlink(path_.c_str());
    path_ = std::move(other.path_);
    other.path_.clear();
  }
  return *this;
}

std::vector<source::ConfigField> generic_fields(std::vector<source::ConfigField> extra) {
  std::vector<source::ConfigField> fields{
      source::ConfigField{.key = "host", .label = "Host", .order = 1, .value = "127.0.0.1"},
      source::ConfigField{.key = "port",
                          .label = "Port",
                          .order = 2,
                          .type = source::FieldType::kInt,
                          .value = 9090,
                          .display = "numeric"},
      source::ConfigField{.key = "username", .label = "Username", .order = 3, .value = "admin"},
      source::ConfigField{.key = "password",
                          .label = "Password",
                          .order = 4,
                          .value = "Password_123",
                          .sensitive = true},
      source::ConfigField{.key = "database", .label = "Database", .order = 5, .value = "xe"},
      tables_field(6),
      fetch_size_field(7),
      retry_count_field(8),
  };
  std::move(extra.begin(), extra.end(), std::back_inserter(fields));
  return fields;
}

source::ConfigField tables_field(std::int64_t order) {
  return source::ConfigField{.key = "tables",
                             .label = "Comma-separated list of tables",
                             .order = order,
                             .type = source::FieldType::kList,
                             .value = "*",
                             .display = "textarea"};
}

source::ConfigField fetch_size_field(std::int64_t order) {
  return source::ConfigField{.key = "fetch_size",
                             .label = "Rows fetched per request",
                             .order = order,
                             .type = source::FieldType::kInt,
                             .value = 50,
                             .display = "numeric",
                             .required = false,
                             .default_value = 50,
                             .ui_restrictions = {"advanced"}};
}

source::ConfigField retry_count_field(std::int64_t order) {
  return source::ConfigField{.key = "retry_count",
                             .label = "Retries per request",
                             .order = order,
                             .type = source::FieldType::kInt,
                             .value = 3,
                             .display = "numeric",
                             .required = false,
                             .default_value = 3,
                             .ui_restrictions = {"advanced"}};
}

std::string ca_file(const source::DataSourceConfiguration& configuration, TemporaryFile& holder) {
  const std::string ca = configuration.get_string("ssl_ca");
  if (!ca.empty()) {
    if (holder.path().empty()) holder = TemporaryFile(core::repaired_pem(ca));
    return holder.path();
  }
  std::vector<std::string> candidates;
  if (const char* file = std::getenv("SSL_CERT_FILE"); file != nullptr && *file != '\0') {
    candidates.emplace_back(file);
  }
  candidates.emplace_back(X509_get_default_cert_file());
  candidates.emplace_back("/etc/ssl/certs/ca-certificates.crt");
  for (const std::string& candidate : candidates) {
    std::error_code ignored;
    if (std::filesystem::is_regular_file(candidate, ignored)) return candidate;
  }
  throw source::SourceError(
      "SSL is enabled without a certificate and the system has no CA bundle to verify the "
      "server against (looked for " +
      candidates.front() + " and the others); give the server's CA in 'SSL certificate'");
}

source::ConfigField ssl_enabled_field(std::int64_t order) {
  return source::ConfigField{.key = "ssl_enabled",
                             .label = "Enable SSL verification",
                             .order = order,
                             .type = source::FieldType::kBool,
                             .value = false,
                             .display = "toggle"};
}

source::ConfigField ssl_ca_field(std::int64_t order) {
  return source::ConfigField{.key = "ssl_ca",
                             .label = "SSL certificate",
                             .order = order,
                             .type = source::FieldType::kStr,
                             .value = "",
                             .depends_on = {source::FieldDependency{"ssl_enabled", true}}};
}

}  // namespace ei::sources::sql
