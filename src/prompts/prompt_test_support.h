// Test support for the prompts test binaries: a fresh database per test (every backend under
// test) with a PromptService on top.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/testing/status_matchers.h"
#include "prompts/prompt_service.h"
#include "prompts/sql_prompt_store.h"
#include "storage/sql_database.h"
#include "storage/testing/database_test.h"

namespace cairn::prompts::testing {

class PromptBackendTest : public storage::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    EvaluatorOptions opts;
    opts.token_budget = 200;
    opts.banned_terms = {"acme-secret"};
    auto ev = PromptEvaluator::Create(opts);
    ASSERT_OK(ev);
    service_ =
        std::make_unique<PromptService>(std::make_unique<SqlPromptStore>(*db_), std::move(*ev));
  }
  void TearDown() override {
    service_.reset();
    db_.reset();
  }

  static TemplateCreate Create(const std::string& name,
                               const std::string& body = "Summarize {{text}} for {{audience}}.") {
    TemplateCreate c;
    c.name = name;
    c.content.body = body;
    c.content.variables = {{"text", "input", true, std::nullopt},
                           {"audience", "", false, std::string("engineers")}};
    return c;
  }
  Template MakeTemplate(const std::string& name, const std::string& author = "alice") {
    auto t = service_->CreateTemplate(Create(name), author);
    EXPECT_OK(t);
    return t.ok() ? *t : Template{};
  }
  // Template whose version 1 is approved (author alice, reviewer bob).
  Template MakeApproved(const std::string& name) {
    Template t = MakeTemplate(name);
    auto s = service_->Review(t.id, 1, ReviewAction::kSubmit, {}, std::nullopt, "alice");
    EXPECT_OK(s);
    auto a = service_->Review(t.id, 1, ReviewAction::kApprove, {}, std::nullopt, "bob");
    EXPECT_OK(a);
    return t;
  }

  std::unique_ptr<PromptService> service_;
};

inline std::string BackendParamName(const ::testing::TestParamInfo<storage::Backend>& info) {
  return storage::testing::BackendName(info.param);
}

}  // namespace cairn::prompts::testing
