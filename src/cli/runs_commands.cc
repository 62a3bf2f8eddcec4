// cairn runs ls|search|show|create|log-metric|log-params|tag|end|history|artifacts ls|get|put
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/csv.h"
#include "cli/fields.h"
#include "cli/listing.h"
#include "cli/text.h"
#include "common/json.h"
#include "common/time.h"

namespace cairn::cli {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxPointsPerRequest = 10000;

std::string RunsPath() { return std::string(kLifecycle) + "/runs"; }
std::string RunPath(const std::string& id) { return RunsPath() + "/" + http::PercentEncode(id); }

std::string Duration(const bj::value& run) {
  auto start = ParseRfc3339(StringField(run, "start_time"));
  if (!start) return "-";
  auto end = ParseRfc3339(StringField(run, "end_time"));
  return FormatDuration((end ? *end : cairn::NowMillis()) - *start);
}

// Extra columns: "metrics.auc" shows the latest value, "params.x" / "tags.x" the string.
std::string ColumnValue(const bj::value& run, const std::string& path) {
  if (path.starts_with("metrics.")) {
    const bj::value* m = Field(run, "metrics");
    const bj::value* k = m ? Field(*m, path.substr(8)) : nullptr;
    return k ? ValueText(Field(*k, "value")) : "-";
  }
  size_t dot = path.find('.');
  if (dot == std::string::npos) return ValueText(Field(run, path));
  const bj::value* group = Field(run, path.substr(0, dot));
  return group ? ValueText(Field(*group, path.substr(dot + 1))) : "-";
}

// metrics.x / params.x / tags.x named in a filter or order-by expression.
std::vector<std::string> ReferencedKeys(const std::string& text) {
  static const std::regex kKey(R"(\b(metrics|params|tags)\.([A-Za-z0-9_.\-/]+|`[^`]+`))");
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kKey); it != std::sregex_iterator();
       ++it) {
    std::string key = (*it)[2].str();
    if (key.size() >= 2 && key.front() == '`') key = key.substr(1, key.size() - 2);
    std::string col = (*it)[1].str() + "." + key;
    if (seen.insert(col).second) out.push_back(col);
  }
  return out;
}

void RenderRuns(Output& out, const bj::array& runs, const std::vector<std::string>& extra) {
  std::vector<Table::Column> cols = {
      {"RUN ID", false, false}, {"EXPERIMENT"}, {"NAME"}, {"STATUS"}, {"STARTED"}, {"DURATION"}};
  for (const auto& e : extra) cols.push_back({e.substr(e.find('.') + 1), true});
  Table t(cols);
  for (const auto& r : runs) {
    std::vector<Cell> row = {Text(r, "run_id"),       Text(r, "experiment_name"), Text(r, "name"),
                             StatusCell(r, "status"), TimeText(r, "start_time"),  Duration(r)};
    for (const auto& e : extra) row.emplace_back(ColumnValue(r, e));
    t.Add(std::move(row));
  }
  out.PrintTable(t);
}

void RenderRun(Output& out, const bj::value& r) {
  out.PrintFields({{"run id", Text(r, "run_id")},
                   {"experiment", Text(r, "experiment_name")},
                   {"name", Text(r, "name")},
                   {"status", StatusCell(r, "status")},
                   {"started", TimeText(r, "start_time")},
                   {"ended", TimeText(r, "end_time")},
                   {"duration", Duration(r)},
                   {"created by", Text(r, "created_by")},
                   {"tags", MapText(r, "tags")},
                   {"source", MapText(r, "source")},
                   {"inputs", Text(r, "inputs")},
                   {"revision", Text(r, "revision")}});
  if (const bj::value* p = Field(r, "params"); p && p->is_object() && !p->get_object().empty()) {
    out.Heading("Params");
    Table t({{"KEY"}, {"VALUE"}});
    for (const auto& kv : p->get_object()) t.Add({std::string(kv.key()), ValueText(&kv.value())});
    out.PrintTable(t);
  }
  if (const bj::value* m = Field(r, "metrics"); m && m->is_object() && !m->get_object().empty()) {
    out.Heading("Metrics (latest)");
    Table t({{"KEY"}, {"VALUE", true}, {"STEP", true}, {"AT"}});
    for (const auto& kv : m->get_object()) {
      auto ts = IntField(kv.value(), "timestamp");
      t.Add({std::string(kv.key()), Text(kv.value(), "value"), Text(kv.value(), "step"),
             ts ? FormatTime(FormatRfc3339(*ts)) : "-"});
    }
    out.PrintTable(t);
  }
  if (const bj::value* a = Field(r, "artifacts"); a && a->is_array() && !a->get_array().empty()) {
    out.Heading("Artifacts");
    Table t({{"PATH"}, {"SIZE", true}, {"SHA256"}});
    for (const auto& x : a->get_array()) {
      auto size = IntField(x, "size_bytes");
      t.Add({Text(x, "path"), size ? FormatBytes(static_cast<uint64_t>(*size)) : "-",
             Text(x, "sha256")});
    }
    out.PrintTable(t);
  }
}

