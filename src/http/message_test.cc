#include "http/message.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "common/testing/status_matchers.h"

namespace cairn::http {
namespace {

TEST(HttpStatusFor, MapsEveryCode) {
  EXPECT_EQ(HttpStatusFor(StatusCode::kOk), 200);
  EXPECT_EQ(HttpStatusFor(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(StatusCode::kMethodNotAllowed), 405);
  EXPECT_EQ(HttpStatusFor(StatusCode::kAlreadyExists), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kFailedPrecondition), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kAborted), 412);
  EXPECT_EQ(HttpStatusFor(StatusCode::kResourceExhausted), 413);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnsupportedMediaType), 415);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(StatusCode::kInternal), 500);
}

TEST(Problem, HasRfc9457Fields) {
  Response r = Problem(NotFound("experiment 'x' not found"), "/api/v1/x");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/problem+json");
  auto v = boost::json::parse(r.body).as_object();
  EXPECT_EQ(v.at("type").as_string(), "https://cairn.dev/problems/not_found");
  EXPECT_EQ(v.at("title").as_string(), "Not Found");
  EXPECT_EQ(v.at("status").as_int64(), 404);
  EXPECT_EQ(v.at("detail").as_string(), "experiment 'x' not found");
  EXPECT_EQ(v.at("instance").as_string(), "/api/v1/x");
  EXPECT_EQ(v.at("code").as_string(), "not_found");
  EXPECT_FALSE(v.contains("errors"));
}

TEST(Problem, ListsFieldErrors) {
  Response r =
      Problem(InvalidArgument("invalid body", {{"name", "required"}, {"tags.a", "bad"}}), "/p");
  EXPECT_EQ(r.status, 400);
  auto v = boost::json::parse(r.body).as_object();
  auto& errors = v.at("errors").as_array();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].at("field").as_string(), "name");
  EXPECT_EQ(errors[1].at("message").as_string(), "bad");
}

TEST(Problem, InternalHidesMessage) {
  Response r = Problem(Internal("sqlite: disk I/O error at /secret/path"), "/p");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("secret"), std::string::npos);
  EXPECT_EQ(r.body.find("sqlite"), std::string::npos);
}

TEST(Problem, RevisionMismatchIs412) {
  Response r = Problem(Aborted("stale revision"), "/p");
  EXPECT_EQ(r.status, 412);
  EXPECT_EQ(boost::json::parse(r.body).at("title").as_string(), "Precondition Failed");
}

TEST(Response, Factories) {
  Response j = Response::Json(201, "{}");
  EXPECT_EQ(j.status, 201);
  EXPECT_EQ(j.content_type, "application/json");
  Response t = Response::Text(200, "text/plain", "hi");
  EXPECT_EQ(t.content_type, "text/plain");
  EXPECT_EQ(t.body, "hi");
  Response n = Response::NoContent();
  EXPECT_EQ(n.status, 204);
  EXPECT_TRUE(n.body.empty());
}

TEST(MethodName, Names) {
  EXPECT_EQ(MethodName(Method::kGet), "GET");
  EXPECT_EQ(MethodName(Method::kPatch), "PATCH");
  EXPECT_EQ(MethodName(Method::kDelete), "DELETE");
}

TEST(ParseTarget, SplitsPathAndQuery) {
  Request req;
  req.target = "/a%20b/c?x=1&y=hello+world&z=%26&flag&x=2";
  ASSERT_OK(ParseTarget(req));
  EXPECT_EQ(req.path, "/a b/c");
  ASSERT_EQ(req.query.size(), 5u);
  EXPECT_EQ(req.Query("x"), "1");
  EXPECT_EQ(req.Query("y"), "hello world");
  EXPECT_EQ(req.Query("z"), "&");
  EXPECT_EQ(req.Query("flag"), "");
  EXPECT_EQ(req.Query("nope"), std::nullopt);
}

TEST(ParseTarget, RejectsBadTargets) {
  for (const char* t : {"", "http://x/y", "/a%zz", "/a%0", "/a%00", "/a?x=%", "/a?%00=1"}) {
    Request req;
    req.target = t;
    EXPECT_FALSE(ParseTarget(req).ok()) << t;
  }
}

TEST(ParseTarget, RejectsPathsAndQueriesThatAreNotUtf8) {
  for (const char* target : {"/a/%FF", "/a/%C3", "/a?x=%FF", "/a?%80=1", "/a/%ED%A0%80"}) {
    Request req;
    req.target = target;
    EXPECT_EQ(ParseTarget(req).code(), StatusCode::kInvalidArgument) << target;
  }
  Request req;
  req.target = "/caf%C3%A9?q=%E2%82%AC";
  ASSERT_TRUE(ParseTarget(req).ok());
  EXPECT_EQ(req.path, "/caf\xc3\xa9");
  EXPECT_EQ(req.Query("q"), "\xe2\x82\xac");
}

TEST(Problem, ExplicitHttpStatusAndNonUtf8Instance) {
  Response r = Problem(InvalidArgument("request header too large"), "/x\xff", 431);
  EXPECT_EQ(r.status, 431);
  auto v = boost::json::parse(r.body).as_object();
  EXPECT_EQ(v.at("status").as_int64(), 431);
  EXPECT_EQ(v.at("title").as_string(), "Request Header Fields Too Large");
  EXPECT_EQ(v.at("code").as_string(), "invalid_argument");
  EXPECT_EQ(v.at("instance").as_string(), "/");
}

TEST(Request, HeaderLookupIsByLowerName) {
  Request req;
  req.headers = {{"content-type", "a"}, {"x-y", "1"}, {"x-y", "2"}};
  EXPECT_EQ(req.Header("x-y"), "1");
  EXPECT_EQ(req.Header("missing"), std::nullopt);
}

TEST(PercentDecode, DecodesAndRejects) {
  EXPECT_EQ(PercentDecode("a%2Fb+c", false), "a/b+c");
  EXPECT_EQ(PercentDecode("a%2fb+c", true), "a/b c");
  EXPECT_EQ(PercentDecode("%", false), std::nullopt);
  EXPECT_EQ(PercentDecode("%g1", false), std::nullopt);
}

}  // namespace
}  // namespace cairn::http
