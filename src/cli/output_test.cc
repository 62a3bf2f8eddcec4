#include "cli/output.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "cli/progress.h"
#include "cli/text.h"
#include "common/testing/status_matchers.h"

namespace cairn::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Table Sample() {
  Table t({{"NAME"}, {"STATUS"}, {"VALUE", true}, {"DESCRIPTION"}});
  t.Add({"alpha", Cell("completed", Style::kGreen), "0.91", "a fairly long description here"});
  t.Add({"b", Cell("failed", Style::kRed), "12", "short"});
  return t;
}

TEST(Table, AlignsColumnsWithoutTrailingSpaces) {
  EXPECT_EQ(Sample().Render(0, false),
            "NAME   STATUS     VALUE  DESCRIPTION\n"
            "alpha  completed   0.91  a fairly long description here\n"
            "b      failed        12  short\n");
}

TEST(Table, ShrinksTextColumnsToFitTheWidth) {
  std::string out = Sample().Render(40, false);
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) EXPECT_LE(DisplayWidth(line), 40u) << line;
  EXPECT_THAT(out, HasSubstr("…"));
  EXPECT_THAT(out, HasSubstr("0.91"));  // numbers are kept whole
}

TEST(Table, ColoursOnlyWhenAsked) {
  EXPECT_THAT(Sample().Render(0, false), Not(HasSubstr("\x1b[")));
  std::string coloured = Sample().Render(0, true);
  EXPECT_THAT(coloured, HasSubstr("\x1b[32mcompleted"));
  EXPECT_THAT(coloured, HasSubstr("\x1b[1mNAME"));
}

TEST(Table, KeepsRowsOnOneLine) {
  Table t({{"A"}, {"B"}});
  t.Add({"x\ny", "tab\there"});
  EXPECT_EQ(t.Render(0, false), "A    B\nx y  tab here\n");
}

TEST(StyleFor, KnowsStatusWords) {
  EXPECT_EQ(StyleFor("completed"), Style::kGreen);
  EXPECT_EQ(StyleFor("failed"), Style::kRed);
  EXPECT_EQ(StyleFor("running"), Style::kYellow);
  EXPECT_EQ(StyleFor("whatever"), Style::kPlain);
}

TEST(Output, EmitsRawJsonOrTheSelectionOrTheTable) {
  std::ostringstream out, err;
  boost::json::value v = boost::json::parse(R"({"items":[{"name":"x"}]})");
  std::string raw = R"({"items":[{"name":"x"}]})";
  bool rendered = false;
  Output::Options json;
  json.format = Format::kJson;
  Output(json, out, err).Emit(raw, v, [&](const boost::json::value&) { rendered = true; });
  EXPECT_EQ(out.str(), raw + "\n");
  EXPECT_FALSE(rendered);

  out.str("");
  Output::Options path;
  path.format = Format::kJsonPath;
  path.jsonpath = *JsonPathTemplate::Parse("{.items[0].name}");
  Output(path, out, err).Emit(raw, v, [&](const boost::json::value&) { rendered = true; });
  EXPECT_EQ(out.str(), "x\n");

  Output(Output::Options{}, out, err).Emit(raw, v, [&](const boost::json::value&) {
    rendered = true;
  });
  EXPECT_TRUE(rendered);
}

TEST(Output, DetectRejectsUnknownFormats) {
  EXPECT_FALSE(Output::Detect(std::string("yaml"), false, false).ok());
  EXPECT_FALSE(Output::Detect(std::string("jsonpath={.a"), false, false).ok());
  auto j = Output::Detect(std::nullopt, true, false);
  ASSERT_OK(j);
  EXPECT_EQ(j->format, Format::kJson);
  EXPECT_FALSE(j->color_out);  // tests do not run on a terminal
}

TEST(Output, ErrorsListFieldErrors) {
  std::ostringstream out, err;
  Output o(Output::Options{}, out, err);
  o.Error(InvalidArgument("Bad Request (400): invalid", {{"name", "is required"}}));
  EXPECT_EQ(err.str(), "error: Bad Request (400): invalid\n  - name: is required\n");
}

TEST(ProgressBar, LineShowsBarPercentAndSizes) {
  std::string line = ProgressBar::Line("data.csv", 512 * 1024, 1024 * 1024, 2 * 1024 * 1024, 10);
  EXPECT_EQ(line, "data.csv  [█████░░░░░]   50%  512.0 KiB / 1.0 MiB  2.0 MiB/s");
  std::ostringstream err;
  ProgressBar off(err, "x", false);
  off.Update(1, 2);
  off.Finish();
  EXPECT_EQ(err.str(), "");
}

}  // namespace
}  // namespace cairn::cli
