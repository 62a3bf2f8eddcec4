#include "tracking/run_filter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "common/time.h"
#include "storage/testing/test_databases.h"

namespace cairn::tracking {
namespace {

using Kind = FilterClause::Kind;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<FilterClause> MustParse(std::string_view text) {
  auto r = ParseRunFilter(text);
  EXPECT_OK(r) << "'" << text << "': " << r.status().ToString();
  if (!r.ok()) return {};
  return *r;
}

std::vector<OrderKey> MustParseOrder(std::string_view text) {
  auto r = ParseRunOrderBy(text);
  EXPECT_OK(r) << "'" << text << "': " << r.status().ToString();
  if (!r.ok()) return {};
  return *r;
}

// The error message, after checking the code and the FieldError that repeats it.
std::string ErrorOf(const Status& s, const std::string& field) {
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.errors().size(), 1u);
  if (s.errors().size() == 1) {
    EXPECT_EQ(s.errors()[0].field, field);
    EXPECT_EQ(field + ": " + s.errors()[0].message, s.message());
  }
  return s.message();
}

std::string FilterError(std::string_view text) {
  auto r = ParseRunFilter(text);
  EXPECT_FALSE(r.ok()) << "'" << text << "' parsed";
  if (r.ok()) return "<parsed>";
  return ErrorOf(r.status(), "filter");
}

std::string OrderError(std::string_view text) {
  auto r = ParseRunOrderBy(text);
  EXPECT_FALSE(r.ok()) << "'" << text << "' parsed";
  if (r.ok()) return "<parsed>";
  return ErrorOf(r.status(), "order_by");
}

// Bound parameters as "type:value" text (storage::Value holds a Blob, which has no ==).
std::vector<std::string> Describe(const std::vector<storage::Value>& params) {
  std::vector<std::string> out;
  for (const storage::Value& v : params) {
    if (const auto* s = std::get_if<std::string>(&v)) {
      out.push_back("text:" + *s);
    } else if (const auto* d = std::get_if<double>(&v)) {
      out.push_back("real:" + std::to_string(*d));
    } else if (const auto* n = std::get_if<int64_t>(&v)) {
      out.push_back("int:" + std::to_string(*n));
    } else {
      out.push_back("other");
    }
  }
  return out;
}

FilterClause Clause(Kind kind, std::string key, std::string op,
                    std::variant<double, std::string> value) {
  FilterClause c{kind, std::move(key), std::move(op), 0.0};
  if (const auto* s = std::get_if<std::string>(&value)) {
    c.value = *s;
  } else {
    c.value = std::get<double>(value);
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// ParseRunFilter: accepted input

TEST(ParseRunFilter, EmptyOrBlankTextIsNoFilter) {
  EXPECT_THAT(MustParse(""), IsEmpty());
  EXPECT_THAT(MustParse("   \t\n "), IsEmpty());
}

TEST(ParseRunFilter, SpecExample) {
  EXPECT_THAT(MustParse("metrics.auc > 0.8 and params.depth = '6' and tags.team = 'alpha'"),
              ElementsAre(Clause(Kind::kMetric, "auc", ">", 0.8),
                          Clause(Kind::kParam, "depth", "=", std::string("6")),
                          Clause(Kind::kTag, "team", "=", std::string("alpha"))));
}

TEST(ParseRunFilter, AllSixOperators) {
  for (const char* op : {"=", "!=", "<", "<=", ">", ">="}) {
    EXPECT_THAT(MustParse(std::string("metrics.auc ") + op + " 1"),
                ElementsAre(Clause(Kind::kMetric, "auc", op, 1.0)));
  }
}

TEST(ParseRunFilter, AndIsCaseInsensitiveAndSpacingIsFree) {
  auto clauses = MustParse("metrics.a>1 AND metrics.b<=2\tAnd\nmetrics.c!=-3 aNd metrics.d>=4");
  ASSERT_EQ(clauses.size(), 4u);
  EXPECT_EQ(clauses[1], Clause(Kind::kMetric, "b", "<=", 2.0));
  EXPECT_EQ(clauses[2], Clause(Kind::kMetric, "c", "!=", -3.0));
  EXPECT_THAT(MustParse("  metrics.a=1  "), ElementsAre(Clause(Kind::kMetric, "a", "=", 1.0)));
}

TEST(ParseRunFilter, NumberForms) {
  const std::pair<const char*, double> cases[] = {
      {"0", 0.0},        {"42", 42.0},        {"-1", -1.0}, {"+2", 2.0},
      {"0.25", 0.25},    {".5", 0.5},         {"1.", 1.0},  {"1e3", 1000.0},
      {"2.5E-2", 0.025}, {"-1.5e+2", -150.0}, {"007", 7.0},
  };
  for (const auto& [text, expected] : cases) {
    auto clauses = MustParse(std::string("metrics.x = ") + text);
    ASSERT_EQ(clauses.size(), 1u) << text;
    EXPECT_DOUBLE_EQ(std::get<double>(clauses[0].value), expected) << text;
  }
}

TEST(ParseRunFilter, StringForms) {
  const std::pair<const char*, const char*> cases[] = {
      {"'abc'", "abc"},
      {"''", ""},
      {"'it''s'", "it's"},
      {"\"double\"", "double"},
      {"\"say \"\"hi\"\"\"", "say \"hi\""},
      {"'a \"b\" c'", "a \"b\" c"},
      {"'h\xC3\xA9llo'", "h\xC3\xA9llo"},
      {"'and = 1'", "and = 1"},
  };
  for (const auto& [text, expected] : cases) {
    EXPECT_THAT(MustParse(std::string("tags.t = ") + text),
                ElementsAre(Clause(Kind::kTag, "t", "=", std::string(expected))))
        << text;
  }
}

TEST(ParseRunFilter, KeyForms) {
  EXPECT_THAT(MustParse("metrics.train/loss-v2.final < 1"),
              ElementsAre(Clause(Kind::kMetric, "train/loss-v2.final", "<", 1.0)));
  EXPECT_THAT(MustParse("metrics.`val loss` < 1"),
              ElementsAre(Clause(Kind::kMetric, "val loss", "<", 1.0)));
  EXPECT_THAT(MustParse("params.\"a b\" = 'x'"),
              ElementsAre(Clause(Kind::kParam, "a b", "=", std::string("x"))));
  EXPECT_THAT(MustParse("tags.`a``b` = 'x'"),
              ElementsAre(Clause(Kind::kTag, "a`b", "=", std::string("x"))));
  EXPECT_THAT(MustParse("metrics.`a > 1 and b`>2"),
              ElementsAre(Clause(Kind::kMetric, "a > 1 and b", ">", 2.0)));
  EXPECT_THAT(MustParse("metrics.123 = 1"), ElementsAre(Clause(Kind::kMetric, "123", "=", 1.0)));
  EXPECT_THAT(MustParse("metrics." + std::string(250, 'k') + " = 1"),
              ElementsAre(Clause(Kind::kMetric, std::string(250, 'k'), "=", 1.0)));
}

TEST(ParseRunFilter, SingularAndCapitalizedPrefixes) {
  EXPECT_THAT(MustParse("metric.a = 1 and param.b = 'x' and tag.c = 'y' and Metrics.d = 2"),
              ElementsAre(Clause(Kind::kMetric, "a", "=", 1.0),
                          Clause(Kind::kParam, "b", "=", std::string("x")),
                          Clause(Kind::kTag, "c", "=", std::string("y")),
                          Clause(Kind::kMetric, "d", "=", 2.0)));
}

TEST(ParseRunFilter, TextAttributesBareAndPrefixed) {
  EXPECT_THAT(MustParse("name = 'a' and attributes.run_id != 'b' and attr.created_by = 'c' and "
                        "experiment_name = 'd' and run_name = 'e'"),
              ElementsAre(Clause(Kind::kAttribute, "name", "=", std::string("a")),
                          Clause(Kind::kAttribute, "run_id", "!=", std::string("b")),
                          Clause(Kind::kAttribute, "created_by", "=", std::string("c")),
                          Clause(Kind::kAttribute, "experiment_name", "=", std::string("d")),
                          Clause(Kind::kAttribute, "name", "=", std::string("e"))));
}

TEST(ParseRunFilter, StatusIsNormalizedToLowercase) {
  EXPECT_THAT(MustParse("status = 'RUNNING' and attributes.status != 'Killed'"),
              ElementsAre(Clause(Kind::kAttribute, "status", "=", std::string("running")),
                          Clause(Kind::kAttribute, "status", "!=", std::string("killed"))));
  for (const char* s : {"running", "completed", "failed", "killed"}) {
    EXPECT_EQ(MustParse(std::string("status='") + s + "'").size(), 1u) << s;
  }
}

TEST(ParseRunFilter, TimesAcceptMillisecondsAndRfc3339) {
  EXPECT_THAT(MustParse("start_time > 1700000000000"),
              ElementsAre(Clause(Kind::kAttribute, "start_time", ">", 1700000000000.0)));
  const double ms = static_cast<double>(*ParseRfc3339("2026-11-26T11:09:59.123Z"));
  EXPECT_THAT(MustParse("end_time <= '2026-11-26T11:09:59.123Z'"),
              ElementsAre(Clause(Kind::kAttribute, "end_time", "<=", ms)));
  EXPECT_THAT(MustParse("attributes.start_time >= '2026-11-26T12:09:59.123+01:00'"),
              ElementsAre(Clause(Kind::kAttribute, "start_time", ">=", ms)));
  EXPECT_THAT(MustParse("start_time < '1970-01-02'"),
              ElementsAre(Clause(Kind::kAttribute, "start_time", "<", 86400000.0)));
  EXPECT_THAT(MustParse("start_time = -5"),
              ElementsAre(Clause(Kind::kAttribute, "start_time", "=", -5.0)));
}

TEST(ParseRunFilter, FiftyClausesAndMaximumLengthAreAccepted) {
  std::string text = "metrics.a = 1";
  for (int i = 1; i < 50; ++i) text += " and metrics.a = 1";
  EXPECT_EQ(MustParse(text).size(), 50u);
  std::string longest = "tags.t = '" + std::string(kMaxFilterLength - 11, 'x') + "'";
  ASSERT_EQ(longest.size(), kMaxFilterLength);
  EXPECT_EQ(MustParse(longest).size(), 1u);
}

// ---------------------------------------------------------------------------------------------
// ParseRunFilter: errors, with exact messages and 1-based positions

TEST(ParseRunFilterError, MissingOperator) {
  EXPECT_EQ(FilterError("metrics.auc x 0.8"),
            "filter: expected a comparison operator at position 13, found 'x'");
  EXPECT_EQ(FilterError("metrics.auc"),
            "filter: expected a comparison operator at position 12, found end of input");
  EXPECT_EQ(FilterError("metrics.auc gt 1"),
            "filter: expected a comparison operator at position 13, found 'gt'");
}

TEST(ParseRunFilterError, OperatorsOutsideTheSixAreRejected) {
  EXPECT_EQ(FilterError("metrics.auc == 1"),
            "filter: expected a comparison operator at position 13, found '=='");
  EXPECT_EQ(FilterError("metrics.auc <> 1"),
            "filter: expected a comparison operator at position 13, found '<>'");
  EXPECT_EQ(FilterError("metrics.auc => 1"),
            "filter: expected a comparison operator at position 13, found '=>'");
  EXPECT_EQ(FilterError("metrics.auc ! 1"),
            "filter: expected a comparison operator at position 13, found '!'");
}

TEST(ParseRunFilterError, UnknownAttribute) {
  EXPECT_EQ(FilterError("colour = 'red'"), "filter: unknown attribute 'colour' at position 1");
  EXPECT_EQ(FilterError("metrics.a = 1 and attributes.colour = 'red'"),
            "filter: unknown attribute 'colour' at position 30");
  EXPECT_EQ(FilterError("metrics.a = 1 and and metrics.b = 2"),
            "filter: unknown attribute 'and' at position 19");
}

TEST(ParseRunFilterError, UnknownIdentifierType) {
  EXPECT_EQ(FilterError("metricz.auc > 1"),
            "filter: unknown identifier type 'metricz' (expected metrics, params, tags or "
            "attributes) at position 1");
}

TEST(ParseRunFilterError, MissingIdentifier) {
  EXPECT_EQ(FilterError("= 1"),
            "filter: expected an identifier (metrics.KEY, params.KEY, tags.KEY or an attribute) "
            "at position 1, found '='");
  EXPECT_EQ(FilterError("metrics.auc > 0.8 and"),
            "filter: expected an identifier (metrics.KEY, params.KEY, tags.KEY or an attribute) "
            "at position 22, found end of input");
  EXPECT_EQ(FilterError("metrics.auc > 0.8 and 'x' = 1"),
            "filter: expected an identifier (metrics.KEY, params.KEY, tags.KEY or an attribute) "
            "at position 23, found '''");
}

TEST(ParseRunFilterError, MissingOrBadKey) {
  EXPECT_EQ(FilterError("metrics.>1"),
            "filter: expected a key after 'metrics.' at position 9, found '>'");
  EXPECT_EQ(FilterError("tags. = 'x'"),
            "filter: expected a key after 'tags.' at position 6, found ' '");
  EXPECT_EQ(FilterError("metrics.`val loss > 1"), "filter: unterminated quoted key at position 9");
  EXPECT_EQ(FilterError("metrics.`` > 1"), "filter: empty key at position 9");
  EXPECT_EQ(FilterError("metrics." + std::string(251, 'k') + " = 1"),
            "filter: key longer than 250 characters at position 9");
}

TEST(ParseRunFilterError, MissingOrBadLiteral) {
  EXPECT_EQ(FilterError("metrics.auc >"),
            "filter: expected a number or a quoted string at position 14, found end of input");
  EXPECT_EQ(FilterError("metrics.auc > abc"),
            "filter: expected a number or a quoted string at position 15, found 'abc'");
  EXPECT_EQ(FilterError("status = running"),
            "filter: expected a number or a quoted string at position 10, found 'running'");
  EXPECT_EQ(FilterError("metrics.auc > -"),
            "filter: expected a number or a quoted string at position 15, found '-'");
  EXPECT_EQ(FilterError("metrics.auc > 1.2.3"),
            "filter: malformed number at position 15, found '1.2.3'");
  EXPECT_EQ(FilterError("metrics.auc > 1e"), "filter: malformed number at position 15, found '1e'");
  EXPECT_EQ(FilterError("metrics.auc > 0.8and metrics.b = 1"),
            "filter: malformed number at position 15, found '0.8and'");
  EXPECT_EQ(FilterError("metrics.auc > 0x10"),
            "filter: malformed number at position 15, found '0x10'");
  EXPECT_EQ(FilterError("metrics.auc > 1e999"), "filter: number out of range at position 15");
  EXPECT_EQ(FilterError("tags.a = 'abc"), "filter: unterminated string at position 10");
  EXPECT_EQ(FilterError("tags.a = 'it''s"), "filter: unterminated string at position 10");
}

TEST(ParseRunFilterError, MetricsNeedNumbers) {
  EXPECT_EQ(FilterError("metrics.auc >= 'x'"),
            "filter: metrics.auc must be compared with a number at position 16");
  EXPECT_EQ(FilterError("metrics.`val loss` = '1'"),
            "filter: metrics.val loss must be compared with a number at position 22");
}

TEST(ParseRunFilterError, ParamsAndTagsNeedQuotedStringsAndEquality) {
  EXPECT_EQ(FilterError("params.depth = 6"),
            "filter: params.depth must be compared with a quoted string at position 16");
  EXPECT_EQ(FilterError("tags.team != 1.5"),
            "filter: tags.team must be compared with a quoted string at position 14");
  EXPECT_EQ(FilterError("params.depth > '6'"),
            "filter: params.depth supports only = and != at position 14");
  EXPECT_EQ(FilterError("tags.team <= 'a'"),
            "filter: tags.team supports only = and != at position 11");
}

TEST(ParseRunFilterError, TextAttributeRules) {
  EXPECT_EQ(FilterError("status = 'runing'"),
            "filter: status must be one of running, completed, failed, killed at position 10, "
            "found 'runing'");
  EXPECT_EQ(FilterError("status < 'running'"),
            "filter: status supports only = and != at position 8");
  EXPECT_EQ(FilterError("status = 1"),
            "filter: status must be compared with a quoted string at position 10");
  EXPECT_EQ(FilterError("name = 5"),
            "filter: name must be compared with a quoted string at position 8");
  EXPECT_EQ(FilterError("created_by > 'a'"),
            "filter: created_by supports only = and != at position 12");
}

TEST(ParseRunFilterError, TimeAttributeRules) {
  EXPECT_EQ(FilterError("start_time > 'yesterday'"),
            "filter: start_time must be an RFC 3339 time at position 14, found 'yesterday'");
  EXPECT_EQ(FilterError("end_time < '2026-02-30T00:00:00Z'"),
            "filter: end_time must be an RFC 3339 time at position 12, found "
            "'2026-02-30T00:00:00Z'");
  EXPECT_EQ(FilterError("start_time > 1.5"),
            "filter: start_time must be integer milliseconds or an RFC 3339 string at position 14");
  EXPECT_EQ(FilterError("end_time > 1e300"),
            "filter: end_time must be integer milliseconds or an RFC 3339 string at position 12");
}

TEST(ParseRunFilterError, ClausesMustBeJoinedByAnd) {
  EXPECT_EQ(FilterError("metrics.auc > 0.8 or params.a = 'b'"),
            "filter: expected AND or end of filter at position 19, found 'or'");
  EXPECT_EQ(FilterError("metrics.auc > 0.8 metrics.b > 1"),
            "filter: expected AND or end of filter at position 19, found 'metrics.b'");
  EXPECT_EQ(FilterError("metrics.auc > 0.8 && metrics.b > 1"),
            "filter: expected AND or end of filter at position 19, found '&'");
  EXPECT_EQ(FilterError("tags.a = 'x' andmetrics.b > 1"),
            "filter: expected AND or end of filter at position 14, found 'andmetrics.b'");
  EXPECT_EQ(FilterError("(metrics.auc > 1)"),
            "filter: expected an identifier (metrics.KEY, params.KEY, tags.KEY or an attribute) "
            "at position 1, found '('");
}

TEST(ParseRunFilterError, PositionsCountCharactersNotBytes) {
  EXPECT_EQ(FilterError("tags.note = 'h\xC3\xA9llo' x"),
            "filter: expected AND or end of filter at position 21, found 'x'");
  EXPECT_EQ(FilterError("tags.a = '\xE2\x82\xAC' or"),
            "filter: expected AND or end of filter at position 14, found 'or'");
}

TEST(ParseRunFilterError, InvalidUtf8AndControlCharacters) {
  EXPECT_EQ(FilterError("tags.a = '\xFF'"),
            "filter: invalid UTF-8 or control character at position 11");
  EXPECT_EQ(FilterError("tags.a = '\xC0\xAF'"),  // overlong '/'
            "filter: invalid UTF-8 or control character at position 11");
  EXPECT_EQ(FilterError("tags.a = '\xED\xA0\x80'"),  // UTF-16 surrogate
            "filter: invalid UTF-8 or control character at position 11");
  EXPECT_EQ(FilterError("tags.a = '\xE2\x82'"),  // truncated sequence
            "filter: invalid UTF-8 or control character at position 11");
  EXPECT_EQ(FilterError(std::string("tags.a = 'x\0y'", 14)),
            "filter: invalid UTF-8 or control character at position 12");
  EXPECT_EQ(FilterError("tags.a = '\x1b[31m'"),
            "filter: invalid UTF-8 or control character at position 11");
}

TEST(ParseRunFilterError, LimitsOnLengthAndClauses) {
  std::string too_long = "tags.t = '" + std::string(kMaxFilterLength - 10, 'x') + "'";
  EXPECT_EQ(FilterError(too_long), "filter: longer than 4096 characters");
  std::string text = "metrics.a = 1";
  for (int i = 1; i < 51; ++i) text += " and metrics.a = 1";
  EXPECT_EQ(FilterError(text),
            "filter: too many clauses (maximum 50) at position " + std::to_string(50 * 18 + 1));
}

TEST(ParseRunFilterError, LongTokensAreShortenedInMessages) {
  EXPECT_EQ(FilterError("metrics.a = 1 or" + std::string(100, 'x')),
            "filter: expected AND or end of filter at position 15, found '" + std::string("or") +
                std::string(30, 'x') + "...'");
  EXPECT_EQ(FilterError("status = '" + std::string(40, 'q') + "'"),
            "filter: status must be one of running, completed, failed, killed at position 10, "
            "found '" +
                std::string(32, 'q') + "...'");
}

// ---------------------------------------------------------------------------------------------
// ParseRunOrderBy

TEST(ParseRunOrderBy, EmptyOrBlankTextIsDefaultOrder) {
  EXPECT_THAT(MustParseOrder(""), IsEmpty());
  EXPECT_THAT(MustParseOrder("  "), IsEmpty());
}

TEST(ParseRunOrderBy, KeysWithDirections) {
  EXPECT_THAT(MustParseOrder("metrics.auc DESC"),
              ElementsAre(OrderKey{Kind::kMetric, "auc", true}));
  EXPECT_THAT(
      MustParseOrder("metrics.auc desc, params.lr ASC ,tags.t,start_time, attributes.name Desc"),
      ElementsAre(OrderKey{Kind::kMetric, "auc", true}, OrderKey{Kind::kParam, "lr", false},
                  OrderKey{Kind::kTag, "t", false}, OrderKey{Kind::kAttribute, "start_time", false},
                  OrderKey{Kind::kAttribute, "name", true}));
  EXPECT_THAT(MustParseOrder("metrics.`a, b` DESC"),
              ElementsAre(OrderKey{Kind::kMetric, "a, b", true}));
  EXPECT_THAT(MustParseOrder("status"), ElementsAre(OrderKey{Kind::kAttribute, "status", false}));
}

TEST(ParseRunOrderByError, BadDirection) {
  EXPECT_EQ(OrderError("metrics.auc up"), "order_by: expected ASC or DESC at position 13");
  EXPECT_EQ(OrderError("metrics.auc > 1"), "order_by: expected ASC or DESC at position 13");
  EXPECT_EQ(OrderError("metrics.auc descending"), "order_by: expected ASC or DESC at position 13");
}

TEST(ParseRunOrderByError, BadSeparatorsAndIdentifiers) {
  EXPECT_EQ(OrderError("metrics.auc DESC x"),
            "order_by: expected ',' or end of order_by at position 18, found 'x'");
  EXPECT_EQ(OrderError("metrics.auc,"),
            "order_by: expected an identifier (metrics.KEY, params.KEY, tags.KEY or an "
            "attribute) at position 13, found end of input");
  EXPECT_EQ(OrderError("metrics.a,,metrics.b"),
            "order_by: expected an identifier (metrics.KEY, params.KEY, tags.KEY or an "
            "attribute) at position 11, found ','");
  EXPECT_EQ(OrderError("colour DESC"), "order_by: unknown attribute 'colour' at position 1");
  EXPECT_EQ(OrderError("metrics. DESC"),
            "order_by: expected a key after 'metrics.' at position 9, found ' '");
}

TEST(ParseRunOrderByError, Limits) {
  EXPECT_EQ(MustParseOrder("name,name,name,name,name").size(), 5u);
  EXPECT_EQ(OrderError("name,name,name,name,name,name"),
            "order_by: too many keys (maximum 5) at position 26");
  EXPECT_EQ(OrderError(std::string(kMaxFilterLength + 1, ' ')),
            "order_by: longer than 4096 characters");
  EXPECT_EQ(OrderError("name\x01"), "order_by: invalid UTF-8 or control character at position 5");
}

// ---------------------------------------------------------------------------------------------
// SQL generation

TEST(FilterToSql, NoClausesGiveEmptySql) {
  SqlFragment f = FilterToSql({});
  EXPECT_EQ(f.sql, "");
  EXPECT_THAT(f.params, IsEmpty());
}

TEST(FilterToSql, ShapesAndParamsInOrder) {
  SqlFragment f = FilterToSql(
      MustParse("metrics.auc > 0.8 and params.depth != '6' and tags.`team name` = 'alpha' and "
                "status = 'Running' and start_time >= 1000 and name = 'x'"));
  EXPECT_EQ(f.sql,
            "EXISTS (SELECT 1 FROM latest_metrics m WHERE m.run_id = r.run_id AND m.key = ? AND "
            "m.is_nan = 0 AND m.value > ?) AND "
            "EXISTS (SELECT 1 FROM run_params p WHERE p.run_id = r.run_id AND p.key = ? AND "
            "p.value <> ?) AND "
            "EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = r.run_id AND t.key = ? AND "
            "t.value = ?) AND "
            "r.status = ? AND r.start_time >= ? AND r.name = ?");
  EXPECT_THAT(Describe(f.params),
              ElementsAre("text:auc", "real:0.800000", "text:depth", "text:6", "text:team name",
                          "text:alpha", "text:running", "int:1000", "text:x"));
}

TEST(FilterToSql, UserTextNeverReachesSql) {
  SqlFragment f = FilterToSql(
      MustParse("tags.`x' OR 1=1 --` = 'y''; DROP TABLE runs; --' and metrics.`a)` < 1"));
  EXPECT_EQ(f.sql.find("DROP"), std::string::npos);
  EXPECT_EQ(f.sql.find("OR"), std::string::npos);
  EXPECT_EQ(f.sql.find("a)"), std::string::npos);
  EXPECT_EQ(f.params.size(), 4u);
  EXPECT_EQ(std::get<std::string>(f.params[1]), "y'; DROP TABLE runs; --");
}

TEST(OrderByToSql, DefaultIsNewestFirstWithRunIdTiebreak) {
  SqlFragment f = OrderByToSql({});
  EXPECT_EQ(f.sql, "r.created_at DESC, r.run_id DESC");
  EXPECT_THAT(f.params, IsEmpty());
}

TEST(OrderByToSql, ShapesAndParamsInOrder) {
  SqlFragment f =
      OrderByToSql(MustParseOrder("metrics.auc DESC, params.lr, tags.t DESC, end_time"));
  EXPECT_EQ(f.sql,
            "(SELECT CASE WHEN m.is_nan = 1 THEN NULL ELSE m.value END FROM latest_metrics m "
            "WHERE m.run_id = r.run_id AND m.key = ?) DESC NULLS LAST, "
            "(SELECT p.value FROM run_params p WHERE p.run_id = r.run_id AND p.key = ?) ASC "
            "NULLS LAST, "
            "(SELECT t.value FROM run_tags t WHERE t.run_id = r.run_id AND t.key = ?) DESC "
            "NULLS LAST, "
            "r.end_time ASC NULLS LAST, r.created_at DESC, r.run_id DESC");
  EXPECT_THAT(Describe(f.params), ElementsAre("text:auc", "text:lr", "text:t"));
}

// ---------------------------------------------------------------------------------------------
// Execution against real databases (SQLite always, PostgreSQL when CAIRN_TEST_PG_URL is set)
// with the tracking tables created here, so that these tests do not depend on the migrations.

constexpr char kSchemaAndData[] = R"sql(
  CREATE TABLE experiments (name TEXT NOT NULL CONSTRAINT experiments_pk PRIMARY KEY,
    description TEXT, owner TEXT, status TEXT, tags TEXT, created_by TEXT,
    created_at BIGINT, updated_at BIGINT, revision BIGINT);
  CREATE TABLE runs (run_id TEXT PRIMARY KEY,
    experiment_name TEXT NOT NULL REFERENCES experiments(name), name TEXT, status TEXT,
    start_time BIGINT, end_time BIGINT, created_by TEXT, source TEXT, inputs TEXT,
    created_at BIGINT, updated_at BIGINT, revision BIGINT);
  CREATE INDEX runs_experiment_created_idx ON runs (experiment_name, created_at);
  CREATE TABLE run_params (run_id TEXT, key TEXT, value TEXT, PRIMARY KEY (run_id, key));
  CREATE TABLE run_tags (run_id TEXT, key TEXT, value TEXT, PRIMARY KEY (run_id, key));
  CREATE TABLE latest_metrics (run_id TEXT, key TEXT, value DOUBLE PRECISION, step BIGINT,
    timestamp BIGINT, is_nan INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (run_id, key));
  INSERT INTO experiments (name, created_at) VALUES ('exp', 1), ('other', 1);
  INSERT INTO runs (run_id, experiment_name, name, status, start_time, end_time, created_by,
                    created_at) VALUES
    ('run-1', 'exp', 'alpha', 'completed', 1000, 2000, 'alice', 100),
    ('run-2', 'exp', 'beta', 'running', 1500, NULL, 'bob', 200),
    ('run-3', 'exp', 'gamma', 'failed', 3000, 4000, 'alice', 300),
    ('run-4', 'exp', 'delta', 'completed', 2500, 5000, 'carol', 300),
    ('run-9', 'other', 'alpha', 'completed', 1000, 2000, 'alice', 900);
  INSERT INTO run_params VALUES ('run-1', 'depth', '6'), ('run-1', 'lr', '0.1'),
    ('run-2', 'depth', '8'), ('run-4', 'depth', '7'), ('run-9', 'depth', '6');
  INSERT INTO run_tags VALUES ('run-1', 'team', 'alpha'), ('run-2', 'team', 'beta'),
    ('run-3', 'team', 'alpha'), ('run-4', 'team', 'alpha'), ('run-9', 'team', 'alpha');
  INSERT INTO latest_metrics (run_id, key, value, step, timestamp) VALUES
    ('run-1', 'auc', 0.9, 1, 1), ('run-1', 'loss', 0.3, 1, 1),
    ('run-2', 'auc', 0.7, 1, 1), ('run-3', 'loss', 0.5, 1, 1),
    ('run-3', 'val loss', 1.5, 1, 1), ('run-4', 'auc', 0.9, 1, 1),
    ('run-9', 'auc', 0.99, 1, 1);
  INSERT INTO latest_metrics (run_id, key, value, step, timestamp, is_nan) VALUES
    ('run-1', 'score', 0.4, 1, 1, 0), ('run-2', 'score', 0, 1, 1, 1),
    ('run-4', 'score', 0.6, 1, 1, 0), ('run-9', 'score', 0.5, 1, 1, 0);
)sql";

class RunSearch : public ::testing::TestWithParam<storage::Backend> {
 protected:
  void SetUp() override {
    auto db = storage::testing::OpenFreshTestDatabase(GetParam(), nullptr, /*migrate=*/false);
    ASSERT_OK(db);
    db_ = std::move(*db);
    Status s = db_->ExecScript(kSchemaAndData);
    ASSERT_OK(s);
  }

  // Run ids of experiment `exp` matching `filter`, in `order_by` order, composed the way the
  // tracking store composes the fragments. When the search has a driving metric clause, it is
  // also run through the `om` join, which must give the same ids in the same order.
  std::vector<std::string> Search(std::string_view filter, std::string_view order_by = "") {
    auto clauses = ParseRunFilter(filter);
    auto keys = ParseRunOrderBy(order_by);
    EXPECT_OK(clauses);
    EXPECT_OK(keys);
    if (!clauses.ok() || !keys.ok()) return {};
    std::vector<std::string> ids = Query(*clauses, *keys, std::nullopt);
    if (auto driving = DrivingMetricClause(*clauses, *keys)) {
      EXPECT_EQ(Query(*clauses, *keys, driving), ids) << filter << " / " << order_by;
      ++driven_;
    }
    return ids;
  }

  std::vector<std::string> Query(const std::vector<FilterClause>& clauses,
                                 const std::vector<OrderKey>& keys, std::optional<size_t> driving) {
    SqlFragment where = FilterToSql(clauses, driving);
    SqlFragment order = OrderByToSql(keys, false, driving.has_value());
    std::string sql = "SELECT r.run_id FROM runs r";
    std::vector<storage::Value> params;
    if (driving) {
      sql += " JOIN latest_metrics om ON om.run_id = r.run_id AND om.key = ?";
      params.emplace_back(clauses[*driving].key);
    }
    sql += " WHERE r.experiment_name = ?";
    params.emplace_back(std::string("exp"));
    if (!where.sql.empty()) sql += " AND " + where.sql;
    sql += " ORDER BY " + order.sql;
    params.insert(params.end(), where.params.begin(), where.params.end());
    params.insert(params.end(), order.params.begin(), order.params.end());

    auto tx = db_->Begin(storage::TxMode::kRead);
    EXPECT_OK(tx);
    if (!tx.ok()) return {};
    auto rows = (*tx)->Query(sql, params);
    EXPECT_OK(rows) << rows.status().ToString() << "\n" << sql;
    if (!rows.ok()) return {};
    std::vector<std::string> ids;
    for (const storage::Row& row : *rows) ids.push_back(row.Text(0));
    return ids;
  }

  std::unique_ptr<storage::SqlDatabase> db_;
  int driven_ = 0;  // searches also run through the driving-metric join
};

INSTANTIATE_TEST_SUITE_P(Backends, RunSearch, ::testing::ValuesIn(storage::testing::TestBackends()),
                         [](const auto& info) {
                           return storage::testing::BackendName(info.param);
                         });

TEST_P(RunSearch, NoFilterReturnsAllRunsNewestFirstWithRunIdTiebreak) {
  EXPECT_THAT(Search(""), ElementsAre("run-4", "run-3", "run-2", "run-1"));
}

TEST_P(RunSearch, MetricComparisons) {
  EXPECT_THAT(Search("metrics.auc > 0.8"), ElementsAre("run-4", "run-1"));
  EXPECT_THAT(Search("metrics.auc <= 0.7"), ElementsAre("run-2"));
  EXPECT_THAT(Search("metrics.auc = 0.9"), ElementsAre("run-4", "run-1"));
  EXPECT_THAT(Search("metrics.auc != 0.9"), ElementsAre("run-2"));
  EXPECT_THAT(Search("metrics.`val loss` >= 1.5"), ElementsAre("run-3"));
  EXPECT_THAT(Search("metrics.missing > -1e300"), IsEmpty());
}

TEST_P(RunSearch, SpecExampleCombinesClauses) {
  EXPECT_THAT(Search("metrics.auc > 0.8 and params.depth = '6' and tags.team = 'alpha'"),
              ElementsAre("run-1"));
}

TEST_P(RunSearch, NotEqualOnParamRequiresTheKey) {
  // run-3 has no depth param, so it does not match (MLflow semantics).
  EXPECT_THAT(Search("params.depth != '6'"), ElementsAre("run-4", "run-2"));
  EXPECT_THAT(Search("tags.team != 'alpha'"), ElementsAre("run-2"));
}

TEST_P(RunSearch, AttributeComparisons) {
  EXPECT_THAT(Search("status = 'RUNNING'"), ElementsAre("run-2"));
  EXPECT_THAT(Search("status != 'completed'"), ElementsAre("run-3", "run-2"));
  EXPECT_THAT(Search("created_by = 'alice' and metrics.loss < 0.4"), ElementsAre("run-1"));
  EXPECT_THAT(Search("name = 'alpha'"), ElementsAre("run-1"));
  EXPECT_THAT(Search("run_id = 'run-3'"), ElementsAre("run-3"));
  EXPECT_THAT(Search("experiment_name = 'other'"), IsEmpty());
  // end_time comparisons never match a run without an end time.
  EXPECT_THAT(Search("end_time < 5000"), ElementsAre("run-3", "run-1"));
  EXPECT_THAT(Search("end_time != 2000"), ElementsAre("run-4", "run-3"));
  EXPECT_THAT(Search("start_time >= '1970-01-01T00:00:01.500Z'"),
              ElementsAre("run-4", "run-3", "run-2"));
  EXPECT_THAT(Search("start_time > 1000 and start_time < 3000"), ElementsAre("run-4", "run-2"));
}

TEST_P(RunSearch, InjectionAttemptsAreJustValues) {
  EXPECT_THAT(Search("tags.team = 'x'' OR 1=1 --'"), IsEmpty());
  EXPECT_THAT(Search("tags.`team' OR 1=1 --` = 'alpha'"), IsEmpty());
  EXPECT_THAT(Search("name = 'a''; DROP TABLE runs; --'"), IsEmpty());
  EXPECT_EQ(Search("").size(), 4u);
}

TEST_P(RunSearch, OrderByMetricPutsMissingLastInBothDirections) {
  EXPECT_THAT(Search("", "metrics.auc DESC"), ElementsAre("run-4", "run-1", "run-2", "run-3"));
  EXPECT_THAT(Search("", "metrics.auc"), ElementsAre("run-2", "run-4", "run-1", "run-3"));
}

TEST_P(RunSearch, OrderByParamThenMetric) {
  EXPECT_THAT(Search("", "params.depth DESC, metrics.loss"),
              ElementsAre("run-2", "run-4", "run-1", "run-3"));
  EXPECT_THAT(Search("", "params.depth ASC"), ElementsAre("run-1", "run-4", "run-2", "run-3"));
}

TEST_P(RunSearch, OrderByAttributes) {
  EXPECT_THAT(Search("", "end_time DESC"), ElementsAre("run-4", "run-3", "run-1", "run-2"));
  EXPECT_THAT(Search("", "end_time ASC"), ElementsAre("run-1", "run-3", "run-4", "run-2"));
  EXPECT_THAT(Search("", "name"), ElementsAre("run-1", "run-2", "run-4", "run-3"));
  EXPECT_THAT(Search("", "created_by DESC, start_time DESC"),
              ElementsAre("run-4", "run-2", "run-3", "run-1"));
}

TEST_P(RunSearch, FilterAndOrderParamsBindInOrder) {
  EXPECT_THAT(Search("tags.team = 'alpha' and start_time < 3500", "metrics.loss DESC"),
              ElementsAre("run-3", "run-1", "run-4"));
  EXPECT_THAT(Search("tags.team = 'alpha'", "tags.team, metrics.auc DESC"),
              ElementsAre("run-4", "run-1", "run-3"));
}

TEST(DrivingMetricClause, OnlyANumericClauseOnTheFirstOrderMetric) {
  auto driving = [](std::string_view filter, std::string_view order) {
    return DrivingMetricClause(MustParse(filter), MustParseOrder(order));
  };
  EXPECT_EQ(driving("metrics.auc > 0.5", "metrics.auc DESC"), 0u);
  EXPECT_EQ(driving("params.depth = '6' and metrics.auc <= 1", "metrics.auc"), 1u);
  for (const char* op : {"=", "<", "<=", ">", ">="})
    EXPECT_EQ(driving(std::string("metrics.auc ") + op + " 1", "metrics.auc"), 0u) << op;
  // != is also true of a NaN and does not exclude it; other keys and kinds drive nothing.
  EXPECT_EQ(driving("metrics.auc != 0.5", "metrics.auc DESC"), std::nullopt);
  EXPECT_EQ(driving("metrics.auc > 0.5", "metrics.loss DESC"), std::nullopt);
  EXPECT_EQ(driving("metrics.auc > 0.5", "name, metrics.auc DESC"), std::nullopt);
  EXPECT_EQ(driving("metrics.auc > 0.5", ""), std::nullopt);
  EXPECT_EQ(driving("params.auc = '1'", "params.auc"), std::nullopt);
}

TEST(DrivingMetricClause, SqlReadsTheJoinedRow) {
  auto clauses = MustParse("params.depth = '6' and metrics.auc > 0.5");
  SqlFragment f = FilterToSql(clauses, 1);
  EXPECT_EQ(f.sql,
            "EXISTS (SELECT 1 FROM run_params p WHERE p.run_id = r.run_id AND p.key = ? AND "
            "p.value = ?) AND om.is_nan = 0 AND om.value > ?");
  EXPECT_THAT(Describe(f.params), ElementsAre("text:depth", "text:6", "real:0.500000"));
  SqlFragment o = OrderByToSql(MustParseOrder("metrics.auc DESC, metrics.loss"), true, true);
  EXPECT_EQ(o.sql,
            "om.value DESC, (SELECT CASE WHEN m.is_nan = 1 THEN NULL ELSE m.value END FROM "
            "latest_metrics m WHERE m.run_id = r.run_id AND m.key = ?) ASC NULLS LAST, "
            "r.start_time DESC, r.run_id ASC");
  EXPECT_THAT(Describe(o.params), ElementsAre("text:loss"));
}

// Every search above with a driving clause is checked against the plain form by Search(); these
// are the cases where the two could differ: NaN values, runs without the metric, ties.
TEST_P(RunSearch, DrivingMetricJoinGivesTheSameRunsInTheSameOrder) {
  EXPECT_THAT(Search("metrics.score >= 0", "metrics.score DESC"), ElementsAre("run-4", "run-1"));
  EXPECT_THAT(Search("metrics.score < 1", "metrics.score"), ElementsAre("run-1", "run-4"));
  EXPECT_THAT(Search("metrics.score = 0", "metrics.score"), IsEmpty());  // the NaN is not 0
  EXPECT_THAT(Search("metrics.auc > 0.5 and metrics.score >= 0", "metrics.score DESC, name"),
              ElementsAre("run-4", "run-1"));
  EXPECT_THAT(Search("metrics.auc = 0.9", "metrics.auc DESC"), ElementsAre("run-4", "run-1"));
  EXPECT_THAT(Search("metrics.auc >= 0.7 and tags.team = 'alpha'", "metrics.auc"),
              ElementsAre("run-4", "run-1"));
  EXPECT_EQ(driven_, 6);
  // Not driven (!= keeps the NaN, which orders last): the plain form only.
  EXPECT_THAT(Search("metrics.score != 0.4", "metrics.score DESC"), ElementsAre("run-4", "run-2"));
  EXPECT_EQ(driven_, 6);
}

}  // namespace
}  // namespace cairn::tracking
