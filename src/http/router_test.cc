#include "http/router.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>

#include "common/log.h"

namespace cairn::http {
namespace {

using ::testing::HasSubstr;

Handler Named(const std::string& name) {
  return [name](Request& req) {
    std::string body = name;
    for (const auto& [k, v] : req.path_params) body += "|" + k + "=" + v;
    return Response::Text(200, "text/plain", body);
  };
}

Request Make(Method m, std::string target, std::string body = "",
             std::vector<std::pair<std::string, std::string>> headers = {}) {
  Request req;
  req.method = m;
  req.target = std::move(target);
  req.body = std::move(body);
  req.headers = std::move(headers);
  req.request_id = "test-req";
  return req;
}

std::optional<std::string> HeaderOf(const Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return std::nullopt;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add(Method::kGet, "/", Named("root"));
    router_.Add(Method::kGet, "/api/v1/features/datasets", Named("datasets"));
    router_.Add(Method::kGet, "/api/v1/features/{name}", Named("feature"));
    router_.Add(Method::kDelete, "/api/v1/features/{name}", Named("delete-feature"));
    router_.Add(Method::kGet, "/api/v1/runs/{run_id}/metrics/{key}", Named("metric"));
    router_.Add(Method::kGet, "/api/v1/runs/{run_id}/artifacts/{path...}", Named("artifact"));
    router_.Add(Method::kPost, "/api/v1/runs", Named("create-run"),
                RouteOptions{.content_types = {"application/json"}});
    router_.Add(Method::kGet, "/boom",
                [](Request&) -> Response { throw std::runtime_error("secret database detail"); });
    router_.Add(Method::kGet, "/boom-int", [](Request&) -> Response { throw 42; });
  }
  Router router_;
};

TEST_F(RouterTest, MatchesRootAndLiteralRoutes) {
  Request req = Make(Method::kGet, "/");
  EXPECT_EQ(router_.Dispatch(req).body, "root");
  req = Make(Method::kGet, "/api/v1/features/datasets");
  EXPECT_EQ(router_.Dispatch(req).body, "datasets");
}

TEST_F(RouterTest, LiteralSegmentWinsOverParam) {
  Request req = Make(Method::kGet, "/api/v1/features/datasets");
  Response err;
  Router::Match m = router_.Find(req, &err);
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(m.pattern, "/api/v1/features/datasets");
  req = Make(Method::kGet, "/api/v1/features/age");
  m = router_.Find(req, &err);
  EXPECT_EQ(m.pattern, "/api/v1/features/{name}");
  EXPECT_EQ(req.Param("name"), "age");
}

TEST_F(RouterTest, FallsBackToParamWhenLiteralLacksMethod) {
  Request req = Make(Method::kDelete, "/api/v1/features/datasets");
  EXPECT_EQ(router_.Dispatch(req).body, "delete-feature|name=datasets");
}

TEST_F(RouterTest, CapturesSeveralParams) {
  Request req = Make(Method::kGet, "/api/v1/runs/abc/metrics/loss?step=3");
  Response r = router_.Dispatch(req);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "metric|key=loss|run_id=abc");
  EXPECT_EQ(req.Query("step"), "3");
}

TEST_F(RouterTest, CatchAllCapturesRestOfPath) {
  Request req = Make(Method::kGet, "/api/v1/runs/r1/artifacts/model/weights/v1.bin");
  Response r = router_.Dispatch(req);
  EXPECT_EQ(r.body, "artifact|path=model/weights/v1.bin|run_id=r1");
}

TEST_F(RouterTest, CatchAllNeedsAtLeastOneSegment) {
  Request req = Make(Method::kGet, "/api/v1/runs/r1/artifacts");
  EXPECT_EQ(router_.Dispatch(req).status, 404);
  req = Make(Method::kGet, "/api/v1/runs/r1/artifacts/");
  EXPECT_EQ(router_.Dispatch(req).status, 404);
}

TEST_F(RouterTest, PercentDecodesParamsPerSegment) {
  Request req = Make(Method::kGet, "/api/v1/features/a%20b%2Fc");
  Response r = router_.Dispatch(req);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "feature|name=a b/c");
}

TEST_F(RouterTest, HeadUsesGetRoute) {
  Request req = Make(Method::kHead, "/api/v1/features/x");
  EXPECT_EQ(router_.Dispatch(req).body, "feature|name=x");
}

