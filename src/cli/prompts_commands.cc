// cairn prompts ls|show|new|version|evaluate|submit|approve|reject|deprecate|label|render|usage|
// log-usage. Templates are named by id or by name.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/fields.h"
#include "cli/listing.h"
#include "cli/text.h"
#include "common/ids.h"

namespace cairn::cli {
namespace {

constexpr char kPrompts[] = "/api/v1/prompt-governance";
constexpr int64_t kLookupPageSize = 1000;

std::string TemplatesPath() { return std::string(kPrompts) + "/templates"; }
std::string TemplatePath(const std::string& id) {
  return TemplatesPath() + "/" + http::PercentEncode(id);
}

// A template id from an id or a name (names are unique; found by paging the list).
Result<std::string> ResolveTemplate(Api& api, const std::string& ref) {
  if (IsUuid(ref)) return ref;
  std::optional<std::string> token;
  while (true) {
    Query q;
    q.Add("limit", std::optional<int64_t>(kLookupPageSize)).Add("page_token", token);
    ASSIGN_OR_RETURN(Reply page, api.Get(TemplatesPath() + q.str()));
    for (const auto& t : Items(page.json)) {
      if (StringField(t, "name") == ref) return StringField(t, "id");
    }
    std::string next = StringField(page.json, "next_page_token");
    if (next.empty()) break;
    token = next;
  }
  return NotFound("no prompt template named '" + ref + "'");
}

std::string Labels(const bj::value& v) {
  const bj::value* l = Field(v, "labels");
  if (!l) return "-";
  std::string out;
  if (l->is_array()) {
    for (const auto& x : l->get_array()) out += (out.empty() ? "" : ", ") + ValueText(&x);
  } else if (l->is_object()) {
    for (const auto& kv : l->get_object()) {
      out += (out.empty() ? "" : ", ") + std::string(kv.key()) + "→v" + ValueText(&kv.value());
    }
  }
  return out.empty() ? "-" : out;
}

void RenderTemplates(Output& out, const bj::array& items) {
  Table t({{"ID", false, false},
           {"NAME"},
           {"LATEST", true},
           {"STATUS"},
           {"LABELS"},
           {"OWNER"},
           {"UPDATED"},
           {"DESCRIPTION"}});
  for (const auto& tpl : items) {
    std::string status = "-";
    if (const bj::value* vs = Field(tpl, "versions"); vs && vs->is_array()) {
      for (const auto& v : vs->get_array()) {
        if (Text(v, "version") == Text(tpl, "latest_version")) status = Text(v, "status");
      }
    }
    t.Add({Text(tpl, "id"), Text(tpl, "name"), Text(tpl, "latest_version"),
           Cell(status, StyleFor(status)), Labels(tpl), Text(tpl, "owner"),
           TimeText(tpl, "updated_at"), Text(tpl, "description")});
  }
  out.PrintTable(t);
}

void RenderVersion(Output& out, const bj::value& v) {
  out.PrintFields({{"template", Text(v, "template_id")},
                   {"version", Text(v, "version")},
                   {"status", StatusCell(v, "status")},
                   {"labels", Labels(v)},
                   {"variables", Text(v, "variables")},
                   {"model hint", Text(v, "model_hint")},
                   {"parameters", MapText(v, "parameters")},
                   {"created", TimeText(v, "created_at") + " by " + Text(v, "created_by")},
                   {"submitted", TimeText(v, "submitted_at") + " by " + Text(v, "submitted_by")},
                   {"reviewed", TimeText(v, "reviewed_at") + " by " + Text(v, "reviewed_by")},
                   {"review comment", Text(v, "review_comment")},
                   {"revision", Text(v, "revision")}});
  if (const bj::value* e = Field(v, "evaluation"); e && e->is_object()) {
    out.PrintFields(
        {{"evaluation", Text(*e, "passed") == "true"
                            ? Cell("passed, score " + Text(*e, "score"), Style::kGreen)
                            : Cell("failed, score " + Text(*e, "score"), Style::kRed)}});
  }
  if (std::string body = StringField(v, "body"); !body.empty()) {
    out.Heading("Body");
    out.out() << body << (body.back() == '\n' ? "" : "\n");
  }
}

void RenderTemplate(Output& out, const bj::value& t) {
  out.PrintFields({{"id", Text(t, "id")},
                   {"name", Text(t, "name")},
                   {"description", Text(t, "description")},
                   {"owner", Text(t, "owner")},
                   {"labels", Labels(t)},
                   {"tags", MapText(t, "tags")},
                   {"created", TimeText(t, "created_at") + " by " + Text(t, "created_by")},
                   {"revision", Text(t, "revision")}});
  const bj::value* vs = Field(t, "versions");
  if (!vs || !vs->is_array()) return;
  out.Heading("Versions");
  Table table({{"VERSION", true},
               {"STATUS"},
               {"LABELS"},
               {"CREATED"},
               {"BY"},
               {"SUBMITTED BY"},
               {"REVIEWED BY"},
               {"SCORE", true}});
  for (const auto& v : vs->get_array()) {
    const bj::value* e = Field(v, "evaluation");
    table.Add({Text(v, "version"), StatusCell(v, "status"), Labels(v), TimeText(v, "created_at"),
               Text(v, "created_by"), Text(v, "submitted_by"), Text(v, "reviewed_by"),
               e && e->is_object() ? Text(*e, "score") : "-"});
  }
  out.PrintTable(table);
}

void RenderEvaluation(Output& out, const bj::value& e) {
  bool passed = Text(e, "passed") == "true";
  out.PrintFields({{"passed", Cell(passed ? "yes" : "no", passed ? Style::kGreen : Style::kRed)},
                   {"score", Text(e, "score")},
                   {"tokens", Text(e, "estimated_tokens") + " of " + Text(e, "token_budget")},
                   {"findings", Text(e, "findings_total")}});
  const bj::value* f = Field(e, "findings");
  if (!f || !f->is_array() || f->get_array().empty()) return;
  out.out() << "\n";
  Table t({{"SEVERITY"}, {"RULE"}, {"CATEGORY"}, {"AT", true}, {"MESSAGE"}});
  for (const auto& x : f->get_array()) {
    std::string at = Text(x, "start") == "-" ? "-" : Text(x, "start") + "-" + Text(x, "end");
    t.Add(
        {StatusCell(x, "severity"), Text(x, "rule"), Text(x, "category"), at, Text(x, "message")});
  }
  out.PrintTable(t);
}

// --var NAME[!][=DEFAULT]: '!' marks it required.
Result<bj::array> Variables(const std::vector<std::string>& specs) {
  bj::array out;
  for (const auto& s : specs) {
    bj::object v;
    size_t eq = s.find('=');
    std::string name = s.substr(0, eq);
    if (!name.empty() && name.back() == '!') {
      name.pop_back();
      v["required"] = true;
    }
    if (name.empty()) return InvalidArgument("--var '" + s + "' must look like NAME[!][=DEFAULT]");
    v["name"] = name;
    if (eq != std::string::npos) v["default"] = s.substr(eq + 1);
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::string> ReadText(const std::string& file) {
  std::stringstream text;
  if (file == "-") {
    text << std::cin.rdbuf();
  } else {
    std::ifstream in(file);
    if (!in) return InvalidArgument("cannot read " + file);
    text << in.rdbuf();
  }
  return text.str();
}

// The body from --body or --body-file, and the declared variables.
Result<bj::object> VersionBody(Invocation& inv) {
  bj::object body;
  auto text = inv.flag("body");
  if (auto file = inv.flag("body-file")) {
    if (text) return InvalidArgument("give --body or --body-file, not both");
    ASSIGN_OR_RETURN(std::string t, ReadText(*file));
    text = t;
  }
  if (!text) return InvalidArgument("--body or --body-file is required");
  body["body"] = *text;
  ASSIGN_OR_RETURN(bj::array vars, Variables(inv.all("var")));
  if (!vars.empty()) body["variables"] = vars;
  if (auto h = inv.flag("model-hint")) body["model_hint"] = *h;
  ASSIGN_OR_RETURN(auto params, inv.pairs("param"));
  if (!params.empty()) {
    bj::object p;
    for (const auto& [k, v] : params) p[k] = GuessJson(v);
    body["parameters"] = p;
  }
  return body;
}

int List(Invocation& inv) {
  Query q;
  q.Add("status", inv.flag("status")).Add("owner", inv.flag("owner")).Add("tag", inv.flag("tag"));
  return ListPages(inv, TemplatesPath(), q,
                   [&](const bj::array& items) { RenderTemplates(inv.ctx().out(), items); });
}

int Show(Invocation& inv) {
  auto version = inv.int_flag("version");
  if (!version.ok()) return inv.UsageError(version.status().message());
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  auto id = ResolveTemplate(**conn, inv.arg(0));
  if (!id.ok()) return inv.ctx().Fail(id.status());
  if (*version) {
    return inv.ctx().Show(
        (*conn)->Get(TemplatePath(*id) + "/versions/" + std::to_string(**version)),
        [&](const bj::value& v) { RenderVersion(inv.ctx().out(), v); });
  }
  return inv.ctx().Show((*conn)->Get(TemplatePath(*id)),
                        [&](const bj::value& t) { RenderTemplate(inv.ctx().out(), t); });
}

int New(Invocation& inv) {
  auto body = VersionBody(inv);
  if (!body.ok()) return inv.UsageError(body.status().message());
  (*body)["name"] = inv.arg(0);
  if (auto d = inv.flag("description")) (*body)["description"] = *d;
  auto tags = inv.pairs("tag");
  if (!tags.ok()) return inv.UsageError(tags.status().message());
  if (!tags->empty()) (*body)["tags"] = ToObject(*tags);
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  return inv.ctx().Show((*conn)->Post(TemplatesPath(), *body),
                        [&](const bj::value& t) { RenderTemplate(inv.ctx().out(), t); });
}

int NewVersion(Invocation& inv) {
  auto body = VersionBody(inv);
  if (!body.ok()) return inv.UsageError(body.status().message());
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  auto id = ResolveTemplate(**conn, inv.arg(0));
  if (!id.ok()) return inv.ctx().Fail(id.status());
  return inv.ctx().Show((*conn)->Post(TemplatePath(*id) + "/versions", *body),
                        [&](const bj::value& v) { RenderVersion(inv.ctx().out(), v); });
}

int Evaluate(Invocation& inv) {
  bj::object body;
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  if (auto tpl = inv.flag("template")) {
    auto version = inv.int_flag("version");
    if (!version.ok()) return inv.UsageError(version.status().message());
    if (!*version || !inv.arg(0).empty()) {
      return inv.UsageError("--template needs --version (and no FILE)");
    }
    auto id = ResolveTemplate(**conn, *tpl);
    if (!id.ok()) return inv.ctx().Fail(id.status());
    body["template_id"] = *id;
    body["version"] = **version;
  } else {
    if (inv.arg(0).empty()) return inv.UsageError("give a FILE ('-' for stdin) or --template");
    auto text = ReadText(inv.arg(0));
    if (!text.ok()) return inv.UsageError(text.status().message());
    body["body"] = *text;
    auto vars = Variables(inv.all("var"));
    if (!vars.ok()) return inv.UsageError(vars.status().message());
    body["variables"] = *vars;
  }
  return inv.ctx().Show((*conn)->Post(std::string(kPrompts) + "/evaluate", body),
                        [&](const bj::value& e) { RenderEvaluation(inv.ctx().out(), e); });
}

int Transition(Invocation& inv, const std::string& action) {
  bj::object body;
  if (auto c = inv.flag("comment")) body["comment"] = *c;
  if (action == "reject" && !body.contains("comment")) {
    return inv.UsageError("--comment is required to reject");
  }
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  auto id = ResolveTemplate(**conn, inv.arg(0));
  if (!id.ok()) return inv.ctx().Fail(id.status());
  return inv.ctx().Show(
      (*conn)->Post(TemplatePath(*id) + "/" + http::PercentEncode(inv.arg(1)) + "/" + action, body),
      [&](const bj::value& v) {
        inv.ctx().out().out() << inv.arg(0) << " version " << Text(v, "version") << " is now "
                              << inv.ctx().out().Paint(Text(v, "status"),
                                                       StyleFor(Text(v, "status")))
                              << "\n";
      });
}

int Label(Invocation& inv) {
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  auto id = ResolveTemplate(**conn, inv.arg(0));
  if (!id.ok()) return inv.ctx().Fail(id.status());
  std::string path = TemplatePath(*id) + "/labels/" + http::PercentEncode(inv.arg(1));
  if (inv.has("rm")) {
    if (!inv.arg(2).empty()) return inv.UsageError("--rm takes no VERSION");
    return inv.ctx().Show((*conn)->Call("DELETE", path), [&](const bj::value&) {
      inv.ctx().out().out() << "removed label " << inv.arg(1) << "\n";
    });
  }
  bj::value version = GuessJson(inv.arg(2));
  if (!version.is_int64()) return inv.UsageError("give the VERSION the label points at (or --rm)");
  bj::object body;
  body["version"] = version;
  bj::value request = body;
  return inv.ctx().Show((*conn)->Call("PUT", path, &request), [&](const bj::value& l) {
    inv.ctx().out().out() << "label " << Text(l, "label") << " → version " << Text(l, "version")
                          << "\n";
  });
}

int Render(Invocation& inv) {
  bj::object body;
  auto version = inv.int_flag("version");
  if (!version.ok()) return inv.UsageError(version.status().message());
  if (auto l = inv.flag("label")) body["label"] = *l;
  if (*version) body["version"] = **version;
  if (!body.contains("label") && !body.contains("version")) body["label"] = "production";
  auto vars = inv.pairs("var");
  if (!vars.ok()) return inv.UsageError(vars.status().message());
  body["variables"] = ToObject(*vars);
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  auto id = ResolveTemplate(**conn, inv.arg(0));
  if (!id.ok()) return inv.ctx().Fail(id.status());
  return inv.ctx().Show(
      (*conn)->Post(TemplatePath(*id) + "/render", body), [&](const bj::value& r) {
        std::string text = StringField(r, "text");
        inv.ctx().out().out() << text << (text.empty() || text.back() != '\n' ? "\n" : "");
      });
}

int Usage(Invocation& inv) {
  auto recent = inv.int_flag("recent");
  if (!recent.ok()) return inv.UsageError(recent.status().message());
  Query q;
  q.Add("since", inv.flag("since")).Add("recent", *recent);
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  auto id = ResolveTemplate(**conn, inv.arg(0));
  if (!id.ok()) return inv.ctx().Fail(id.status());
  return inv.ctx().Show(
      (*conn)->Get(TemplatePath(*id) + "/" + http::PercentEncode(inv.arg(1)) + "/usage" + q.str()),
      [&](const bj::value& u) {
        Output& out = inv.ctx().out();
        const bj::value* lat = Field(u, "latency_ms");
        out.PrintFields({{"uses", Text(u, "count")},
                         {"success rate", Text(u, "success_rate")},
                         {"latency p50 ms", lat ? Text(*lat, "p50") : "-"},
                         {"latency p95 ms", lat ? Text(*lat, "p95") : "-"},
                         {"input tokens", Text(u, "input_tokens")},
                         {"output tokens", Text(u, "output_tokens")},
                         {"cost usd", Text(u, "cost_usd")}});
        const bj::value* r = Field(u, "recent");
        if (!r || !r->is_array() || r->get_array().empty()) return;
        out.Heading("Recent");
        Table t({{"AT"},
                 {"APP"},
                 {"LATENCY MS", true},
                 {"TOKENS IN", true},
                 {"TOKENS OUT", true},
                 {"COST USD", true},
                 {"OK"},
                 {"BY"}});
        for (const auto& e : r->get_array()) {
          t.Add({TimeText(e, "at"), Text(e, "app"), Text(e, "latency_ms"), Text(e, "input_tokens"),
                 Text(e, "output_tokens"), Text(e, "cost_usd"), StatusCell(e, "success"),
                 Text(e, "logged_by")});
        }
        out.PrintTable(t);
      });
}

int LogUsage(Invocation& inv) {
  auto app = inv.flag("app");
  auto latency = inv.number_flag("latency-ms");
  if (!latency.ok()) return inv.UsageError(latency.status().message());
  if (!app || !*latency) return inv.UsageError("--app and --latency-ms are required");
  bj::object body;
  body["app"] = *app;
  body["latency_ms"] = **latency;
  for (const char* f : {"input-tokens", "output-tokens"}) {
    auto v = inv.int_flag(f);
    if (!v.ok()) return inv.UsageError(v.status().message());
    std::string key(f);
    std::replace(key.begin(), key.end(), '-', '_');
    if (*v) body[key] = **v;
  }
  auto cost = inv.number_flag("cost-usd");
  if (!cost.ok()) return inv.UsageError(cost.status().message());
  if (*cost) body["cost_usd"] = **cost;
  if (auto e = inv.flag("error")) {
    body["success"] = false;
    body["error"] = *e;
  }
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  auto id = ResolveTemplate(**conn, inv.arg(0));
  if (!id.ok()) return inv.ctx().Fail(id.status());
  return inv.ctx().Show(
      (*conn)->Post(TemplatePath(*id) + "/" + http::PercentEncode(inv.arg(1)) + "/usage", body),
      [&](const bj::value& e) {
        inv.ctx().out().out() << "logged a use by " << Text(e, "app") << " at " << TimeText(e, "at")
                              << "\n";
      });
}

std::vector<Flag> BodyFlags() {
  return {{"body", "TEXT", "Template text with {{variable}} placeholders"},
          {"body-file", "FILE", "Read the text from a file ('-' for stdin)"},
          {"var", "NAME[!][=DEFAULT]", "Declare a variable ('!' = required)", true},
          {"model-hint", "MODEL", "Intended model"},
          {"param", "KEY=VALUE", "Model parameter", true}};
}

Positional Ref() { return {"TEMPLATE", "Template id or name"}; }

}  // namespace

Command PromptsCommand() {
  Command c{.name = "prompts",
            .aliases = {"prompt"},
            .summary = "Prompt governance: templates, review, labels, rendering, usage"};
  c.children.push_back(
      {.name = "ls",
       .aliases = {"list"},
       .summary = "List templates, newest first",
       .flags = WithPageFlags({{"status", "STATUS", "Having a version in this status"},
                               {"owner", "NAME", "Only this owner's"},
                               {"tag", "KEY[=VALUE]", "Having this tag"}}),
       .examples = {"cairn prompts ls --status pending_review"},
       .run = List});
  c.children.push_back({.name = "show",
                        .aliases = {"get"},
                        .summary = "A template and its versions, or one version with its body",
                        .positionals = {Ref()},
                        .flags = {{"version", "N", "Show this version"}},
                        .examples = {"cairn prompts show greeting --version 2"},
                        .run = Show});
  std::vector<Flag> new_flags = BodyFlags();
  new_flags.push_back({"description", "TEXT", "Description"});
  new_flags.push_back({"tag", "KEY=VALUE", "A tag", true});
  c.children.push_back(
      {.name = "new",
       .summary = "Create a template and its version 1 (a draft)",
       .positionals = {{"NAME", "Template name"}},
       .flags = new_flags,
       .examples = {"cairn prompts new greeting --body 'Hello {{name}}' --var 'name!'"},
       .run = New});
  c.children.push_back(
      {.name = "version",
       .summary = "Add a draft version to a template",
       .positionals = {Ref()},
       .flags = BodyFlags(),
       .examples = {"cairn prompts version greeting --body-file greeting.txt --var 'name!'"},
       .run = NewVersion});
  c.children.push_back(
      {.name = "evaluate",
       .summary = "Check a prompt: placeholders, injection phrases, PII, secrets, banned terms",
       .positionals = {{"FILE", "Prompt text ('-' for stdin)", false}},
       .flags = {{"var", "NAME[!][=DEFAULT]", "Declared variable", true},
                 {"template", "TEMPLATE", "Evaluate a stored version instead"},
                 {"version", "N", "Version of --template"}},
       .examples = {"cairn prompts evaluate prompt.txt --var 'name!'",
                    "cairn prompts evaluate --template greeting --version 2"},
       .run = Evaluate});
  for (const auto& [action, summary] :
       {std::pair{"submit", "Submit a draft for review (it must pass evaluation)"},
        std::pair{"approve", "Approve a version (not by its author or submitter)"},
        std::pair{"reject", "Reject a version (with --comment)"},
        std::pair{"deprecate", "Deprecate an approved version"}}) {
    std::string a = action;
    c.children.push_back({.name = a,
                          .summary = summary,
                          .positionals = {Ref(), {"VERSION", "Version number"}},
                          .flags = {{"comment", "TEXT", "Review comment"}},
                          .examples = {"cairn prompts " + a + " greeting 2" +
                                       (a == "reject" ? " --comment 'too long'" : "")},
                          .run = [a](Invocation& inv) { return Transition(inv, a); }});
  }
  c.children.push_back(
      {.name = "label",
       .summary = "Point a label (e.g. production) at an approved version, or --rm it",
       .positionals = {Ref(), {"LABEL", "Label"}, {"VERSION", "Version number", false}},
       .flags = {{"rm", "", "Remove the label"}},
       .examples = {"cairn prompts label greeting production 2",
                    "cairn prompts label greeting canary --rm"},
       .run = Label});
  c.children.push_back(
      {.name = "render",
       .summary = "Render an approved version (by label, default production, or --version)",
       .positionals = {Ref()},
       .flags = {{"label", "LABEL", "Label to render (default production)"},
                 {"version", "N", "Version to render instead"},
                 {"var", "NAME=VALUE", "A variable's value", true}},
       .examples = {"cairn prompts render greeting --var name=Ann"},
       .run = Render});
  c.children.push_back(
      {.name = "usage",
       .summary = "Usage of a version: count, success rate, latency percentiles, tokens, cost",
       .positionals = {Ref(), {"VERSION", "Version number"}},
       .flags = {{"since", "TIME", "RFC 3339; uses at or after"},
                 {"recent", "N", "Newest uses to list (0-100, default 20)"}},
       .examples = {"cairn prompts usage greeting 2 --since 2026-01-01T00:00:00Z"},
       .run = Usage});
  c.children.push_back(
      {.name = "log-usage",
       .summary = "Log one use of an approved version",
       .positionals = {Ref(), {"VERSION", "Version number"}},
       .flags = {{"app", "NAME", "Calling application (required)"},
                 {"latency-ms", "MS", "Latency (required)"},
                 {"input-tokens", "N", "Prompt tokens"},
                 {"output-tokens", "N", "Completion tokens"},
                 {"cost-usd", "X", "Cost"},
                 {"error", "TEXT", "The use failed with this error"}},
       .examples = {"cairn prompts log-usage greeting 2 --app web --latency-ms 120"},
       .run = LogUsage});
  return c;
}

}  // namespace cairn::cli
