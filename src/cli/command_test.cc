#include "cli/command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/testing/status_matchers.h"

namespace cairn::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Command Tree() {
  Command root{.name = "cairn", .summary = "root"};
  Command runs{.name = "runs", .aliases = {"run"}, .summary = "Runs"};
  runs.children.push_back({.name = "ls",
                           .aliases = {"list"},
                           .summary = "List runs",
                           .flags = {{"experiment", "NAME", "Experiment"},
                                     {"tag", "K=V", "Tag", true},
                                     {"all", "", "Every page"}},
                           .examples = {"cairn runs ls --experiment x"},
                           .run = [](Invocation&) { return 0; }});
  runs.children.push_back({.name = "log-metric",
                           .summary = "Log",
                           .positionals = {{"ID", "Run"}, {"KEY=VALUE", "Points", true, true}},
                           .flags = {{"step", "N", "Step"}},
                           .run = [](Invocation&) { return 0; }});
  root.children.push_back(std::move(runs));
  Command eval{.name = "eval", .summary = "Eval"};
  Command scenarios{.name = "scenarios", .summary = "Scenarios", .default_child = "ls"};
  scenarios.children.push_back(
      {.name = "ls", .summary = "List", .run = [](Invocation&) { return 0; }});
  eval.children.push_back(std::move(scenarios));
  root.children.push_back(std::move(eval));
  root.children.push_back({.name = "serve",
                           .summary = "Serve",
                           .run = [](Invocation&) { return 0; },
                           .passthrough = true});
  return root;
}

TEST(CommandParse, WalksToTheLeafAndReadsFlagsAnywhere) {
  Command root = Tree();
  auto p = Parse(root, {"--json", "runs", "ls", "--experiment", "churn", "--tag=a=1", "--tag",
                        "b=2", "-o", "table"});
  ASSERT_OK(p);
  EXPECT_EQ(p->command->name, "ls");
  EXPECT_THAT(p->path, ElementsAre("cairn", "runs", "ls"));
  EXPECT_THAT(p->flags["experiment"], ElementsAre("churn"));
  EXPECT_THAT(p->flags["tag"], ElementsAre("a=1", "b=2"));
  EXPECT_THAT(p->flags["output"], ElementsAre("table"));
  EXPECT_EQ(p->flags.count("json"), 1u);
}

TEST(CommandParse, AcceptsAliases) {
  Command root = Tree();
  auto p = Parse(root, {"run", "list"});
  ASSERT_OK(p);
  EXPECT_THAT(p->path, ElementsAre("cairn", "runs", "ls"));
}

TEST(CommandParse, KeepsNegativeNumbersAndDashDashAsPositionals) {
  Command root = Tree();
  auto p = Parse(root, {"runs", "log-metric", "id1", "loss=-1", "-5", "--", "--weird=1"});
  ASSERT_OK(p);
  EXPECT_THAT(p->positionals, ElementsAre("id1", "loss=-1", "-5", "--weird=1"));
}

TEST(CommandParse, LastValueWinsForSingleFlags) {
  Command root = Tree();
  auto p = Parse(root, {"runs", "ls", "--experiment", "a", "--experiment", "b"});
  ASSERT_OK(p);
  EXPECT_THAT(p->flags["experiment"], ElementsAre("b"));
}

TEST(CommandParse, RejectsUnknownFlagsCommandsAndMissingValues) {
  Command root = Tree();
  auto unknown_flag = Parse(root, {"runs", "ls", "--nope"});
  ASSERT_FALSE(unknown_flag.ok());
  EXPECT_THAT(unknown_flag.status().message(), HasSubstr("unknown flag --nope"));
  auto unknown_cmd = Parse(root, {"runs", "frobnicate"});
  ASSERT_FALSE(unknown_cmd.ok());
  EXPECT_THAT(unknown_cmd.status().message(), HasSubstr("unknown command 'frobnicate'"));
  auto no_value = Parse(root, {"runs", "ls", "--experiment"});
  ASSERT_FALSE(no_value.ok());
  EXPECT_THAT(no_value.status().message(), HasSubstr("needs a value"));
  auto switch_value = Parse(root, {"runs", "ls", "--all=yes"});
  ASSERT_FALSE(switch_value.ok());
  auto group = Parse(root, {"runs"});
  ASSERT_FALSE(group.ok());
  EXPECT_THAT(group.status().message(), HasSubstr("needs a command"));
}

