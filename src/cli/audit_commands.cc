// cairn audit: the audit log, newest first.
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/fields.h"
#include "cli/listing.h"

namespace cairn::cli {
namespace {

int List(Invocation& inv) {
  Query q;
  q.Add("resource", inv.flag("resource"))
      .Add("actor", inv.flag("actor"))
      .Add("since", inv.flag("since"));
  return ListPages(inv, "/api/v1/audit", q, [&](const bj::array& items) {
    Table t({{"AT"}, {"ACTOR"}, {"ACTION"}, {"RESOURCE"}, {"SUMMARY"}});
    for (const auto& r : items) {
      t.Add({TimeText(r, "at"), Text(r, "actor"), Text(r, "action"),
             Text(r, "resource_type") + "/" + Text(r, "resource_id"), MapText(r, "summary")});
    }
    inv.ctx().out().PrintTable(t);
  });
}

}  // namespace

Command AuditCommand() {
  return {.name = "audit",
          .summary = "The audit log: who changed what, newest first",
          .flags = WithPageFlags({{"resource", "TYPE[/ID]", "e.g. run or run/<id>"},
                                  {"actor", "NAME", "Who made the change"},
                                  {"since", "TIME", "RFC 3339; at or after"}}),
          .examples = {"cairn audit --actor alice --since 2026-01-01T00:00:00Z",
                       "cairn audit --resource model_version --limit 20"},
          .run = List};
}

}  // namespace cairn::cli
