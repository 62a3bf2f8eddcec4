// MLflow request readers: the parameter object of a request and the message readers, with the
// messages MLflow's handlers give for bad input.
#include "mlflow/request.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "common/json.h"
#include "common/testing/status_matchers.h"

namespace cairn::mlflow::req {
namespace {

bj::object Obj(std::string_view text) {
  auto v = json::Parse(text);
  EXPECT_OK(v) << text;
  return v.ok() && v->is_object() ? v->get_object() : bj::object{};
}

TEST(MlflowRequestTest, BodyParamsNeedsJsonContentType) {
  auto ok = BodyParams("Application/JSON; charset=utf-8", R"({"name":"x"})");
  ASSERT_OK(ok);
  EXPECT_EQ(ok->at("name").as_string(), "x");
  auto bad = BodyParams("text/plain", "{}");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "Bad Request. Content-Type must be one of ['application/json'].");
  EXPECT_FALSE(BodyParams(std::nullopt, "{}").ok());
  // No content type and no body: no parameters. A body that is not an object: no parameters.
  ASSERT_OK(BodyParams(std::nullopt, ""));
  auto list = BodyParams("application/json", "[1,2]");
  ASSERT_OK(list);
  EXPECT_TRUE(list->empty());
}

TEST(MlflowRequestTest, BodyParamsBuildTheTreeInTheGivenArena) {
  const std::string body = R"({"run_id":"r","metrics":[{"key":"m","value":1,"timestamp":2}]})";
  EXPECT_GE(BodyArenaBytes(body.size()), body.size());
  EXPECT_EQ(BodyArenaBytes(0), 1024u);
  EXPECT_EQ(BodyArenaBytes(size_t{1} << 30), size_t{16} << 20);
  bj::monotonic_resource arena(BodyArenaBytes(body.size()));
  auto o = BodyParams("application/json", body, &arena);
  ASSERT_OK(o);
  EXPECT_EQ(o->storage().get(), &arena);
  const bj::object& metric = o->at("metrics").as_array().at(0).as_object();
  EXPECT_EQ(metric.storage().get(), &arena);
  EXPECT_EQ(metric.at("timestamp").as_int64(), 2);
  // Without one, the default storage.
  auto plain = BodyParams("application/json", body);
  ASSERT_OK(plain);
  EXPECT_EQ(plain->storage().get(), bj::storage_ptr().get());
}

TEST(MlflowRequestTest, QueryParamsFoldsBracketsAndRepeats) {
  const bj::object o = QueryParams(
      {{"run_ids[]", "a"}, {"run_ids[]", "b"}, {"k", "v"}, {"order_by[0]", "name"}}, "order_by");
  EXPECT_EQ(bj::serialize(o.at("run_ids")), R"(["a","b"])");
  EXPECT_EQ(o.at("k").as_string(), "v");
  EXPECT_EQ(bj::serialize(o.at("order_by")), R"(["name"])");
  EXPECT_FALSE(QueryParams({}, "order_by").contains("order_by"));
}

TEST(MlflowRequestTest, FieldReaders) {
  const bj::object o = Obj(R"({"s":"x","e":"","n":"12","bad":true,"kv":[{"key":"a"},
                              {"key":"a","value":"2"}],"l":"one"})");
  EXPECT_EQ(*RequiredString(o, "s"), "x");
  EXPECT_EQ(RequiredString(o, "e").status().message(),
            "Missing value for required parameter 'e'." + std::string(kDocsHint));
  EXPECT_EQ(OptionalInt64(o, "n")->value_or(0), 12);
  EXPECT_EQ(OptionalInt64(o, "bad").status().message(),
            "Invalid value true for parameter 'bad' supplied." + std::string(kDocsHint));
  EXPECT_FALSE(OptionalInt64(o, "e")->has_value());
  ASSERT_EQ(KeyValues(o, "kv")->size(), 2u);
  EXPECT_EQ((*KeyValueMap(o, "kv"))->at("a"), "2");
  EXPECT_FALSE(KeyValueMap(o, "none")->has_value());
  EXPECT_EQ(StringList(o, "l")->size(), 1u);
  EXPECT_FALSE(StringList(o, "kv").ok());
  EXPECT_EQ(RunIdParam(Obj(R"({"run_uuid":"r1"})")).value(), "r1");
  EXPECT_FALSE(RunIdParam(Obj("{}")).ok());
}

