// Hostile-client regressions (each reproduces a way the server used to fail) over real HTTP
// against `cairn serve`, on every backend.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "tests/integration/api_fixture.h"

namespace cairn::testing {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kEval = "/api/v1/ml/evaluation";

std::string E(std::string_view suffix) { return std::string(kEval) + std::string(suffix); }

class HardeningApi : public ApiTest {
 protected:
  std::string UploadCsv(const std::string& csv) {
    auto r = Do("POST", "/api/v1/features/datasets?name=" + UniqueName("ds"), csv,
                {{"Content-Type", "text/csv"}});
    EXPECT_EQ(r.status, 201) << r.body.substr(0, 500);
    auto v = BodyJson(r);
    return v.is_object() && v.as_object().contains("id") ? std::string(v.at("id").as_string()) : "";
  }
  bj::object MulticlassScenario(const std::string& name, const std::string& dataset) {
    return bj::object{{"name", name},
                      {"task_type", "multiclass_classification"},
                      {"dataset_id", dataset},
                      {"label_column", "y"},
                      {"prediction_column", "p"}};
  }
  int64_t RssMib() {
    auto kib = ReadRssKib(server_->process().pid());
    EXPECT_TRUE(kib.has_value());
    return kib.value_or(0) / 1024;
  }
};

// Item: a 20 000-class multiclass evaluation built a 20 000 x 20 000 confusion matrix and the
// server was OOM-killed.
TEST_P(HardeningApi, MulticlassScenarioWithTooManyClassesIs400) {
  std::string csv = "y,p\n";
  for (int i = 0; i < 20000; ++i) csv += "c" + std::to_string(i) + ",d" + std::to_string(i) + "\n";
  const std::string ds = UploadCsv(csv);
  ASSERT_FALSE(ds.empty());
  auto r = DoJson("POST", E("/scenarios"), MulticlassScenario(UniqueName("scn"), ds));
  ExpectProblem(r, 400, "label_column");
  EXPECT_NE(r.body.find("at most 1000 classes"), std::string::npos) << r.body;
  EXPECT_LT(RssMib(), 400);
}

TEST_P(HardeningApi, MulticlassRunOverTheClassCapFailsWithAReason) {
  // 700 label values and 700 other predicted values: each column alone is within the cap of
  // 1000, so the scenario is valid; the run finds 1400 classes and fails without a report.
  std::string csv = "y,p\n";
  for (int i = 0; i < 14000; ++i) {
    csv += "c" + std::to_string(i % 700) + ",d" + std::to_string(i % 700) + "\n";
  }
  const std::string ds = UploadCsv(csv);
  ASSERT_FALSE(ds.empty());
  const std::string name = UniqueName("scn");
  ASSERT_EQ(DoJson("POST", E("/scenarios"), MulticlassScenario(name, ds)).status, 201);
  auto run = DoJson("POST", E("/runs"), bj::object{{"scenario_name", name}});
  ASSERT_EQ(run.status, 201) << run.body.substr(0, 500);
  EXPECT_LT(run.body.size(), 4096u);
  auto v = BodyJson(run);
  EXPECT_EQ(v.at("status").as_string(), "failed");
  const std::string reason(v.at("failure_reason").as_string());
  EXPECT_NE(reason.find("more than 1000 distinct classes"), std::string::npos) << reason;
  auto report = Do("GET", E("/runs/" + std::string(v.at("run_id").as_string()) + "/report"));
  EXPECT_LT(report.body.size(), 8192u);
  EXPECT_LT(RssMib(), 400);
}

TEST_P(HardeningApi, MulticlassRunWithinTheClassCapCompletes) {
  std::string csv = "y,p\n";
  for (int i = 0; i < 3000; ++i) {
    csv += "c" + std::to_string(i % 300) + ",c" + std::to_string((i + i / 300) % 300) + "\n";
  }
  const std::string ds = UploadCsv(csv);
  ASSERT_FALSE(ds.empty());
  const std::string name = UniqueName("scn");
  ASSERT_EQ(DoJson("POST", E("/scenarios"), MulticlassScenario(name, ds)).status, 201);
  auto run = DoJson("POST", E("/runs"), bj::object{{"scenario_name", name}});
  ASSERT_EQ(run.status, 201);
  auto v = BodyJson(run);
  ASSERT_EQ(v.at("status").as_string(), "completed") << run.body.substr(0, 500);
  auto report =
      BodyJson(Do("GET", E("/runs/" + std::string(v.at("run_id").as_string()) + "/report")));
  EXPECT_EQ(report.at("confusion_matrix").at("labels").as_array().size(), 300u);
}

class SmallClassCapApi : public HardeningApi {
 protected:
  std::vector<std::string> ExtraArgs() const override { return {"--evaluation-max-classes", "5"}; }
};

TEST_P(SmallClassCapApi, TheClassCapIsConfigurable) {
  const std::string ds = UploadCsv("y,p\na,a\nb,b\nc,c\nd,d\ne,e\nf,f\n");
  ASSERT_FALSE(ds.empty());
  auto r = DoJson("POST", E("/scenarios"), MulticlassScenario(UniqueName("scn"), ds));
  ExpectProblem(r, 400, "label_column");
  EXPECT_NE(r.body.find("at most 5 classes"), std::string::npos) << r.body;
}

// Item: an approved body of 3 000 `{{x}}` rendered with a 100 KB x returned 300 MB (and a 1 MB x
// drove the server past 3.5 GB).
constexpr std::string_view kPrompts = "/api/v1/prompt-governance";
std::string P(std::string_view suffix) { return std::string(kPrompts) + std::string(suffix); }
Headers User(std::string_view name) { return {{"X-Cairn-User", std::string(name)}}; }

TEST_P(HardeningApi, PromptRenderOverTheOutputCapIs413) {
  std::string body;
  for (int i = 0; i < 3000; ++i) body += "{{x}}";
  auto c =
      DoJson("POST", P("/templates"),
             bj::object{{"name", UniqueName("amp")},
                        {"body", body},
                        {"variables", bj::array{bj::object{{"name", "x"}, {"required", true}}}}},
             User("alice"));
  ASSERT_EQ(c.status, 201) << c.body;
  const std::string id(BodyJson(c).at("id").as_string());
  ASSERT_EQ(Do("POST", P("/templates/" + id + "/1/submit"), "", User("alice")).status, 200);
  ASSERT_EQ(DoJson("POST", P("/templates/" + id + "/1/approve"), bj::object{{"comment", "ok"}},
                   User("bob"))
                .status,
            200);
  const int64_t rss_before = RssMib();
  auto r = DoJson(
      "POST", P("/templates/" + id + "/render"),
      bj::object{{"version", 1}, {"variables", bj::object{{"x", std::string(100 * 1024, 'a')}}}});
  ExpectProblem(r, 413);
  EXPECT_NE(r.body.find("the limit is 1048576 bytes"), std::string::npos) << r.body;
  EXPECT_LT(r.body.size(), 4096u);
  EXPECT_LT(RssMib() - rss_before, 100);
  // Within the cap it renders: 3 000 x 300 bytes = 900 000 bytes.
  auto ok =
      DoJson("POST", P("/templates/" + id + "/render"),
             bj::object{{"version", 1}, {"variables", bj::object{{"x", std::string(300, 'b')}}}});
  ASSERT_EQ(ok.status, 200) << ok.body.substr(0, 300);
  EXPECT_EQ(BodyJson(ok).at("text").as_string().size(), 900000u);
}

TEST_P(HardeningApi, BodyOverTheTokenBudgetCannotBeSubmitted) {
  // 4 100 tokens of ASCII (16 400 bytes) against the default budget of 4 096.
  std::string body(16400, 'a');
  auto c = DoJson("POST", P("/templates"), bj::object{{"name", UniqueName("long")}, {"body", body}},
                  User("alice"));
  ASSERT_EQ(c.status, 201) << c.body;
  const std::string id(BodyJson(c).at("id").as_string());
  auto s = Do("POST", P("/templates/" + id + "/1/submit"), "", User("alice"));
  ExpectProblem(s, 409, "body");
  EXPECT_NE(s.body.find("length.over_budget"), std::string::npos) << s.body;
  auto v = BodyJson(Do("GET", P("/templates/" + id)));
  EXPECT_EQ(v.at("versions").at(0).at("status").as_string(), "draft");
}

// Item: artifact PUT answered 500 for `f` then `f/g`, `p/q` then `p`, and a segment over 255
// bytes.
TEST_P(HardeningApi, ArtifactPathCollisionsAre409AndLongSegments400) {
  CreateExperiment("art-exp");
  const std::string id(CreateRun("art-exp").at("run_id").as_string());
  auto put = [&](const std::string& path) {
    return Do("PUT", Url("/runs/" + id + "/artifacts/" + path), "bytes",
              {{"Content-Type", "application/octet-stream"}});
  };
  ASSERT_EQ(put("f").status, 201);
  auto under_file = put("f/g");
  ExpectProblem(under_file, 409);
  EXPECT_NE(under_file.body.find("collides with the artifact 'f'"), std::string::npos)
      << under_file.body;
  ASSERT_EQ(put("p/q").status, 201);
  auto over_folder = put("p");
  ExpectProblem(over_folder, 409);
  EXPECT_NE(over_folder.body.find("stored under 'p/'"), std::string::npos) << over_folder.body;
  ExpectProblem(put("f"), 409);  // the same path twice
  ExpectProblem(put(std::string(256, 's')), 400, "path");
  ExpectProblem(put("d/" + std::string(300, 's') + "/x"), 400, "path");
  EXPECT_EQ(put(std::string(255, 's')).status, 201);
  // Nothing was recorded for the refused uploads, and the stored ones are intact.
  auto list = BodyJson(Do("GET", Url("/runs/" + id + "/artifacts")));
  std::vector<std::string> paths;
  for (const auto& a : list.at("items").as_array()) paths.emplace_back(a.at("path").as_string());
  EXPECT_EQ(paths, (std::vector<std::string>{"f", "p/q", std::string(255, 's')}));
  auto g = Do("GET", Url("/runs/" + id + "/artifacts/f"));
  EXPECT_EQ(g.status, 200);
  EXPECT_EQ(g.body, "bytes");
}

// Item: lists that ignored limit/page_token now refuse them (they are not paged).
TEST_P(HardeningApi, UnpagedListsRejectPagingParameters) {
  CreateExperiment("pg-exp");
  const std::string run(CreateRun("pg-exp").at("run_id").as_string());
  ASSERT_EQ(Do("PUT", Url("/runs/" + run + "/artifacts/a.txt"), "x",
               {{"Content-Type", "application/octet-stream"}})
                .status,
            201);
  EXPECT_EQ(Do("GET", Url("/runs/" + run + "/artifacts")).status, 200);
  ExpectProblem(Do("GET", Url("/runs/" + run + "/artifacts?limit=1")), 400, "limit");
  ExpectProblem(Do("GET", Url("/runs/" + run + "/artifacts?page_token=abc")), 400, "page_token");

  const std::string model = UniqueName("m");
  ASSERT_EQ(DoJson("POST", Url("/models"), bj::object{{"model_name", model}}).status, 201);
  EXPECT_EQ(Do("GET", Url("/models/" + model)).status, 200);
  auto m = Do("GET", Url("/models/" + model + "?limit=1"));
  ExpectProblem(m, 400, "limit");
  EXPECT_NE(m.body.find("GET /models?model_name="), std::string::npos) << m.body;
  ExpectProblem(Do("GET", Url("/models/" + model + "?page_token=x")), 400, "page_token");

  const std::string feature = UniqueName("f");
  auto fc = DoJson("POST", "/api/v1/features",
                   bj::object{{"name", feature}, {"entity", "user"}, {"value_type", "float64"}});
  ASSERT_EQ(fc.status, 201) << fc.body;
  EXPECT_EQ(Do("GET", "/api/v1/features/" + feature + "/versions").status, 200);
  ExpectProblem(Do("GET", "/api/v1/features/" + feature + "/versions?limit=5"), 400, "limit");
  ExpectProblem(Do("GET", "/api/v1/features/" + feature + "/versions?page_token=x"), 400,
                "page_token");

  const std::string ds = UploadCsv("a,b\n1,2\n3,4\n5,6\n");
  ASSERT_FALSE(ds.empty());
  auto rows = Do("GET", "/api/v1/features/datasets/" + ds + "/rows?offset=1&limit=1");
  ASSERT_EQ(rows.status, 200) << rows.body;
  ExpectProblem(Do("GET", "/api/v1/features/datasets/" + ds + "/rows?page_token=x"), 400,
                "page_token");
}

// Item: each kill -9 during an upload left a tmp/cairn-upload-* file, and an orphan
// datasets/<id>/ folder without a row survived restarts.
TEST_P(HardeningApi, StartUpRemovesCrashLeftoversOnly) {
  CreateExperiment("left-exp");
  const std::string run(CreateRun("left-exp").at("run_id").as_string());
  ASSERT_EQ(Do("PUT", Url("/runs/" + run + "/artifacts/keep/a.bin"), "kept",
               {{"Content-Type", "application/octet-stream"}})
                .status,
            201);
  const std::string ds = UploadCsv("a\n1\n2\n");
  ASSERT_FALSE(ds.empty());
  server_->process().Kill();

  const fs::path root = server_->data_dir();
  const auto old = fs::file_time_type::clock::now() - std::chrono::hours(1);
  auto plant = [&](const fs::path& p, bool aged) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << "leftover";
    if (aged) {
      fs::last_write_time(p, old);
      fs::last_write_time(p.parent_path(), old);
    }
  };
  plant(root / "tmp" / "cairn-upload-crashed", true);
  plant(root / "tmp" / "cairn-upload-in-progress", false);  // recent: another server's upload
  plant(root / "datasets" / "0b5f3a1e-0000-4000-8000-000000000001" / "col0.bin", true);
  plant(root / "artifacts" / run / "orphan" / "x.bin", true);
  plant(root / "artifacts" / "0b5f3a1e-0000-4000-8000-000000000002" / "y.bin", true);
  ASSERT_OK(server_->Restart());

