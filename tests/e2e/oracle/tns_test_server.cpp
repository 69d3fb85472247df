// The servers of the e2e_oracle suite, registered once for all its files: the test PostgreSQL
// and the TNS front-end over it, each started before the first test and stopped after the
// last user (torn down in reverse order: the front-end first).

#include "e2e/sql_common/sql_test_support.hpp"

namespace ei::tns_testing {
namespace {

[[maybe_unused]] const auto* const kBackendServer =
    ::testing::AddGlobalTestEnvironment(new sql_testing::DatabaseServerEnvironment("postgresql"));
[[maybe_unused]] const auto* const kServer =
    ::testing::AddGlobalTestEnvironment(new sql_testing::DatabaseServerEnvironment("tns"));

}  // namespace
}  // namespace ei::tns_testing