int ListRuns(Invocation& inv, bool search) {
  std::optional<std::string> filter = inv.flag("filter");
  std::optional<std::string> order_by = inv.flag("order-by");
  if (search && !filter && !order_by) return inv.UsageError("give --filter and/or --order-by");
  std::vector<std::string> extra = inv.all("column");
  for (const auto& k : ReferencedKeys(filter.value_or("") + " " + order_by.value_or(""))) {
    if (std::find(extra.begin(), extra.end(), k) == extra.end()) extra.push_back(k);
  }
  Query q;
  q.Add("experiment_name", inv.flag("experiment"))
      .Add("status", inv.flag("status"))
      .Add("filter", filter)
      .Add("order_by", order_by);
  return ListPages(inv, RunsPath(), q,
                   [&](const bj::array& items) { RenderRuns(inv.ctx().out(), items, extra); });
}

int Show(Invocation& inv) {
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  Api* api = *conn;
  return inv.ctx().Show(api->Get(RunPath(inv.arg(0))),
                        [&](const bj::value& r) { RenderRun(inv.ctx().out(), r); });
}

int Create(Invocation& inv) {
  auto params = inv.pairs("param");
  if (!params.ok()) return inv.UsageError(params.status().message());
  auto tags = inv.pairs("tag");
  if (!tags.ok()) return inv.UsageError(tags.status().message());
  auto source = inv.pairs("source");
  if (!source.ok()) return inv.UsageError(source.status().message());
  bj::object body;
  body["experiment_name"] = *inv.flag("experiment");
  if (auto n = inv.flag("name")) body["name"] = *n;
  if (!params->empty()) body["params"] = ToObject(*params);
  if (!tags->empty()) body["tags"] = ToObject(*tags);
  if (!source->empty()) body["source"] = ToObject(*source);
  if (auto inputs = inv.all("input"); !inputs.empty()) {
    bj::array a;
    for (const auto& i : inputs) a.emplace_back(i);
    body["inputs"] = a;
  }
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  Api* api = *conn;
  return inv.ctx().Show(api->Post(RunsPath(), body),
                        [&](const bj::value& r) { RenderRun(inv.ctx().out(), r); });
}

// Sends points in batches of at most 10 000 (the server's limit); prints the total accepted.
int SendPoints(Invocation& inv, Api& api, const std::string& run_id, bj::array points) {
  int64_t accepted = 0;
  Reply last;
  for (size_t off = 0; off < points.size(); off += kMaxPointsPerRequest) {
    bj::array chunk;
    for (size_t i = off; i < std::min(points.size(), off + kMaxPointsPerRequest); ++i) {
      chunk.push_back(points[i]);
    }
    bj::object body;
    body["metrics"] = std::move(chunk);
    auto reply = api.Post(RunPath(run_id) + "/metrics", body);
    if (!reply.ok()) {
      if (accepted > 0) {
        inv.ctx().out().Hint(std::to_string(accepted) + " points were accepted before the error");
      }
      return inv.ctx().Fail(reply.status());
    }
    accepted += IntField(reply->json, "accepted").value_or(0);
    last = std::move(*reply);
  }
  if (points.size() > kMaxPointsPerRequest) {
    bj::object total;
    total["accepted"] = accepted;
    last.json = total;
    last.body = json::Serialize(last.json);
  }
  return inv.ctx().Print(last, [&](const bj::value&) {
    inv.ctx().out().out() << "logged " << accepted << " point" << (accepted == 1 ? "" : "s")
                          << " to run " << run_id << "\n";
  });
}

