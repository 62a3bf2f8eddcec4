// cairn drift events|compute
#include <algorithm>
#include <filesystem>

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/fields.h"
#include "cli/listing.h"
#include "cli/text.h"
#include "common/ids.h"

namespace cairn::cli {
namespace {

namespace fs = std::filesystem;

std::vector<double> Counts(const bj::value* h, std::string_view key) {
  std::vector<double> out;
  const bj::value* c = h ? Field(*h, key) : nullptr;
  if (c && c->is_array()) {
    for (const auto& x : c->get_array()) out.push_back(x.is_number() ? x.to_number<double>() : 0);
  }
  return out;
}

// Counts as shares of their total, so samples of different sizes compare.
std::vector<double> Shares(std::vector<double> v) {
  double total = 0;
  for (double x : v) total += x;
  if (total > 0) {
    for (double& x : v) x /= total;
  }
  return v;
}

void RenderReport(Output& out, const bj::value& r) {
  Table t({{"COLUMN"},
           {"TYPE"},
           {"N REF", true},
           {"N CUR", true},
           {"TEST"},
           {"STATISTIC", true},
           {"P-VALUE", true},
           {"PSI", true},
           {"JS", true},
           {"WASSERSTEIN", true},
           {"SEVERITY"},
           {"DRIFTED"},
           {"REFERENCE", false, false},
           {"CURRENT", false, false}});
  if (const bj::value* cols = Field(r, "columns"); cols && cols->is_object()) {
    for (const auto& kv : cols->get_object()) {
      const bj::value& c = kv.value();
      bool categorical = Text(c, "type") == "categorical";
      const bj::value* test = Field(c, categorical ? "chi2" : "ks");
      const bj::value* h = Field(c, "histogram");
      std::vector<double> ref = Shares(Counts(h, "reference"));
      std::vector<double> cur = Shares(Counts(h, "current"));
      // One scale for both, so the two lines compare bar by bar.
      double max = 0;
      for (double x : ref) max = std::max(max, x);
      for (double x : cur) max = std::max(max, x);
      bool drifted = Text(c, "drifted") == "true";
      t.Add({std::string(kv.key()), Text(c, "type"), Text(c, "n_reference"), Text(c, "n_current"),
             categorical ? "chi2" : "ks", test ? Text(*test, "statistic") : "-",
             test ? Text(*test, "p_value") : "-", Text(c, "psi"), Text(c, "js"),
             Text(c, "wasserstein"), StatusCell(c, "severity"),
             Cell(drifted ? "yes" : "no", drifted ? Style::kRed : Style::kGreen),
             Cell(Sparkline(ref, max), Style::kDim), Cell(Sparkline(cur, max), Style::kCyan)});
    }
  }
  out.PrintTable(t);
  bool dataset_drift = Text(r, "dataset_drift") == "true";
  out.out() << "\n";
  out.PrintFields({{"drift share", Text(r, "drift_share")},
                   {"dataset drift", Cell(dataset_drift ? "yes" : "no",
                                          dataset_drift ? Style::kRed : Style::kGreen)}});
  if (const bj::value* ev = Field(r, "events"); ev && ev->is_array() && !ev->get_array().empty()) {
    out.PrintFields({{"events recorded", ValueText(ev)}});
  }
}

// A dataset id as is; a local CSV file is uploaded first (its name is the file's stem).
Result<std::string> DatasetFor(Invocation& inv, Api& api, const std::string& arg) {
  std::error_code ec;
  if (fs::is_regular_file(arg, ec)) {
    auto reply = UploadCsvDataset(inv.ctx(), api, arg, fs::path(arg).stem().string(),
                                  "uploaded by `cairn drift compute`");
    if (!reply.ok()) return reply.status();
    std::string id = StringField(reply->json, "id");
    if (inv.ctx().out().for_people()) {
      inv.ctx().out().Hint("uploaded " + arg + " as dataset " + id);
    }
    return id;
  }
  if (IsUuid(arg)) return arg;
  return InvalidArgument("'" + arg + "' is neither a CSV file nor a dataset id");
}

int Compute(Invocation& inv) {
  auto model_version = inv.int_flag("model-version");
  if (!model_version.ok()) return inv.UsageError(model_version.status().message());
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  auto ref = DatasetFor(inv, **conn, inv.arg(0));
  if (!ref.ok()) return inv.ctx().Fail(ref.status());
  auto cur = DatasetFor(inv, **conn, inv.arg(1));
  if (!cur.ok()) return inv.ctx().Fail(cur.status());
  bj::object body;
  body["reference_dataset_id"] = *ref;
  body["current_dataset_id"] = *cur;
  if (auto cols = inv.all("column"); !cols.empty()) {
    bj::array a;
    for (const auto& c : cols) a.emplace_back(c);
    body["columns"] = a;
  }
  if (auto m = inv.flag("model")) body["model_name"] = *m;
  if (*model_version) body["model_version"] = **model_version;
  if (auto d = inv.flag("deployment")) body["deployment_id"] = *d;
  return inv.ctx().Show((*conn)->Post(std::string(kLifecycle) + "/drift/compute", body),
                        [&](const bj::value& r) { RenderReport(inv.ctx().out(), r); });
}

int Events(Invocation& inv) {
  Query q;
  q.Add("model_name", inv.flag("model"))
      .Add("severity", inv.flag("severity"))
      .Add("since", inv.flag("since"));
  return ListPages(inv, std::string(kLifecycle) + "/drift-events", q, [&](const bj::array& items) {
    Table t({{"ID", false, false},
             {"MODEL"},
             {"VERSION", true},
             {"FEATURE"},
             {"METHOD"},
             {"SCORE", true},
             {"P-VALUE", true},
             {"SEVERITY"},
             {"DETECTED"}});
    for (const auto& e : items) {
      t.Add({Text(e, "id"), Text(e, "model_name"), Text(e, "model_version"), Text(e, "feature"),
             Text(e, "method"), Text(e, "score"), Text(e, "p_value"), StatusCell(e, "severity"),
             TimeText(e, "detected_at")});
    }
    inv.ctx().out().PrintTable(t);
  });
}

}  // namespace

Command DriftCommand() {
  Command c{.name = "drift", .summary = "Drift: compute it between samples, list drift events"};
  c.children.push_back(
      {.name = "events",
       .summary = "List drift events, newest first",
       .flags = WithPageFlags({{"model", "NAME", "Only this model's"},
                               {"severity", "LEVEL", "low|medium|high|critical"},
                               {"since", "TIME", "RFC 3339; detected at or after"}}),
       .examples = {"cairn drift events --model churn-xgb --severity high"},
       .run = Events});
  c.children.push_back(
      {.name = "compute",
       .summary = "Per-column drift between a reference and a current sample",
       .details =
           "REF and CUR are dataset ids or local CSV files (uploaded first). Numeric\n"
           "columns get KS, PSI, Jensen-Shannon and Wasserstein; categorical ones chi-square,\n"
           "PSI and JS. The histograms show each sample's share per bin on one scale.",
       .positionals = {{"REF", "Reference dataset id or CSV file"},
                       {"CUR", "Current dataset id or CSV file"}},
       .flags = {{"column", "NAME", "Only these columns (default: all shared columns)", true},
                 {"model", "NAME", "Record drifted columns as events of this model"},
                 {"model-version", "N", "Model version for the events"},
                 {"deployment", "ID", "Deployment for the events"}},
       .examples = {"cairn drift compute train.csv today.csv",
                    "cairn drift compute REF_ID CUR_ID --column price --model churn-xgb"},
       .run = Compute});
  return c;
}

}  // namespace cairn::cli
