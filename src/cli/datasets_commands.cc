// cairn datasets ls|show|upload|rows|profile|rm
#include <filesystem>

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/fields.h"
#include "cli/listing.h"
#include "cli/text.h"

namespace cairn::cli {
namespace {

namespace fs = std::filesystem;

constexpr size_t kTopValuesShown = 3;

std::string DatasetsPath() { return "/api/v1/features/datasets"; }
std::string DatasetPath(const std::string& id) {
  return DatasetsPath() + "/" + http::PercentEncode(id);
}

std::string Size(const bj::value& d, std::string_view key) {
  auto n = IntField(d, key);
  return n ? FormatBytes(static_cast<uint64_t>(*n)) : "-";
}

void RenderDatasets(Output& out, const bj::array& items) {
  Table t({{"ID", false, false},
           {"NAME"},
           {"ROWS", true},
           {"COLUMNS", true},
           {"SIZE", true},
           {"CREATED"},
           {"BY"},
           {"DESCRIPTION"}});
  for (const auto& d : items) {
    const bj::value* schema = Field(d, "schema");
    size_t cols = schema && schema->is_object() ? schema->get_object().size() : 0;
    t.Add({Text(d, "id"), Text(d, "name"), Text(d, "row_count"), std::to_string(cols),
           Size(d, "size_bytes"), TimeText(d, "created_at"), Text(d, "created_by"),
           Text(d, "description")});
  }
  out.PrintTable(t);
}

// A histogram's counts as a sparkline, or the top values of a categorical column.
std::string Distribution(const bj::value& profile) {
  if (const bj::value* h = Field(profile, "histogram"); h && h->is_object()) {
    std::vector<double> counts;
    if (const bj::value* c = Field(*h, "counts"); c && c->is_array()) {
      for (const auto& x : c->get_array())
        counts.push_back(x.is_number() ? x.to_number<double>() : 0);
    }
    return Sparkline(counts);
  }
  if (const bj::value* top = Field(profile, "top_values"); top && top->is_array()) {
    std::string s;
    size_t shown = 0;
    for (const auto& tv : top->get_array()) {
      if (shown++ == kTopValuesShown) {
        s += " …";
        break;
      }
      s += (s.empty() ? "" : " ") + Text(tv, "value") + "(" + Text(tv, "count") + ")";
    }
    return s.empty() ? "-" : s;
  }
  return "-";
}

void RenderProfile(Output& out, const bj::value& d) {
  Table t({{"COLUMN"},
           {"TYPE"},
           {"COUNT", true},
           {"MISSING", true},
           {"DISTINCT", true},
           {"MIN", true},
           {"MEAN", true},
           {"MAX", true},
           {"STD", true},
           {"DISTRIBUTION", false, false}});
  const bj::value* profile = Field(d, "profile");
  const bj::value* columns = Field(d, "columns");
  if (!profile || !columns || !columns->is_array()) return;
  for (const auto& c : columns->get_array()) {
    std::string name = Text(c, "name");
    const bj::value* p = Field(*profile, name);
    if (!p) continue;
    t.Add({name, Text(*p, "type"), Text(*p, "count"), Text(*p, "missing"),
           Text(*p, "distinct") + (Text(*p, "distinct_exact") == "false" ? "~" : ""),
           Text(*p, "min"), Text(*p, "mean"), Text(*p, "max"), Text(*p, "std"),
           Cell(Distribution(*p), Style::kCyan)});
  }
  out.PrintTable(t);
}

void RenderDataset(Output& out, const bj::value& d) {
  out.PrintFields({{"id", Text(d, "id")},
                   {"name", Text(d, "name")},
                   {"description", Text(d, "description")},
                   {"rows", Text(d, "row_count")},
                   {"size", Size(d, "size_bytes") + " (stored " + Size(d, "stored_bytes") + ")"},
                   {"sha256", Text(d, "sha256")},
                   {"source", Text(d, "source_type")},
                   {"tags", MapText(d, "tags")},
                   {"created", TimeText(d, "created_at") + " by " + Text(d, "created_by")}});
  if (Field(d, "profile")) {
    out.Heading("Columns");
    RenderProfile(out, d);
  }
}

int List(Invocation& inv) {
  Query q;
  q.Add("name", inv.flag("name"));
  return ListPages(inv, DatasetsPath(), q,
                   [&](const bj::array& items) { RenderDatasets(inv.ctx().out(), items); });
}

int Show(Invocation& inv, bool profile_only) {
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  return inv.ctx().Show((*conn)->Get(DatasetPath(inv.arg(0))), [&](const bj::value& d) {
    if (profile_only) {
      RenderProfile(inv.ctx().out(), d);
    } else {
      RenderDataset(inv.ctx().out(), d);
    }
  });
}

int Upload(Invocation& inv) {
  const std::string& file = inv.arg(0);
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return inv.UsageError("no such file: " + file);
  std::string name = inv.flag("name").value_or(fs::path(file).stem().string());
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  auto reply =
      UploadCsvDataset(inv.ctx(), **conn, file, name, inv.flag("description").value_or(""));
  return inv.ctx().Show(reply, [&](const bj::value& d) { RenderDataset(inv.ctx().out(), d); });
}

int Rows(Invocation& inv) {
  Query q;
  for (const char* f : {"offset", "limit"}) {
    auto v = inv.int_flag(f);
    if (!v.ok()) return inv.UsageError(v.status().message());
    q.Add(f, *v);
  }
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  return inv.ctx().Show(
      (*conn)->Get(DatasetPath(inv.arg(0)) + "/rows" + q.str()), [&](const bj::value& r) {
        std::vector<std::string> names;
        if (const bj::value* c = Field(r, "columns"); c && c->is_array()) {
          for (const auto& n : c->get_array()) names.push_back(ValueText(&n));
        }
        std::vector<Table::Column> cols;
        for (const auto& n : names) cols.push_back({n});
        Table t(cols);
        if (const bj::value* rows = Field(r, "rows"); rows && rows->is_array()) {
          for (const auto& row : rows->get_array()) {
            std::vector<Cell> cells;
            for (const auto& n : names) cells.emplace_back(Text(row, n));
            t.Add(std::move(cells));
          }
        }
        inv.ctx().out().PrintTable(t);
        auto offset = IntField(r, "offset").value_or(0);
        auto total = IntField(r, "total").value_or(0);
        inv.ctx().out().Hint("rows " + std::to_string(offset + (t.size() ? 1 : 0)) + "-" +
                             std::to_string(offset + static_cast<int64_t>(t.size())) + " of " +
                             std::to_string(total));
      });
}

int Remove(Invocation& inv) {
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  return inv.ctx().Show((*conn)->Call("DELETE", DatasetPath(inv.arg(0))), [&](const bj::value&) {
    inv.ctx().out().out() << "deleted dataset " << inv.arg(0) << "\n";
  });
}

}  // namespace

Result<Reply> UploadCsvDataset(Context& ctx, Api& api, const std::string& file,
                               const std::string& name, const std::string& description) {
  Query q;
  q.Add("name", name);
  if (!description.empty()) q.Add("description", description);
  auto bar = ctx.Progress("uploading " + fs::path(file).filename().string());
  auto reply = api.Upload("POST", DatasetsPath() + q.str(), file, "text/csv",
                          [&](uint64_t d, uint64_t t) { bar->Update(d, t); });
  bar->Finish();
  return reply;
}

Command DatasetsCommand() {
  Command c{.name = "datasets",
            .aliases = {"dataset", "ds"},
            .summary = "Datasets: CSV uploads with inferred schemas and column profiles"};
  c.children.push_back({.name = "ls",
                        .aliases = {"list"},
                        .summary = "List datasets, newest first",
                        .flags = WithPageFlags({{"name", "NAME", "Only datasets with this name"}}),
                        .examples = {"cairn datasets ls --name prices"},
                        .run = List});
  c.children.push_back({.name = "show",
                        .aliases = {"get"},
                        .summary = "A dataset: metadata, schema and column profiles",
                        .positionals = {{"ID", "Dataset id"}},
                        .examples = {"cairn datasets show ID"},
                        .run = [](Invocation& inv) { return Show(inv, false); }});
  c.children.push_back(
      {.name = "upload",
       .summary = "Upload a CSV file (streamed, with a progress bar); types are inferred",
       .positionals = {{"FILE", "CSV file with a header row"}},
       .flags = {{"name", "NAME", "Dataset name (default: the file name without extension)"},
                 {"description", "TEXT", "Description"}},
       .examples = {"cairn datasets upload prices.csv --name prices -o jsonpath={.id}"},
       .run = Upload});
  c.children.push_back({.name = "rows",
                        .summary = "Preview rows",
                        .positionals = {{"ID", "Dataset id"}},
                        .flags = {{"offset", "N", "First row (default 0)"},
                                  {"limit", "N", "Rows (default 100, max 1000)"}},
                        .examples = {"cairn datasets rows ID --offset 100 --limit 20"},
                        .run = Rows});
  c.children.push_back({.name = "profile",
                        .summary = "Per-column profile with histograms drawn as sparklines",
                        .positionals = {{"ID", "Dataset id"}},
                        .examples = {"cairn datasets profile ID"},
                        .run = [](Invocation& inv) { return Show(inv, true); }});
  c.children.push_back({.name = "rm",
                        .aliases = {"delete"},
                        .summary = "Delete a dataset no feature or scenario uses",
                        .positionals = {{"ID", "Dataset id"}},
                        .examples = {"cairn datasets rm ID"},
                        .run = Remove});
  return c;
}

}  // namespace cairn::cli
