#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "source/config_field.hpp"
#include "source/data_source_configuration.hpp"

namespace ei::sources::sql {

inline constexpr std::string_view kWildcard = "*";

// The `tables` setting: items trimmed, empty items dropped (sources spec §3.1, §4.5).
std::vector<std::string> configured_tables(const source::DataSourceConfiguration& configuration);

// `*` or `["*"]`: every table.
bool is_wildcard(const std::vector<std::string>& tables);

// Writes `pem` to a private temporary file (client libraries take a CA *file*) and returns
// its path; the file lives as long as the returned object.
class TemporaryFile {
 public:
  TemporaryFile() = default;
  explicit TemporaryFile(std::string_view content);
  ~TemporaryFile();
  TemporaryFile(TemporaryFile&& other) noexcept : path_(std::move(other.path_)) {
    other.path_.clear();
  }
  TemporaryFile& operator=(TemporaryFile&& other) noexcept;
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The fields every SQL source declares with the same properties (spec §4.1, §3.1).
// The CA file a verified TLS connection trusts: the configured `ssl_ca` PEM, written once
// into `holder`, or else the system's bundle ($SSL_CERT_FILE, OpenSSL's default file, or
// Debian's /etc/ssl/certs/ca-certificates.crt). A server is always verified: without a CA
// the reference encrypted without authenticating (sslmode=require, no certificate check).
// Throws source::SourceError when no CA is given and no system bundle exists.
std::string ca_file(const source::DataSourceConfiguration& configuration, TemporaryFile& holder);

// The eight fields of the generic SQL sources (spec §4.1: host, port, username, password,
// database, tables, fetch_size, retry_count; orders 1-8), then `extra`.
std::vector<source::ConfigField> generic_fields(std::vector<source::ConfigField> extra);

source::ConfigField tables_field(std::int64_t order);
source::ConfigField fetch_size_field(std::int64_t order);
source::ConfigField retry_count_field(std::int64_t order);
// `ssl_enabled` of the generic SQL sources, "Enable SSL verification" (MySQL says "Enable SSL").
source::ConfigField ssl_enabled_field(std::int64_t order);
source::ConfigField ssl_ca_field(std::int64_t order);

}  // namespace ei::sources::sql
