#include "storage/postgres/placeholders.h"

#include <gtest/gtest.h>

namespace cairn::storage {
namespace {

TEST(RewritePlaceholders, NumbersPlaceholdersInOrder) {
  auto r = RewritePlaceholders("INSERT INTO t (a, b) VALUES (?, ?) RETURNING ?");
  EXPECT_EQ(r.sql, "INSERT INTO t (a, b) VALUES ($1, $2) RETURNING $3");
  EXPECT_EQ(r.placeholders, 3);
}

TEST(RewritePlaceholders, NoPlaceholdersLeavesTextUnchanged) {
  auto r = RewritePlaceholders("SELECT 1");
  EXPECT_EQ(r.sql, "SELECT 1");
  EXPECT_EQ(r.placeholders, 0);
}

TEST(RewritePlaceholders, SkipsStringLiteralsWithEscapedQuotes) {
  auto r = RewritePlaceholders("SELECT 'a?''b?' , ? WHERE x = 'it''s' AND y = ?");
  EXPECT_EQ(r.sql, "SELECT 'a?''b?' , $1 WHERE x = 'it''s' AND y = $2");
  EXPECT_EQ(r.placeholders, 2);
}

TEST(RewritePlaceholders, SkipsQuotedIdentifiersAndComments) {
  auto r = RewritePlaceholders("SELECT \"odd?name\" -- what?\n, ? /* really? */ FROM t");
  EXPECT_EQ(r.sql, "SELECT \"odd?name\" -- what?\n, $1 /* really? */ FROM t");
  EXPECT_EQ(r.placeholders, 1);
}

TEST(RewritePlaceholders, SkipsDollarQuotedBodies) {
  auto r = RewritePlaceholders("SELECT $$ ? $$, $tag$ ?'$tag$, ?");
  EXPECT_EQ(r.sql, "SELECT $$ ? $$, $tag$ ?'$tag$, $1");
  EXPECT_EQ(r.placeholders, 1);
}

TEST(RewritePlaceholders, UnterminatedLiteralDoesNotRunPastTheEnd) {
  auto r = RewritePlaceholders("SELECT ?, 'oops ?");
  EXPECT_EQ(r.sql, "SELECT $1, 'oops ?");
  EXPECT_EQ(r.placeholders, 1);
  EXPECT_EQ(RewritePlaceholders("SELECT /* open ?").placeholders, 0);
  EXPECT_EQ(RewritePlaceholders("SELECT $x$ ?").placeholders, 0);
}

TEST(RewritePlaceholders, DollarInsideIdentifierIsOrdinary) {
  auto r = RewritePlaceholders("SELECT a$b$ FROM t WHERE c = ?");
  EXPECT_EQ(r.placeholders, 1);
  EXPECT_EQ(r.sql, "SELECT a$b$ FROM t WHERE c = $1");
}

}  // namespace
}  // namespace cairn::storage
