#include "mlflow/sql_grouping.h"

#include <gtest/gtest.h>

namespace cairn::mlflow::sqlparse {
namespace {

std::vector<std::string> Texts(std::string_view s, const std::vector<Node>& nodes) {
  std::vector<std::string> out;
  for (const auto& n : nodes) {
    if (!n.is_whitespace()) out.emplace_back(n.text(s));
  }
  return out;
}

TEST(SqlGrouping, TokenizesLikeSqlparse) {
  const std::string s = "metrics.auc >= -1.5e-3 AND tags.`a b` LIKE 'x''y' NOT  IN";
  auto tokens = Tokenize(s);
  EXPECT_EQ(Texts(s, tokens),
            (std::vector<std::string>{"metrics", ".", "auc", ">=", "-1.5e-3", "AND", "tags", ".",
                                      "`a b`", "LIKE", "'x''y'", "NOT  IN"}));
}

TEST(SqlGrouping, GroupsComparisonsAndIdentifiers) {
  const std::string s = "metrics.a.b > 1 and run_id IN ('x', 'y')";
  auto st = Parse(s);
  ASSERT_TRUE(st.has_value());
  ASSERT_EQ(st->size(), 1u);
  const auto& tokens = (*st)[0];
  std::vector<GroupKind> kinds;
  for (const auto& n : tokens) {
    if (!n.is_whitespace()) kinds.push_back(n.kind);
  }
  EXPECT_EQ(kinds, (std::vector<GroupKind>{GroupKind::kComparison, GroupKind::kLeaf,
                                           GroupKind::kComparison}));
  EXPECT_EQ(tokens[0].children[0].kind, GroupKind::kIdentifier);
  EXPECT_EQ(tokens[0].children[0].text(s), "metrics.a.b");
}

TEST(SqlGrouping, SplitsStatementsAtSemicolons) {
  EXPECT_EQ(Parse("a > 1;")->size(), 1u);
  EXPECT_EQ(Parse("a > 1; ")->size(), 1u);
  EXPECT_EQ(Parse("a > 1;;")->size(), 2u);
  EXPECT_EQ(Parse("a > 1 ; b")->size(), 2u);
  EXPECT_EQ(Parse("   ")->size(), 0u);
}

TEST(SqlGrouping, KeywordsAreRecognisedCaseInsensitively) {
  auto tokens = Tokenize("owner desc x");
  EXPECT_EQ(tokens[0].type, TokenType::kKeyword);
  EXPECT_EQ(tokens[2].type, TokenType::kKeywordOrder);
  EXPECT_EQ(tokens[4].type, TokenType::kName);
}

TEST(SqlGrouping, NestingLimit) {
  std::string ok(kMaxNesting - 1, '(');
  ok += std::string(kMaxNesting - 1, ')');
  EXPECT_TRUE(Parse(ok).has_value());
  std::string deep(kMaxNesting + 1, '(');
  deep += std::string(kMaxNesting + 1, ')');
  EXPECT_FALSE(Parse(deep).has_value());
}

}  // namespace
}  // namespace cairn::mlflow::sqlparse