TEST_F(RouterTest, UnknownPathIs404Problem) {
  Request req = Make(Method::kGet, "/api/v1/nothing/here");
  Response r = router_.Dispatch(req);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_THAT(r.body, HasSubstr("\"code\":\"not_found\""));
  EXPECT_THAT(r.body, HasSubstr("\"instance\":\"/api/v1/nothing/here\""));
}

TEST_F(RouterTest, TrailingSlashAndEmptySegmentsDoNotMatchParams) {
  Request req = Make(Method::kGet, "/api/v1/features/");
  EXPECT_EQ(router_.Dispatch(req).status, 404);
  req = Make(Method::kGet, "/api/v1//features/x");
  EXPECT_EQ(router_.Dispatch(req).status, 404);
}

TEST_F(RouterTest, WrongMethodIs405WithAllow) {
  Request req = Make(Method::kPut, "/api/v1/features/x");
  Response r = router_.Dispatch(req);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(HeaderOf(r, "Allow"), "GET, HEAD, DELETE");
  EXPECT_THAT(r.body, HasSubstr("\"code\":\"method_not_allowed\""));
}

TEST_F(RouterTest, AllowIsUnionOverMatchingTemplates) {
  Request req = Make(Method::kPost, "/api/v1/features/datasets");
  Response r = router_.Dispatch(req);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(HeaderOf(r, "Allow"), "GET, HEAD, DELETE");
}

TEST_F(RouterTest, PostOnlyRouteAllowsNoHead) {
  Request req = Make(Method::kGet, "/api/v1/runs");
  Response r = router_.Dispatch(req);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(HeaderOf(r, "Allow"), "POST");
}

TEST_F(RouterTest, ContentTypeAcceptedIgnoringParamsAndCase) {
  Request req = Make(Method::kPost, "/api/v1/runs", "{}",
                     {{"content-type", "Application/JSON; charset=utf-8"}});
  EXPECT_EQ(router_.Dispatch(req).status, 200);
}

TEST_F(RouterTest, WrongContentTypeIs415) {
  Request req = Make(Method::kPost, "/api/v1/runs", "a=b",
                     {{"content-type", "application/x-www-form-urlencoded"}});
  Response r = router_.Dispatch(req);
  EXPECT_EQ(r.status, 415);
  EXPECT_THAT(r.body, HasSubstr("unsupported_media_type"));
}

TEST_F(RouterTest, MissingContentTypeWithBodyIs415) {
  Request req = Make(Method::kPost, "/api/v1/runs", "{}");
  EXPECT_EQ(router_.Dispatch(req).status, 415);
}

TEST_F(RouterTest, AnnouncedBodyWithoutContentTypeIs415) {
  Request req = Make(Method::kPost, "/api/v1/runs", "", {{"content-length", "10"}});
  EXPECT_EQ(router_.Dispatch(req).status, 415);
}

TEST_F(RouterTest, EmptyBodySkipsContentTypeCheck) {
  Request req = Make(Method::kPost, "/api/v1/runs");
  EXPECT_EQ(router_.Dispatch(req).status, 200);
}

TEST_F(RouterTest, HandlerExceptionIs500WithoutDetails) {
  log::SetQuiet(true);
  Request req = Make(Method::kGet, "/boom");
  Response r = router_.Dispatch(req);
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_THAT(r.body, ::testing::Not(HasSubstr("secret")));
  EXPECT_THAT(r.body, HasSubstr("\"code\":\"internal\""));
}

TEST_F(RouterTest, HandlerLogLinesCarryTheRequestIdAndTheContextEndsWithTheCall) {
  std::string seen;
  router_.Add(Method::kGet, "/logs", [&seen](Request&) {
    seen = std::string(log::CurrentRequestId());
    log::Error("storage: something the client must not see");
    return Response::NoContent();
  });
  Request req = Make(Method::kGet, "/logs");
  req.request_id = "req-7f3a";
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(router_.Dispatch(req).status, 204);
  std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(seen, "req-7f3a");
  EXPECT_THAT(log, HasSubstr("request_id=req-7f3a storage: something"));
  EXPECT_EQ(log::CurrentRequestId(), "");
}

