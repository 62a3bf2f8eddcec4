// SPEC §1 Concurrency over real HTTP, for every mutable resource type: N clients read the same
// revision and send their change at once, each with that revision as If-Match, each on its own
// connection. Exactly one gets 200, every other one 412 (the same problem code whether it lost
// the race in the database or saw the new revision), the revision moves by exactly one, and the
// stored state is the winner's change. Runs on SQLite and, when configured, PostgreSQL (READ
// COMMITTED, where an unguarded read-modify-write would let several writers win).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/api_fixture.h"

namespace cairn::testing {
namespace {

constexpr int kClients = 8;
constexpr std::string_view kFeatures = "/api/v1/features";
constexpr std::string_view kEvaluation = "/api/v1/ml/evaluation";
constexpr std::string_view kPrompts = "/api/v1/prompt-governance";

struct Mutation {
  std::string method;
  std::string target;
  std::string body;  // JSON
};

struct Outcome {
  std::vector<int> statuses;       // per client
  std::vector<std::string> codes;  // problem `code` per client (empty on success)
  int winner = -1;
  int ok = 0;
  int stale = 0;
};

std::string Str(const bj::value& v, std::string_view key) {
  if (!v.is_object()) return "";
  const bj::value* p = v.as_object().if_contains(key);
  return p && p->is_string() ? std::string(p->as_string()) : "";
}

int64_t Int(const bj::value& v, std::string_view key) {
  if (!v.is_object()) return -1;
  const bj::value* p = v.as_object().if_contains(key);
  return p && p->is_int64() ? p->as_int64() : -1;
}

class Concurrency : public ApiTest {
 protected:
  // Sends one mutation per client at the same moment, each with If-Match: `revision`.
  Outcome Race(int64_t revision, const std::function<Mutation(int)>& make) {
    Outcome out;
    out.statuses.assign(kClients, 0);
    out.codes.assign(kClients, "");
    std::latch ready(kClients);
    std::vector<std::thread> threads;
    for (int i = 0; i < kClients; ++i) {
      threads.emplace_back([&, i] {
        const Mutation m = make(i);
        auto conn = RawConnection::Connect(server_->port());
        ready.arrive_and_wait();
        if (!conn.ok()) return;
        auto reply = (*conn)->Roundtrip(m.method, m.target, m.body,
                                        {{"Content-Type", "application/json"},
                                         {"If-Match", std::to_string(revision)},
                                         {"X-Cairn-User", "client" + std::to_string(i)}});
        if (!reply.ok()) return;
        out.statuses[i] = reply->status;
        if (reply->status != 200) {
          boost::system::error_code ec;
          bj::value body = bj::parse(reply->body, ec);
          out.codes[i] = ec ? reply->body : Str(body, "code");
        }
      });
    }
    for (auto& t : threads) t.join();
    for (int i = 0; i < kClients; ++i) {
      if (out.statuses[i] == 200) {
        ++out.ok;
        out.winner = i;
      } else if (out.statuses[i] == 412) {
        ++out.stale;
      }
    }
    return out;
  }

  // The outcome every resource must show.
  void ExpectOneWinner(const Outcome& o) {
    EXPECT_EQ(o.ok, 1);
    EXPECT_EQ(o.stale, kClients - 1);
    for (int i = 0; i < kClients; ++i) {
      if (o.statuses[i] != 200) {
        EXPECT_EQ(o.statuses[i], 412) << "client " << i << ": " << o.codes[i];
        EXPECT_EQ(o.codes[i], "revision_mismatch") << "client " << i;
      }
    }
  }

  // The whole check for a resource read at `target`: race `make` with its current revision,
  // expect one winner, revision + 1, and the winner's change (`changed_field` of `after`, or
  // `check` when given) in the stored state.
  void RaceAndCheck(const std::string& target, const std::function<Mutation(int)>& make,
                    const std::function<void(const bj::value& after, int winner)>& check) {
    const int64_t before = Int(Get(target), "revision");
    Outcome o = Race(before, make);
    ExpectOneWinner(o);
    bj::value after = Get(target);
    EXPECT_EQ(Int(after, "revision"), before + 1);
    if (o.winner >= 0) check(after, o.winner);
  }
  // The usual case: every client sets a description of its own.
  void RaceDescriptions(const std::string& target) {
    RaceAndCheck(
        target,
        [&](int i) {
          return Mutation{"PATCH", target, Description(i)};
        },
        [](const bj::value& after, int winner) {
          EXPECT_EQ(Str(after, "description"), Expected(winner));
        });
  }

