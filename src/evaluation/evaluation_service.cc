#include "evaluation/evaluation_service.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <exception>
#include <set>

#include "common/ids.h"
#include "common/log.h"
#include "common/revision.h"
#include "common/sha256.h"
#include "common/time.h"
#include "common/validation.h"
#include "evaluation/evaluator.h"
#include "models/xgboost_model.h"

namespace cairn::evaluation {
namespace {

// The whole model file behind `fd`, read from its start.
Result<std::string> ReadModelFile(const files::UniqueFd& fd) {
  struct stat st {};
  if (::fstat(fd.Get(), &st) != 0) return Internal("cannot read the model artifact");
  std::string out(static_cast<size_t>(st.st_size), '\0');
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n =
        ::pread(fd.Get(), out.data() + done, out.size() - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Internal("cannot read the model artifact");
    if (n == 0) break;  // shorter than it was: the digest check reports it
    done += static_cast<size_t>(n);
  }
  out.resize(done);
  return out;
}

constexpr size_t kMaxDescription = 10000;
constexpr size_t kMaxTags = 100;
constexpr size_t kMaxColumns = 10000;
constexpr char kXgboostFormat[] = "xgboost-json";

using validation::FieldInvalid;

// Holds the scenario's dataset in the store's transaction (DatasetReader::Hold); a dataset
// deleted since validation read it answers like validation would have.
storage::TxStep HoldScenarioDataset(datasets::DatasetReader& datasets, std::string dataset_id) {
  return [&datasets, id = std::move(dataset_id)](storage::Transaction& tx) -> Status {
    Status held = datasets.Hold(tx, id);
    if (held.code() == StatusCode::kNotFound) {
      return FieldInvalid("dataset_id", "dataset '" + id + "' not found");
    }
    return held;
  };
}

audit::Entry Audit(int64_t at, const std::string& actor, const std::string& action,
                   const std::string& type, const std::string& id, audit::Summary summary) {
  return audit::Entry{at, actor, action, type, id, std::move(summary)};
}

bool SameScenario(const Scenario& a, const Scenario& b) {
  return a.description == b.description && a.task_type == b.task_type &&
         a.dataset_id == b.dataset_id && a.label_column == b.label_column &&
         a.score_column == b.score_column && a.prediction_column == b.prediction_column &&
         a.model_name == b.model_name && a.model_version == b.model_version &&
         a.feature_columns == b.feature_columns && a.metrics == b.metrics &&
         a.thresholds.size() == b.thresholds.size() &&
         std::equal(a.thresholds.begin(), a.thresholds.end(), b.thresholds.begin(),
                    [](const auto& x, const auto& y) {
                      return x.first == y.first && x.second.op == y.second.op &&
                             x.second.value == y.second.value;
                    }) &&
         a.slice_column == b.slice_column && a.decision_threshold == b.decision_threshold &&
         a.importance_repeats == b.importance_repeats && a.importance_seed == b.importance_seed &&
         a.tags == b.tags;
}

// Runs one unit of background work. Nothing the work calls is expected to throw (third-party
// calls are wrapped where they are made); this is the last resort of a thread that has no
// caller to return to: an escaping exception would terminate the server, so it becomes an
// Internal status, logged by the loop.
template <typename Fn>
auto Guarded(const char* what, Fn fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const std::exception& e) {
    return Internal(std::string(what) + ": unexpected exception: " + e.what());
  } catch (...) {
    return Internal(std::string(what) + ": unexpected non-standard exception");
  }
}

}  // namespace

std::string EvaluatorVersion() {
  return std::string("cairn-evaluation/0.1.0 (xgboost ") + models::XgboostVersion() + ")";
}

EvaluationService::EvaluationService(std::unique_ptr<EvaluationStore> store,
                                     datasets::DatasetReader& datasets, ModelCatalog* catalog,
                                     EvaluationServiceOptions options, const Clock& clock)
    : store_(std::move(store)),
      datasets_(datasets),
      catalog_(catalog),
      options_(options),
      clock_(clock),
      instance_id_(NewUuid()) {}

EvaluationService::~EvaluationService() { Stop(); }