  EXPECT_FALSE(fs::exists(root / "tmp" / "cairn-upload-crashed"));
  EXPECT_TRUE(fs::exists(root / "tmp" / "cairn-upload-in-progress"));
  EXPECT_FALSE(fs::exists(root / "datasets" / "0b5f3a1e-0000-4000-8000-000000000001"));
  EXPECT_FALSE(fs::exists(root / "artifacts" / run / "orphan"));
  EXPECT_FALSE(fs::exists(root / "artifacts" / "0b5f3a1e-0000-4000-8000-000000000002"));
  const std::string log = server_->process().Log();
  EXPECT_NE(log.find("removed leftover upload file"), std::string::npos) << log;
  EXPECT_NE(log.find("removed dataset folder without a database row"), std::string::npos) << log;
  EXPECT_NE(log.find("removed artifact file without a database row"), std::string::npos) << log;
  // What has rows is untouched.
  auto a = Do("GET", Url("/runs/" + run + "/artifacts/keep/a.bin"));
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.body, "kept");
  EXPECT_EQ(Do("GET", "/api/v1/features/datasets/" + ds + "/rows").status, 200);
}

// Item: artifact and dataset files were opened by path, so a symbolic link placed in the data
// directory (by an operator, another process or an unpacked archive) was followed out of it.
// Now a link at the file or on a folder on the way is never followed: reads answer 404 like a
// missing file, writes 409, deletes leave the link, and the target's name and bytes never
// appear.
class SymlinkApi : public HardeningApi {
 protected:
  void SetUp() override {
    HardeningApi::SetUp();
    if (HasFatalFailure()) return;
    outside_ = fs::path(server_->data_dir()).parent_path() /
               (fs::path(server_->data_dir()).filename().string() + "-outside");
    fs::remove_all(outside_);
    fs::create_directories(outside_ / "dir");
    std::ofstream(outside_ / "secret.txt") << "outside secret";
    std::ofstream(outside_ / "dir" / "b.txt") << "outside b";
    std::ofstream(outside_ / "dir" / "only-outside.txt") << "outside only";
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(outside_, ec);
  }
  static std::string Read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  // The outside files are exactly as planted, and nothing was added next to them.
  void ExpectOutsideUntouched() {
    EXPECT_EQ(Read(outside_ / "secret.txt"), "outside secret");
    EXPECT_EQ(Read(outside_ / "dir" / "b.txt"), "outside b");
    EXPECT_EQ(Read(outside_ / "dir" / "only-outside.txt"), "outside only");
    size_t entries = 0;
    for (auto it = fs::recursive_directory_iterator(outside_); it != fs::end(it); ++it) ++entries;
    EXPECT_EQ(entries, 4u) << "secret.txt, dir, dir/b.txt, dir/only-outside.txt";
  }
  void ExpectNothingLeaks(const RawReply& r) {
    EXPECT_EQ(r.body.find("outside"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find(outside_.string()), std::string::npos) << r.body;
  }
  // Replaces `p` (a file or a folder) by a symbolic link to `target`.
  static void LinkOver(const fs::path& p, const fs::path& target) {
    fs::remove_all(p);
    fs::create_symlink(target, p);
  }
  // The one folder directly under `dir` (the server's name for a run or dataset).
  static fs::path OnlyFolder(const fs::path& dir) {
    std::vector<fs::path> found;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.is_directory() && !e.is_symlink()) found.push_back(e.path());
    EXPECT_EQ(found.size(), 1u);
    return found.empty() ? dir : found.front();
  }

