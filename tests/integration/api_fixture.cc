#include "tests/integration/api_fixture.h"

#include <atomic>
#include <random>

#include "common/testing/status_matchers.h"

namespace cairn::testing {

std::string UniqueName(std::string_view prefix) {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return std::string(prefix) + "-" + std::to_string(rd() % 1000000) + "-" +
         std::to_string(counter++);
}

bj::value BodyJson(const RawReply& reply) {
  boost::system::error_code ec;
  bj::value v = bj::parse(reply.body, ec);
  if (ec) {
    ADD_FAILURE() << "body is not JSON (status " << reply.status << "): " << reply.body;
    return nullptr;
  }
  return v;
}

bool ProblemNamesField(const bj::value& body, std::string_view field) {
  if (!body.is_object()) return false;
  const auto* errors = body.as_object().if_contains("errors");
  if (errors == nullptr || !errors->is_array()) return false;
  for (const auto& e : errors->as_array()) {
    if (!e.is_object()) continue;
    const auto* f = e.as_object().if_contains("field");
    if (f && f->is_string() &&
        std::string_view(f->as_string()).find(field) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

void ExpectProblem(const RawReply& reply, int status, std::optional<std::string> field) {
  EXPECT_EQ(reply.status, status) << reply.body;
  auto ct = reply.Header("content-type");
  ASSERT_TRUE(ct.has_value()) << "no Content-Type on a " << reply.status;
  EXPECT_EQ(ct->substr(0, ct->find(';')), "application/problem+json");
  bj::value body = BodyJson(reply);
  ASSERT_TRUE(body.is_object()) << reply.body;
  const auto& obj = body.as_object();
  for (const char* key : {"type", "title", "detail", "instance"}) {
    ASSERT_TRUE(obj.contains(key)) << "problem without '" << key << "': " << reply.body;
    EXPECT_TRUE(obj.at(key).is_string()) << key << " is not a string: " << reply.body;
  }
  ASSERT_TRUE(obj.contains("status")) << reply.body;
  ASSERT_TRUE(obj.at("status").is_int64()) << reply.body;
  EXPECT_EQ(obj.at("status").as_int64(), status);
  if (field) {
    EXPECT_TRUE(ProblemNamesField(body, *field))
        << "errors[] does not name '" << *field << "': " << reply.body;
  }
}

void ApiTest::SetUp() {
  auto server = TestServer::Start(GetParam(), ExtraArgs());
  ASSERT_OK(server);
  server_ = std::move(*server);
}

RawReply ApiTest::Do(std::string_view method, std::string_view target, std::string_view body,
                     Headers headers) {
  auto reply = server_->Call(method, target, body, headers);
  if (!reply.ok()) {
    ADD_FAILURE() << method << " " << target << ": " << reply.status().ToString()
                  << "\nserver log:\n"
                  << server_->process().Log();
    return RawReply{};
  }
  return std::move(*reply);
}

RawReply ApiTest::DoJson(std::string_view method, std::string_view target, const bj::value& body,
                         Headers headers) {
  headers.emplace_back("Content-Type", "application/json");
  return Do(method, target, bj::serialize(body), headers);
}

bj::object ApiTest::CreateExperiment(const std::string& name, bj::object extra,
                                     std::string_view user) {
  extra["name"] = name;
  RawReply r = DoJson("POST", Url("/experiments"), extra, {{"X-Cairn-User", std::string(user)}});
  EXPECT_EQ(r.status, 201) << r.body;
  bj::value v = BodyJson(r);
  return v.is_object() ? v.as_object() : bj::object{};
}

bj::object ApiTest::CreateRun(const std::string& experiment, bj::object extra,
                              std::string_view user) {
  extra["experiment_name"] = experiment;
  RawReply r = DoJson("POST", Url("/runs"), extra, {{"X-Cairn-User", std::string(user)}});
  EXPECT_EQ(r.status, 201) << r.body;
  bj::value v = BodyJson(r);
  return v.is_object() ? v.as_object() : bj::object{};
}

RawReply ApiTest::LogMetrics(const std::string& run_id, const bj::array& points) {
  bj::object body;
  body["metrics"] = points;
  return DoJson("POST", Url("/runs/" + run_id + "/metrics"), body);
}

std::string BackendParamName(const ::testing::TestParamInfo<BackendKind>& info) {
  return BackendName(info.param);
}

}  // namespace cairn::testing