Result<ModelRef> EvaluationService::ResolveModel(const std::string& name, int64_t version,
                                                 const std::string& field) {
  if (!catalog_) return FailedPrecondition("no model registry is available to execute models");
  auto m = catalog_->GetModel(name, version);
  if (!m.ok()) {
    if (m.status().code() == StatusCode::kNotFound) {
      return NotFound("model '" + name + "' version " + std::to_string(version) + " not found");
    }
    return m.status();
  }
  if (m->format != kXgboostFormat || !m->file) {
    const std::string what = m->format.empty() || m->format == kXgboostFormat
                                 ? std::string("has no uploaded artifact")
                                 : "has artifact format '" + m->format + "'";
    return FieldInvalid(field, "model '" + name + "' version " + std::to_string(version) + " " +
                                   what + "; only xgboost-json models can be executed");
  }
  return m;
}

Status EvaluationService::ValidateScenario(Scenario& s) {
  std::vector<FieldError> errors;
  auto add = [&errors](std::string f, std::string m) {
    errors.push_back({std::move(f), std::move(m)});
  };
  if (!IsValidName(s.name)) {
    add("name", "must be 1-128 chars of [A-Za-z0-9_.-], starting alphanumeric");
  }
  if (s.description.size() > kMaxDescription) add("description", "is too long");
  if (s.tags.size() > kMaxTags) add("tags", "has more than 100 entries");
  if (s.label_column.empty()) add("label_column", "is required");
  const TaskType task = s.task_type;
  const auto& task_metrics = TaskMetrics(task);
  auto is_task_metric = [&task_metrics](const std::string& m) {
    return std::find(task_metrics.begin(), task_metrics.end(), m) != task_metrics.end();
  };
  std::set<std::string> seen;
  for (const auto& m : s.metrics) {
    if (!is_task_metric(m)) {
      add("metrics", "'" + m + "' is not a metric of " + TaskTypeName(task));
    } else if (!seen.insert(m).second) {
      add("metrics", "'" + m + "' is listed twice");
    }
  }
  // Report order is the task's canonical order.
  if (!s.metrics.empty()) {
    std::vector<std::string> ordered;
    for (const auto& m : task_metrics)
      if (seen.count(m)) ordered.push_back(m);
    s.metrics = ordered;
  }
  for (const auto& [metric, t] : s.thresholds) {
    const std::string f = "thresholds." + metric;
    if (!is_task_metric(metric))
      add(f, "'" + metric + "' is not a metric of " + TaskTypeName(task));
    if (!IsValidThresholdOp(t.op)) add(f + ".op", "must be one of >=, >, <=, <, ==");
    if (!std::isfinite(t.value)) add(f + ".value", "must be a finite number");
  }
  if (!std::isfinite(s.decision_threshold) || s.decision_threshold < 0 ||
      s.decision_threshold > 1) {
    add("decision_threshold", "must be between 0 and 1");
  }
  if (s.importance_repeats < 0 || s.importance_repeats > kMaxImportanceRepeats) {
    add("importance_repeats", "must be between 0 and 50");
  }
  if (s.feature_columns.size() > kMaxColumns) add("feature_columns", "has too many columns");
  // Prediction source.
  const bool has_model = s.model_name.has_value() || s.model_version.has_value();
  if (task == TaskType::kBinary) {
    if (s.prediction_column) {
      add("prediction_column", "is not used by binary_classification (use score_column)");
    }
  } else if (s.score_column) {
    add("score_column", std::string("is only used by binary_classification (use "
                                    "prediction_column)"));
  }
  const std::optional<std::string>& pred_col =
      task == TaskType::kBinary ? s.score_column : s.prediction_column;
  const std::string pred_field = task == TaskType::kBinary ? "score_column" : "prediction_column";
  if (has_model && pred_col) {
    add(pred_field, "give either " + pred_field + " or model_name + version, not both");
  } else if (!has_model && !pred_col) {
    add(pred_field, "is required unless model_name + version name a model to execute");
  }
  if (has_model) {
    if (!s.model_name || !IsValidName(*s.model_name)) add("model_name", "must be a valid name");
    if (!s.model_version || *s.model_version < 1) add("version", "must be an integer >= 1");
    if (s.feature_columns.empty()) add("feature_columns", "are required to execute a model");
  }
  if (s.dataset_id.empty()) add("dataset_id", "is required");
  if (!errors.empty()) return validation::Invalid(std::move(errors));

  // Columns against the dataset schema.
  auto info = datasets_.Describe(s.dataset_id);
  if (!info.ok()) {
    if (info.status().code() == StatusCode::kNotFound) {
      return FieldInvalid("dataset_id", "dataset '" + s.dataset_id + "' not found");
    }
    return info.status();
  }
  auto type_of = [&info](const std::string& col) -> std::optional<datasets::ColumnType> {
    for (const auto& [name, type] : info->columns)
      if (name == col) return type;
    return std::nullopt;
  };
  auto check = [&](const std::string& field, const std::string& col, bool numeric) {
    auto t = type_of(col);
    if (!t) {
      add(field, "column '" + col + "' does not exist in dataset " + s.dataset_id);
    } else if (numeric && !IsNumeric(*t)) {
      add(field, "column '" + col + "' must be numeric, not " + ColumnTypeName(*t));
    }
  };
  const bool numeric_target = task != TaskType::kMulticlass;
  check("label_column", s.label_column, numeric_target);
  if (pred_col) check(pred_field, *pred_col, numeric_target);
  if (task == TaskType::kMulticlass && info->distinct_at_least.size() == info->columns.size()) {
    // The profile knows: each column alone already exceeds the class cap. (A float column's
    // 0 and -0 are one class, hence the 1.)
    auto too_many = [&](const std::string& field, const std::string& col) {
      for (size_t j = 0; j < info->columns.size(); ++j) {
        if (info->columns[j].first != col) continue;
        const int64_t slack = info->columns[j].second == datasets::ColumnType::kFloat64 ? 1 : 0;
        if (info->distinct_at_least[j] - slack > options_.max_classes) {
          add(field, "column '" + col + "' has " + std::to_string(info->distinct_at_least[j]) +
                         " distinct values; multiclass evaluation allows at most " +
                         std::to_string(options_.max_classes) + " classes");
        }
      }
    };
    too_many("label_column", s.label_column);
    if (pred_col) too_many(pred_field, *pred_col);
  }
  std::set<std::string> features;
  for (const auto& f : s.feature_columns) {
    check("feature_columns", f, true);
    if (!features.insert(f).second) add("feature_columns", "column '" + f + "' is listed twice");
  }
  if (s.slice_column) check("slice_column", *s.slice_column, false);
  if (!errors.empty()) return validation::Invalid(std::move(errors));
  if (has_model) {
    ASSIGN_OR_RETURN(auto m, ResolveModel(*s.model_name, *s.model_version, "model_name"));
    (void)m;
  }
  return Status::Ok();
}