TEST(MlflowRequestTest, SearchPaging) {
  EXPECT_EQ(*MaxResults(Obj("{}"), 1000), 1000);
  EXPECT_FALSE(MaxResults(Obj(R"({"max_results":50001})"), 1000).ok());
  EXPECT_FALSE(MaxResults(Obj(R"({"max_results":0})"), 1000).ok());
  EXPECT_EQ(*ViewTypeParam(Obj(R"({"v":"ALL"})"), "v"), msg::ViewType::kAll);
  EXPECT_EQ(*ViewTypeParam(Obj("{}"), "v"), msg::ViewType::kActiveOnly);
  EXPECT_FALSE(ViewTypeParam(Obj(R"({"v":"SOME"})"), "v").ok());
  EXPECT_EQ(*PageOffset(Obj("{}")), 0);
  EXPECT_FALSE(PageOffset(Obj(R"({"page_token":"!!"})")).ok());
}

TEST(MlflowRequestTest, LogMetric) {
  auto m = ReadLogMetric(Obj(R"({"run_id":"r1","key":"loss","value":"NaN","timestamp":5})"));
  ASSERT_OK(m);
  EXPECT_TRUE(std::isnan(m->metric.value));
  EXPECT_EQ(m->metric.timestamp, 5);
  EXPECT_EQ(m->metric.step, 0);
  EXPECT_EQ(ReadLogMetric(Obj(R"({"run_id":"r1","key":"loss","value":1})")).status().message(),
            "Missing value for required parameter 'timestamp'." + std::string(kDocsHint));
  EXPECT_FALSE(
      ReadLogMetric(Obj(R"({"run_id":"r1","key":"a/../b","value":1,"timestamp":1})")).ok());
}

TEST(MlflowRequestTest, LogInputs) {
  auto in = ReadLogInputs(Obj(R"({"run_id":"r1","datasets":[{"tags":[{"key":"mlflow.data.context",
      "value":"train"}],"dataset":{"name":"d","digest":"abc","source_type":"local",
      "source":"{}","schema":"{}"}}]})"));
  ASSERT_OK(in);
  ASSERT_EQ(in->datasets.size(), 1u);
  EXPECT_EQ(in->datasets[0].dataset.digest, "abc");
  EXPECT_FALSE(in->datasets[0].dataset.profile.has_value());
  EXPECT_EQ(in->datasets[0].tags[0].value, "train");
  EXPECT_EQ(ReadLogInputs(Obj(R"({"run_id":"r1"})")).status().message(),
            "Missing value for required parameter 'datasets'." + std::string(kDocsHint));
  EXPECT_FALSE(ReadLogInputs(Obj(R"({"run_id":"r1","datasets":[{"dataset":{}}]})")).ok());
  EXPECT_FALSE(ReadLogInputs(Obj(R"({"run_id":"r1","datasets":[1]})")).ok());
}

TEST(MlflowRequestTest, LogModelOrdersAndDumpsLikePython) {
  bj::object request{{"run_id", "r1"},
                     {"model_json", R"({"flavors":{},"x":1.0,"artifact_path":"model",)"
                                    R"("utc_time_created":"t","run_id":"r1","signature":null,)"
                                    R"("name":"\u00e9\ud83d\ude00"})"}};
  auto m = ReadLogModel(request);
  ASSERT_OK(m);
  EXPECT_EQ(m->model_json,
            R"({"run_id": "r1", "artifact_path": "model", "utc_time_created": "t", )"
            R"("flavors": {}, "model_uuid": null, "x": 1.0, "name": "\u00e9\ud83d\ude00"})");
  auto missing = ReadLogModel(Obj(R"({"run_id":"r1","model_json":"{\"flavors\":{}}"})"));
  EXPECT_EQ(missing.status().message(),
            "Model json is missing mandatory fields: {'artifact_path', 'run_id', "
            "'utc_time_created'}");
  EXPECT_FALSE(ReadLogModel(Obj(R"({"run_id":"r1","model_json":"[1]"})")).ok());
}

TEST(MlflowRequestTest, BulkInterval) {
  auto q = ReadBulkInterval(Obj(R"({"run_ids":["a"],"metric_key":"m","start_step":"1",
                                    "end_step":3,"max_results":"10"})"));
  ASSERT_OK(q);
  EXPECT_EQ(q->max_results, 10);
  EXPECT_EQ(*q->end_step, 3);
  EXPECT_FALSE(ReadBulkInterval(Obj(R"({"run_ids":["a"],"metric_key":"m","start_step":1})")).ok());
  EXPECT_FALSE(
      ReadBulkInterval(Obj(R"({"run_ids":["a"],"metric_key":"m","max_results":2501})")).ok());
  EXPECT_FALSE(ReadBulkInterval(Obj(R"({"metric_key":"m"})")).ok());
}

}  // namespace
}  // namespace cairn::mlflow::req