TEST(CommandParse, ChecksPositionals) {
  Command root = Tree();
  auto missing = Parse(root, {"runs", "log-metric", "id"});
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("missing KEY=VALUE"));
  auto extra = Parse(root, {"runs", "ls", "surplus"});
  ASSERT_FALSE(extra.ok());
  EXPECT_THAT(extra.status().message(), HasSubstr("unexpected argument 'surplus'"));
}

TEST(CommandParse, HelpSkipsValidation) {
  Command root = Tree();
  auto p = Parse(root, {"runs", "log-metric", "--help"});
  ASSERT_OK(p);
  EXPECT_TRUE(p->help);
  auto g = Parse(root, {"runs", "-h"});
  ASSERT_OK(g);
  EXPECT_TRUE(g->help);
  EXPECT_EQ(g->command->name, "runs");
}

TEST(CommandParse, GroupWithDefaultChildRunsIt) {
  Command root = Tree();
  auto p = Parse(root, {"eval", "scenarios"});
  ASSERT_OK(p);
  EXPECT_THAT(p->path, ElementsAre("cairn", "eval", "scenarios", "ls"));
}

TEST(CommandParse, PassthroughGetsTheRawArguments) {
  Command root = Tree();
  auto p = Parse(root, {"serve", "--port", "0", "--no-access-log"});
  ASSERT_OK(p);
  EXPECT_EQ(p->command->name, "serve");
  EXPECT_THAT(p->passthrough, ElementsAre("--port", "0", "--no-access-log"));
  EXPECT_FALSE(p->help);
}

TEST(CommandHelp, ShowsUsageFlagsAndExample) {
  Command root = Tree();
  const Command& ls = root.children[0].children[0];
  std::string help = HelpText(ls, {"cairn", "runs", "ls"});
  EXPECT_THAT(help, HasSubstr("Usage:\n  cairn runs ls [flags]"));
  EXPECT_THAT(help, HasSubstr("--experiment NAME"));
  EXPECT_THAT(help, HasSubstr("--tag K=V"));
  EXPECT_THAT(help, HasSubstr("(repeatable)"));
  EXPECT_THAT(help, HasSubstr("Global flags:"));
  EXPECT_THAT(help, HasSubstr("$ cairn runs ls --experiment x"));
  std::string group = HelpText(root.children[0], {"cairn", "runs"});
  EXPECT_THAT(group, HasSubstr("log-metric"));
  EXPECT_THAT(group, HasSubstr("Aliases: run"));
}

TEST(ExitCodes, FollowTheStatusClass) {
  EXPECT_EQ(ExitCodeFor(Status::Ok()), 0);
  EXPECT_EQ(ExitCodeFor(Internal("x")), 1);
  EXPECT_EQ(ExitCodeFor(Unavailable("x")), 1);
  EXPECT_EQ(ExitCodeFor(InvalidArgument("x")), 2);
  EXPECT_EQ(ExitCodeFor(NotFound("x")), 3);
  EXPECT_EQ(ExitCodeFor(FailedPrecondition("x")), 4);
  EXPECT_EQ(ExitCodeFor(Aborted("x")), 4);
  EXPECT_EQ(ExitCodeFor(Status(StatusCode::kUnauthenticated, "x")), 5);
  EXPECT_EQ(ExitCodeFor(Status(StatusCode::kPermissionDenied, "x")), 5);
}

TEST(ParsePairs, NeedsKeyEqualsValue) {
  auto ok = ParsePairs({"a=1", "b==2", "c="}, "--tag");
  ASSERT_OK(ok);
  EXPECT_EQ(ok->at("b"), "=2");
  EXPECT_EQ(ok->at("c"), "");
  EXPECT_FALSE(ParsePairs({"novalue"}, "--tag").ok());
  EXPECT_FALSE(ParsePairs({"=x"}, "--tag").ok());
}

}  // namespace
}  // namespace cairn::cli