// key,value[,step[,timestamp]] records (a header record starting with `key` is skipped).
Result<bj::array> ReadPointsCsv(std::istream& in, const std::string& name) {
  ASSIGN_OR_RETURN(std::vector<CsvRow> rows, ReadCsv(in, name));
  bj::array out;
  for (size_t n = 0; n < rows.size(); ++n) {
    const CsvRow& cells = rows[n];
    if (n == 0 && !cells.empty() && cells[0] == "key") continue;
    auto bad = [&](const std::string& why) {
      return InvalidArgument(name + " record " + std::to_string(n + 1) + ": " + why);
    };
    if (cells.size() < 2 || cells.size() > 4) return bad("expected key,value[,step[,timestamp]]");
    bj::object p;
    p["key"] = cells[0];
    bj::value v = GuessJson(cells[1]);
    if (!v.is_number()) return bad("value '" + cells[1] + "' is not a finite number");
    p["value"] = v;
    for (size_t i = 2; i < cells.size(); ++i) {
      if (cells[i].empty()) continue;
      bj::value x = GuessJson(cells[i]);
      if (!x.is_int64()) return bad("'" + cells[i] + "' is not an integer");
      p[i == 2 ? "step" : "timestamp"] = x;
    }
    out.push_back(std::move(p));
  }
  return out;
}

int LogMetric(Invocation& inv) {
  auto step = inv.int_flag("step");
  if (!step.ok()) return inv.UsageError(step.status().message());
  auto ts = inv.int_flag("timestamp");
  if (!ts.ok()) return inv.UsageError(ts.status().message());
  bj::array points;
  std::vector<std::string> items(inv.args().begin() + 1, inv.args().end());
  if (auto file = inv.flag("file")) {
    if (!items.empty()) return inv.UsageError("give KEY=VALUE pairs or --file, not both");
    Result<bj::array> read = InvalidArgument("");
    if (*file == "-") {
      read = ReadPointsCsv(std::cin, "stdin");
    } else {
      std::ifstream in(*file);
      if (!in) return inv.UsageError("cannot read " + *file);
      read = ReadPointsCsv(in, *file);
    }
    if (!read.ok()) return inv.UsageError(read.status().message());
    points = std::move(*read);
  } else {
    if (items.empty()) return inv.UsageError("give at least one KEY=VALUE, or --file");
    auto pairs = ParsePairs(items, "metric");
    if (!pairs.ok()) return inv.UsageError(pairs.status().message());
    for (const auto& item : items) {
      std::string key = item.substr(0, item.find('='));
      bj::value v = GuessJson(pairs->at(key));
      if (!v.is_number()) {
        return inv.UsageError("metric " + key + ": '" + pairs->at(key) + "' is not a number");
      }
      bj::object p;
      p["key"] = key;
      p["value"] = v;
      if (*step) p["step"] = **step;
      p["timestamp"] = ts->value_or(cairn::NowMillis());
      points.push_back(std::move(p));
    }
  }
  if (points.empty()) return inv.UsageError("no points to log");
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  Api* api = *conn;
  return SendPoints(inv, *api, inv.arg(0), std::move(points));
}

int LogParams(Invocation& inv) {
  std::vector<std::string> items(inv.args().begin() + 1, inv.args().end());
  auto pairs = ParsePairs(items, "param");
  if (!pairs.ok()) return inv.UsageError(pairs.status().message());
  bj::object body;
  body["params"] = ToObject(*pairs);
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  Api* api = *conn;
  return inv.ctx().Show(api->Patch(RunPath(inv.arg(0)), body),
                        [&](const bj::value& r) { RenderRun(inv.ctx().out(), r); });
}

int Tag(Invocation& inv) {
  std::vector<std::string> items(inv.args().begin() + 1, inv.args().end());
  auto pairs = ParsePairs(items, "tag");
  if (!pairs.ok()) return inv.UsageError(pairs.status().message());
  std::vector<std::string> untag = inv.all("untag");
  if (pairs->empty() && untag.empty()) return inv.UsageError("give KEY=VALUE pairs or --untag");
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  Api* api = *conn;
  // Tags replace the whole map on the server: merge into the current tags and guard the write
  // with the revision read, so a concurrent change is refused (412) instead of lost.
  auto current = api->Get(RunPath(inv.arg(0)));
  if (!current.ok()) return inv.ctx().Fail(current.status());
  bj::object tags;
  if (const bj::value* t = Field(current->json, "tags"); t && t->is_object()) {
    tags = t->get_object();
  }
  for (const auto& [k, v] : *pairs) tags[k] = v;
  for (const auto& k : untag) tags.erase(k);
  bj::object body;
  body["tags"] = tags;
  return inv.ctx().Show(api->Patch(RunPath(inv.arg(0)), body, IntField(current->json, "revision")),
                        [&](const bj::value& r) { RenderRun(inv.ctx().out(), r); });
}