Result<Scenario> EvaluationService::CreateScenario(Scenario s, const std::string& actor) {
  RETURN_IF_ERROR(ValidateScenario(s));
  const int64_t now = clock_.NowMillis();
  s.created_by = actor;
  s.updated_by = actor;
  s.created_at = now;
  s.updated_at = now;
  s.revision = 1;
  RETURN_IF_ERROR(store_->CreateScenario(
      s,
      Audit(now, actor, "scenario.create", "scenario", s.name,
            {{"task_type", std::string(TaskTypeName(s.task_type))}, {"dataset_id", s.dataset_id}}),
      HoldScenarioDataset(datasets_, s.dataset_id)));
  return s;
}

Result<Scenario> EvaluationService::GetScenario(const std::string& name) {
  if (!IsValidName(name)) return NotFound("scenario '" + name + "' not found");
  return store_->GetScenario(name);
}

Result<Page<Scenario>> EvaluationService::ListScenarios(const ScenarioListRequest& request) {
  ScenarioQuery q;
  ASSIGN_OR_RETURN(q.limit, PageLimit(request.limit));
  if (request.task_type) {
    q.task_type = ParseTaskType(*request.task_type);
    if (!q.task_type) {
      return FieldInvalid("task_type",
                          "must be binary_classification, multiclass_classification or "
                          "regression");
    }
  }
  q.dataset_id = request.dataset_id;
  q.page_token = request.page_token;
  return store_->ListScenarios(q);
}

