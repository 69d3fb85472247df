#include "es_test_support.hpp"

namespace ei::es::testing {

class EsInfo : public EsTest {};

TEST_F(EsInfo, ReportsEngineKindAndVersion) {
  EngineInfo info = run(client().info());
  EXPECT_FALSE(info.number.empty());
  EXPECT_GE(info.version.major, 2);
  ASSERT_TRUE(client().engine().has_value());
  EXPECT_EQ(client().engine()->number, info.number);
  const std::string engine = engine_name();
  if (engine == "es7") {
    EXPECT_EQ(info.kind, EngineKind::elasticsearch);
    EXPECT_EQ(info.version.major, 7);
    EXPECT_TRUE(info.version.at_least(7, 10));
  } else if (engine == "es8") {
    EXPECT_EQ(info.kind, EngineKind::elasticsearch);
    EXPECT_EQ(info.version.major, 8);
  } else if (engine == "es9") {
    EXPECT_EQ(info.kind, EngineKind::elasticsearch);
    EXPECT_EQ(info.version.major, 9);
  } else if (engine == "opensearch") {
    EXPECT_EQ(info.kind, EngineKind::opensearch);
    EXPECT_GE(info.version.major, 2);
  } else {
    EXPECT_TRUE(engine.empty()) << "unknown EI_ENGINE " << engine;
  }
  EXPECT_TRUE(run(client().ping()));
}

}  // namespace ei::es::testing