  fs::path outside_;
};

TEST_P(SymlinkApi, RunArtifactLinksAreNeverFollowed) {
  CreateExperiment("ln-exp");
  const std::string run(CreateRun("ln-exp").at("run_id").as_string());
  const Headers octets = {{"Content-Type", "application/octet-stream"}};
  ASSERT_EQ(Do("PUT", Url("/runs/" + run + "/artifacts/a.txt"), "mine", octets).status, 201);
  ASSERT_EQ(Do("PUT", Url("/runs/" + run + "/artifacts/d/b.txt"), "mine too", octets).status, 201);
  ASSERT_EQ(Do("PUT", Url("/runs/" + run + "/artifacts/keep.txt"), "kept", octets).status, 201);
  const fs::path run_dir = OnlyFolder(fs::path(server_->data_dir()) / "artifacts");
  LinkOver(run_dir / "a.txt", outside_ / "secret.txt");  // the file is a link
  LinkOver(run_dir / "d", outside_ / "dir");             // a folder on the way is a link

  // Downloads: 404 like a missing file, never the outside bytes.
  for (const char* path : {"a.txt", "d/b.txt"}) {
    auto g = Do("GET", Url("/runs/" + run + "/artifacts/" + path));
    ExpectProblem(g, 404);
    ExpectNothingLeaks(g);
  }
  auto kept = Do("GET", Url("/runs/" + run + "/artifacts/keep.txt"));
  EXPECT_EQ(kept.status, 200);
  EXPECT_EQ(kept.body, "kept");

  // The listing is the recorded artifacts only: nothing from behind the link.
  auto list = Do("GET", Url("/runs/" + run + "/artifacts"));
  ASSERT_EQ(list.status, 200);
  const bj::value listed = BodyJson(list);
  std::vector<std::string> paths;
  for (const auto& a : listed.at("items").as_array()) paths.emplace_back(a.at("path").as_string());
  EXPECT_EQ(paths, (std::vector<std::string>{"a.txt", "d/b.txt", "keep.txt"}));
  ExpectNothingLeaks(list);

  // Uploads through the folder link: refused, nothing written outside.
  auto up = Do("PUT", Url("/runs/" + run + "/artifacts/d/new.txt"), "planted", octets);
  ExpectProblem(up, 409);
  ExpectNothingLeaks(up);

  // The MLflow artifact proxy: replacing over the links, reading and listing through them.
  auto info = Do("GET", "/api/2.0/mlflow/runs/get?run_id=" + run);
  ASSERT_EQ(info.status, 200) << info.body;
  const std::string exp(BodyJson(info).at("run").at("info").at("experiment_id").as_string());
  const std::string mlflow_run(BodyJson(info).at("run").at("info").at("run_id").as_string());
  const std::string proxy =
      "/api/2.0/mlflow-artifacts/artifacts/" + exp + "/" + mlflow_run + "/artifacts/";
  for (const char* path : {"a.txt", "d/b.txt", "d/new.txt"}) {
    auto put = Do("PUT", proxy + path, "overwritten", octets);
    // The collision in MLflow's dialect: RESOURCE_ALREADY_EXISTS, which MLflow answers 400.
    EXPECT_EQ(put.status, 400) << path << ": " << put.body;
    EXPECT_NE(put.body.find("RESOURCE_ALREADY_EXISTS"), std::string::npos) << put.body;
    ExpectNothingLeaks(put);
    auto get = Do("GET", proxy + path);
    EXPECT_EQ(get.status, 404) << path;
    ExpectNothingLeaks(get);
  }
  auto proxied_list = Do(
      "GET", "/api/2.0/mlflow-artifacts/artifacts?path=" + exp + "/" + mlflow_run + "/artifacts/d");
  ASSERT_EQ(proxied_list.status, 200) << proxied_list.body;
  EXPECT_EQ(proxied_list.body.find("only-outside"), std::string::npos) << proxied_list.body;
  ExpectNothingLeaks(proxied_list);

  // Deleting through the proxy drops the rows, never the files behind the links: the link at
  // the artifact's own path goes (unlinkat removes the link), the folder link stays.
  EXPECT_EQ(Do("DELETE", proxy + "d").status, 200);
  EXPECT_EQ(Do("DELETE", proxy + "a.txt").status, 200);
  EXPECT_FALSE(fs::exists(fs::symlink_status(run_dir / "a.txt")));
  EXPECT_TRUE(fs::is_symlink(run_dir / "d"));
  auto after = BodyJson(Do("GET", Url("/runs/" + run + "/artifacts")));
  EXPECT_EQ(after.at("items").as_array().size(), 1u) << "only keep.txt is left";
  ExpectOutsideUntouched();
}

