// Tests of the shared kit in common/: pages, validation, revisions, SHA-256, files, JSON
// columns and the clock.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/clock.h"
#include "common/files.h"
#include "common/json_columns.h"
#include "common/page.h"
#include "common/revision.h"
#include "common/sha256.h"
#include "common/testing/fake_clock.h"
#include "common/testing/status_matchers.h"
#include "common/validation.h"

namespace cairn {
namespace {

namespace fs = std::filesystem;

TEST(PageLimit, DefaultsAndBounds) {
  EXPECT_EQ(*PageLimit(std::nullopt), kDefaultPageSize);
  EXPECT_EQ(*PageLimit(1), 1);
  EXPECT_EQ(*PageLimit(kMaxPageSize), kMaxPageSize);
  for (int64_t bad : {int64_t{0}, int64_t{-1}, int64_t{kMaxPageSize + 1}}) {
    auto r = PageLimit(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    ASSERT_EQ(r.status().errors().size(), 1u);
    EXPECT_EQ(r.status().errors()[0].field, "limit");
  }
}

TEST(PageLimit, FetchesOneMoreAndTrims) {
  EXPECT_EQ(FetchLimit(50), 51);
  std::vector<int> rows = {1, 2, 3};
  EXPECT_FALSE(TrimToLimit(rows, 3));
  EXPECT_EQ(rows.size(), 3u);
  EXPECT_TRUE(TrimToLimit(rows, 2));
  EXPECT_EQ(rows, (std::vector<int>{1, 2}));
}

TEST(Validation, OneMessageFormat) {
  Status one = validation::FieldInvalid("name", "must not be empty");
  EXPECT_EQ(one.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(one.message(), "request validation failed: name must not be empty");
  Status two = validation::Invalid({{"a", "is bad"}, {"b", "is worse"}});
  EXPECT_EQ(two.message(), "request validation failed: a is bad (and 1 more)");
  EXPECT_EQ(two.errors().size(), 2u);
  EXPECT_OK(validation::Invalid({}));
}

TEST(Validation, FieldErrorsCollectsEveryRule) {
  validation::FieldErrors e;
  validation::CheckName(e, "name", "ok_name-1.2");
  EXPECT_TRUE(e.empty());
  validation::CheckName(e, "name", "-bad");
  validation::CheckLength(e, "description", std::string(11, 'x'), 10);
  validation::CheckLength(e, "comment", "", 10, /*required_non_empty=*/true);
  validation::CheckMap(e, "tags",
                       std::map<std::string, std::string>{{"", "v"}, {"k", std::string(9, 'v')}},
                       {.max_entries = 5, .max_key_length = 3, .max_value_length = 8});
  auto parse = [](std::string_view s) -> std::optional<int> {
    if (s == "one") return 1;
    return std::nullopt;
  };
  EXPECT_EQ(validation::ParseEnum(e, "kind", "one", parse, "one"), 1);
  EXPECT_FALSE(validation::ParseEnum(e, "kind", "two", parse, "one").has_value());
  Status s = validation::Invalid(e);
  ASSERT_EQ(s.errors().size(), 6u);
  EXPECT_EQ(s.errors()[0].field, "name");
  EXPECT_EQ(s.errors()[0].message, validation::kNameRule);
  EXPECT_EQ(s.errors()[1].field, "description");
  EXPECT_EQ(s.errors()[2].field, "comment");
  EXPECT_EQ(s.errors()[3].field, "tags");
  EXPECT_EQ(s.errors()[4].field, "tags.k");
  EXPECT_EQ(s.errors()[5].message, "must be one of one");
}

TEST(Validation, MapWithTooManyEntriesIsOneError) {
  validation::FieldErrors e;
  validation::CheckMap(e, "tags", std::map<std::string, std::string>{{"a", ""}, {"b", ""}},
                       {.max_entries = 1});
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].message, "must have at most 1 entries");
}

TEST(Revision, IfMatchAndConcurrentChangeAreAborted) {
  EXPECT_OK(CheckIfMatch("experiment 'e'", std::nullopt, 3));
  EXPECT_OK(CheckIfMatch("experiment 'e'", 3, 3));
  Status stale = CheckIfMatch("experiment 'e'", 2, 3);
  EXPECT_EQ(stale.code(), StatusCode::kAborted);
  EXPECT_EQ(stale.message(), "experiment 'e' is at revision 3, not 2 (If-Match)");
  EXPECT_EQ(ConcurrentChange("run 'r'").code(), StatusCode::kAborted);
  EXPECT_EQ(StatusCodeName(StatusCode::kAborted), "revision_mismatch");
}

TEST(Sha256, MatchesKnownVectorsOneShotAndStreaming) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256 h;
  h.Update("a");
  h.Update("");
  h.Update("bc");
  auto hex = h.FinishHex();
  ASSERT_OK(hex);
  EXPECT_EQ(*hex, Sha256Hex("abc"));
  EXPECT_FALSE(h.FinishHex().ok()) << "a finished digest is spent";
}

class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cairn-kit-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  static std::string Read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  fs::path dir_;
};

