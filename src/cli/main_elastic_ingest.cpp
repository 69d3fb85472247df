#include "cli/elastic_ingest_app.hpp"

int main(int argc, char** argv) {
  return ei::cli::run_elastic_ingest(argc, argv);
}
