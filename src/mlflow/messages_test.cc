// MLflow message shapes and the log-batch reader, checked against what MLflow's own server
// answered (tests/mlflow/recordings/*.json).
#include "mlflow/messages.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <regex>
#include <set>
#include <sstream>

#include "common/json.h"
#include "common/testing/status_matchers.h"

namespace cairn::mlflow::msg {
namespace {

bj::value Recording(const std::string& name) {
  std::ifstream in(std::string(CAIRN_SOURCE_DIR) + "/tests/mlflow/recordings/" + name + ".json");
  std::stringstream ss;
  ss << in.rdbuf();
  auto v = json::Parse(ss.str());
  EXPECT_OK(v) << name;
  return v.ok() ? *v : bj::value();
}

const bj::object* Exchange(const bj::value& rec, std::string_view name) {
  for (const auto& e : rec.at("exchanges").as_array()) {
    if (e.at("name").as_string() == name) return &e.as_object();
  }
  ADD_FAILURE() << "no exchange " << name;
  return nullptr;
}

// Expands the recorder's request templates: ${repeat:N:c} strings and ${var} ids.
bj::value Expand(const bj::value& v) {
  static const std::regex repeat(R"(^\$\{repeat:([0-9]+):(.)\}$)");
  if (v.is_string()) {
    std::string s(v.as_string());
    std::smatch m;
    if (std::regex_match(s, m, repeat))
      return bj::value(std::string(std::stoul(m[1]), m[2].str()[0]));
    s = std::regex_replace(s, std::regex(R"(\$\{[A-Za-z0-9_.-]+\})"),
                           "0123456789abcdef0123456789abcdef");
    return bj::value(s);
  }
  if (v.is_array()) {
    bj::array a;
    for (const auto& e : v.as_array()) a.push_back(Expand(e));
    return a;
  }
  if (v.is_object()) {
    bj::object o;
    for (const auto& [k, e] : v.as_object()) o[k] = Expand(e);
    return o;
  }
  return v;
}

std::set<std::string> Keys(const bj::object& o) {
  std::set<std::string> out;
  for (const auto& [k, v] : o) out.insert(std::string(k));
  return out;
}

TEST(MlflowMessages, LogBatchValidationMatchesMlflowMessages) {
  const bj::value rec = Recording("log_batch");
  int compared = 0;
  for (const auto& ev : rec.at("exchanges").as_array()) {
    const auto& e = ev.as_object();
    if (e.at("request").at("path").as_string() != "/api/2.0/mlflow/runs/log-batch") continue;
    const auto& resp = e.at("response").as_object();
    const std::string name(e.at("name").as_string());
    // These depend on stored state (the run, its params), not on the request alone.
    if (name == "log-batch changing a param" || name == "log-batch unknown run") continue;
    auto r = ReadLogBatch(Expand(e.at("request").at("json")));
    if (resp.at("status").as_int64() == 200) {
      EXPECT_OK(r) << name << ": " << r.status().ToString();
    } else {
      ASSERT_FALSE(r.ok()) << name;
      EXPECT_EQ(r.status().message(), resp.at("json").at("message").as_string()) << name;
    }
    ++compared;
  }
  EXPECT_GE(compared, 15);
}

TEST(MlflowMessages, LogBatchTruncatesLongValuesAndReadsLenientNumbers) {
  auto body = json::Parse(
      R"({"run_id":"abc","metrics":[{"key":"m","value":"NaN","timestamp":"17","step":"2"}],)"
      R"("params":[{"key":"p","value":")" +
      std::string(6001, 'y') + R"("}]})");
  ASSERT_OK(body);
  auto r = ReadLogBatch(*body);
  ASSERT_OK(r);
  EXPECT_TRUE(std::isnan(r->metrics[0].value));
  EXPECT_EQ(r->metrics[0].timestamp, 17);
  EXPECT_EQ(r->metrics[0].step, 2);
  EXPECT_EQ(r->params[0].value.size(), kMaxParamValueLength);
}