TEST_F(TempDir, Sha256FileStreamsAndKeepsTheHead) {
  const std::string content(200000, 'z');
  const fs::path p = dir_ / "f.bin";
  ASSERT_OK(files::WriteFileAtomically(p.string(), content));
  auto d = Sha256File(p.string(), 10);
  ASSERT_OK(d);
  EXPECT_EQ(d->size_bytes, 200000);
  EXPECT_EQ(d->sha256, Sha256Hex(content));
  EXPECT_EQ(d->head, std::string(10, 'z'));
  EXPECT_EQ(Sha256File((dir_ / "missing").string()).status().code(), StatusCode::kNotFound);
}

TEST_F(TempDir, AtomicWriteReplacesAndLeavesNoTemporaryFile) {
  const fs::path p = dir_ / "sub" / "x.txt";
  ASSERT_OK(files::WriteFileAtomically(p.string(), "one"));
  ASSERT_OK(files::WriteFileAtomically(p.string(), "two"));
  EXPECT_EQ(Read(p), "two");
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(p.parent_path())) ++entries;
  EXPECT_EQ(entries, 1u);
}

TEST_F(TempDir, MoveFileCreatesParentsAndReplaces) {
  const fs::path from = dir_ / "a";
  const fs::path to = dir_ / "x" / "y" / "b";
  ASSERT_OK(files::WriteFileAtomically(from.string(), "payload"));
  ASSERT_OK(files::WriteFileAtomically(to.string(), "old"));
  ASSERT_OK(files::MoveFile(from.string(), to.string()));
  EXPECT_FALSE(fs::exists(from));
  EXPECT_EQ(Read(to), "payload");
  Status missing = files::MoveFile((dir_ / "nope").string(), to.string());
  EXPECT_EQ(missing.code(), StatusCode::kInternal);
  EXPECT_EQ(missing.message().find(dir_.string()), std::string::npos) << "no path in messages";
}

TEST(JsonColumns, RoundTripsAndToleratesUnexpectedText) {
  json::StringMap m = {{"a", "1"}, {"b\"", "two"}};
  EXPECT_EQ(json::DecodeStringMap(json::EncodeStringMap(m)), m);
  json::NumberMap n = {{"auc", 0.95}, {"n", 3.0}};
  EXPECT_EQ(json::DecodeNumberMap(json::EncodeNumberMap(n)), n);
  json::StringList l = {"x", "", "y"};
  EXPECT_EQ(json::DecodeStringList(json::EncodeStringList(l)), l);
  EXPECT_TRUE(json::DecodeStringMap("not json").empty());
  EXPECT_TRUE(json::DecodeStringMap("[1]").empty());
  EXPECT_TRUE(json::DecodeStringList("{}").empty());
  EXPECT_EQ(json::DecodeStringMap(R"({"a":"x","b":1})"), (json::StringMap{{"a", "x"}}));
  EXPECT_EQ(json::DecodeNumberMap(R"({"a":1,"b":"x"})"), (json::NumberMap{{"a", 1.0}}));
}

TEST(Clock, SystemIsNearNowAndFakeMovesOnlyWhenTold) {
  const int64_t now = Clock::System().NowMillis();
  EXPECT_GT(now, testing::FakeClock::kDefaultStart - 365LL * 24 * 3600 * 1000);
  testing::FakeClock fake;
  EXPECT_EQ(fake.NowMillis(), testing::FakeClock::kDefaultStart);
  EXPECT_EQ(fake.NowMillis(), testing::FakeClock::kDefaultStart);
  fake.Advance(5);
  EXPECT_EQ(fake.NowMillis(), testing::FakeClock::kDefaultStart + 5);
  fake.SetStepPerRead(1);
  const int64_t a = fake.NowMillis();
  EXPECT_EQ(fake.NowMillis(), a + 1);
}

}  // namespace
}  // namespace cairn
