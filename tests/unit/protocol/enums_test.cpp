#include <gtest/gtest.h>

#include "protocol/connector_status.hpp"
#include "protocol/job_status.hpp"
#include "protocol/job_type.hpp"
#include "protocol/trigger_method.hpp"
#include "protocol/validation_state.hpp"

namespace ei::protocol {
namespace {

TEST(ConnectorStatus, StringFormsAreTheFiveOfSpec71) {
  EXPECT_EQ(to_string(ConnectorStatus::created), "created");
  EXPECT_EQ(to_string(ConnectorStatus::needs_configuration), "needs_configuration");
  EXPECT_EQ(to_string(ConnectorStatus::configured), "configured");
  EXPECT_EQ(to_string(ConnectorStatus::connected), "connected");
  EXPECT_EQ(to_string(ConnectorStatus::error), "error");
  for (const auto& entry : kConnectorStatusNames) {
    EXPECT_EQ(parse_connector_status(entry.name), entry.value);
  }
}

TEST(ConnectorStatus, UnknownValueIsAClearError) {
  EXPECT_EQ(try_parse_connector_status("Connected"), std::nullopt);  // exact, case-sensitive
  try {
    (void)parse_connector_status("bogus");
    FAIL() << "expected ProtocolError";
  } catch (const ProtocolError& error) {
    EXPECT_STREQ(error.what(),
                 "unknown connector status \"bogus\" (expected one of created, "
                 "needs_configuration, configured, connected, error)");
  }
}

TEST(ConnectorStatus, GatingOfSpec74) {
  EXPECT_FALSE(status_allows_sync(ConnectorStatus::created));
  EXPECT_FALSE(status_allows_sync(ConnectorStatus::needs_configuration));
  EXPECT_TRUE(status_allows_sync(ConnectorStatus::configured));
  EXPECT_TRUE(status_allows_sync(ConnectorStatus::connected));
  EXPECT_TRUE(status_allows_sync(ConnectorStatus::error));  // "including error"
}

TEST(JobStatus, StringFormsAreTheSevenOfSpec83) {
  const std::pair<JobStatus, const char*> expected[] = {
      {JobStatus::pending, "pending"},     {JobStatus::in_progress, "in_progress"},
      {JobStatus::canceling, "canceling"}, {JobStatus::canceled, "canceled"},
      {JobStatus::suspended, "suspended"}, {JobStatus::completed, "completed"},
      {JobStatus::error, "error"}};
  for (const auto& [status, text] : expected) {
    EXPECT_EQ(to_string(status), text);
    EXPECT_EQ(parse_job_status(text), status);
  }
  EXPECT_THROW((void)parse_job_status("cancelled"), ProtocolError);
  EXPECT_EQ(try_parse_job_status("done"), std::nullopt);
}

TEST(JobStatus, ReferenceEnumNameForJobCheckMessages) {
  // spec §11.3: "... is not running but in status of JobStatus.ERROR."
  EXPECT_EQ(reference_enum_name(JobStatus::error), "JobStatus.ERROR");
  EXPECT_EQ(reference_enum_name(JobStatus::in_progress), "JobStatus.IN_PROGRESS");
}

TEST(JobStatus, TerminalAndRunnable) {
  EXPECT_TRUE(is_terminal(JobStatus::completed));
  EXPECT_TRUE(is_terminal(JobStatus::error));
  EXPECT_TRUE(is_terminal(JobStatus::canceled));
  EXPECT_FALSE(is_terminal(JobStatus::suspended));  // "suspended is not terminal"
  EXPECT_FALSE(is_terminal(JobStatus::canceling));
  EXPECT_TRUE(is_runnable(JobStatus::pending));
  EXPECT_TRUE(is_runnable(JobStatus::suspended));
  EXPECT_FALSE(is_runnable(JobStatus::in_progress));
}

TEST(TriggerMethod, StringForms) {
  EXPECT_EQ(to_string(TriggerMethod::on_demand), "on_demand");
  EXPECT_EQ(to_string(TriggerMethod::scheduled), "scheduled");
  EXPECT_EQ(parse_trigger_method("scheduled"), TriggerMethod::scheduled);
  EXPECT_THROW((void)parse_trigger_method("cron"), ProtocolError);
}

TEST(JobType, StringFormsOfSpec243) {
  EXPECT_EQ(to_string(JobType::full), "full");
  EXPECT_EQ(to_string(JobType::incremental), "incremental");
  EXPECT_EQ(to_string(JobType::access_control), "access_control");
  EXPECT_EQ(parse_job_type("incremental"), JobType::incremental);
  EXPECT_THROW((void)parse_job_type("permissions"), ProtocolError);
  EXPECT_TRUE(is_content_sync(JobType::full));
  EXPECT_TRUE(is_content_sync(JobType::incremental));
  EXPECT_FALSE(is_content_sync(JobType::access_control));
}

TEST(ValidationState, StringForms) {
  EXPECT_EQ(to_string(ValidationState::edited), "edited");
  EXPECT_EQ(to_string(ValidationState::valid), "valid");
  EXPECT_EQ(to_string(ValidationState::invalid), "invalid");
  EXPECT_EQ(parse_validation_state("edited"), ValidationState::edited);
  try {
    (void)parse_validation_state("VALID");
    FAIL() << "expected ProtocolError";
  } catch (const ProtocolError& error) {
    EXPECT_STREQ(error.what(),
                 "unknown filtering validation state \"VALID\" (expected one of edited, valid, "
                 "invalid)");
  }
}

}  // namespace
}  // namespace ei::protocol
