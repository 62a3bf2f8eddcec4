// Shared helpers for API integration tests: a parameterised fixture that starts one server per
// test (SQLite, and PostgreSQL when configured) and small request/assertion helpers.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/integration/test_server.h"

namespace cairn::testing {

namespace bj = boost::json;

inline constexpr std::string_view kLifecycle = "/api/v1/ml/lifecycle";

// A unique, valid resource name.
std::string UniqueName(std::string_view prefix);

// The body as JSON (null on a parse error, with a test failure).
bj::value BodyJson(const RawReply& reply);

// Asserts an RFC 9457 problem: status code, Content-Type application/problem+json, and the
// members type/title/status/detail/instance. When `field` is given, errors[] names it.
void ExpectProblem(const RawReply& reply, int status, std::optional<std::string> field = {});

// True when errors[] of a problem body has an entry whose field equals or contains `field`.
bool ProblemNamesField(const bj::value& body, std::string_view field);

class ApiTest : public ::testing::TestWithParam<BackendKind> {
 protected:
  void SetUp() override;
  virtual std::vector<std::string> ExtraArgs() const { return {}; }

  // Sends a request; a transport failure is a test failure (status 0 returned).
  RawReply Do(std::string_view method, std::string_view target, std::string_view body = "",
              Headers headers = {});
  RawReply DoJson(std::string_view method, std::string_view target, const bj::value& body,
                  Headers headers = {});
  std::string Url(std::string_view suffix) const {
    return std::string(kLifecycle) + std::string(suffix);
  }

  // POST /experiments; asserts 201 and returns the created resource.
  bj::object CreateExperiment(const std::string& name, bj::object extra = {},
                              std::string_view user = "alice");
  // POST /runs in `experiment`; asserts 201 and returns the run.
  bj::object CreateRun(const std::string& experiment, bj::object extra = {},
                       std::string_view user = "alice");
  // POST /runs/{id}/metrics; returns the reply.
  RawReply LogMetrics(const std::string& run_id, const bj::array& points);

  std::unique_ptr<TestServer> server_;
};

std::string BackendParamName(const ::testing::TestParamInfo<BackendKind>& info);

}  // namespace cairn::testing
