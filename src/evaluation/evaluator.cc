#include "evaluation/evaluator.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <string_view>
#include <unordered_set>

#include "stats/metrics/binary.h"
#include "stats/metrics/multiclass.h"
#include "stats/metrics/regression.h"

namespace cairn::evaluation {
namespace {

using datasets::ColumnData;
using datasets::ColumnType;

constexpr char kMissingSlice[] = "(missing)";
constexpr size_t kMaxSlices = 1000;

std::string FormatNumber(double x) {
  if (std::isfinite(x) && x == std::floor(x) && std::abs(x) < 1e15) {
    return std::to_string(static_cast<int64_t>(x));
  }
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return ec == std::errc() ? std::string(buf, p) : std::string("nan");
}

bool IsMissing(const ColumnData& c, size_t i) {
  return c.type == ColumnType::kString ? !c.strings[i].has_value() : std::isnan(c.numbers[i]);
}

std::string CellText(const ColumnData& c, size_t i) {
  if (c.type == ColumnType::kString) return *c.strings[i];
  if (c.type == ColumnType::kBool) return c.numbers[i] != 0 ? "true" : "false";
  return FormatNumber(c.numbers[i]);
}

Status ColumnError(const std::string& column, const std::string& message) {
  return InvalidArgument("column '" + column + "' " + message, {{column, message}});
}

// The evaluated rows, normalized per task.
struct Prepared {
  std::vector<int> labels01;           // binary
  std::vector<double> targets;         // regression
  std::vector<std::string> label_str;  // multiclass
  std::vector<double> scores;          // binary score / regression prediction
  std::vector<std::string> pred_str;   // multiclass
  std::vector<std::string> slice;      // per row, when slicing
  size_t size() const { return std::max({labels01.size(), targets.size(), label_str.size()}); }
};

struct Computed {
  std::map<std::string, std::optional<double>> values;
  std::vector<std::string> labels;
  std::vector<std::vector<int64_t>> confusion;
};

// Errors: InvalidArgument when labels and predictions together hold more than max_classes
// distinct values (stops counting at the first one over).
Status CheckClassCount(const Prepared& d, int64_t max_classes) {
  std::unordered_set<std::string_view> classes;
  const auto limit = static_cast<size_t>(std::max<int64_t>(max_classes, 1));
  classes.reserve(std::min(limit + 1, d.label_str.size() + d.pred_str.size()));
  for (const auto* column : {&d.label_str, &d.pred_str}) {
    for (const auto& v : *column) {
      if (classes.insert(v).second && classes.size() > limit) {
        return InvalidArgument(
            "multiclass evaluation has more than " + std::to_string(limit) +
                " distinct classes (labels and predictions together); the limit is " +
                std::to_string(limit) + " (evaluation_max_classes)",
            {{"label_column", "has more than " + std::to_string(limit) + " classes"}});
      }
    }
  }
  return Status::Ok();
}

Result<Computed> Compute(TaskType task, const Prepared& d, double threshold, int64_t max_classes) {
  Computed out;
  switch (task) {
    case TaskType::kBinary: {
      ASSIGN_OR_RETURN(auto m, stats::ComputeBinaryMetrics(d.labels01, d.scores, threshold));
      out.values = {
          {"accuracy", m.accuracy}, {"precision", m.precision}, {"recall", m.recall}, {"f1", m.f1},
          {"roc_auc", m.roc_auc},   {"log_loss", m.log_loss},   {"brier", m.brier}};
      out.labels = {"0", "1"};
      out.confusion = {{m.confusion[0][0], m.confusion[0][1]},
                       {m.confusion[1][0], m.confusion[1][1]}};
      break;
    }
    case TaskType::kMulticlass: {
      RETURN_IF_ERROR(CheckClassCount(d, max_classes));
      ASSIGN_OR_RETURN(auto m,
                       stats::ComputeMulticlassMetrics(std::span<const std::string>(d.label_str),
                                                       std::span<const std::string>(d.pred_str)));
      out.values = {{"accuracy", m.accuracy},
                    {"precision_macro", m.precision_macro},
                    {"recall_macro", m.recall_macro},
                    {"f1_macro", m.f1_macro},
                    {"f1_weighted", m.f1_weighted}};
      out.labels = m.classes;
      out.confusion = m.confusion;
      break;
    }
    case TaskType::kRegression: {
      ASSIGN_OR_RETURN(auto m, stats::ComputeRegressionMetrics(d.targets, d.scores));
      out.values = {{"rmse", m.rmse}, {"mae", m.mae}, {"r2", m.r2}, {"mape", m.mape}};
      break;
    }
  }
  return out;
}

MetricValues Select(const Computed& c, const std::vector<std::string>& keys) {
  MetricValues out;
  for (const auto& k : keys) {
    auto it = c.values.find(k);
    out.emplace_back(k, it == c.values.end() ? std::nullopt : it->second);
  }
  return out;
}

bool Compare(double actual, const std::string& op, double value) {
  if (op == ">=") return actual >= value;
  if (op == ">") return actual > value;
  if (op == "<=") return actual <= value;
  if (op == "<") return actual < value;
  return actual == value;
}

// Appends row i of the task's target to `d`. Errors: binary label not 0/1.
Status AddLabel(TaskType task, const Scenario& s, const ColumnData& label, size_t i, Prepared& d) {
  switch (task) {
    case TaskType::kBinary: {
      const double v = label.numbers[i];
      if (v != 0.0 && v != 1.0) {
        return ColumnError(s.label_column, "has value " + FormatNumber(v) + " at row " +
                                               std::to_string(i + 1) +
                                               "; binary labels must be 0 or 1");
      }
      d.labels01.push_back(static_cast<int>(v));
      return Status::Ok();
    }
    case TaskType::kMulticlass:
      d.label_str.push_back(CellText(label, i));
      return Status::Ok();
    case TaskType::kRegression:
      d.targets.push_back(label.numbers[i]);
      return Status::Ok();
  }
  return Status::Ok();
}

Status CheckTypes(const Scenario& s, const EvaluationData& data) {
  const bool needs_numeric_label = s.task_type != TaskType::kMulticlass;
  if (needs_numeric_label && !IsNumeric(data.label.type)) {
    return ColumnError(s.label_column,
                       std::string("must be numeric, not ") + ColumnTypeName(data.label.type));
  }
  if (data.prediction && s.task_type != TaskType::kMulticlass &&
      !IsNumeric(data.prediction->type)) {
    return ColumnError(data.prediction->name, std::string("must be numeric, not ") +
                                                  ColumnTypeName(data.prediction->type));
  }
  for (const auto& f : data.features) {
    if (!IsNumeric(f.type)) {
      return ColumnError(
          f.name, std::string("feature columns must be numeric, not ") + ColumnTypeName(f.type));
    }
  }
  const size_t n = data.label.size();
  auto same = [n](const ColumnData& c) { return c.size() == n; };
  if ((data.prediction && !same(*data.prediction)) || (data.slice && !same(*data.slice)) ||
      !std::all_of(data.features.begin(), data.features.end(), same)) {
    return InvalidArgument("dataset columns have different lengths");
  }
  return Status::Ok();
}

// Turns model outputs (outputs_per_row values per row) into the task's predictions.
Status AddModelPredictions(TaskType task, const std::vector<float>& out, int64_t per_row,
                           Prepared& d) {
  const size_t rows = per_row > 0 ? out.size() / static_cast<size_t>(per_row) : 0;
  if (task != TaskType::kMulticlass && per_row != 1) {
    return InvalidArgument("the model returns " + std::to_string(per_row) + " outputs per row; a " +
                           TaskTypeName(task) + " scenario needs exactly 1");
  }
  d.scores.clear();
  d.pred_str.clear();
  for (size_t i = 0; i < rows; ++i) {
    if (task != TaskType::kMulticlass) {
      d.scores.push_back(static_cast<double>(out[i]));
    } else if (per_row == 1) {
      d.pred_str.push_back(FormatNumber(out[i]));
    } else {
      const float* row = out.data() + i * per_row;
      d.pred_str.push_back(std::to_string(std::max_element(row, row + per_row) - row));
    }
  }
  return Status::Ok();
}

std::optional<double> Primary(TaskType task, const Prepared& d, double threshold,
                              int64_t max_classes) {
  auto c = Compute(task, d, threshold, max_classes);
  if (!c.ok()) return std::nullopt;
  return c->values[PrimaryMetric(task)];
}

Status Importance(const Scenario& s, const std::vector<float>& matrix, int64_t rows, int64_t cols,
                  models::XgboostModel& model, Prepared& d, std::optional<double> base,
                  int64_t max_classes, Report& report) {
  report.has_importance = true;
  report.importance_metric = PrimaryMetric(s.task_type);
  report.importance_repeats = s.importance_repeats;
  report.importance_seed = s.importance_seed;
  std::vector<float> work = matrix;
  std::vector<size_t> perm(static_cast<size_t>(rows));
  for (int64_t j = 0; j < cols; ++j) {
    std::mt19937_64 rng(static_cast<uint64_t>(s.importance_seed + j));
    std::vector<double> drops;
    for (int k = 0; k < s.importance_repeats; ++k) {
      for (size_t i = 0; i < perm.size(); ++i) perm[i] = i;
      for (size_t i = perm.size(); i > 1; --i) {
        std::swap(perm[i - 1], perm[static_cast<size_t>(rng() % i)]);
      }
      for (int64_t i = 0; i < rows; ++i) {
        work[i * cols + j] = matrix[static_cast<int64_t>(perm[i]) * cols + j];
      }
      ASSIGN_OR_RETURN(auto out, model.Predict(work, rows, cols));
      RETURN_IF_ERROR(AddModelPredictions(s.task_type, out, model.outputs_per_row(), d));
      auto after = Primary(s.task_type, d, s.decision_threshold, max_classes);
      drops.push_back(base && after ? *base - *after : 0.0);
    }
    for (int64_t i = 0; i < rows; ++i) work[i * cols + j] = matrix[i * cols + j];
    double mean = 0.0;
    for (double x : drops) mean += x;
    mean /= static_cast<double>(drops.size());
    double var = 0.0;
    for (double x : drops) var += (x - mean) * (x - mean);
    var /= static_cast<double>(drops.size());
    report.importance.emplace_back(s.feature_columns[j], mean);
    report.importance_std.emplace_back(s.feature_columns[j], std::sqrt(var));
  }
  return Status::Ok();
}

}  // namespace

bool IsNumeric(ColumnType t) {
  return t == ColumnType::kInt64 || t == ColumnType::kFloat64 || t == ColumnType::kBool;
}

const char* ColumnTypeName(ColumnType t) {
  switch (t) {
    case ColumnType::kInt64:
      return "int64";
    case ColumnType::kFloat64:
      return "float64";
    case ColumnType::kBool:
      return "bool";
    case ColumnType::kTimestamp:
      return "timestamp";
    case ColumnType::kString:
      return "string";
  }
  return "string";
}

Result<Report> Evaluate(const Scenario& s, const EvaluationData& data, models::XgboostModel* model,
                        int64_t max_classes) {
  if (!model && !data.prediction) {
    return InvalidArgument("the scenario has neither a prediction column nor a model");
  }
  RETURN_IF_ERROR(CheckTypes(s, data));
  const TaskType task = s.task_type;
  const size_t n = data.label.size();
  Report report;
  Prepared d;
  std::vector<size_t> kept;
  kept.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (IsMissing(data.label, i)) continue;
    if (data.prediction && !model && IsMissing(*data.prediction, i)) continue;
    RETURN_IF_ERROR(AddLabel(task, s, data.label, i, d));
    kept.push_back(i);
  }
  report.compliance.n_rows_excluded = static_cast<int64_t>(n - kept.size());
  if (kept.empty()) {
    return ColumnError(s.label_column, "has no row with both a label and a prediction");
  }

