// cairn experiments ls|show|create|update
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/fields.h"
#include "cli/listing.h"

namespace cairn::cli {
namespace {

std::string ExperimentPath(const std::string& name) {
  return std::string(kLifecycle) + "/experiments/" + http::PercentEncode(name);
}

void RenderExperiments(Output& out, const bj::array& items) {
  Table t({{"NAME"}, {"STATUS"}, {"OWNER"}, {"RUNS", true}, {"UPDATED"}, {"DESCRIPTION"}});
  for (const auto& e : items) {
    t.Add({Text(e, "name"), StatusCell(e, "status"), Text(e, "owner"), Text(e, "run_count"),
           TimeText(e, "updated_at"), Text(e, "description")});
  }
  out.PrintTable(t);
}

void RenderRunsTable(Output& out, const bj::array& runs) {
  Table t({{"RUN ID", false, false}, {"NAME"}, {"STATUS"}, {"STARTED"}, {"CREATED BY"}});
  for (const auto& r : runs) {
    t.Add({Text(r, "run_id"), Text(r, "name"), StatusCell(r, "status"), TimeText(r, "start_time"),
           Text(r, "created_by")});
  }
  out.PrintTable(t);
}

void RenderExperiment(Output& out, const bj::value& e) {
  out.PrintFields({{"name", Text(e, "name")},
                   {"status", StatusCell(e, "status")},
                   {"owner", Text(e, "owner")},
                   {"description", Text(e, "description")},
                   {"tags", MapText(e, "tags")},
                   {"runs", Text(e, "run_count")},
                   {"created", TimeText(e, "created_at") + " by " + Text(e, "created_by")},
                   {"updated", TimeText(e, "updated_at")},
                   {"revision", Text(e, "revision")}});
  if (const bj::value* counts = Field(e, "run_counts"); counts && counts->is_object()) {
    std::string s;
    for (const auto& kv : counts->get_object()) {
      s += (s.empty() ? "" : ", ") + std::string(kv.key()) + " " + ValueText(&kv.value());
    }
    if (!s.empty()) out.PrintFields({{"by status", s}});
  }
  if (const bj::value* latest = Field(e, "latest_runs");
      latest && latest->is_array() && !latest->get_array().empty()) {
    out.Heading("Latest runs");
    RenderRunsTable(out, latest->get_array());
  }
}

int List(Invocation& inv) {
  Query q;
  q.Add("owner", inv.flag("owner")).Add("status", inv.flag("status"));
  return ListPages(inv, std::string(kLifecycle) + "/experiments", q,
                   [&](const bj::array& items) { RenderExperiments(inv.ctx().out(), items); });
}

int Show(Invocation& inv) {
  auto api = inv.ctx().api();
  if (!api.ok()) return inv.ctx().Fail(api.status());
  return inv.ctx().Show((*api)->Get(ExperimentPath(inv.arg(0))),
                        [&](const bj::value& e) { RenderExperiment(inv.ctx().out(), e); });
}

int Create(Invocation& inv) {
  auto tags = inv.pairs("tag");
  if (!tags.ok()) return inv.UsageError(tags.status().message());
  bj::object body;
  body["name"] = inv.arg(0);
  if (auto d = inv.flag("description")) body["description"] = *d;
  if (auto o = inv.flag("owner")) body["owner"] = *o;
  if (!tags->empty()) body["tags"] = ToObject(*tags);
  auto api = inv.ctx().api();
  if (!api.ok()) return inv.ctx().Fail(api.status());
  return inv.ctx().Show((*api)->Post(std::string(kLifecycle) + "/experiments", body),
                        [&](const bj::value& e) { RenderExperiment(inv.ctx().out(), e); });
}

int Update(Invocation& inv) {
  auto tags = inv.pairs("tag");
  if (!tags.ok()) return inv.UsageError(tags.status().message());
  auto if_match = inv.int_flag("if-match");
  if (!if_match.ok()) return inv.UsageError(if_match.status().message());
  bj::object body;
  if (auto d = inv.flag("description")) body["description"] = *d;
  if (auto o = inv.flag("owner")) body["owner"] = *o;
  if (auto s = inv.flag("status")) body["status"] = *s;
  auto api = inv.ctx().api();
  if (!api.ok()) return inv.ctx().Fail(api.status());
  std::optional<int64_t> revision = *if_match;
  if (!tags->empty() || inv.has("untag")) {
    // Tags replace the whole map on the server: merge into the current ones, guarded by the
    // revision read, so a concurrent change is refused (412) instead of lost.
    auto current = (*api)->Get(ExperimentPath(inv.arg(0)));
    if (!current.ok()) return inv.ctx().Fail(current.status());
    bj::object merged;
    if (const bj::value* t = Field(current->json, "tags"); t && t->is_object()) {
      merged = t->get_object();
    }
    for (const auto& [k, v] : *tags) merged[k] = v;
    for (const auto& k : inv.all("untag")) merged.erase(k);
    body["tags"] = merged;
    if (!revision) revision = IntField(current->json, "revision");
  }
  if (body.empty())
    return inv.UsageError(
        "nothing to update (give --description, --owner, "
        "--status, --tag or --untag)");
  return inv.ctx().Show((*api)->Patch(ExperimentPath(inv.arg(0)), body, revision),
                        [&](const bj::value& e) { RenderExperiment(inv.ctx().out(), e); });
}

}  // namespace

Command ExperimentsCommand() {
  Command c{.name = "experiments",
            .aliases = {"experiment", "exp"},
            .summary = "Experiments: named groups of runs"};
  c.children.push_back({.name = "ls",
                        .aliases = {"list"},
                        .summary = "List experiments, newest first",
                        .flags = WithPageFlags({{"owner", "NAME", "Only this owner's"},
                                                {"status", "STATUS", "active|completed|archived"}}),
                        .examples = {"cairn experiments ls --status active"},
                        .run = List});
  c.children.push_back({.name = "show",
                        .aliases = {"get"},
                        .summary = "An experiment with run counts and its latest runs",
                        .positionals = {{"NAME", "Experiment name"}},
                        .examples = {"cairn experiments show churn"},
                        .run = Show});
  c.children.push_back(
      {.name = "create",
       .summary = "Create an experiment",
       .positionals = {{"NAME", "1-128 of [A-Za-z0-9_.-], starting alphanumeric"}},
       .flags = {{"description", "TEXT", "What the experiment is about"},
                 {"owner", "NAME", "Owner"},
                 {"tag", "KEY=VALUE", "A tag", true}},
       .examples = {"cairn experiments create churn --description 'Churn model' --tag team=risk"},
       .run = Create});
  c.children.push_back(
      {.name = "update",
       .summary = "Change an experiment's description, owner, status or tags",
       .positionals = {{"NAME", "Experiment name"}},
       .flags = {{"description", "TEXT", "New description"},
                 {"owner", "NAME", "New owner"},
                 {"status", "STATUS", "active|completed|archived"},
                 {"tag", "KEY=VALUE", "Set a tag (kept tags are merged)", true},
                 {"untag", "KEY", "Remove a tag", true},
                 {"if-match", "REVISION", "Refuse (exit 4) unless the revision is still this"}},
       .examples = {"cairn experiments update churn --status completed"},
       .run = Update});
  return c;
}

}  // namespace cairn::cli
