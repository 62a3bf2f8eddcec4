// cairn eval scenarios [ls|show|create]|runs|run|report
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/fields.h"
#include "cli/listing.h"
#include "cli/text.h"
#include "common/json.h"

namespace cairn::cli {
namespace {

constexpr char kEvaluation[] = "/api/v1/ml/evaluation";
constexpr auto kPollInterval = std::chrono::milliseconds(500);
constexpr int64_t kDefaultWaitSeconds = 600;

std::string ScenarioPath(const std::string& name) {
  return std::string(kEvaluation) + "/scenarios/" + http::PercentEncode(name);
}
std::string EvalRunPath(const std::string& id) {
  return std::string(kEvaluation) + "/runs/" + http::PercentEncode(id);
}

void RenderScenarios(Output& out, const bj::array& items) {
  Table t({{"NAME"},
           {"TASK"},
           {"DATASET", false, false},
           {"LABEL"},
           {"PREDICTIONS"},
           {"THRESHOLDS"},
           {"UPDATED"}});
  for (const auto& s : items) {
    std::string source = Text(s, "score_column");
    if (source == "-") source = Text(s, "prediction_column");
    if (source == "-") source = "model " + Text(s, "model_name") + " v" + Text(s, "version");
    std::string thresholds;
    if (const bj::value* th = Field(s, "thresholds"); th && th->is_object()) {
      for (const auto& kv : th->get_object()) {
        thresholds += (thresholds.empty() ? "" : ", ") + std::string(kv.key()) + " " +
                      Text(kv.value(), "op") + " " + Text(kv.value(), "value");
      }
    }
    t.Add({Text(s, "name"), Text(s, "task_type"), Text(s, "dataset_id"), Text(s, "label_column"),
           source, thresholds.empty() ? "-" : thresholds, TimeText(s, "updated_at")});
  }
  out.PrintTable(t);
}

void RenderScenario(Output& out, const bj::value& s) {
  out.PrintFields({{"name", Text(s, "name")},
                   {"description", Text(s, "description")},
                   {"task", Text(s, "task_type")},
                   {"dataset", Text(s, "dataset_id")},
                   {"label column", Text(s, "label_column")},
                   {"score column", Text(s, "score_column")},
                   {"prediction column", Text(s, "prediction_column")},
                   {"model", Text(s, "model_name") + " version " + Text(s, "version")},
                   {"feature columns", Text(s, "feature_columns")},
                   {"metrics", Text(s, "metrics")},
                   {"thresholds", Text(s, "thresholds")},
                   {"slice column", Text(s, "slice_column")},
                   {"tags", MapText(s, "tags")},
                   {"updated", TimeText(s, "updated_at") + " by " + Text(s, "updated_by")},
                   {"revision", Text(s, "revision")}});
}

void RenderRuns(Output& out, const bj::array& items) {
  Table t({{"RUN ID", false, false},
           {"SCENARIO"},
           {"MODEL"},
           {"STATUS"},
           {"VERDICT"},
           {"ROWS", true},
           {"CREATED"},
           {"BY"}});
  for (const auto& r : items) {
    std::string model = Text(r, "model_name");
    if (model != "-") model += " v" + Text(r, "version");
    t.Add({Text(r, "run_id"), Text(r, "scenario_name"), model, StatusCell(r, "status"),
           StatusCell(r, "verdict"), Text(r, "n_rows"), TimeText(r, "created_at"),
           Text(r, "created_by")});
  }
  out.PrintTable(t);
}

void RenderReport(Output& out, const bj::value& r) {
  out.PrintFields({{"run id", Text(r, "run_id")},
                   {"scenario", Text(r, "scenario_name")},
                   {"status", StatusCell(r, "status")},
                   {"verdict", StatusCell(r, "verdict")},
                   {"rows", Text(r, "n_rows")}});
  if (std::string why = Text(r, "failure_reason"); why != "-") {
    out.PrintFields({{"failure", Cell(why, Style::kRed)}});
  }
  if (const bj::value* m = Field(r, "metrics"); m && m->is_object() && !m->get_object().empty()) {
    out.Heading("Metrics");
    Table t({{"METRIC"}, {"VALUE", true}});
    for (const auto& kv : m->get_object()) t.Add({std::string(kv.key()), ValueText(&kv.value())});
    out.PrintTable(t);
  }
  if (const bj::value* th = Field(r, "thresholds");
      th && th->is_array() && !th->get_array().empty()) {
    out.Heading("Thresholds");
    Table t({{"METRIC"}, {"RULE"}, {"ACTUAL", true}, {"RESULT"}});
    for (const auto& x : th->get_array()) {
      bool passed = Text(x, "passed") == "true";
      t.Add({Text(x, "metric"), Text(x, "op") + " " + Text(x, "value"), Text(x, "actual"),
             Cell(passed ? "pass" : "fail", passed ? Style::kGreen : Style::kRed)});
    }
    out.PrintTable(t);
  }
  if (const bj::value* cm = Field(r, "confusion_matrix"); cm && cm->is_object()) {
    const bj::value* labels = Field(*cm, "labels");
    const bj::value* matrix = Field(*cm, "matrix");
    if (labels && labels->is_array() && matrix && matrix->is_array()) {
      out.Heading("Confusion matrix (rows: true class, columns: predicted)");
      std::vector<Table::Column> cols = {{""}};
      for (const auto& l : labels->get_array()) cols.push_back({ValueText(&l), true});
      Table t(cols);
      size_t i = 0;
      for (const auto& row : matrix->get_array()) {
        std::vector<Cell> cells = {
            i < labels->get_array().size() ? ValueText(&labels->get_array()[i]) : std::string("?")};
        if (row.is_array()) {
          for (const auto& n : row.get_array()) cells.emplace_back(ValueText(&n));
        }
        t.Add(std::move(cells));
        ++i;
      }
      out.PrintTable(t);
    }
  }
  if (const bj::value* sl = Field(r, "slices");
      sl && sl->is_object() && !sl->get_object().empty()) {
    out.Heading("Slices");
    std::vector<std::string> metrics;
    for (const auto& kv : sl->get_object()) {
      if (const bj::value* m = Field(kv.value(), "metrics"); m && m->is_object()) {
        for (const auto& mk : m->get_object()) metrics.emplace_back(mk.key());
      }
      break;
    }
    std::vector<Table::Column> cols = {{"SLICE"}, {"ROWS", true}};
    for (const auto& m : metrics) cols.push_back({m, true});
    Table t(cols);
    for (const auto& kv : sl->get_object()) {
      std::vector<Cell> cells = {std::string(kv.key()), Text(kv.value(), "n_rows")};
      const bj::value* m = Field(kv.value(), "metrics");
      for (const auto& name : metrics) cells.emplace_back(m ? Text(*m, name) : "-");
      t.Add(std::move(cells));
    }
    out.PrintTable(t);
  }
  if (const bj::value* g = Field(r, "worst_slice_gap");
      g && g->is_object() && !g->get_object().empty()) {
    out.Heading("Worst-slice gaps");
    Table t({{"METRIC"}, {"GAP", true}, {"MAX"}, {"MIN"}});
    for (const auto& kv : g->get_object()) {
      const bj::value& x = kv.value();
      t.Add({std::string(kv.key()), Text(x, "gap"), Text(x, "max_slice") + " " + Text(x, "max"),
             Text(x, "min_slice") + " " + Text(x, "min")});
    }
    out.PrintTable(t);
  }
  if (const bj::value* ex = Field(r, "explainability"); ex && ex->is_object()) {
    if (const bj::value* pi = Field(*ex, "permutation_importance"); pi && pi->is_object()) {
      out.Heading("Permutation importance (drop in " + Text(*ex, "metric") + ")");
      std::vector<double> values;
      double max = 0;
      for (const auto& kv : pi->get_object()) {
        double v = kv.value().is_number() ? kv.value().to_number<double>() : 0;
        max = std::max(max, std::fabs(v));
      }
      Table t({{"FEATURE"}, {"IMPORTANCE", true}, {"", false, false}});
      for (const auto& kv : pi->get_object()) {
        double v = kv.value().is_number() ? kv.value().to_number<double>() : 0;
        size_t bar = max > 0 ? static_cast<size_t>(std::fabs(v) / max * 20 + 0.5) : 0;
        std::string b;
        for (size_t i = 0; i < bar; ++i) b += "█";
        t.Add({std::string(kv.key()), FormatNumber(v), Cell(b, Style::kCyan)});
      }
      out.PrintTable(t);
    }
  }
  if (const bj::value* c = Field(r, "compliance"); c && c->is_object()) {
    out.Heading("Compliance");
    std::vector<std::pair<std::string, Cell>> fields;
    for (const auto& kv : c->get_object()) {
      fields.emplace_back(std::string(kv.key()), ValueText(&kv.value()));
    }
    out.PrintFields(fields);
  }
}

Result<bj::object> Threshold(const std::string& spec) {
  for (std::string op : {">=", "<=", "==", ">", "<"}) {
    size_t at = spec.find(op);
    if (at == std::string::npos || at == 0) continue;
    bj::value v = GuessJson(spec.substr(at + op.size()));
    if (!v.is_number()) break;
    bj::object t;
    t["op"] = op;
    t["value"] = v;
    bj::object named;
    named[spec.substr(0, at)] = t;
    return named;
  }
  return InvalidArgument("--threshold '" + spec + "' must look like METRIC>=NUMBER (>= > <= < ==)");
}

int ScenariosList(Invocation& inv) {
  Query q;
  q.Add("task_type", inv.flag("task")).Add("dataset_id", inv.flag("dataset"));
  return ListPages(inv, std::string(kEvaluation) + "/scenarios", q,
                   [&](const bj::array& items) { RenderScenarios(inv.ctx().out(), items); });
}

int ScenarioShow(Invocation& inv) {
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  return inv.ctx().Show((*conn)->Get(ScenarioPath(inv.arg(0))),
                        [&](const bj::value& s) { RenderScenario(inv.ctx().out(), s); });
}

int ScenarioCreate(Invocation& inv) {
  bj::object body;
  if (auto file = inv.flag("file")) {
    std::ifstream in(*file);
    if (!in) return inv.UsageError("cannot read " + *file);
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = json::Parse(text.str());
    if (!parsed.ok() || !parsed->is_object()) {
      return inv.UsageError(*file + " is not a JSON object");
    }
    body = parsed->get_object();
  }
  body["name"] = inv.arg(0);
  const std::pair<const char*, const char*> kStringFlags[] = {
      {"task", "task_type"},     {"dataset", "dataset_id"},           {"label", "label_column"},
      {"score", "score_column"}, {"prediction", "prediction_column"}, {"model", "model_name"},
      {"slice", "slice_column"}, {"description", "description"}};
  for (const auto& [flag, key] : kStringFlags) {
    if (auto v = inv.flag(flag)) body[key] = *v;
  }
  auto version = inv.int_flag("version");
  if (!version.ok()) return inv.UsageError(version.status().message());
  if (*version) body["version"] = **version;
  auto dt = inv.number_flag("decision-threshold");
  if (!dt.ok()) return inv.UsageError(dt.status().message());
  if (*dt) body["decision_threshold"] = **dt;
  if (auto cols = inv.flag("feature-columns")) {
    bj::array a;
    for (const auto& c : SplitList(*cols)) a.emplace_back(c);
    body["feature_columns"] = a;
  }
  if (auto ms = inv.all("metric"); !ms.empty()) {
    bj::array a;
    for (const auto& m : ms) a.emplace_back(m);
    body["metrics"] = a;
  }
  if (auto ths = inv.all("threshold"); !ths.empty()) {
    bj::object all;
    for (const auto& spec : ths) {
      auto t = Threshold(spec);
      if (!t.ok()) return inv.UsageError(t.status().message());
      for (const auto& kv : *t) all[kv.key()] = kv.value();
    }
    body["thresholds"] = all;
  }
  auto tags = inv.pairs("tag");
  if (!tags.ok()) return inv.UsageError(tags.status().message());
  if (!tags->empty()) body["tags"] = ToObject(*tags);
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  return inv.ctx().Show((*conn)->Post(std::string(kEvaluation) + "/scenarios", body),
                        [&](const bj::value& s) { RenderScenario(inv.ctx().out(), s); });
}

int RunsList(Invocation& inv) {
  Query q;
  q.Add("scenario_name", inv.flag("scenario")).Add("status", inv.flag("status"));
  return ListPages(inv, std::string(kEvaluation) + "/runs", q,
                   [&](const bj::array& items) { RenderRuns(inv.ctx().out(), items); });
}

int ShowReport(Invocation& inv, Api& api, const std::string& run_id, bool check) {
  auto report = api.Get(EvalRunPath(run_id) + "/report");
  if (!report.ok()) return inv.ctx().Fail(report.status());
  int rc = inv.ctx().Print(*report, [&](const bj::value& r) { RenderReport(inv.ctx().out(), r); });
  if (check && StringField(report->json, "verdict") != "pass") return kExitConflict;
  return rc;
}

int Run(Invocation& inv) {
  bj::object body;
  body["scenario_name"] = inv.arg(0);
  if (auto m = inv.flag("model")) body["model_name"] = *m;
  auto version = inv.int_flag("version");
  if (!version.ok()) return inv.UsageError(version.status().message());
  if (*version) body["version"] = **version;
  auto timeout = inv.int_flag("timeout");
  if (!timeout.ok()) return inv.UsageError(timeout.status().message());
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  auto created = (*conn)->Post(std::string(kEvaluation) + "/runs", body);
  if (!created.ok()) return inv.ctx().Fail(created.status());
  std::string run_id = StringField(created->json, "run_id");
  if (inv.has("no-wait")) {
    return inv.ctx().Print(*created,
                           [&](const bj::value& r) { RenderRuns(inv.ctx().out(), bj::array{r}); });
  }
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::seconds(timeout->value_or(kDefaultWaitSeconds));
  std::string status = StringField(created->json, "status");
  bool announced = false;
  while (status == "queued" || status == "running") {
    if (!announced && inv.ctx().out().for_people()) {
      inv.ctx().out().Hint("evaluation " + run_id + " is " + status + "; waiting…");
      announced = true;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      return inv.ctx().Fail(Unavailable("evaluation " + run_id + " is still " + status +
                                        " after the timeout; see `cairn eval report " + run_id +
                                        "` later"));
    }
    std::this_thread::sleep_for(kPollInterval);
    auto r = (*conn)->Get(EvalRunPath(run_id));
    if (!r.ok()) return inv.ctx().Fail(r.status());
    status = StringField(r->json, "status");
  }
  return ShowReport(inv, **conn, run_id, inv.has("check"));
}

int Report(Invocation& inv) {
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  return ShowReport(inv, **conn, inv.arg(0), inv.has("check"));
}

}  // namespace

Command EvalCommand() {
  Command c{.name = "eval",
            .aliases = {"evaluation"},
            .summary = "Evaluation harness: scenarios, runs and reports"};
  Command scenarios{.name = "scenarios",
                    .aliases = {"scenario"},
                    .summary = "Evaluation scenarios (lists them without a verb)",
                    .default_child = "ls"};
  scenarios.children.push_back(
      {.name = "ls",
       .aliases = {"list"},
       .summary = "List scenarios, newest first",
       .flags = WithPageFlags(
           {{"task", "TYPE", "binary_classification|multiclass_classification|regression"},
            {"dataset", "ID", "Only scenarios on this dataset"}}),
       .examples = {"cairn eval scenarios", "cairn eval scenarios ls --task regression"},
       .run = ScenariosList});
  scenarios.children.push_back({.name = "show",
                                .aliases = {"get"},
                                .summary = "A scenario",
                                .positionals = {{"NAME", "Scenario name"}},
                                .examples = {"cairn eval scenarios show churn-eval"},
                                .run = ScenarioShow});
  scenarios.children.push_back(
      {.name = "create",
       .summary = "Create a scenario (from flags, or a JSON file of the API's fields)",
       .positionals = {{"NAME", "Scenario name"}},
       .flags = {{"task", "TYPE", "binary_classification|multiclass_classification|regression"},
                 {"dataset", "ID", "Dataset with the labels (and predictions)"},
                 {"label", "COLUMN", "Label column"},
                 {"score", "COLUMN", "Binary: column with P(class 1)"},
                 {"prediction", "COLUMN", "Multiclass/regression: predictions column"},
                 {"model", "NAME", "Execute this model instead (xgboost-json artifact)"},
                 {"version", "N", "Version of --model"},
                 {"feature-columns", "A,B", "Model inputs, in the model's feature order"},
                 {"metric", "NAME", "Metrics to report (default all of the task's)", true},
                 {"threshold", "METRIC>=X", "A gate, e.g. 'roc_auc>=0.8'", true},
                 {"slice", "COLUMN", "Per-slice metrics by this column"},
                 {"decision-threshold", "X", "Binary: predicted class = score >= X"},
                 {"description", "TEXT", "Description"},
                 {"tag", "KEY=VALUE", "A tag", true},
                 {"file", "FILE", "JSON object with any of the API's scenario fields"}},
       .examples = {"cairn eval scenarios create churn-eval --task binary_classification "
                    "--dataset ID --label churned --score p_churn --threshold 'roc_auc>=0.8'"},
       .run = ScenarioCreate});
  c.children.push_back(std::move(scenarios));
  c.children.push_back(
      {.name = "runs",
       .summary = "List evaluation runs, newest first",
       .flags = WithPageFlags({{"scenario", "NAME", "Only this scenario's"},
                               {"status", "STATUS", "queued|running|completed|failed"}}),
       .examples = {"cairn eval runs --scenario churn-eval"},
       .run = RunsList});
  c.children.push_back(
      {.name = "run",
       .summary = "Evaluate a scenario, wait for it and print the report",
       .positionals = {{"SCENARIO", "Scenario name"}},
       .flags = {{"model", "NAME", "Evaluate this model instead of the scenario's predictions"},
                 {"version", "N", "Version of --model"},
                 {"no-wait", "", "Print the queued run and return"},
                 {"timeout", "SECONDS", "Give up waiting after this long (default 600)"},
                 {"check", "", "Exit 4 unless the verdict is pass (for CI gates)"}},
       .examples = {"cairn eval run churn-eval --model churn-xgb --version 3 --check"},
       .run = Run});
  c.children.push_back({.name = "report",
                        .summary = "An evaluation run's report",
                        .positionals = {{"RUN_ID", "Evaluation run id"}},
                        .flags = {{"check", "", "Exit 4 unless the verdict is pass"}},
                        .examples = {"cairn eval report ID",
                                     "cairn eval report ID -o "
                                     "jsonpath={.metrics.roc_auc}"},
                        .run = Report});
  return c;
}

}  // namespace cairn::cli