  std::vector<float> matrix;
  const int64_t rows = static_cast<int64_t>(kept.size());
  const int64_t cols = static_cast<int64_t>(data.features.size());
  if (model) {
    if (cols == 0) return InvalidArgument("a model needs feature_columns");
    matrix.resize(static_cast<size_t>(rows * cols));
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t j = 0; j < cols; ++j) {
        matrix[r * cols + j] = static_cast<float>(data.features[j].numbers[kept[r]]);
      }
    }
    ASSIGN_OR_RETURN(auto out, model->Predict(matrix, rows, cols));
    RETURN_IF_ERROR(AddModelPredictions(task, out, model->outputs_per_row(), d));
  } else {
    for (size_t i : kept) {
      if (task == TaskType::kMulticlass) {
        d.pred_str.push_back(CellText(*data.prediction, i));
      } else {
        d.scores.push_back(data.prediction->numbers[i]);
      }
    }
  }

  const std::vector<std::string>& keys = s.metrics.empty() ? TaskMetrics(task) : s.metrics;
  ASSIGN_OR_RETURN(Computed all, Compute(task, d, s.decision_threshold, max_classes));
  report.n_rows = rows;
  report.metrics = Select(all, keys);
  if (task != TaskType::kRegression) {
    report.has_confusion = true;
    report.numeric_confusion_labels = task == TaskType::kBinary;
    report.confusion_labels = all.labels;
    report.confusion = all.confusion;
  }
  report.passed = true;
  for (const auto& [metric, t] : s.thresholds) {
    ThresholdResult r{metric, t.op, t.value, all.values[metric], false};
    r.passed = r.actual.has_value() && Compare(*r.actual, t.op, t.value);
    report.passed = report.passed && r.passed;
    report.thresholds.push_back(std::move(r));
  }

  if (data.slice) {
    report.slice_column = data.slice->name;
    std::map<std::string, std::vector<size_t>> groups;  // slice value -> positions in d
    for (size_t r = 0; r < kept.size(); ++r) {
      const size_t i = kept[r];
      groups[IsMissing(*data.slice, i) ? kMissingSlice : CellText(*data.slice, i)].push_back(r);
      if (groups.size() > kMaxSlices) {
        return ColumnError(data.slice->name, "has more than " + std::to_string(kMaxSlices) +
                                                 " distinct values; choose a coarser slice column");
      }
    }
    for (const auto& [value, idx] : groups) {
      Prepared g;
      for (size_t r : idx) {
        switch (task) {
          case TaskType::kBinary:
            g.labels01.push_back(d.labels01[r]);
            g.scores.push_back(d.scores[r]);
            break;
          case TaskType::kMulticlass:
            g.label_str.push_back(d.label_str[r]);
            g.pred_str.push_back(d.pred_str[r]);
            break;
          case TaskType::kRegression:
            g.targets.push_back(d.targets[r]);
            g.scores.push_back(d.scores[r]);
            break;
        }
      }
      ASSIGN_OR_RETURN(Computed c, Compute(task, g, s.decision_threshold, max_classes));
      report.slices[value] = SliceResult{static_cast<int64_t>(idx.size()), Select(c, keys)};
    }
    for (const auto& key : keys) {
      std::optional<SliceGap> gap;
      for (const auto& [value, slice] : report.slices) {
        for (const auto& [k, v] : slice.metrics) {
          if (k != key || !v) continue;
          if (!gap) gap = SliceGap{0.0, value, *v, value, *v};
          if (*v > gap->max) gap->max = *v, gap->max_slice = value;
          if (*v < gap->min) gap->min = *v, gap->min_slice = value;
        }
      }
      if (gap) {
        gap->gap = gap->max - gap->min;
        report.worst_slice_gap[key] = *gap;
      }
    }
  }

  if (model && s.importance_repeats > 0) {
    auto base = all.values[PrimaryMetric(task)];
    RETURN_IF_ERROR(Importance(s, matrix, rows, cols, *model, d, base, max_classes, report));
  }
  return report;
}

}  // namespace cairn::evaluation
