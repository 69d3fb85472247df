// Azure Shared Key against known answers computed with the Azure SDK for Python
// (azure-storage-blob 12.31, SharedKeyCredentialPolicy), a client that is not ours, for
// Azurite's well-known development account.
#include "sources/object_store/azure_shared_key.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace ei::sources::object_store {
namespace {

constexpr std::string_view kAccount = "devstoreaccount1";
constexpr std::string_view kKey =
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

HeaderList ms_headers() {
  return {{"x-ms-version", "2023-11-03"}, {"x-ms-date", "Sun, 30 Aug 2015 12:36:00 GMT"}};
}

TEST(AzureSharedKey, BlobListingOnAzuriteWithAMarker) {
  AzureRequest request;
  request.encoded_path = "/devstoreaccount1/docs";  // path-style, as Azurite serves it
  request.query = {{"restype", "container"},
                   {"comp", "list"},
                   {"marker", "2!abc"},
                   {"maxresults", "100"},
                   {"include", "metadata"}};
  request.headers = ms_headers();
  EXPECT_EQ(azure_string_to_sign(request, kAccount),
            "GET\n\n\n\n\n\n\n\n\n\n\n\n"
            "x-ms-date:Sun, 30 Aug 2015 12:36:00 GMT\nx-ms-version:2023-11-03\n"
            "/devstoreaccount1/devstoreaccount1/docs\ncomp:list\ninclude:metadata\n"
            "marker:2!abc\nmaxresults:100\nrestype:container");
  EXPECT_EQ(azure_shared_key_authorization(request, kAccount, kKey),
            "SharedKey devstoreaccount1:cKSQZZcBgNJ2uGh60p6ltrpMs9SmXZgbS5NV+jUQQFE=");
}

TEST(AzureSharedKey, RangedDownloadOfANonAsciiBlobWithAZeroContentLength) {
  AzureRequest request;
  request.encoded_path = "/docs/reports/2024%20Q1/r%C3%A9sum%C3%A9.pdf";
  request.headers = ms_headers();
  request.headers.emplace_back("x-ms-range", "bytes=0-99");
  request.headers.emplace_back("Content-Length", "0");  // signed as an empty line
  EXPECT_EQ(azure_shared_key_authorization(request, kAccount, kKey),
            "SharedKey devstoreaccount1:yPx7j/qbtWNd7WN4blKV5eZSH9YZXKu0d+DoucO+PHg=");
}

TEST(AzureSharedKey, StandardHeadersTakeTheirLinesAndXmsHeadersAreCanonical) {
  AzureRequest request;
  request.method = "PUT";
  request.encoded_path = "/docs/a.txt";
  request.query = {{"Comp", "metadata"}, {"tag", "b"}, {"tag", "a"}};
  request.headers = {{"Content-Type", "text/plain"},
                     {"Content-Length", "12"},
                     {"X-Ms-Meta-Note", "  two   words "},
                     {"x-ms-date", "Sun, 30 Aug 2015 12:36:00 GMT"}};
  EXPECT_EQ(azure_string_to_sign(request, "acct"),
            "PUT\n\n\n12\n\ntext/plain\n\n\n\n\n\n\n"
            "x-ms-date:Sun, 30 Aug 2015 12:36:00 GMT\nx-ms-meta-note:two words\n"
            "/acct/docs/a.txt\ncomp:metadata\ntag:a,b");
}

TEST(AzureSharedKey, AKeyThatIsNotBase64IsAClearError) {
  AzureRequest request;
  try {
    (void)azure_shared_key_authorization(request, kAccount, "not base64!");
    ADD_FAILURE() << "a bad key signed";
  } catch (const core::Error& error) {
    EXPECT_NE(std::string(error.what()).find("account key is not base64"), std::string::npos);
  }
  // Another key signs differently.
  EXPECT_NE(azure_shared_key_authorization(request, kAccount, kKey),
            azure_shared_key_authorization(request, kAccount, "a2V5"));
}

}  // namespace
}  // namespace ei::sources::object_store