Result<Scenario> EvaluationService::UpdateScenario(const std::string& name, const ScenarioPatch& p,
                                                   std::optional<int64_t> if_match,
                                                   const std::string& actor) {
  ASSIGN_OR_RETURN(Scenario current, GetScenario(name));
  RETURN_IF_ERROR(CheckIfMatch("scenario '" + name + "'", if_match, current.revision));
  Scenario s = current;
  if (p.description) s.description = *p.description;
  if (p.task_type) {
    auto t = ParseTaskType(*p.task_type);
    if (!t) {
      return FieldInvalid("task_type",
                          "must be binary_classification, multiclass_classification or "
                          "regression");
    }
    s.task_type = *t;
  }
  if (p.dataset_id) s.dataset_id = *p.dataset_id;
  if (p.label_column) s.label_column = *p.label_column;
  if (p.score_column) s.score_column = p.score_column;
  if (p.clear_score_column) s.score_column.reset();
  if (p.prediction_column) s.prediction_column = p.prediction_column;
  if (p.clear_prediction_column) s.prediction_column.reset();
  if (p.model_name) s.model_name = p.model_name;
  if (p.model_version) s.model_version = p.model_version;
  if (p.clear_model) {
    s.model_name.reset();
    s.model_version.reset();
  }
  if (p.feature_columns) s.feature_columns = *p.feature_columns;
  if (p.metrics) s.metrics = *p.metrics;
  if (p.thresholds) s.thresholds = *p.thresholds;
  if (p.slice_column) s.slice_column = p.slice_column;
  if (p.clear_slice_column) s.slice_column.reset();
  if (p.decision_threshold) s.decision_threshold = *p.decision_threshold;
  if (p.importance_repeats) {
    s.importance_repeats = static_cast<int>(std::clamp<int64_t>(*p.importance_repeats, -1, 1000));
  }
  if (p.importance_seed) s.importance_seed = *p.importance_seed;
  if (p.tags) s.tags = *p.tags;
  RETURN_IF_ERROR(ValidateScenario(s));
  if (SameScenario(s, current)) return current;
  const int64_t now = clock_.NowMillis();
  s.updated_by = actor;
  s.updated_at = now;
  s.revision = current.revision + 1;
  RETURN_IF_ERROR(store_->UpdateScenario(
      s, current.revision,
      Audit(now, actor, "scenario.update", "scenario", name, {{"revision", s.revision}}),
      HoldScenarioDataset(datasets_, s.dataset_id)));
  return s;
}

Result<std::vector<std::string>> EvaluationService::UsersOfDataset(storage::Transaction& tx,
                                                                   const std::string& dataset_id) {
  return store_->UsersOfDataset(tx, dataset_id, 20);
}

Result<EvalRun> EvaluationService::CreateRun(const RunCreate& request, const std::string& actor) {
  if (request.scenario_name.empty()) return FieldInvalid("scenario_name", "is required");
  if (request.model_name.has_value() != request.model_version.has_value()) {
    return FieldInvalid(request.model_name ? "version" : "model_name",
                        "model_name and version are given together");
  }
  auto scenario = GetScenario(request.scenario_name);
  if (!scenario.ok()) return scenario.status();
  EvalRun run;
  run.run_id = NewUuid();
  run.scenario_name = scenario->name;
  run.scenario_revision = scenario->revision;
  run.dataset_id = scenario->dataset_id;
  run.model_name = request.model_name ? request.model_name : scenario->model_name;
  run.model_version = request.model_version ? request.model_version : scenario->model_version;
  run.created_by = actor;
  run.created_at = clock_.NowMillis();
  run.revision = 1;
  const bool executes_model = run.model_name.has_value();
  if (executes_model) {
    if (scenario->feature_columns.empty()) {
      return FieldInvalid(
          "model_name", "scenario '" + scenario->name + "' has no feature_columns to feed a model");
    }
    if (*run.model_version < 1) return FieldInvalid("version", "must be an integer >= 1");
    ASSIGN_OR_RETURN(auto m, ResolveModel(*run.model_name, *run.model_version, "model_name"));
    (void)m;
  }
  auto info = datasets_.Describe(scenario->dataset_id);
  if (!info.ok()) {
    if (info.status().code() == StatusCode::kNotFound) {
      return FailedPrecondition("dataset '" + scenario->dataset_id + "' of scenario '" +
                                scenario->name + "' no longer exists");
    }
    return info.status();
  }
  const bool inline_run = !executes_model && info->row_count < options_.inline_max_rows;
  if (inline_run) {
    run.status = RunStatus::kRunning;
    run.started_at = run.created_at;
    Execute(run, run.created_at);
  }
  // The run is stored holding its dataset (DatasetReader::Hold): a DELETE of the dataset either
  // commits first (the run is refused) or sees the run and answers 409.
  RETURN_IF_ERROR(store_->CreateRun(
      run,
      Audit(run.created_at, actor, "evaluation_run.create", "evaluation_run", run.run_id,
            {{"scenario_name", run.scenario_name},
             {"status", std::string(RunStatusName(run.status))}}),
      [this, &run](storage::Transaction& tx) -> Status {
        Status held = datasets_.Hold(tx, run.dataset_id);
        if (held.code() == StatusCode::kNotFound) {
          return FailedPrecondition("dataset '" + run.dataset_id + "' of scenario '" +
                                    run.scenario_name + "' no longer exists");
        }
        return held;
      }));
  if (!inline_run) {
    std::lock_guard lock(mu_);
    ++wakeups_;
    cv_.notify_all();
  }
  return run;
}