TEST_F(RouterTest, ExceptionLogLineNamesTheRequest) {
  Request req = Make(Method::kGet, "/boom");
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(router_.Dispatch(req).status, 500);
  std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_THAT(log, HasSubstr("request_id=test-req unhandled exception in GET /boom"));
  EXPECT_EQ(log::CurrentRequestId(), "");
}

TEST_F(RouterTest, NonStandardExceptionIs500) {
  Request req = Make(Method::kGet, "/boom-int");
  EXPECT_EQ(router_.Dispatch(req).status, 500);
}

TEST_F(RouterTest, DotDotSegmentsAreRejected) {
  for (const char* target :
       {"/api/v1/runs/r1/artifacts/../../etc/passwd", "/api/v1/runs/r1/artifacts/%2e%2e/x",
        "/api/v1/runs/r1/artifacts/a%2F..%2Fb", "/api/v1/features/.", "/api/v1/features/.."}) {
    Request req = Make(Method::kGet, target);
    Response r = router_.Dispatch(req);
    EXPECT_EQ(r.status, 400) << target;
  }
}

TEST_F(RouterTest, NulAndBadEscapesAreRejected) {
  Request req = Make(Method::kGet, "/api/v1/features/a%00b");
  EXPECT_EQ(router_.Dispatch(req).status, 400);
  req = Make(Method::kGet, "/api/v1/features/a%zz");
  EXPECT_EQ(router_.Dispatch(req).status, 400);
  req = Make(Method::kGet, "/api/v1/features/a%2");
  EXPECT_EQ(router_.Dispatch(req).status, 400);
}

// Regression (hardening item 13): artifact paths echoed raw bytes into JSON.
TEST_F(RouterTest, SegmentsThatAreNotUtf8AreRejected) {
  for (const char* target :
       {"/api/v1/features/%FF", "/api/v1/features/caf%C3", "/api/v1/runs/r1/artifacts/a/%C0%AF",
        "/api/v1/runs/r1/artifacts/ok/%ED%A0%80", "/api/v1/features/\xfe"}) {
    Request req = Make(Method::kGet, target);
    Response r = router_.Dispatch(req);
    EXPECT_EQ(r.status, 400) << target;
    boost::system::error_code ec;
    boost::json::parse(r.body, ec);
    EXPECT_FALSE(ec) << target << ": " << r.body;
  }
  Request ok = Make(Method::kGet, "/api/v1/runs/r1/artifacts/caf%C3%A9/%F0%9F%98%80.txt");
  Response r = router_.Dispatch(ok);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "artifact|path=caf\xc3\xa9/\xf0\x9f\x98\x80.txt|run_id=r1");
}

TEST_F(RouterTest, CharsetOtherThanUtf8Is415) {
  for (const char* ct : {"application/json; charset=latin1", "application/json;charset=utf-16",
                         "application/json; foo=bar; charset=\"windows-1252\""}) {
    Request req = Make(Method::kPost, "/api/v1/runs", "{}", {{"content-type", ct}});
    EXPECT_EQ(router_.Dispatch(req).status, 415) << ct;
  }
  for (const char* ct : {"application/json", "application/json; charset=utf-8",
                         "application/json; charset=\"UTF-8\"", "application/json; foo=bar"}) {
    Request req = Make(Method::kPost, "/api/v1/runs", "{}", {{"content-type", ct}});
    EXPECT_EQ(router_.Dispatch(req).status, 200) << ct;
  }
}

TEST_F(RouterTest, FindWorksFromDecodedPathWithoutTarget) {
  Request req;
  req.method = Method::kGet;
  req.path = "/api/v1/runs/r9/metrics/acc";
  Response err;
  Router::Match m = router_.Find(req, &err);
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(req.Param("run_id"), "r9");
  EXPECT_EQ(req.Param("missing"), "");
}

TEST_F(RouterTest, RoutesListsEveryRegistration) {
  auto routes = router_.Routes();
  EXPECT_EQ(routes.size(), 9u);
  EXPECT_EQ(routes[0].pattern, "/");
  EXPECT_EQ(routes[6].method, Method::kPost);
  ASSERT_NE(routes[6].options, nullptr);
  EXPECT_EQ(routes[6].options->content_types.size(), 1u);
}

}  // namespace
}  // namespace cairn::http