TEST(MlflowMessages, LogBatchChecksEveryMetricWhenKeysRepeat) {
  // A key repeated for its steps is checked once; a later key, and every timestamp, still are.
  auto read = [](std::string_view metrics) {
    auto body = json::Parse(R"({"run_id":"abc","metrics":[)" + std::string(metrics) + "]}");
    EXPECT_OK(body);
    return ReadLogBatch(body->as_object());
  };
  const std::string ok = R"({"key":"m","value":1,"timestamp":1,"step":0},)"
                         R"({"key":"m","value":2,"timestamp":2,"step":1})";
  auto good = read(ok);
  ASSERT_OK(good);
  EXPECT_EQ(good->metrics.size(), 2u);
  auto bad_key = read(ok + R"(,{"key":"m/../x","value":3,"timestamp":3})");
  ASSERT_FALSE(bad_key.ok());
  EXPECT_NE(bad_key.status().message().find("m/../x"), std::string::npos)
      << bad_key.status().message();
  auto bad_time = read(ok + R"(,{"key":"m","value":3,"timestamp":-5})");
  ASSERT_FALSE(bad_time.ok());
  EXPECT_NE(bad_time.status().message().find("invalid timestamp -5"), std::string::npos)
      << bad_time.status().message();
  auto long_key =
      read(ok + R"(,{"key":")" + std::string(251, 'k') + R"(","value":3,"timestamp":3})");
  ASSERT_FALSE(long_key.ok());
  EXPECT_NE(long_key.status().message().find("exceeded length limit of 250"), std::string::npos)
      << long_key.status().message();
}

TEST(MlflowMessages, RunJsonHasMlflowsFields) {
  const bj::value rec = Recording("runs");
  const auto* e = Exchange(rec, "update status and end_time");
  ASSERT_NE(e, nullptr);
  const auto& expected = e->at("response").at("json").at("run_info").as_object();
  RunInfo info{
      "r",     "1", "first", "alice", RunStatus::kFinished, 1, 2, "mlflow-artifacts:/1/r/artifacts",
      "active"};
  const bj::object actual = ToJson(info);
  EXPECT_EQ(Keys(actual), Keys(expected));
  EXPECT_EQ(actual.at("status").as_string(), expected.at("status").as_string());
  EXPECT_TRUE(actual.at("start_time").is_int64());
  info.end_time.reset();
  EXPECT_FALSE(ToJson(info).contains("end_time"));
}

TEST(MlflowMessages, RunWithoutInputsOmitsThem) {
  const bj::value rec = Recording("runs");
  const auto* e = Exchange(rec, "create run first");
  ASSERT_NE(e, nullptr);
  const auto& expected = e->at("response").at("json").at("run").as_object();
  msg::Run run;
  run.tags = {{"team", "alpha"}, {"mlflow.runName", "first"}};
  const bj::object actual = ToJson(run);
  EXPECT_EQ(Keys(actual), Keys(expected));
  EXPECT_EQ(Keys(actual.at("data").as_object()), Keys(expected.at("data").as_object()));
}

TEST(MlflowMessages, MetricValuesNanAndInfinityAsMlflowWritesThem) {
  EXPECT_EQ(json::Serialize(ToJson(Metric{"m", std::nan(""), 1, 0, {}})),
            R"({"key":"m","value":"NaN","timestamp":1,"step":0})");
  const bj::value inf = ToJson(Metric{"m", std::numeric_limits<double>::infinity(), 1, 0, {}});
  EXPECT_EQ(inf.at("value").as_double(), std::numeric_limits<double>::max());
  EXPECT_EQ(ToJson(Metric{"m", 1, 1, 0, std::string("r")}).at("run_id").as_string(), "r");
}

