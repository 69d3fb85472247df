#include "cli/connectors_app.hpp"

int main(int argc, char** argv) {
  return ei::cli::run_connectors(argc, argv);
}