void EvaluationService::Execute(EvalRun& run, int64_t requested_at) {
  const int64_t started = run.started_at.value_or(clock_.NowMillis());
  auto fail = [&run, this](const Status& s) {
    run.status = RunStatus::kFailed;
    run.failure_reason = s.message();
    run.finished_at = clock_.NowMillis();
  };
  auto scenario = store_->GetScenario(run.scenario_name);
  if (!scenario.ok()) return fail(scenario.status());
  run.scenario_revision = scenario->revision;
  // The dataset fixed when the run was created (runs stored before it was recorded: the
  // scenario's).
  const std::string dataset_id = run.dataset_id.empty() ? scenario->dataset_id : run.dataset_id;
  auto info = datasets_.Describe(dataset_id);
  if (!info.ok()) return fail(info.status());

  EvaluationData data;
  auto read = [&](const std::string& col) { return datasets_.ReadColumn(dataset_id, col); };
  auto label = read(scenario->label_column);
  if (!label.ok()) return fail(label.status());
  data.label = std::move(*label);
  Compliance compliance;
  std::unique_ptr<models::XgboostModel> model;
  if (run.model_name) {
    auto ref = ResolveModel(*run.model_name, *run.model_version, "model_name");
    if (!ref.ok()) return fail(ref.status());
    // Read once: the bytes whose digest is checked are the bytes loaded.
    auto bytes = ReadModelFile(*ref->file);
    if (!bytes.ok()) return fail(bytes.status());
    const std::string digest = Sha256Hex(*bytes);
    if (!ref->sha256.empty() && ref->sha256 != digest) {
      return fail(FailedPrecondition("model artifact sha256 " + digest +
                                     " does not match the registry's " + ref->sha256));
    }
    auto loaded = models::XgboostModel::LoadFromMemory(*bytes, {options_.xgboost_nthread});
    if (!loaded.ok()) return fail(loaded.status());
    model = std::move(*loaded);
    compliance.model_name = ref->model_name;
    compliance.model_version = ref->version;
    compliance.model_format = ref->format;
    compliance.model_sha256 = digest;
    for (const auto& f : scenario->feature_columns) {
      auto c = read(f);
      if (!c.ok()) return fail(c.status());
      data.features.push_back(std::move(*c));
    }
  } else {
    const auto& col = scenario->task_type == TaskType::kBinary ? scenario->score_column
                                                               : scenario->prediction_column;
    if (!col) return fail(InvalidArgument("the scenario has no prediction column"));
    auto c = read(*col);
    if (!c.ok()) return fail(c.status());
    data.prediction = std::move(*c);
  }
  if (scenario->slice_column) {
    auto c = read(*scenario->slice_column);
    if (!c.ok()) return fail(c.status());
    data.slice = std::move(*c);
  }
  auto report = Evaluate(*scenario, data, model.get(), options_.max_classes);
  if (!report.ok()) return fail(report.status());
  const int64_t excluded = report->compliance.n_rows_excluded;
  compliance.n_rows_excluded = excluded;
  compliance.dataset_id = info->id.empty() ? dataset_id : info->id;
  compliance.dataset_sha256 = info->sha256;
  compliance.scenario_revision = scenario->revision;
  compliance.evaluator_version = EvaluatorVersion();
  compliance.run_by = run.created_by;
  compliance.requested_at = requested_at;
  compliance.started_at = started;
  compliance.decision_threshold = scenario->decision_threshold;
  run.status = RunStatus::kCompleted;
  run.verdict = report->passed ? "pass" : "fail";
  run.n_rows = report->n_rows;
  if (report->passed && model && !scenario->thresholds.empty() && catalog_) {
    Status tick = catalog_->MarkEvaluationPassed(*run.model_name, *run.model_version,
                                                 run.created_by, run.run_id);
    compliance.evaluation_passed_ticked = tick.ok();
    if (!tick.ok()) {
      log::Error("evaluation run " + run.run_id +
                 ": cannot tick evaluation_passed: " + tick.ToString());
    }
  }
  run.finished_at = clock_.NowMillis();
  compliance.completed_at = *run.finished_at;
  report->compliance = compliance;
  run.report = std::move(*report);
}

