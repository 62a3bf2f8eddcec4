// PromptStore: the storage contract of prompt governance (templates, versions, labels, usage).
//
// Every mutating method runs in ONE write transaction that also appends its audit record
// (audit::AppendInTx). Rules live in PromptService; the store enforces them atomically by
// calling the service's callback inside the transaction with the current state:
// - UpdateVersion reads the version (with its labels), asks the mutator for the new state and
//   writes it with `UPDATE … WHERE status = ? AND revision = ?` (the state the mutator saw).
//   Zero rows changed means a concurrent writer won: Aborted (412), nothing written.
// - SetLabel first bumps the target version's revision (which takes its row lock on
//   PostgreSQL and serializes with UpdateVersion), then checks it, then moves the label.
//   Labels are part of a version's representation, so moving one bumps the revision of both
//   the old and the new version; a concurrent deprecate therefore fails its conditional update.
//   The label row has its own revision too (If-Match on PUT .../labels/{label}).
// - LogUsage checks the version's status and inserts the event in the same transaction.
//
// Thread safety: implementations are thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "audit/types.h"
#include "common/status.h"
#include "prompts/types.h"

namespace cairn::prompts {

struct VersionChange {
  Version updated;  // the complete new state; template_id/version/revision are ignored
  audit::Entry audit;
};
using VersionMutator = std::function<Result<VersionChange>(const Version& current)>;
using VersionCheck = std::function<Status(const Version& current)>;

struct TemplateChange {
  std::string description;
  std::optional<StringMap> tags;  // replacement map when set
  int64_t updated_at = 0;
  std::optional<audit::Entry> audit;  // nullopt: nothing changed, write nothing
};
// `current` carries tags (not versions).
using TemplateMutator = std::function<Result<TemplateChange>(const Template& current)>;

class PromptStore {
 public:
  virtual ~PromptStore() = default;

  // Inserts the template, its tags and version 1. Errors: AlreadyExists (name taken).
  virtual Status CreateTemplate(const Template& t, const Version& first,
                                const audit::Entry& audit) = 0;
  // With tags, labels and every version (ascending). Errors: NotFound.
  virtual Result<Template> GetTemplate(const std::string& id) = 0;
  // Newest first (created_at, id); versions without body/evaluation. Errors: InvalidArgument
  // (bad page token).
  virtual Result<Page<Template>> ListTemplates(const TemplateQuery& query) = 0;

  // Read-check-write of the template's own fields, guarded by the revision it read; returns the
  // full template. Errors: NotFound, the mutator's error, FailedPrecondition (concurrent change).
  virtual Result<Template> UpdateTemplate(const std::string& id, const TemplateMutator& mutate) = 0;

  // Inserts `v` as the template's next version number (assigned here, under the template's
  // row lock). Errors: NotFound (template).
  virtual Result<Version> CreateVersion(const std::string& template_id, Version v,
                                        audit::Entry audit) = 0;
  // With labels. Errors: NotFound.
  virtual Result<Version> GetVersion(const std::string& template_id, int64_t version) = 0;
  // The version a label points at. Errors: NotFound (template or label).
  virtual Result<Version> GetVersionByLabel(const std::string& template_id,
                                            const std::string& label) = 0;
  // Errors: NotFound, the mutator's error, Aborted (changed concurrently).
  virtual Result<Version> UpdateVersion(const std::string& template_id, int64_t version,
                                        const VersionMutator& mutate) = 0;

  // Points `label` at `version` after `check` accepts it, guarded by the label's own revision:
  // with `if_match` the label must exist at that revision. A new label starts at revision 1,
  // each move adds one; pointing it where it already points writes nothing. The audit summary
  // gets "previous_version".
  // Errors: NotFound (template or version), the check's error, Aborted (stale If-Match or a
  // concurrent move of the same label).
  virtual Result<LabelMove> SetLabel(const std::string& template_id, const std::string& label,
                                     int64_t version, const VersionCheck& check,
                                     std::optional<int64_t> if_match, const std::string& actor,
                                     audit::Entry audit) = 0;
  // Removes a label; returns the version it pointed at. Errors: NotFound (template or label).
  virtual Result<int64_t> DeleteLabel(const std::string& template_id, const std::string& label,
                                      audit::Entry audit) = 0;

  // Inserts a usage event after `check` accepts the version. Errors: NotFound, the check's.
  virtual Status LogUsage(const std::string& template_id, int64_t version, const UsageEvent& e,
                          const VersionCheck& check, const audit::Entry& audit) = 0;
  // Aggregates over events with at >= since (all when nullopt): exact p50/p95 of latency_ms
  // (linear interpolation between closest ranks, numpy's default), sums, and the newest
  // `recent` events. Errors: NotFound (version).
  virtual Result<UsageSummary> GetUsage(const std::string& template_id, int64_t version,
                                        std::optional<int64_t> since, int recent) = 0;
  // Appends the audit record of a refused change, in a transaction of its own (the refused
  // change wrote nothing). Errors: Unavailable, Internal.
  virtual Status AppendAudit(const audit::Entry& entry) = 0;
};

}  // namespace cairn::prompts