int End(Invocation& inv) {
  std::string status = inv.flag("status").value_or("completed");
  if (status != "completed" && status != "failed" && status != "killed") {
    return inv.UsageError("--status must be completed, failed or killed");
  }
  bj::object body;
  body["status"] = status;
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  Api* api = *conn;
  return inv.ctx().Show(api->Patch(RunPath(inv.arg(0)), body),
                        [&](const bj::value& r) { RenderRun(inv.ctx().out(), r); });
}

int History(Invocation& inv) {
  Query q;
  for (const char* f : {"min-step", "max-step", "max-points"}) {
    auto v = inv.int_flag(f);
    if (!v.ok()) return inv.UsageError(v.status().message());
    std::string name(f);
    std::replace(name.begin(), name.end(), '-', '_');
    q.Add(name, *v);
  }
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  Api* api = *conn;
  std::string target =
      RunPath(inv.arg(0)) + "/metrics/" + http::PercentEncode(inv.arg(1), true) + q.str();
  return inv.ctx().Show(api->Get(target), [&](const bj::value& h) {
    Output& out = inv.ctx().out();
    const bj::value* items = Field(h, "items");
    if (!items || !items->is_array() || items->get_array().empty()) {
      out.out() << "no points\n";
      return;
    }
    std::vector<double> values;
    for (const auto& p : items->get_array()) values.push_back(NumberField(p, "value").value_or(0));
    // Shift so that the smallest value draws as the lowest block.
    double lo = *std::min_element(values.begin(), values.end());
    double hi = *std::max_element(values.begin(), values.end());
    std::vector<double> shifted;
    size_t stride = std::max<size_t>(1, values.size() / 60);
    for (size_t i = 0; i < values.size(); i += stride) shifted.push_back(values[i] - lo + 1e-12);
    out.PrintFields({{inv.arg(1), Cell(Sparkline(shifted, hi - lo + 1e-12), Style::kCyan)},
                     {"points", std::to_string(values.size()) +
                                    (Text(h, "downsampled") == "true" ? " (downsampled)" : "")},
                     {"min", FormatNumber(lo)},
                     {"max", FormatNumber(hi)},
                     {"last", FormatNumber(values.back())}});
    out.out() << "\n";
    Table t({{"STEP", true}, {"VALUE", true}, {"AT"}});
    for (const auto& p : items->get_array()) {
      auto ts = IntField(p, "timestamp");
      t.Add({Text(p, "step"), Text(p, "value"), ts ? FormatTime(FormatRfc3339(*ts)) : "-"});
    }
    out.PrintTable(t);
  });
}

int ArtifactsLs(Invocation& inv) {
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  Api* api = *conn;
  return inv.ctx().Show(api->Get(RunPath(inv.arg(0)) + "/artifacts"), [&](const bj::value& v) {
    Table t({{"PATH"}, {"SIZE", true}, {"SHA256"}});
    for (const auto& a : Items(v)) {
      auto size = IntField(a, "size_bytes");
      t.Add({Text(a, "path"), size ? FormatBytes(static_cast<uint64_t>(*size)) : "-",
             Text(a, "sha256")});
    }
    inv.ctx().out().PrintTable(t);
  });
}

int ArtifactsGet(Invocation& inv) {
  const std::string& path = inv.arg(1);
  std::string to = inv.flag("to").value_or(fs::path(path).filename().string());
  bool to_stdout = to == "-";
  if (to_stdout) {
    // The body is streamed to a file (a pipe cannot be one), then copied to stdout.
    std::error_code ec;
    to = (fs::temp_directory_path(ec) / ("cairn-artifact-" + std::to_string(::getpid()))).string();
  }
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  auto reply =
      (*conn)->Download(RunPath(inv.arg(0)) + "/artifacts/" + http::PercentEncode(path, true), to);
  if (!reply.ok()) {
    if (to_stdout) fs::remove(to);
    return inv.ctx().Fail(reply.status());
  }
  if (to_stdout) {
    {
      std::ifstream in(to, std::ios::binary);
      inv.ctx().out().out() << in.rdbuf();
    }
    fs::remove(to);
  } else {
    inv.ctx().out().Hint("saved " + path + " to " + to);
  }
  return kExitOk;
}

