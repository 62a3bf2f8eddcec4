// Test doubles for the evaluation domain: an in-memory DatasetReader fed from CSV files (the
// shared oracle vectors) and a ModelCatalog that records checklist ticks. Thread-safe.
#pragma once

#include <fcntl.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "datasets/dataset_reader.h"
#include "evaluation/model_catalog.h"
#include "stats/testing/csv.h"

namespace cairn::evaluation::testing {

class InMemoryDatasets : public datasets::DatasetReader {
 public:
  // Loads `path` as dataset `id` with the SPEC §3 inference (int64, float64, string).
  Status AddCsvFile(const std::string& id, const std::string& path, int64_t fake_rows = -1) {
    auto t = stats::testing::ReadCsvFile(path);
    if (!t.ok()) return t.status();
    return AddTable(id, *t, fake_rows);
  }
  Status AddCsvText(const std::string& id, const std::string& text) {
    auto t = stats::testing::ParseCsv(text);
    if (!t.ok()) return t.status();
    return AddTable(id, *t, -1);
  }
  Result<datasets::DatasetInfo> Describe(const std::string& id) override {
    std::lock_guard lock(mu_);
    auto it = sets_.find(id);
    if (it == sets_.end()) return NotFound("dataset '" + id + "' not found");
    return it->second.info;
  }
  Result<datasets::ColumnData> ReadColumn(const std::string& id,
                                          const std::string& column) override {
    std::lock_guard lock(mu_);
    auto it = sets_.find(id);
    if (it == sets_.end()) return NotFound("dataset '" + id + "' not found");
    auto c = it->second.columns.find(column);
    if (c == it->second.columns.end()) return NotFound("column '" + column + "' not found");
    return c->second;
  }

 private:
  struct Set {
    datasets::DatasetInfo info;
    std::map<std::string, datasets::ColumnData> columns;
  };
  static bool ParseNumber(const std::string& s, double& out, bool& integer) {
    const char* b = s.c_str();
    char* end = nullptr;
    out = std::strtod(b, &end);
    if (end != b + s.size() || s.empty()) return false;
    int64_t i = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
    integer = ec == std::errc() && p == s.data() + s.size();
    return true;
  }
  Status AddTable(const std::string& id, const stats::testing::CsvTable& t, int64_t fake_rows) {
    Set set;
    set.info.id = id;
    set.info.name = id;
    set.info.row_count = fake_rows >= 0 ? fake_rows : static_cast<int64_t>(t.rows.size());
    set.info.sha256 = "sha-" + id;
    for (size_t j = 0; j < t.header.size(); ++j) {
      datasets::ColumnData c;
      c.name = t.header[j];
      bool all_int = true, all_num = true;
      for (const auto& row : t.rows) {
        if (row[j].empty()) continue;
        double d = 0;
        bool integer = false;
        if (!ParseNumber(row[j], d, integer)) all_num = all_int = false;
        if (!integer) all_int = false;
      }
      c.type = all_int   ? datasets::ColumnType::kInt64
               : all_num ? datasets::ColumnType::kFloat64
                         : datasets::ColumnType::kString;
      for (const auto& row : t.rows) {
        if (c.type == datasets::ColumnType::kString) {
          if (row[j].empty()) {
            c.strings.emplace_back();
            ++c.missing;
          } else {
            c.strings.emplace_back(row[j]);
          }
        } else {
          double d = std::nan("");
          bool integer = false;
          if (!row[j].empty())
            ParseNumber(row[j], d, integer);
          else
            ++c.missing;
          c.numbers.push_back(d);
        }
      }
      set.info.columns.emplace_back(c.name, c.type);
      set.columns.emplace(c.name, std::move(c));
    }
    std::lock_guard lock(mu_);
    sets_[id] = std::move(set);
    return Status::Ok();
  }

  std::mutex mu_;
  std::map<std::string, Set> sets_;
};

// A test file opened for a ModelRef (null when it cannot be opened).
inline std::shared_ptr<const files::UniqueFd> OpenModelFile(const std::string& path) {
  files::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.Valid()) return nullptr;
  return std::make_shared<const files::UniqueFd>(std::move(fd));
}

class FakeModelCatalog : public ModelCatalog {
 public:
  struct Tick {
    std::string model_name;
    int64_t version;
    std::string actor;
    std::string run_id;
  };
  void Add(ModelRef m) {
    std::lock_guard lock(mu_);
    models_[{m.model_name, m.version}] = std::move(m);
  }
  Result<ModelRef> GetModel(const std::string& name, int64_t version) override {
    std::lock_guard lock(mu_);
    auto it = models_.find({name, version});
    if (it == models_.end()) return NotFound("model version not found");
    return it->second;
  }
  Status MarkEvaluationPassed(const std::string& name, int64_t version, const std::string& actor,
                              const std::string& run_id) override {
    std::lock_guard lock(mu_);
    if (!models_.count({name, version})) return NotFound("model version not found");
    ticks_.push_back({name, version, actor, run_id});
    return Status::Ok();
  }
  std::vector<Tick> ticks() {
    std::lock_guard lock(mu_);
    return ticks_;
  }

 private:
  std::mutex mu_;
  std::map<std::pair<std::string, int64_t>, ModelRef> models_;
  std::vector<Tick> ticks_;
};

}  // namespace cairn::evaluation::testing
