#pragma once

namespace ei::cli {

// The `connectors` management command (stands in for Kibana): parses the command line,
// connects to Elasticsearch and runs one connector or job command. Returns the exit status
// (0 success, 1 failure, 2 bad arguments or input).
int run_connectors(int argc, char** argv);

}  // namespace ei::cli