  bj::value Get(const std::string& target) {
    RawReply r = Do("GET", target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return BodyJson(r);
  }

  std::string UploadDataset(const std::string& csv) {
    RawReply r = Do("POST", std::string(kFeatures) + "/datasets?name=" + UniqueName("ds"), csv,
                    {{"Content-Type", "text/csv"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return Str(BodyJson(r), "id");
  }

  std::string CreateTemplate() {
    RawReply r = DoJson("POST", std::string(kPrompts) + "/templates",
                        bj::object{{"name", UniqueName("tpl")},
                                   {"body", "Hello {{name}}."},
                                   {"variables", bj::array{bj::object{{"name", "name"}}}}},
                        {{"X-Cairn-User", "alice"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return Str(BodyJson(r), "id");
  }

  // Submits (as alice) and approves (as bob) a version.
  void Approve(const std::string& id, int version) {
    const std::string base =
        std::string(kPrompts) + "/templates/" + id + "/" + std::to_string(version);
    RawReply s = Do("POST", base + "/submit", "", {{"X-Cairn-User", "alice"}});
    ASSERT_EQ(s.status, 200) << s.body;
    RawReply a = DoJson("POST", base + "/approve", bj::object{}, {{"X-Cairn-User", "bob"}});
    ASSERT_EQ(a.status, 200) << a.body;
  }

  // A description change by client i.
  static std::string Description(int i) {
    return bj::serialize(bj::object{{"description", "change by client " + std::to_string(i)}});
  }
  static std::string Expected(int i) { return "change by client " + std::to_string(i); }
};

TEST_P(Concurrency, Experiment) {
  const std::string name = UniqueName("exp");
  CreateExperiment(name);
  const std::string target = Url("/experiments/" + name);
  RaceDescriptions(target);
}

TEST_P(Concurrency, Run) {
  const std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  const std::string id(CreateRun(exp).at("run_id").as_string());
  const std::string target = Url("/runs/" + id);
  RaceAndCheck(
      target,
      [&](int i) {
        return Mutation{"PATCH", target,
                        bj::serialize(bj::object{{"tags", bj::object{{"by", std::to_string(i)}}}})};
      },
      [](const bj::value& after, int winner) {
        EXPECT_EQ(after.at("tags").at("by").as_string(), std::to_string(winner));
      });
}

TEST_P(Concurrency, ModelVersion) {
  const std::string model = UniqueName("model");
  ASSERT_EQ(DoJson("POST", Url("/models"), bj::object{{"model_name", model}}).status, 201);
  const std::string target = Url("/models/" + model + "/1");
  RaceDescriptions(target);
}

TEST_P(Concurrency, Deployment) {
  const std::string model = UniqueName("model");
  ASSERT_EQ(DoJson("POST", Url("/models"), bj::object{{"model_name", model}}).status, 201);
  RawReply c =
      DoJson("POST", Url("/deployments"),
             bj::object{{"model_name", model}, {"model_version", 1}, {"environment", "staging"}});
  ASSERT_EQ(c.status, 201) << c.body;
  const std::string target = Url("/deployments/" + Str(BodyJson(c), "id"));
  // Every change is a real one (the default is 1 replica): a no-op PATCH would answer 200.
  RaceAndCheck(
      target,
      [&](int i) {
        return Mutation{"PATCH", target,
                        bj::serialize(bj::object{{"config", bj::object{{"replicas", i + 2}}}})};
      },
      [](const bj::value& after, int winner) {
        EXPECT_EQ(after.at("config").at("replicas").as_int64(), winner + 2);
      });
}

TEST_P(Concurrency, Feature) {
  const std::string name = UniqueName("feat");
  RawReply c = DoJson("POST", std::string(kFeatures),
                      bj::object{{"name", name}, {"entity", "symbol"}, {"value_type", "float64"}});
  ASSERT_EQ(c.status, 201) << c.body;
  const std::string target = std::string(kFeatures) + "/" + name;
  RaceDescriptions(target);
}

TEST_P(Concurrency, Dataset) {
  const std::string id = UploadDataset("x,y\n1,2\n3,4\n");
  const std::string target = std::string(kFeatures) + "/datasets/" + id;
  RaceDescriptions(target);
}

TEST_P(Concurrency, Scenario) {
  const std::string ds = UploadDataset("label,score\n0,0.1\n1,0.9\n0,0.4\n1,0.6\n");
  const std::string name = UniqueName("scn");
  RawReply c = DoJson("POST", std::string(kEvaluation) + "/scenarios",
                      bj::object{{"name", name},
                                 {"task_type", "binary_classification"},
                                 {"dataset_id", ds},
                                 {"label_column", "label"},
                                 {"score_column", "score"}});
  ASSERT_EQ(c.status, 201) << c.body;
  const std::string target = std::string(kEvaluation) + "/scenarios/" + name;
  RaceDescriptions(target);
}

TEST_P(Concurrency, PromptTemplate) {
  const std::string id = CreateTemplate();
  const std::string target = std::string(kPrompts) + "/templates/" + id;
  RaceDescriptions(target);
}

TEST_P(Concurrency, PromptVersion) {
  const std::string id = CreateTemplate();
  const std::string target = std::string(kPrompts) + "/templates/" + id + "/versions/1";
  RaceAndCheck(
      target,
      [&](int i) {
        return Mutation{
            "PATCH", target,
            bj::serialize(bj::object{{"body", "Hello {{name}} from " + std::to_string(i)}})};
      },
      [](const bj::value& after, int winner) {
        EXPECT_EQ(Str(after, "body"), "Hello {{name}} from " + std::to_string(winner));
      });
}

// Labels: every client moves `production` from version 1 to a version of its own.
TEST_P(Concurrency, Label) {
  const std::string id = CreateTemplate();
  const std::string tpl = std::string(kPrompts) + "/templates/" + id;
  for (int v = 2; v <= kClients + 1; ++v) {
    RawReply r = DoJson("POST", tpl + "/versions",
                        bj::object{{"body", "Hello {{name}} v" + std::to_string(v)},
                                   {"variables", bj::array{bj::object{{"name", "name"}}}}},
                        {{"X-Cairn-User", "alice"}});
    ASSERT_EQ(r.status, 201) << r.body;
  }
  for (int v = 1; v <= kClients + 1; ++v) Approve(id, v);
  const std::string target = tpl + "/labels/production";
  RawReply first = DoJson("PUT", target, bj::object{{"version", 1}});
  ASSERT_EQ(first.status, 200) << first.body;
  const int64_t before = Int(BodyJson(first), "revision");
  EXPECT_EQ(before, 1);
  EXPECT_EQ(first.Header("etag").value_or(""), "\"1\"");
  Outcome o = Race(before, [&](int i) {
    return Mutation{"PUT", target, bj::serialize(bj::object{{"version", i + 2}})};
  });
  ExpectOneWinner(o);
  bj::value t = Get(tpl);
  EXPECT_EQ(t.at("labels").at("production").as_int64(), o.winner + 2);
  // Pointing the label where it already points changes nothing and reports its revision.
  RawReply again = DoJson("PUT", target, bj::object{{"version", o.winner + 2}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Int(BodyJson(again), "revision"), before + 1);
  // A stale If-Match on a label is 412 and changes nothing.
  ExpectProblem(DoJson("PUT", target, bj::object{{"version", 1}}, {{"If-Match", "1"}}), 412);
  EXPECT_EQ(Get(tpl).at("labels").at("production").as_int64(), o.winner + 2);
}

// Issue 10 item 6: a promotion racing an untick of a required checklist item never ends with a
// production version that misses a required item. Whichever commits first wins; the other is
// refused (409 in production, or 412 having lost the guarded write).
TEST_P(Concurrency, PromoteVersusUntickNeverLeavesProductionIncomplete) {
  constexpr int kRounds = 20;
  bj::array ticks;
  for (const char* k : {"evaluation_passed", "data_validated", "bias_reviewed", "owner_signoff"})
    ticks.push_back(bj::object{{"key", k}, {"done", true}});
  const std::string promote = bj::serialize(bj::object{{"stage", "production"}});
  const std::string untick = bj::serialize(
      bj::object{{"checklist", bj::array{bj::object{{"key", "bias_reviewed"}, {"done", false}}}}});
  int promoted = 0, unticked = 0;
  for (int round = 0; round < kRounds; ++round) {
    const std::string model = UniqueName("race");
    ASSERT_EQ(DoJson("POST", Url("/models"), bj::object{{"model_name", model}},
                     {{"X-Cairn-User", "alice"}})
                  .status,
              201);
    const std::string target = Url("/models/" + model + "/1");
    ASSERT_EQ(DoJson("PATCH", target, bj::object{{"checklist", ticks}}).status, 200);
    int statuses[2] = {0, 0};
    std::latch ready(2);
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i) {
      threads.emplace_back([&, i] {
        auto conn = RawConnection::Connect(server_->port());
        ready.arrive_and_wait();
        if (!conn.ok()) return;
        auto reply = (*conn)->Roundtrip(
            "PATCH", target, i == 0 ? promote : untick,
            {{"Content-Type", "application/json"}, {"X-Cairn-User", i == 0 ? "bob" : "carl"}});
        if (reply.ok()) statuses[i] = reply->status;
      });
    }
    for (auto& t : threads) t.join();
    for (int s : statuses) EXPECT_TRUE(s == 200 || s == 409 || s == 412) << s;
    bj::value after = Get(target);
    bool all_required_done = true;
    for (const auto& item : after.at("checklist").as_array()) {
      if (item.at("required").as_bool() && !item.at("done").as_bool()) all_required_done = false;
    }
    if (after.at("stage").as_string() == "production") {
      ++promoted;
      EXPECT_TRUE(all_required_done) << bj::serialize(after);
      EXPECT_NE(statuses[1], 200) << "the untick cannot have succeeded";
    }
    if (!all_required_done) ++unticked;
  }
  EXPECT_EQ(promoted + unticked, kRounds) << "each round has exactly one winner";
}

INSTANTIATE_TEST_SUITE_P(Backends, Concurrency, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

}  // namespace
}  // namespace cairn::testing
