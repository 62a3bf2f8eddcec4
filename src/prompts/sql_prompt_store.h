// SqlPromptStore: PromptStore over storage::SqlDatabase (tables of migration 0004_prompts;
// portable SQL, bound parameters only). Variables, parameters and the latest evaluation are
// JSON text columns; tags are key/value rows (so `?tag=` filters in SQL).
//
// Thread safety: thread-safe (no mutable state; the database is thread-safe).
#pragma once

#include "audit/audit_writer.h"
#include "prompts/prompt_store.h"
#include "storage/sql_database.h"

namespace cairn::prompts {

class SqlPromptStore final : public PromptStore {
 public:
  // `db` must outlive the store.
  explicit SqlPromptStore(storage::SqlDatabase& db) : db_(db) {}

  Status CreateTemplate(const Template& t, const Version& first,
                        const audit::Entry& audit) override;
  Result<Template> GetTemplate(const std::string& id) override;
  Result<Page<Template>> ListTemplates(const TemplateQuery& query) override;
  Result<Template> UpdateTemplate(const std::string& id, const TemplateMutator& mutate) override;
  Result<Version> CreateVersion(const std::string& template_id, Version v,
                                audit::Entry audit) override;
  Result<Version> GetVersion(const std::string& template_id, int64_t version) override;
  Result<Version> GetVersionByLabel(const std::string& template_id,
                                    const std::string& label) override;
  Result<Version> UpdateVersion(const std::string& template_id, int64_t version,
                                const VersionMutator& mutate) override;
  Result<LabelMove> SetLabel(const std::string& template_id, const std::string& label,
                             int64_t version, const VersionCheck& check,
                             std::optional<int64_t> if_match, const std::string& actor,
                             audit::Entry audit) override;
  Result<int64_t> DeleteLabel(const std::string& template_id, const std::string& label,
                              audit::Entry audit) override;
  Status LogUsage(const std::string& template_id, int64_t version, const UsageEvent& e,
                  const VersionCheck& check, const audit::Entry& audit) override;
  Result<UsageSummary> GetUsage(const std::string& template_id, int64_t version,
                                std::optional<int64_t> since, int recent) override;

  Status AppendAudit(const audit::Entry& entry) override { return audit::AppendAlone(db_, entry); }

 private:
  storage::SqlDatabase& db_;
};

}  // namespace cairn::prompts