TEST(MlflowMessages, AppendMetricPointGivesWhatTheTreeGives) {
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<Metric> points = {{"loss \"x\"", 0.95, 1700000000000, 0, {}},
                                      {"loss \"x\"", 3.0, 1, -7, {}},
                                      {"loss \"x\"", std::nan(""), 2, 1, {}},
                                      {"loss \"x\"", inf, 3, 2, {}},
                                      {"loss \"x\"", -inf, 4, 3, {}},
                                      {"loss \"x\"", 1e-05, 5, 4, {}},
                                      {"loss \"x\"", -0.0, 6, 5, {}},
                                      {"loss \"x\"", 1e300, 7, INT64_MAX, {}}};
  const std::string prefix = MetricPointPrefix(points.front().key);
  std::string text = "[";
  bj::array tree;
  for (const Metric& m : points) {
    if (text.size() > 1) text += ',';
    AppendMetricPoint(text, prefix, m.value, m.timestamp, m.step);
    tree.push_back(ToJson(m));
  }
  text += ']';
  auto parsed = json::Parse(text);
  ASSERT_OK(parsed);
  EXPECT_EQ(*parsed, bj::value(tree));
  // Every value stays a double for clients (3.0, not 3), NaN stays MLflow's string.
  const auto& got = parsed->as_array();
  for (size_t i = 0; i < points.size(); ++i) {
    EXPECT_EQ(got[i].at("value").kind(), tree[i].at("value").kind()) << i;
  }
  EXPECT_NE(text.find(R"("value":3.0,)"), std::string::npos) << text;
}

TEST(MlflowMessages, ModelVersionAndRegisteredModelShapes) {
  const bj::value rec = Recording("registry");
  const auto* e = Exchange(rec, "get model with aliases");
  ASSERT_NE(e, nullptr);
  const auto& expected = e->at("response").at("json").at("registered_model").as_object();
  RegisteredModel m;
  m.name = "churn";
  m.description = "predicts churn";
  ModelVersion v;
  v.name = "churn";
  v.version = "1";
  v.current_stage = "Archived";
  m.latest_versions = {v};
  m.tags = {{"owner", "ml"}};
  m.aliases = {{"champion", "2"}};
  const bj::object actual = ToJson(m);
  EXPECT_EQ(Keys(actual), Keys(expected));
  EXPECT_EQ(Keys(actual.at("latest_versions").as_array()[0].as_object()),
            Keys(expected.at("latest_versions").as_array()[0].as_object()));
  const auto* byalias = Exchange(rec, "get version by alias");
  ASSERT_NE(byalias, nullptr);
  v.aliases = {"champion"};
  EXPECT_EQ(Keys(ToJson(v)),
            Keys(byalias->at("response").at("json").at("model_version").as_object()));
}

TEST(MlflowMessages, EnumsByNameOrNumber) {
  EXPECT_EQ(ParseRunStatus(bj::value("KILLED")), RunStatus::kKilled);
  EXPECT_EQ(ParseRunStatus(bj::value(3)), RunStatus::kFinished);
  EXPECT_EQ(ParseRunStatus(bj::value("3")), RunStatus::kFinished);
  EXPECT_FALSE(ParseRunStatus(bj::value("DONE")).has_value());
  EXPECT_EQ(ParseViewType(bj::value("ALL")), ViewType::kAll);
  EXPECT_EQ(Name(ViewType::kDeletedOnly), "DELETED_ONLY");
}

TEST(MlflowMessages, KeyRules) {
  EXPECT_OK(ValidateKey("metric", "loss/val 1.x-y"));
  EXPECT_FALSE(ValidateKey("metric", "bad!").ok());
  EXPECT_FALSE(ValidateKey("tag", "a/../b").ok());
  EXPECT_FALSE(ValidateKey("parameter", "/abs").ok());
  EXPECT_FALSE(ValidateKey("parameter", "a//b").ok());
  EXPECT_OK(ValidateRunId("0123abc-_x"));
  EXPECT_FALSE(ValidateRunId("-x").ok());
  EXPECT_FALSE(ValidateRunId("").ok());
}

TEST(MlflowMessages, Int64AndDoubleReaders) {
  EXPECT_EQ(ReadInt64(bj::value("1700000000000")), 1700000000000);
  EXPECT_EQ(ReadInt64(bj::value(5)), 5);
  EXPECT_FALSE(ReadInt64(bj::value("1.5")).has_value());
  EXPECT_FALSE(ReadInt64(bj::value("yesterday")).has_value());
  EXPECT_EQ(ReadDouble(bj::value("0.25")), 0.25);
  EXPECT_TRUE(std::isinf(*ReadDouble(bj::value("-Infinity"))));
  EXPECT_FALSE(ReadDouble(bj::value("x")).has_value());
  EXPECT_FALSE(ReadDouble(bj::value(true)).has_value());
}

}  // namespace
}  // namespace cairn::mlflow::msg
