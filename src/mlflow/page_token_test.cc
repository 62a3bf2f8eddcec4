#include "mlflow/page_token.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/json.h"
#include "common/testing/status_matchers.h"

namespace cairn::mlflow {
namespace {

namespace bj = boost::json;

bj::value Tokens() {
  std::ifstream in(std::string(CAIRN_SOURCE_DIR) + "/tests/mlflow/search_cases.json");
  std::stringstream ss;
  ss << in.rdbuf();
  auto v = json::Parse(ss.str());
  EXPECT_OK(v);
  return v.ok() ? v->at("page_tokens") : bj::value();
}

TEST(PageToken, EncodesLikeMlflow) {
  const bj::value tokens = Tokens();
  for (const auto& e : tokens.at("encode").as_array()) {
    EXPECT_EQ(EncodeOffsetPageToken(e.at("offset").as_int64()), e.at("token").as_string());
  }
}

TEST(PageToken, DecodesLikeMlflow) {
  const bj::value tokens = Tokens();
  for (const auto& e : tokens.at("decode").as_array()) {
    const std::string token(e.at("input").as_string());
    const auto& expected = e.at("expected").as_object();
    auto r = DecodeOffsetPageToken(token);
    if (expected.contains("offset")) {
      ASSERT_OK(r) << token << ": " << r.status().ToString();
      EXPECT_EQ(*r, expected.at("offset").as_int64()) << token;
    } else {
      ASSERT_FALSE(r.ok()) << token;
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
      if (expected.at("error").is_string()) {
        EXPECT_EQ(r.status().message(), expected.at("error").as_string()) << token;
      } else {
        // MLflow fails with a non-MLflow exception (a 500); Cairn says why instead.
        EXPECT_EQ(r.status().message().rfind("Invalid page token", 0), 0u) << token;
      }
    }
  }
}

TEST(PageToken, RoundTripsAndSkipsNonAlphabetCharacters) {
  EXPECT_EQ(*DecodeOffsetPageToken(EncodeOffsetPageToken(42)), 42);
  auto plain = PythonBase64Decode("aGVs bG8=");
  ASSERT_OK(plain);
  EXPECT_EQ(*plain, "hello");
  EXPECT_FALSE(PythonBase64Decode("aGVsbG8").ok());
  EXPECT_FALSE(PythonBase64Decode("a").ok());
}

}  // namespace
}  // namespace cairn::mlflow
