// The vendor's words inside an error body.
#include "sources/rest/rest_error.hpp"

#include <gtest/gtest.h>

namespace ei::sources::rest {
namespace {

TEST(RestVendorMessage, ReadsTheFormsOfEachVendor) {
  EXPECT_EQ(vendor_message(R"({"errorMessages": ["Issue does not exist"], "errors": {}})"),
            "Issue does not exist");
  EXPECT_EQ(vendor_message(R"({"errorMessages": [], "errors": {"jql": "bad field"}})"),
            "jql: bad field");
  EXPECT_EQ(vendor_message(R"({"statusCode": 404, "message": "No space with key : X"})"),
            "No space with key : X");
  EXPECT_EQ(
      vendor_message(
          R"({"error": {"code": "-2147024891", "message": {"lang": "en-US", "value": "Access denied."}}})"),
      "Access denied.");
  EXPECT_EQ(
      vendor_message(
          R"({"odata.error": {"code": "-1", "message": {"lang": "en-US", "value": "List does not exist."}}})"),
      "List does not exist.");
  EXPECT_EQ(vendor_message(R"({"error": {"code": "x", "message": "Graph says no"}})"),
            "Graph says no");
  EXPECT_EQ(vendor_message(R"({"error": "invalid_client", "error_description": "AADSTS7000215"})"),
            "invalid_client: AADSTS7000215");
  EXPECT_EQ(vendor_message("Service Unavailable\r\n"), "Service Unavailable");
  EXPECT_EQ(vendor_message("<html><body>proxy error</body></html>"), "");
  EXPECT_EQ(vendor_message(std::string(400, 'x')), "");
  EXPECT_EQ(vendor_message(R"({"other": 1})"), "");
}

}  // namespace
}  // namespace ei::sources::rest
