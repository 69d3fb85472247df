#include "es_test_support.hpp"

namespace ei::es::testing {

namespace json = boost::json;

class EsDocuments : public EsTest {};

TEST_F(EsDocuments, StaleSeqNoRaisesVersionConflict) {
  const std::string index = index_name("docs-conflict");
  run(client().create_index(index, settings()));
  WriteResult created = run(client().index_document(index, "c/1 weird id", json::object{{"n", 1}}));
  EXPECT_EQ(created.result, "created");
  EXPECT_EQ(created.id, "c/1 weird id");

  auto read = run(client().get_document(index, "c/1 weird id"));
  ASSERT_TRUE(read);
  EXPECT_EQ(read->seq_no, created.seq_no);
  EXPECT_EQ(read->primary_term, created.primary_term);

  WriteOptions conditional;
  conditional.if_seq_no = read->seq_no;
  conditional.if_primary_term = read->primary_term;
  WriteResult updated =
      run(client().update_document(index, "c/1 weird id", json::object{{"n", 2}}, conditional));
  EXPECT_EQ(updated.result, "updated");
  EXPECT_GT(updated.seq_no, read->seq_no);

  // The same (now stale) pair again: a conflict, typed, with the server's reason.
  try {
    run(client().update_document(index, "c/1 weird id", json::object{{"n", 3}}, conditional));
    FAIL() << "a stale if_seq_no must raise";
  } catch (const VersionConflictError& e) {
    EXPECT_EQ(e.status(), 409);
    EXPECT_EQ(e.type(), "version_conflict_engine_exception");
    EXPECT_NE(e.reason().find("version conflict"), std::string::npos) << e.reason();
    EXPECT_EQ(e.method(), "POST");
  }
  EXPECT_THROW(
      run(client().index_document(index, "c/1 weird id", json::object{{"n", 4}}, conditional)),
      VersionConflictError);
  WriteOptions create_only;
  create_only.create_only = true;
  EXPECT_THROW(run(client().index_document(index, "c/1 weird id", json::object{}, create_only)),
               VersionConflictError);

  auto final_doc = run(client().get_document(index, "c/1 weird id"));
  ASSERT_TRUE(final_doc);
  EXPECT_EQ(final_doc->source.at("n").as_int64(), 2);
}

TEST_F(EsDocuments, GetOfAMissingDocument) {
  const std::string index = index_name("docs-missing");
  run(client().create_index(index, settings()));
  EXPECT_FALSE(run(client().get_document(index, "nope")).has_value());
  EXPECT_FALSE(run(client().delete_document(index, "nope")).has_value());
  // A missing index is an error, not a missing document.
  try {
    run(client().get_document(index + "-absent", "nope"));
    FAIL() << "a missing index must raise";
  } catch (const NotFoundError& e) {
    EXPECT_EQ(e.type(), "index_not_found_exception");
  }
}

TEST_F(EsDocuments, IndexUpdateDeleteRoundTrip) {
  const std::string index = index_name("docs-crud");
  run(client().create_index(index, settings()));
  WriteResult generated =
      run(client().index_document(index, std::nullopt, json::object{{"x", "y"}}, {}));
  EXPECT_FALSE(generated.id.empty());
  WriteOptions upsert;
  upsert.doc_as_upsert = true;
  EXPECT_EQ(
      run(client().update_document(index, "u", json::object{{"a", json::object{{"b", 1}}}}, upsert))
          .result,
      "created");
  run(client().update_document(index, "u", json::object{{"a", json::object{{"c", 2}}}}));
  auto merged = run(client().get_document(index, "u"));
  ASSERT_TRUE(merged);
  EXPECT_EQ(merged->source.at("a").as_object().size(), 2u);  // objects merge
  auto deleted = run(client().delete_document(index, "u"));
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->result, "deleted");
  EXPECT_FALSE(run(client().get_document(index, "u")).has_value());
}

}  // namespace ei::es::testing