std::string ContentTypeFor(const fs::path& p) {
  std::string ext = p.extension().string();
  if (ext == ".json") return "application/json";
  if (ext == ".csv") return "text/csv";
  if (ext == ".txt" || ext == ".log" || ext == ".md") return "text/plain";
  if (ext == ".html") return "text/html";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".svg") return "image/svg+xml";
  return "application/octet-stream";
}

int ArtifactsPut(Invocation& inv) {
  fs::path local(inv.arg(1));
  std::error_code ec;
  if (!fs::exists(local, ec)) return inv.UsageError("no such file or directory: " + inv.arg(1));
  // (local file, artifact path) pairs; a directory uploads every regular file below it.
  std::vector<std::pair<fs::path, std::string>> files;
  std::string dest = inv.flag("path").value_or("");
  while (!dest.empty() && dest.back() == '/') dest.pop_back();
  if (fs::is_directory(local, ec)) {
    for (auto it = fs::recursive_directory_iterator(local, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      std::string rel = fs::relative(it->path(), local).generic_string();
      files.emplace_back(it->path(), dest.empty() ? rel : dest + "/" + rel);
    }
    std::sort(files.begin(), files.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    if (files.empty()) return inv.UsageError(inv.arg(1) + " has no files");
  } else {
    files.emplace_back(local, dest.empty() ? local.filename().string() : dest);
  }
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  Api* api = *conn;
  bj::array stored;
  for (const auto& [file, artifact] : files) {
    auto bar = inv.ctx().Progress(artifact);
    auto reply = api->Upload(
        "PUT", RunPath(inv.arg(0)) + "/artifacts/" + http::PercentEncode(artifact, true),
        file.string(), ContentTypeFor(file), [&](uint64_t d, uint64_t t) { bar->Update(d, t); });
    bar->Finish();
    if (!reply.ok()) {
      if (!stored.empty()) {
        inv.ctx().out().Hint(std::to_string(stored.size()) + " file(s) were stored before the " +
                             "error");
      }
      return inv.ctx().Fail(reply.status());
    }
    stored.push_back(reply->json);
  }
  bj::object page;
  page["items"] = stored;
  Reply all;
  all.status = 201;
  all.json = page;
  all.body = files.size() == 1 ? json::Serialize(stored[0]) : json::Serialize(all.json);
  if (files.size() == 1) all.json = stored[0];
  return inv.ctx().Print(all, [&](const bj::value&) {
    Table t({{"PATH"}, {"SIZE", true}, {"SHA256"}});
    for (const auto& a : stored) {
      auto size = IntField(a, "size_bytes");
      t.Add({Text(a, "path"), size ? FormatBytes(static_cast<uint64_t>(*size)) : "-",
             Text(a, "sha256")});
    }
    inv.ctx().out().PrintTable(t);
  });
}

std::vector<Flag> ListFlags() {
  return WithPageFlags(
      {{"experiment", "NAME", "Only runs of this experiment"},
       {"status", "STATUS", "running|completed|failed|killed"},
       {"filter", "EXPR", "e.g. \"metrics.auc > 0.8 and params.depth = '6'\""},
       {"order-by", "EXPR", "e.g. 'metrics.auc DESC'"},
       {"column", "PATH", "Extra column: metrics.KEY, params.KEY or tags.KEY", true}});
}

}  // namespace

Command RunsCommand() {
  Command c{.name = "runs", .aliases = {"run"}, .summary = "Runs: params, metrics, artifacts"};
  c.children.push_back({.name = "ls",
                        .aliases = {"list"},
                        .summary = "List runs, newest first",
                        .flags = ListFlags(),
                        .examples = {"cairn runs ls --experiment churn --status running"},
                        .run = [](Invocation& inv) { return ListRuns(inv, false); }});
  c.children.push_back(
      {.name = "search",
       .summary = "Search runs with a filter and an order (MLflow-like)",
       .details = "Columns for the metrics, params and tags the expressions name are added.",
       .flags = ListFlags(),
       .examples = {"cairn runs search --experiment churn --filter 'metrics.auc > 0.8' "
                    "--order-by 'metrics.auc DESC' --limit 5"},
       .run = [](Invocation& inv) { return ListRuns(inv, true); }});
  c.children.push_back({.name = "show",
                        .aliases = {"get"},
                        .summary = "A run: params, latest metrics, tags, artifacts",
                        .positionals = {{"ID", "Run id"}},
                        .examples = {"cairn runs show 3f2a…",
                                     "cairn runs show ID -o "
                                     "jsonpath={.metrics.auc.value}"},
                        .run = Show});
  c.children.push_back(
      {.name = "create",
       .aliases = {"start"},
       .summary = "Start a run in an existing experiment",
       .flags = {{"experiment", "NAME", "Experiment (required)"},
                 {"name", "NAME", "Run name"},
                 {"param", "KEY=VALUE", "A param", true},
                 {"tag", "KEY=VALUE", "A tag", true},
                 {"source", "KEY=VALUE", "Source info (git commit, entry point…)", true},
                 {"input", "DATASET_ID", "A dataset the run reads", true}},
       .examples = {"cairn runs create --experiment churn --param lr=0.1 -o "
                    "jsonpath={.run_id}"},
       .run = [](Invocation& inv) {
         if (!inv.flag("experiment")) return inv.UsageError("--experiment is required");
         return Create(inv);
       }});
  c.children.push_back(
      {.name = "log-metric",
       .summary = "Log metric points (KEY=VALUE pairs, or a CSV file of key,value,step,timestamp)",
       .positionals = {{"ID", "Run id"}, {"KEY=VALUE", "Points", false, true}},
       .flags = {{"step", "N", "Step of the points (default 0)"},
                 {"timestamp", "MS", "Milliseconds since the epoch (default now)"},
                 {"file", "FILE", "CSV lines key,value[,step[,timestamp]] ('-' for stdin)"}},
       .examples = {"cairn runs log-metric ID auc=0.91 loss=0.23 --step 10",
                    "cairn runs log-metric ID --file points.csv"},
       .run = LogMetric});
  c.children.push_back({.name = "log-params",
                        .summary = "Set params (a param, once set, cannot change)",
                        .positionals = {{"ID", "Run id"}, {"KEY=VALUE", "Params", true, true}},
                        .examples = {"cairn runs log-params ID depth=6 eta=0.3"},
                        .run = LogParams});
  c.children.push_back({.name = "tag",
                        .summary = "Set or remove tags (merged with the current ones)",
                        .positionals = {{"ID", "Run id"}, {"KEY=VALUE", "Tags", false, true}},
                        .flags = {{"untag", "KEY", "Remove a tag", true}},
                        .examples = {"cairn runs tag ID team=risk --untag draft"},
                        .run = Tag});
  c.children.push_back({.name = "end",
                        .summary = "End a run (completed unless --status says otherwise)",
                        .positionals = {{"ID", "Run id"}},
                        .flags = {{"status", "STATUS", "completed (default), failed or killed"}},
                        .examples = {"cairn runs end ID --status failed"},
                        .run = End});
  c.children.push_back(
      {.name = "history",
       .summary = "A metric's history, with a sparkline",
       .positionals = {{"ID", "Run id"}, {"KEY", "Metric key"}},
       .flags = {{"min-step", "N", "Lowest step"},
                 {"max-step", "N", "Highest step"},
                 {"max-points", "N", "Downsample to at most N points (keeps min/max shape)"}},
       .examples = {"cairn runs history ID loss --max-points 200"},
       .run = History});

  Command artifacts{.name = "artifacts",
                    .aliases = {"artifact"},
                    .summary = "A run's files: list, download, upload"};
  artifacts.children.push_back({.name = "ls",
                                .aliases = {"list"},
                                .summary = "List a run's artifacts",
                                .positionals = {{"ID", "Run id"}},
                                .examples = {"cairn runs artifacts ls ID"},
                                .run = ArtifactsLs});
  artifacts.children.push_back(
      {.name = "get",
       .summary = "Download an artifact (streamed to a file)",
       .positionals = {{"ID", "Run id"}, {"PATH", "Artifact path"}},
       .flags = {{"to", "FILE", "Where to write it (default: its file name here; '-' = stdout)"}},
       .examples = {"cairn runs artifacts get ID model/model.json --to /tmp/model.json"},
       .run = ArtifactsGet});
  artifacts.children.push_back(
      {.name = "put",
       .summary = "Upload a file or a whole directory (streamed, with a progress bar)",
       .positionals = {{"ID", "Run id"}, {"FILE", "File or directory"}},
       .flags = {{"path", "DEST", "Artifact path (file) or prefix (directory)"}},
       .examples = {"cairn runs artifacts put ID ./outputs --path outputs",
                    "cairn runs artifacts put ID model.json --path model/model.json"},
       .run = ArtifactsPut});
  c.children.push_back(std::move(artifacts));
  return c;
}

}  // namespace cairn::cli