TEST_P(SymlinkApi, ModelArtifactLinksAreNeverFollowed) {
  const std::string model = UniqueName("model");
  ASSERT_EQ(DoJson("POST", Url("/models"), bj::object{{"model_name", model}}).status, 201);
  const std::string bytes = R"({"learner":{"gradient_booster":{}},"version":[2,0,3]})";
  ASSERT_EQ(Do("PUT", Url("/models/" + model + "/1/artifact"), bytes,
               {{"Content-Type", "application/octet-stream"}})
                .status,
            201);
  const fs::path version_dir = fs::path(server_->data_dir()) / "models" / model / "1";
  LinkOver(version_dir / "model.json", outside_ / "secret.txt");
  auto g = Do("GET", Url("/models/" + model + "/1/artifact"));
  ExpectProblem(g, 404);
  ExpectNothingLeaks(g);
  LinkOver(version_dir, outside_ / "dir");
  g = Do("GET", Url("/models/" + model + "/1/artifact"));
  ExpectProblem(g, 404);
  ExpectNothingLeaks(g);
  ExpectOutsideUntouched();
}

TEST_P(SymlinkApi, DatasetFileLinksAreNeverFollowed) {
  const std::string ds = UploadCsv("a,b\n1,x\n2,y\n");
  ASSERT_FALSE(ds.empty());
  const fs::path ds_dir = fs::path(server_->data_dir()) / "datasets" / ds;
  // Valid column files of another dataset, moved outside: the server would serve them if it
  // followed a link.
  const std::string other = UploadCsv("a,b\n777,planted\n888,planted\n");
  ASSERT_FALSE(other.empty());
  const fs::path other_dir = fs::path(server_->data_dir()) / "datasets" / other;
  fs::copy(other_dir / "c0.col", outside_ / "c0.col");
  fs::copy(other_dir / "c1.col", outside_ / "dir" / "c1.col");
  fs::copy(other_dir / "c0.col", outside_ / "dir" / "c0.col");
  auto rows = [&] { return Do("GET", "/api/v1/features/datasets/" + ds + "/rows"); };
  ASSERT_EQ(rows().status, 200);

  LinkOver(ds_dir / "c0.col", outside_ / "c0.col");  // the file is a link
  auto r = rows();
  ExpectProblem(r, 404);
  // The answer names the dataset, whose random id may itself hold "777": look past the id.
  std::string without_id = r.body;
  for (size_t at; (at = without_id.find(ds)) != std::string::npos;) without_id.erase(at, ds.size());
  EXPECT_EQ(without_id.find("777"), std::string::npos) << r.body;
  ExpectNothingLeaks(r);

  LinkOver(ds_dir, outside_ / "dir");  // the dataset's folder is a link
  r = rows();
  ExpectProblem(r, 404);
  EXPECT_EQ(r.body.find("planted"), std::string::npos) << r.body;
  ExpectNothingLeaks(r);

  // Deleting the dataset removes the link, not the files behind it.
  EXPECT_EQ(Do("DELETE", "/api/v1/features/datasets/" + ds).status, 204);
  EXPECT_FALSE(fs::exists(fs::symlink_status(ds_dir)));
  EXPECT_TRUE(fs::exists(outside_ / "dir" / "c1.col"));
  EXPECT_TRUE(fs::exists(outside_ / "c0.col"));
  fs::remove(outside_ / "c0.col");
  fs::remove(outside_ / "dir" / "c0.col");
  fs::remove(outside_ / "dir" / "c1.col");
  ExpectOutsideUntouched();
}

