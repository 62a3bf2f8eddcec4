// cairn models ls|show|register|upload|tick|promote|compare
#include <filesystem>

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/fields.h"
#include "cli/listing.h"
#include "cli/text.h"

namespace cairn::cli {
namespace {

namespace fs = std::filesystem;

std::string ModelsPath() { return std::string(kLifecycle) + "/models"; }
std::string ModelPath(const std::string& name) {
  return ModelsPath() + "/" + http::PercentEncode(name);
}
std::string VersionPath(const std::string& name, const std::string& version) {
  return ModelPath(name) + "/" + http::PercentEncode(version);
}

std::string ChecklistSummary(const bj::value& v) {
  const bj::value* c = Field(v, "checklist");
  if (!c || !c->is_array()) return "-";
  int done = 0, total = 0;
  for (const auto& item : c->get_array()) {
    ++total;
    if (Text(item, "done") == "true") ++done;
  }
  return std::to_string(done) + "/" + std::to_string(total);
}

std::string ArtifactSummary(const bj::value& v) {
  const bj::value* a = Field(v, "artifact");
  if (!a || !a->is_object()) return "-";
  auto size = IntField(*a, "size_bytes");
  return Text(*a, "format") + (size ? " " + FormatBytes(static_cast<uint64_t>(*size)) : "");
}

void RenderVersions(Output& out, const bj::array& items) {
  Table t({{"MODEL"},
           {"VERSION", true},
           {"STAGE"},
           {"CHECKLIST"},
           {"ARTIFACT"},
           {"RUN", false, false},
           {"CREATED"},
           {"BY"}});
  for (const auto& v : items) {
    t.Add({Text(v, "model_name"), Text(v, "version"), StatusCell(v, "stage"), ChecklistSummary(v),
           ArtifactSummary(v), Text(v, "run_id"), TimeText(v, "created_at"),
           Text(v, "created_by")});
  }
  out.PrintTable(t);
}

void RenderVersion(Output& out, const bj::value& v) {
  out.PrintFields({{"model", Text(v, "model_name")},
                   {"version", Text(v, "version")},
                   {"stage", StatusCell(v, "stage")},
                   {"description", Text(v, "description")},
                   {"run", Text(v, "run_id")},
                   {"metrics", MapText(v, "metrics")},
                   {"params", MapText(v, "params")},
                   {"tags", MapText(v, "tags")},
                   {"artifact", ArtifactSummary(v)},
                   {"created", TimeText(v, "created_at") + " by " + Text(v, "created_by")},
                   {"updated", TimeText(v, "updated_at") + " by " + Text(v, "updated_by")},
                   {"revision", Text(v, "revision")}});
  if (const bj::value* a = Field(v, "artifact"); a && a->is_object()) {
    out.PrintFields({{"sha256", Text(*a, "sha256")}});
  }
  const bj::value* c = Field(v, "checklist");
  if (!c || !c->is_array() || c->get_array().empty()) return;
  out.Heading("Checklist " + ChecklistSummary(v));
  Table t({{"ITEM"}, {"DONE"}, {"REQUIRED"}, {"BY"}, {"AT"}, {"NOTE"}, {"DESCRIPTION"}});
  for (const auto& item : c->get_array()) {
    bool done = Text(item, "done") == "true";
    t.Add({Text(item, "key"), Cell(done ? "yes" : "no", done ? Style::kGreen : Style::kYellow),
           Text(item, "required") == "true" ? "required" : "optional", Text(item, "done_by"),
           TimeText(item, "done_at"), Text(item, "note"), Text(item, "description")});
  }
  out.PrintTable(t);
}

int List(Invocation& inv) {
  Query q;
  q.Add("model_name", inv.flag("model")).Add("stage", inv.flag("stage"));
  return ListPages(inv, ModelsPath(), q,
                   [&](const bj::array& items) { RenderVersions(inv.ctx().out(), items); });
}

int Show(Invocation& inv) {
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  if (!inv.arg(1).empty()) {
    return inv.ctx().Show((*conn)->Get(VersionPath(inv.arg(0), inv.arg(1))),
                          [&](const bj::value& v) { RenderVersion(inv.ctx().out(), v); });
  }
  return inv.ctx().Show((*conn)->Get(ModelPath(inv.arg(0))), [&](const bj::value& m) {
    Output& out = inv.ctx().out();
    out.PrintFields({{"model", Text(m, "model_name")},
                     {"latest version", Text(m, "latest_version")},
                     {"production", Text(m, "production_version")},
                     {"created", TimeText(m, "created_at")},
                     {"updated", TimeText(m, "updated_at")}});
    if (const bj::value* vs = Field(m, "versions"); vs && vs->is_array()) {
      out.Heading("Versions");
      RenderVersions(out, vs->get_array());
    }
  });
}

// Uploads a model file to a version and prints the version.
Result<Reply> UploadArtifact(Invocation& inv, Api& api, const std::string& name,
                             const std::string& version, const std::string& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return InvalidArgument("no such file: " + file);
  Query q;
  q.Add("format", inv.flag("format")).Add("filename", inv.flag("filename"));
  auto bar = inv.ctx().Progress(fs::path(file).filename().string());
  auto reply =
      api.Upload("PUT", VersionPath(name, version) + "/artifact" + q.str(), file,
                 "application/octet-stream", [&](uint64_t d, uint64_t t) { bar->Update(d, t); });
  bar->Finish();
  return reply;
}

int Register(Invocation& inv) {
  auto tags = inv.pairs("tag");
  if (!tags.ok()) return inv.UsageError(tags.status().message());
  auto params = inv.pairs("param");
  if (!params.ok()) return inv.UsageError(params.status().message());
  auto metrics = inv.pairs("metric");
  if (!metrics.ok()) return inv.UsageError(metrics.status().message());
  bj::object body;
  body["model_name"] = inv.arg(0);
  if (auto r = inv.flag("run")) body["run_id"] = *r;
  if (auto d = inv.flag("description")) body["description"] = *d;
  if (!tags->empty()) body["tags"] = ToObject(*tags);
  if (!params->empty()) body["params"] = ToObject(*params);
  if (!metrics->empty()) {
    bj::object m;
    for (const auto& [k, v] : *metrics) {
      bj::value n = GuessJson(v);
      if (!n.is_number()) return inv.UsageError("--metric " + k + ": '" + v + "' is not a number");
      m[k] = n;
    }
    body["metrics"] = m;
  }
  std::optional<std::string> artifact = inv.flag("artifact");
  if (artifact && !fs::is_regular_file(*artifact)) {
    return inv.UsageError("no such file: " + *artifact);
  }
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  auto reply = (*conn)->Post(ModelsPath(), body);
  if (!reply.ok()) return inv.ctx().Fail(reply.status());
  if (artifact) {
    std::string version = Text(reply->json, "version");
    auto uploaded = UploadArtifact(inv, **conn, inv.arg(0), version, *artifact);
    if (!uploaded.ok()) {
      inv.ctx().out().Hint("version " + version + " was registered, but its artifact upload " +
                           "failed; retry with `cairn models upload " + inv.arg(0) + " " + version +
                           " FILE`");
      return inv.ctx().Fail(uploaded.status());
    }
    reply = std::move(uploaded);
  }
  return inv.ctx().Print(*reply, [&](const bj::value& v) { RenderVersion(inv.ctx().out(), v); });
}

int Upload(Invocation& inv) {
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  auto reply = UploadArtifact(inv, **conn, inv.arg(0), inv.arg(1), inv.arg(2));
  return inv.ctx().Show(reply, [&](const bj::value& v) { RenderVersion(inv.ctx().out(), v); });
}

int Tick(Invocation& inv) {
  std::vector<std::string> items(inv.args().begin() + 2, inv.args().end());
  bj::array checklist;
  for (const auto& key : items) {
    bj::object item;
    item["key"] = key;
    item["done"] = !inv.has("undo");
    if (auto note = inv.flag("note")) item["note"] = *note;
    checklist.push_back(std::move(item));
  }
  bj::object body;
  body["checklist"] = checklist;
  auto if_match = inv.int_flag("if-match");
  if (!if_match.ok()) return inv.UsageError(if_match.status().message());
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  return inv.ctx().Show((*conn)->Patch(VersionPath(inv.arg(0), inv.arg(1)), body, *if_match),
                        [&](const bj::value& v) { RenderVersion(inv.ctx().out(), v); });
}

int Promote(Invocation& inv) {
  std::string stage = inv.flag("stage").value_or("production");
  bj::object body;
  body["stage"] = stage;
  auto if_match = inv.int_flag("if-match");
  if (!if_match.ok()) return inv.UsageError(if_match.status().message());
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  return inv.ctx().Show((*conn)->Patch(VersionPath(inv.arg(0), inv.arg(1)), body, *if_match),
                        [&](const bj::value& v) {
                          inv.ctx().out().out()
                              << inv.arg(0) << " version " << Text(v, "version") << " is now "
                              << inv.ctx().out().Paint(Text(v, "stage"), StyleFor(Text(v, "stage")))
                              << "\n";
                        });
}

int Compare(Invocation& inv) {
  bj::array versions;
  for (size_t i = 1; i < inv.args().size(); ++i) {
    bj::value n = GuessJson(inv.arg(i));
    if (!n.is_int64()) return inv.UsageError("version '" + inv.arg(i) + "' is not an integer");
    versions.push_back(n);
  }
  bj::object body;
  body["versions"] = versions;
  if (auto m = inv.all("metric"); !m.empty()) {
    bj::array a;
    for (const auto& k : m) a.emplace_back(k);
    body["metrics"] = a;
  }
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  return inv.ctx().Show(
      (*conn)->Post(ModelPath(inv.arg(0)) + "/compare", body), [&](const bj::value& c) {
        Output& out = inv.ctx().out();
        std::vector<std::string> vs;
        if (const bj::value* a = Field(c, "versions"); a && a->is_array()) {
          for (const auto& v : a->get_array()) vs.push_back(ValueText(&v));
        }
        std::vector<Table::Column> cols = {{"METRIC"}};
        for (const auto& v : vs) cols.push_back({"v" + v, true});
        cols.push_back({"BEST", true});
        cols.push_back({"DIRECTION"});
        Table t(cols);
        if (const bj::value* ms = Field(c, "metrics"); ms && ms->is_object()) {
          for (const auto& kv : ms->get_object()) {
            const bj::value& m = kv.value();
            std::string best = Text(m, "best_version");
            std::vector<Cell> row = {std::string(kv.key())};
            const bj::value* values = Field(m, "values");
            const bj::value* deltas = Field(m, "deltas");
            for (size_t i = 0; i < vs.size(); ++i) {
              std::string cell = values ? ValueText(Field(*values, vs[i])) : "-";
              if (i > 0 && deltas) {
                const bj::value* d = Field(*deltas, vs[i]);
                if (d && d->is_number()) {
                  double dv = d->to_number<double>();
                  cell += " (" + std::string(dv >= 0 ? "+" : "") + FormatNumber(dv) + ")";
                }
              }
              row.emplace_back(cell, vs[i] == best ? Style::kGreen : Style::kPlain);
            }
            row.emplace_back(best == "-" ? "-" : "v" + best);
            row.emplace_back(Text(m, "higher_is_better") == "true" ? "higher is better"
                                                                   : "lower is better");
            t.Add(std::move(row));
          }
        }
        out.PrintTable(t);
        if (const bj::value* pd = Field(c, "params_diff");
            pd && pd->is_object() && !pd->get_object().empty()) {
          out.Heading("Params that differ");
          std::vector<Table::Column> pcols = {{"PARAM"}};
          for (const auto& v : vs) pcols.push_back({"v" + v});
          Table p(pcols);
          for (const auto& kv : pd->get_object()) {
            std::vector<Cell> row = {std::string(kv.key())};
            for (const auto& v : vs) row.emplace_back(ValueText(Field(kv.value(), v)));
            p.Add(std::move(row));
          }
          out.PrintTable(p);
        }
      });
}

Flag IfMatchFlag() {
  return {"if-match", "REVISION", "Refuse (exit 4) unless the revision is still this"};
}

}  // namespace

Command ModelsCommand() {
  Command c{.name = "models",
            .aliases = {"model"},
            .summary = "Model registry: versions, checklists, stages"};
  c.children.push_back(
      {.name = "ls",
       .aliases = {"list"},
       .summary = "List model versions, newest first",
       .flags = WithPageFlags({{"model", "NAME", "Only this model's versions"},
                               {"stage", "STAGE", "none|staging|production|archived"}}),
       .examples = {"cairn models ls --stage production"},
       .run = List});
  c.children.push_back(
      {.name = "show",
       .aliases = {"get"},
       .summary = "A model and its versions, or one version with its checklist",
       .positionals = {{"NAME", "Model name"}, {"VERSION", "Version number", false}},
       .examples = {"cairn models show churn-xgb", "cairn models show churn-xgb 3"},
       .run = Show});
  c.children.push_back(
      {.name = "register",
       .summary = "Register the next version of a model (from a run: copies its metrics and "
                  "params)",
       .positionals = {{"NAME", "Model name"}},
       .flags = {{"run", "ID", "Run the version comes from"},
                 {"description", "TEXT", "Description"},
                 {"tag", "KEY=VALUE", "A tag", true},
                 {"param", "KEY=VALUE", "A param", true},
                 {"metric", "KEY=VALUE", "A metric value", true},
                 {"artifact", "FILE", "Upload this model file too"},
                 {"format", "FORMAT", "xgboost-json|onnx|other (detected when absent)"},
                 {"filename", "NAME", "Stored file name"}},
       .examples = {"cairn models register churn-xgb --run ID --artifact model.json"},
       .run = Register});
  c.children.push_back({.name = "upload",
                        .summary = "Upload a version's model file (write-once, streamed)",
                        .positionals = {{"NAME", "Model name"},
                                        {"VERSION", "Version number"},
                                        {"FILE", "Model file"}},
                        .flags = {{"format", "FORMAT", "xgboost-json|onnx|other"},
                                  {"filename", "NAME", "Stored file name"}},
                        .examples = {"cairn models upload churn-xgb 3 model.json"},
                        .run = Upload});
  c.children.push_back(
      {.name = "tick",
       .summary = "Tick (or --undo) checklist items of a version",
       .positionals = {{"NAME", "Model name"},
                       {"VERSION", "Version number"},
                       {"ITEM", "Checklist keys", true, true}},
       .flags = {{"undo", "", "Untick instead"}, {"note", "TEXT", "A note"}, IfMatchFlag()},
       .examples = {"cairn models tick churn-xgb 3 data_validated bias_reviewed --note 'ok'"},
       .run = Tick});
  c.children.push_back(
      {.name = "promote",
       .summary = "Move a version to production (or --stage); needs every required item done",
       .positionals = {{"NAME", "Model name"}, {"VERSION", "Version number"}},
       .flags = {{"stage", "STAGE", "production (default), staging, archived or none"},
                 IfMatchFlag()},
       .examples = {"cairn models promote churn-xgb 3",
                    "cairn models promote churn-xgb 2 "
                    "--stage staging"},
       .run = Promote});
  c.children.push_back(
      {.name = "compare",
       .summary = "Compare versions: metrics, best version, deltas, params that differ",
       .positionals = {{"NAME", "Model name"}, {"VERSION", "Versions (2 or more)", true, true}},
       .flags = {{"metric", "KEY", "Only these metrics", true}},
       .examples = {"cairn models compare churn-xgb 1 2 3 --metric auc"},
       .run = Compare});
  return c;
}

}  // namespace cairn::cli