Result<EvalRun> EvaluationService::GetRun(const std::string& run_id) {
  if (!IsUuid(run_id)) return NotFound("evaluation run '" + run_id + "' not found");
  return store_->GetRun(run_id);
}

Result<Page<EvalRun>> EvaluationService::ListRuns(const RunListRequest& request) {
  RunQuery q;
  ASSIGN_OR_RETURN(q.limit, PageLimit(request.limit));
  if (request.status) {
    q.status = ParseRunStatus(*request.status);
    if (!q.status) return FieldInvalid("status", "must be queued, running, completed or failed");
  }
  q.scenario_name = request.scenario_name;
  q.page_token = request.page_token;
  return store_->ListRuns(q);
}

Result<bool> EvaluationService::RunOnePendingJob() {
  ASSIGN_OR_RETURN(auto ids, store_->QueuedRunIds(8));
  for (const auto& id : ids) {
    const int64_t now = clock_.NowMillis();
    ASSIGN_OR_RETURN(bool claimed, store_->ClaimRun(id, instance_id_, now));
    if (!claimed) continue;
    ASSIGN_OR_RETURN(EvalRun run, store_->GetRun(id));
    run.status = RunStatus::kRunning;
    run.started_at = now;
    Execute(run, run.created_at);
    audit::Summary summary{{"status", std::string(RunStatusName(run.status))}};
    if (run.verdict) summary.emplace("verdict", *run.verdict);
    RETURN_IF_ERROR(
        store_->FinishRun(run, instance_id_,
                          Audit(clock_.NowMillis(), run.created_by, "evaluation_run.finish",
                                "evaluation_run", run.run_id, std::move(summary))));
    return true;
  }
  return false;
}

Result<int64_t> EvaluationService::RecoverStaleRuns() {
  const int64_t now = clock_.NowMillis();
  RETURN_IF_ERROR(store_->Heartbeat(instance_id_, now));
  return store_->FailStaleRuns(now - options_.stale_after_ms, kInterruptedReason, now);
}

void EvaluationService::Start() {
  std::lock_guard lock(mu_);
  if (started_) return;
  started_ = true;
  stopping_ = false;
  auto recovered = RecoverStaleRuns();
  if (!recovered.ok()) {
    log::Error("evaluation: stale run recovery failed: " + recovered.status().ToString());
  } else if (*recovered > 0) {
    log::Info("evaluation: marked " + std::to_string(*recovered) + " interrupted run(s) failed");
  }
  for (int i = 0; i < std::max(0, options_.workers); ++i) {
    threads_.emplace_back([this] { WorkerLoop(); });
  }
  threads_.emplace_back([this] { HeartbeatLoop(); });
}

void EvaluationService::Stop() {
  {
    std::lock_guard lock(mu_);
    if (!started_) return;
    stopping_ = true;
    cv_.notify_all();
  }
  for (auto& t : threads_) t.join();
  threads_.clear();
  std::lock_guard lock(mu_);
  started_ = false;
}

void EvaluationService::WorkerLoop() {
  while (true) {
    int64_t seen = 0;
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
      seen = wakeups_;
    }
    auto ran = Guarded("evaluation worker", [this] { return RunOnePendingJob(); });
    if (!ran.ok()) log::Error("evaluation worker: " + ran.status().ToString());
    if (ran.ok() && *ran) continue;
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::milliseconds(options_.poll_interval_ms),
                 [&] { return stopping_ || wakeups_ != seen; });
  }
}

void EvaluationService::HeartbeatLoop() {
  while (true) {
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(options_.heartbeat_interval_ms),
                   [&] { return stopping_; });
      if (stopping_) return;
    }
    auto r = Guarded("evaluation heartbeat", [this] { return RecoverStaleRuns(); });
    if (!r.ok()) log::Error("evaluation heartbeat: " + r.status().ToString());
  }
}

}  // namespace cairn::evaluation