TEST_P(SymlinkApi, StartUpCleanupNeverFollowsALink) {
  server_->process().Kill();
  const fs::path root = server_->data_dir();
  const auto old = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (const fs::path& p : {outside_ / "secret.txt", outside_ / "dir" / "b.txt",
                            outside_ / "dir" / "only-outside.txt", outside_ / "dir"})
    fs::last_write_time(p, old);
  // A run folder and a dataset folder without rows that are links to an outside folder, and
  // an upload temp file that is a link to an outside file: before, the cleanup walked into
  // the folders and removed every old file there.
  fs::create_directories(root / "artifacts");
  fs::create_directories(root / "datasets");
  fs::create_directories(root / "tmp");
  fs::create_symlink(outside_ / "dir", root / "artifacts" / "0b5f3a1e-0000-4000-8000-000000000003");
  fs::create_symlink(outside_ / "dir", root / "datasets" / "0b5f3a1e-0000-4000-8000-000000000004");
  fs::create_symlink(outside_ / "secret.txt", root / "tmp" / "cairn-upload-link");
  ASSERT_OK(server_->Restart());
  ExpectOutsideUntouched();
}

class SmallRenderCapApi : public HardeningApi {
 protected:
  std::vector<std::string> ExtraArgs() const override {
    return {"--prompt-max-render-bytes", "2048"};
  }
};

