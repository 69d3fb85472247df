#pragma once

namespace ei::cli {

// The `elastic-ingest` command: parses flags, loads config.yml, sets up logging, then runs
// the requested action. Returns the process exit status.
int run_elastic_ingest(int argc, char** argv);

}  // namespace ei::cli