TEST_P(SmallRenderCapApi, TheRenderCapIsConfigurable) {
  auto c =
      DoJson("POST", P("/templates"),
             bj::object{{"name", UniqueName("cap")},
                        {"body", "Say {{x}}."},
                        {"variables", bj::array{bj::object{{"name", "x"}, {"required", true}}}}},
             User("alice"));
  ASSERT_EQ(c.status, 201) << c.body;
  const std::string id(BodyJson(c).at("id").as_string());
  ASSERT_EQ(Do("POST", P("/templates/" + id + "/1/submit"), "", User("alice")).status, 200);
  ASSERT_EQ(DoJson("POST", P("/templates/" + id + "/1/approve"), bj::object{{"comment", "ok"}},
                   User("bob"))
                .status,
            200);
  auto render = [&](size_t n) {
    return DoJson(
        "POST", P("/templates/" + id + "/render"),
        bj::object{{"version", 1}, {"variables", bj::object{{"x", std::string(n, 'z')}}}});
  };
  EXPECT_EQ(render(2048 - 5).status, 200);  // "Say " + x + "." is exactly 2048 bytes
  auto over = render(2048 - 4);
  ExpectProblem(over, 413);
  EXPECT_NE(over.body.find("would be 2049 bytes; the limit is 2048"), std::string::npos)
      << over.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, HardeningApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);
INSTANTIATE_TEST_SUITE_P(Backends, SymlinkApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);
INSTANTIATE_TEST_SUITE_P(Backends, SmallRenderCapApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);
INSTANTIATE_TEST_SUITE_P(Backends, SmallClassCapApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

}  // namespace
}  // namespace cairn::testing
