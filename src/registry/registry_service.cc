#include "registry/registry_service.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include "common/identity.h"
#include "common/ids.h"
#include "common/log.h"
#include "common/revision.h"
#include "common/safe_dir.h"
#include "common/sha256.h"
#include "common/validation.h"
#include "tracking/tracking_service.h"

namespace cairn::registry {
namespace {

constexpr size_t kMaxKeyLength = 250;
constexpr size_t kMaxValueLength = 8000;
constexpr size_t kMaxMapEntries = 1000;
constexpr size_t kMaxDescriptionLength = 10000;
constexpr size_t kMaxNoteLength = 2000;
constexpr size_t kMaxChecklistItems = 100;
constexpr size_t kMaxCompareVersions = 100;
// The first bytes of an uploaded model file that format detection looks at.
constexpr size_t kArtifactHeadBytes = 1 << 20;
using validation::kNameRule;

Status Check(std::vector<FieldError> errors) { return validation::Invalid(std::move(errors)); }

void ValidateMap(const std::optional<StringMap>& m, const std::string& field,
                 std::vector<FieldError>& errors) {
  validation::CheckMap(errors, field, m,
                       {.max_entries = kMaxMapEntries,
                        .max_key_length = kMaxKeyLength,
                        .max_value_length = kMaxValueLength});
}

std::string VersionId(const std::string& model_name, int64_t version) {
  return model_name + "/" + std::to_string(version);
}

Status VersionNotFound(const std::string& model_name, int64_t version) {
  return NotFound("model version '" + model_name + "' " + std::to_string(version) + " not found");
}

std::string Join(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ", ") + i;
  return s;
}

// The refusal is already the answer; a failure to record it is logged, not returned.
void AuditRefusal(RegistryStore& store, const audit::Entry& entry) {
  if (Status st = store.AppendAudit(entry); !st.ok()) {
    log::Error("could not audit " + entry.action + ": " + std::string(StatusCodeName(st.code())));
  }
}

std::vector<std::string> MissingRequired(const std::vector<ChecklistItem>& checklist) {
  std::vector<std::string> missing;
  for (const auto& i : checklist)
    if (i.required && !i.done) missing.push_back(i.key);
  return missing;
}

bool IsOnnxPrefix(std::string_view head) {
  // ModelProto starts with ir_version (field 1, varint: tag 0x08) and a small version number,
  // followed by another ModelProto field tag (producer_name, opset_import, graph ...).
  if (head.size() < 3 || static_cast<unsigned char>(head[0]) != 0x08) return false;
  const auto ir = static_cast<unsigned char>(head[1]);
  if (ir < 1 || ir > 0x7f) return false;
  constexpr unsigned char kTags[] = {0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42, 0x72};
  return std::find(std::begin(kTags), std::end(kTags), static_cast<unsigned char>(head[2])) !=
         std::end(kTags);
}

bool IsXgboostJson(std::string_view head) {
  size_t i = 0;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  if (i == head.size() || head[i] != '{') return false;
  return head.find("\"learner\"", i) != std::string_view::npos;
}

}  // namespace

Status ValidateChecklistSpec(const std::vector<ChecklistItemSpec>& items) {
  std::vector<FieldError> errors;
  if (items.size() > kMaxChecklistItems) errors.push_back({"checklist", "at most 100 items"});
  std::set<std::string> seen;
  for (const auto& i : items) {
    if (!IsValidName(i.key)) errors.push_back({"checklist.key", "'" + i.key + "' " + kNameRule});
    if (!seen.insert(i.key).second)
      errors.push_back({"checklist.key", "'" + i.key + "' is listed twice"});
  }
  return Check(std::move(errors));
}

bool HigherIsBetter(const RegistryOptions& options, std::string_view metric) {
  if (auto it = options.direction_overrides.find(std::string(metric));
      it != options.direction_overrides.end())
    return it->second;
  std::string lower(metric);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& p : options.lower_is_better_patterns) {
    std::string pl = p;
    std::transform(pl.begin(), pl.end(), pl.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!pl.empty() && lower.find(pl) != std::string::npos) return false;
  }
  return true;
}

ArtifactFormat DetectArtifactFormat(std::string_view head, std::string_view filename) {
  if (filename.ends_with(".onnx") || IsOnnxPrefix(head)) return ArtifactFormat::kOnnx;
  if (IsXgboostJson(head)) return ArtifactFormat::kXgboostJson;
  return ArtifactFormat::kOther;
}

RegistryService::RegistryService(std::unique_ptr<RegistryStore> store,
                                 tracking::TrackingService* tracking, RegistryOptions options,
                                 const Clock& clock)
    : store_(std::move(store)), tracking_(tracking), options_(std::move(options)), clock_(clock) {}

Result<ModelVersion> RegistryService::RegisterVersion(const VersionCreate& req,
                                                      const std::string& actor) {
  std::vector<FieldError> errors;
  if (!IsValidName(req.model_name)) errors.push_back({"model_name", kNameRule});
  if (req.description && req.description->size() > kMaxDescriptionLength)
    errors.push_back({"description", "must be at most 10000 characters"});
  ValidateMap(req.tags, "tags", errors);
  ValidateMap(req.params, "params", errors);
  if (req.metrics) {
    if (req.metrics->size() > kMaxMapEntries) errors.push_back({"metrics", "at most 1000 entries"});
    for (const auto& [k, v] : *req.metrics) {
      if (!tracking::IsValidMetricKey(k))
        errors.push_back({"metrics", "'" + k.substr(0, kMaxKeyLength) +
                                         "' is not a valid metric name (1-250 characters of "
                                         "[A-Za-z0-9_.-/], starting alphanumeric)"});
    }
  }
  RETURN_IF_ERROR(Check(std::move(errors)));

  ModelVersion v;
  v.model_name = req.model_name;
  if (req.run_id) {
    if (!tracking_) return Unavailable("runs are not available to the registry");
    if (!IsUuid(*req.run_id)) return NotFound("run '" + *req.run_id + "' not found");
    ASSIGN_OR_RETURN(tracking::Run run, tracking_->GetRun(*req.run_id));
    v.run_id = run.run_id;
    for (const auto& [k, m] : run.metrics) v.metrics[k] = m.value;
    v.params = run.params;
  }
  if (req.metrics)
    for (const auto& [k, x] : *req.metrics) v.metrics[k] = x;
  if (req.params)
    for (const auto& [k, x] : *req.params) v.params[k] = x;
  v.description = req.description.value_or("");
  v.tags = req.tags.value_or(StringMap{});
  v.source = req.source;
  v.run_link = req.run_link;
  for (const auto& spec : options_.default_checklist)
    v.checklist.push_back(ChecklistItem{spec.key, spec.description, spec.required, false,
                                        std::nullopt, std::nullopt, ""});
  const int64_t now = clock_.NowMillis();
  v.stage = Stage::kNone;
  v.created_by = actor;
  v.updated_by = actor;
  v.created_at = now;
  v.updated_at = now;
  v.revision = 1;
  audit::Summary summary{{"stage", std::string("none")}};
  if (v.run_id) summary["run_id"] = *v.run_id;
  return store_->CreateVersion(
      v, audit::Entry{now, actor, "model_version.create", "model_version", v.model_name, summary},
      !req.require_model);
}

Result<Model> RegistryService::CreateModel(const ModelCreate& req, const std::string& actor) {
  std::vector<FieldError> errors;
  if (!IsValidName(req.name)) errors.push_back({"name", kNameRule});
  if (req.description && req.description->size() > kMaxDescriptionLength)
    errors.push_back({"description", "must be at most 10000 characters"});
  ValidateMap(req.tags, "tags", errors);
  RETURN_IF_ERROR(Check(std::move(errors)));
  Model m;
  m.name = req.name;
  m.description = req.description.value_or("");
  m.tags = req.tags.value_or(StringMap{});
  m.created_by = actor;
  m.created_at = clock_.NowMillis();
  m.updated_at = m.created_at;
  m.revision = 1;
  return store_->CreateModel(m, audit::Entry{m.created_at, actor, "registered_model.create",
                                             "registered_model", m.name, audit::Summary{}});
}

Result<ModelVersion> RegistryService::GetVersion(const std::string& model_name, int64_t version) {
  if (!IsValidName(model_name) || version < 1) return VersionNotFound(model_name, version);
  return store_->GetVersion(model_name, version);
}

Status RegistryService::CheckExists(storage::Transaction& tx, const std::string& model_name,
                                    std::optional<int64_t> version) {
  if (!IsValidName(model_name)) return NotFound("model '" + model_name + "' not found");
  if (version && *version < 1) return VersionNotFound(model_name, *version);
  return store_->CheckExists(tx, model_name, version);
}

Result<Model> RegistryService::GetModel(const std::string& model_name) {
  if (!IsValidName(model_name)) return NotFound("model '" + model_name + "' not found");
  return store_->GetModel(model_name);
}

Result<Model> RegistryService::UpdateModel(const std::string& model_name, const ModelPatch& patch,
                                           std::optional<int64_t> if_match,
                                           const std::string& actor) {
  std::vector<FieldError> errors;
  if (patch.description && patch.description->size() > kMaxDescriptionLength)
    errors.push_back({"description", "must be at most 10000 characters"});
  if (!patch.tag_edits.empty()) {
    StringMap edited;
    for (const auto& [k, v] : patch.tag_edits) edited[k] = v.value_or("");
    ValidateMap(edited, "tags", errors);
  }
  RETURN_IF_ERROR(Check(std::move(errors)));
  if (!IsValidName(model_name)) return NotFound("model '" + model_name + "' not found");
  const int64_t now = clock_.NowMillis();
  return store_->UpdateModel(model_name, [&](const Model& current) -> Result<ModelChange> {
    RETURN_IF_ERROR(CheckIfMatch("model '" + model_name + "'", if_match, current.revision));
    ModelChange change;
    change.updated = current;
    Model& u = change.updated;
    audit::Summary summary;
    if (patch.description && *patch.description != current.description) {
      u.description = *patch.description;
      summary["description"] = std::string("changed");
    }
    std::vector<std::string> set_keys, deleted_keys;
    for (const auto& [key, value] : patch.tag_edits) {
      auto it = u.tags.find(key);
      if (value) {
        if (it != u.tags.end() && it->second == *value) continue;
        u.tags[key] = *value;
        set_keys.push_back(key);
      } else if (it != u.tags.end()) {
        u.tags.erase(it);
        deleted_keys.push_back(key);
      }
    }
    if (!set_keys.empty()) summary["tags_set"] = Join(set_keys);
    if (!deleted_keys.empty()) summary["tags_deleted"] = Join(deleted_keys);
    if (summary.empty()) return change;  // nothing changed: no write, no audit
    if (u.tags.size() > kMaxMapEntries)
      return Check({{"tags", "must have at most " + std::to_string(kMaxMapEntries) + " entries"}});
    u.updated_at = std::max(now, current.updated_at);
    change.audit = audit::Entry{
        now, actor, "registered_model.update", "registered_model", model_name, std::move(summary)};
    return change;
  });
}

Result<SearchPage<Model>> RegistryService::SearchModels(const ModelSearch& search) {
  if (search.limit < 1 || search.limit > 1000)
    return Check({{"max_results", "must be between 1 and 1000"}});
  if (search.offset < 0) return Check({{"page_token", "must not be negative"}});
  return store_->SearchModels(search);
}

Result<SearchPage<ModelVersion>> RegistryService::SearchVersions(const VersionSearch& search) {
  if (search.limit < 1 || search.limit > 200000)
    return Check({{"max_results", "must be between 1 and 200000"}});
  if (search.offset < 0) return Check({{"page_token", "must not be negative"}});
  return store_->SearchVersions(search);
}

Result<Page<ModelVersion>> RegistryService::ListVersions(const VersionListRequest& req) {
  VersionQuery q;
  std::vector<FieldError> errors;
  auto limit = PageLimit(req.limit);
  if (!limit.ok()) return limit.status();
  q.limit = *limit;
  if (req.stage) {
    q.stage = ParseStage(*req.stage);
    if (!q.stage) errors.push_back({"stage", "must be one of none, staging, production, archived"});
  }
  if (req.model_name && !IsValidName(*req.model_name)) errors.push_back({"model_name", kNameRule});
  RETURN_IF_ERROR(Check(std::move(errors)));
  q.model_name = req.model_name;
  q.page_token = req.page_token;
  return store_->ListVersions(q);
}

Result<ModelVersion> RegistryService::UpdateVersion(const std::string& model_name, int64_t version,
                                                    const VersionPatch& patch,
                                                    std::optional<int64_t> if_match,
                                                    const std::string& actor) {
  std::vector<FieldError> errors;
  std::optional<Stage> stage;
  if (patch.stage) {
    stage = ParseStage(*patch.stage);
    if (!stage) errors.push_back({"stage", "must be one of none, staging, production, archived"});
  }
  if (patch.description && patch.description->size() > kMaxDescriptionLength)
    errors.push_back({"description", "must be at most 10000 characters"});
  ValidateMap(patch.tags, "tags", errors);
  if (!patch.tag_edits.empty()) {
    StringMap edited;
    for (const auto& [k, v] : patch.tag_edits) edited[k] = v.value_or("");
    ValidateMap(edited, "tags", errors);
  }
  std::set<std::string> keys;
  for (size_t i = 0; i < patch.checklist.size(); ++i) {
    const auto& u = patch.checklist[i];
    const std::string field = "checklist[" + std::to_string(i) + "]";
    if (!keys.insert(u.key).second) errors.push_back({field + ".key", "is listed twice"});
    if (u.note && u.note->size() > kMaxNoteLength)
      errors.push_back({field + ".note", "must be at most 2000 characters"});
  }
  RETURN_IF_ERROR(Check(std::move(errors)));
  if (!IsValidName(model_name) || version < 1) return VersionNotFound(model_name, version);

  const int64_t now = clock_.NowMillis();
  std::optional<audit::Entry> refusal;  // set when a governance rule refuses the change
  auto mutate = [&](const ModelVersion& cur, VersionReader& in_tx) -> Result<VersionChange> {
    RETURN_IF_ERROR(CheckIfMatch("model version '" + VersionId(model_name, version) + "'", if_match,
                                 cur.revision));
    ModelVersion u = cur;
    std::vector<std::string> changed;
    std::vector<FieldError> key_errors;
    for (size_t i = 0; i < patch.checklist.size(); ++i) {
      const auto& upd = patch.checklist[i];
      auto it = std::find_if(u.checklist.begin(), u.checklist.end(),
                             [&](const ChecklistItem& c) { return c.key == upd.key; });
      if (it == u.checklist.end()) {
        key_errors.push_back({"checklist[" + std::to_string(i) + "].key",
                              "'" + upd.key + "' is not an item of this version's checklist"});
        continue;
      }
      bool item_changed = false;
      if (upd.done != it->done) {
        it->done = upd.done;
        it->done_by = upd.done ? std::optional<std::string>(actor) : std::nullopt;
        it->done_at = upd.done ? std::optional<int64_t>(now) : std::nullopt;
        item_changed = true;
      }
      if (upd.note && *upd.note != it->note) {
        it->note = *upd.note;
        item_changed = true;
      }
      if (item_changed) changed.push_back("checklist." + upd.key);
    }
    RETURN_IF_ERROR(Check(std::move(key_errors)));
    // A version that is and stays in production keeps every required item done: unticking one
    // is refused (409) rather than demoting the version behind the caller's back.
    if (cur.stage == Stage::kProduction && stage.value_or(cur.stage) == Stage::kProduction) {
      std::vector<std::string> unticked;
      for (const auto& item : u.checklist) {
        auto before = std::find_if(cur.checklist.begin(), cur.checklist.end(),
                                   [&](const ChecklistItem& c) { return c.key == item.key; });
        if (item.required && !item.done && before != cur.checklist.end() && before->done)
          unticked.push_back(item.key);
      }
      if (!unticked.empty()) {
        refusal = audit::Entry{now,
                               actor,
                               "model_version.untick_refused",
                               "model_version",
                               VersionId(model_name, version),
                               {{"keys", Join(unticked)}}};
        return FailedPrecondition("model version '" + model_name + "' " + std::to_string(version) +
                                  " is in production: its required checklist items cannot be "
                                  "unticked (" +
                                  Join(unticked) + "); move it out of production first");
      }
    }
    if (patch.description && *patch.description != u.description) {
      u.description = *patch.description;
      changed.push_back("description");
    }
    if (patch.tags && *patch.tags != u.tags) {
      u.tags = *patch.tags;
      changed.push_back("tags");
    }
    if (!patch.tag_edits.empty()) {
      StringMap tags = u.tags;
      for (const auto& [k, v] : patch.tag_edits) {
        if (v) {
          tags[k] = *v;
        } else {
          tags.erase(k);
        }
      }
      if (tags.size() > kMaxMapEntries)
        return Check({{"tags", "at most " + std::to_string(kMaxMapEntries) + " entries"}});
      if (tags != u.tags) {
        u.tags = std::move(tags);
        if (changed.empty() || changed.back() != "tags") changed.push_back("tags");
      }
    }
    audit::Summary summary;
    if (stage && *stage != u.stage) {
      if (*stage == Stage::kProduction) {
        auto missing = MissingRequired(u.checklist);
        if (!missing.empty())
          return FailedPrecondition("model version '" + model_name + "' " +
                                    std::to_string(version) +
                                    " cannot move to production: required checklist items not "
                                    "done: " +
                                    Join(missing));
        // Four-eyes: whoever registered a version does not also put it in production.
        if (MaybeSamePerson(actor, cur.created_by)) {
          refusal =
              audit::Entry{now,
                           actor,
                           "model_version.promote_refused",
                           "model_version",
                           VersionId(model_name, version),
                           {{"rule", std::string("four_eyes")}, {"registered_by", cur.created_by}}};
          return PermissionDenied("model version '" + model_name + "' " + std::to_string(version) +
                                  " was registered by '" + cur.created_by +
                                  "'; someone else must promote it to production");
        }
      }
      summary["from"] = std::string(ToString(u.stage));
      summary["to"] = std::string(ToString(*stage));
      u.stage = *stage;
      changed.push_back("stage");
    }
    VersionChange change;
    if (changed.empty()) {
      change.updated = cur;
      return change;
    }
    u.updated_by = actor;
    u.updated_at = now;
    u.revision = cur.revision + 1;
    summary["changed"] = Join(changed);
    const bool archive_staging =
        patch.archive_others_in_stage && u.stage == Stage::kStaging && cur.stage != u.stage;
    if ((u.stage == Stage::kProduction && cur.stage != Stage::kProduction) || archive_staging) {
      // One production version per model: the promotion archives the previous one, in the
      // same transaction, each archive with its own audit record by the same actor (and, when
      // asked, a move into staging archives the other staging versions the same way).
      ASSIGN_OR_RETURN(auto previous, in_tx.VersionsInStage(model_name, u.stage));
      for (const ModelVersion& p : previous) {
        if (p.version == version) continue;
        ModelVersion archived = p;
        archived.stage = Stage::kArchived;
        archived.updated_by = actor;
        archived.updated_at = now;
        archived.revision = p.revision + 1;
        change.related.push_back({std::move(archived), p.revision,
                                  audit::Entry{now,
                                               actor,
                                               "model_version.archive",
                                               "model_version",
                                               VersionId(model_name, p.version),
                                               {{"from", std::string(ToString(p.stage))},
                                                {"to", std::string("archived")},
                                                {"replaced_by", version}}}});
      }
    }
    change.updated = std::move(u);
    change.audit = audit::Entry{now,
                                actor,
                                "model_version.update",
                                "model_version",
                                VersionId(model_name, version),
                                std::move(summary)};
    return change;
  };
  auto updated = store_->UpdateVersion(model_name, version, mutate);
  if (!updated.ok() && refusal) AuditRefusal(*store_, *refusal);
  return updated;
}

Status RegistryService::TickChecklistItem(const std::string& model_name, int64_t version,
                                          const std::string& key, const std::string& actor,
                                          const std::string& note) {
  if (note.size() > kMaxNoteLength) return Check({{"note", "must be at most 2000 characters"}});
  if (!IsValidName(model_name) || version < 1) return VersionNotFound(model_name, version);
  const int64_t now = clock_.NowMillis();
  auto mutate = [&](const ModelVersion& cur, VersionReader&) -> Result<VersionChange> {
    ModelVersion u = cur;
    auto it = std::find_if(u.checklist.begin(), u.checklist.end(),
                           [&](const ChecklistItem& c) { return c.key == key; });
    if (it == u.checklist.end())
      return NotFound("checklist item '" + key + "' not found in model version '" + model_name +
                      "' " + std::to_string(version));
    VersionChange change;
    if (it->done) {
      change.updated = cur;
      return change;
    }
    it->done = true;
    it->done_by = actor;
    it->done_at = now;
    if (!note.empty()) it->note = note;
    u.updated_by = actor;
    u.updated_at = now;
    u.revision = cur.revision + 1;
    change.updated = std::move(u);
    change.audit = audit::Entry{now,
                                actor,
                                "model_version.tick_checklist",
                                "model_version",
                                VersionId(model_name, version),
                                {{"key", key}}};
    return change;
  };
  return store_->UpdateVersion(model_name, version, mutate).status();
}

Result<ModelVersion> RegistryService::PutArtifact(const std::string& model_name, int64_t version,
                                                  const ArtifactUpload& upload,
                                                  const std::string& actor) {
  std::vector<FieldError> errors;
  std::optional<ArtifactFormat> declared;
  if (upload.format) {
    declared = ParseArtifactFormat(*upload.format);
    if (!declared) errors.push_back({"format", "must be one of xgboost-json, onnx, other"});
  }
  if (upload.filename && !IsValidName(*upload.filename)) errors.push_back({"filename", kNameRule});
  RETURN_IF_ERROR(Check(std::move(errors)));
  if (!IsValidName(model_name) || version < 1) return VersionNotFound(model_name, version);
  auto hashed = Sha256File(upload.temp_file, kArtifactHeadBytes);
  if (!hashed.ok()) return Internal("cannot read uploaded file");
  const FileDigest& scanned = *hashed;
  if (scanned.size_bytes == 0) return Check({{"body", "must not be empty"}});
  const std::string filename_hint = upload.filename.value_or("");
  const ArtifactFormat detected = DetectArtifactFormat(scanned.head, filename_hint);
  ArtifactFormat format = detected;
  if (declared) {
    if (*declared != ArtifactFormat::kOther && *declared != detected)
      return Check({{"format", "declared " + std::string(ToString(*declared)) +
                                   " but the file does not look like it (detected " +
                                   std::string(ToString(detected)) + ")"}});
    format = *declared;
  }
  std::string filename =
      upload.filename.value_or(format == ArtifactFormat::kXgboostJson ? "model.json"
                               : format == ArtifactFormat::kOnnx      ? "model.onnx"
                                                                      : "model.bin");
  const std::string relative =
      "models/" + model_name + "/" + std::to_string(version) + "/" + filename;
  auto data = files::SafeDir::OpenOrCreate(options_.data_dir);
  if (!data.ok()) return Internal("cannot open the data directory");
  const int64_t now = clock_.NowMillis();
  bool moved = false;
  auto mutate = [&](const ModelVersion& cur, VersionReader&) -> Result<VersionChange> {
    if (cur.artifact)
      return AlreadyExists("model version '" + model_name + "' " + std::to_string(version) +
                           " already has an artifact (artifacts are write-once; register a new "
                           "version)");
    ModelVersion u = cur;
    u.artifact = ModelArtifact{format, relative, scanned.size_bytes, scanned.sha256};
    u.updated_by = actor;
    u.updated_at = now;
    u.revision = cur.revision + 1;
    VersionChange change;
    change.updated = std::move(u);
    change.audit = audit::Entry{now,
                                actor,
                                "model_version.upload_artifact",
                                "model_version",
                                VersionId(model_name, version),
                                {{"format", std::string(ToString(format))},
                                 {"size_bytes", scanned.size_bytes},
                                 {"sha256", scanned.sha256}}};
    change.before_commit = [&]() -> Status {
      Status m = data->MoveIn(upload.temp_file, relative);
      // A symbolic link (or another entry that is not a model file) is in the way: it is never
      // followed, and its target is not named.
      if (files::IsRefusedPath(m)) {
        log::Info("model artifact upload refused (409): " + VersionId(model_name, version) +
                  ": a file that is not a model artifact is in the way");
        return AlreadyExists("model version '" + model_name + "' " + std::to_string(version) +
                             ": the artifact's place is taken by a file that is not an artifact");
      }
      RETURN_IF_ERROR(m);
      moved = true;
      return Status::Ok();
    };
    return change;
  };
  auto result = store_->UpdateVersion(model_name, version, mutate);
  if (!result.ok() && moved) {
    (void)data->Remove(relative);  // the commit failed: do not leave an unrecorded file behind
  }
  return result;
}

Result<ModelArtifactFile> RegistryService::GetArtifactFile(const std::string& model_name,
                                                           int64_t version) {
  ASSIGN_OR_RETURN(ModelVersion v, GetVersion(model_name, version));
  if (!v.artifact)
    return NotFound("model version '" + model_name + "' " + std::to_string(version) +
                    " has no artifact");
  auto missing = [&] {
    return NotFound("the artifact of model version '" + model_name + "' " +
                    std::to_string(version) + " is recorded but its file is missing");
  };
  auto data = files::SafeDir::Open(options_.data_dir);
  if (!data.ok()) return missing();
  auto file = data->OpenRead(v.artifact->path);
  if (!file.ok()) {
    // A symbolic link anywhere on the way answers like a missing file: never followed, its
    // target never revealed.
    if (files::IsRefusedPath(file.status()))
      log::Info("model artifact of " + VersionId(model_name, version) +
                " not served: it is not a regular file in the data directory");
    if (file.status().code() == StatusCode::kInternal) return Internal("cannot open artifact");
    return missing();
  }
  return ModelArtifactFile{*v.artifact, std::make_shared<const files::UniqueFd>(std::move(*file))};
}

Result<Comparison> RegistryService::Compare(const std::string& model_name,
                                            const CompareRequest& req) {
  std::vector<FieldError> errors;
  if (req.versions.empty()) errors.push_back({"versions", "must list at least one version"});
  if (req.versions.size() > kMaxCompareVersions)
    errors.push_back({"versions", "must list at most 100 versions"});
  std::set<int64_t> seen;
  for (int64_t v : req.versions) {
    if (v < 1) errors.push_back({"versions", "must be positive integers"});
    if (!seen.insert(v).second)
      errors.push_back({"versions", "version " + std::to_string(v) + " is listed twice"});
  }
  if (req.metrics) {
    if (req.metrics->size() > kMaxMapEntries) errors.push_back({"metrics", "at most 1000 names"});
    for (const auto& m : *req.metrics)
      if (!tracking::IsValidMetricKey(m))
        errors.push_back(
            {"metrics", "'" + m.substr(0, kMaxKeyLength) + "' is not a valid metric name"});
  }
  RETURN_IF_ERROR(Check(std::move(errors)));
  ASSIGN_OR_RETURN(Model model, GetModel(model_name));
  std::vector<const ModelVersion*> chosen;
  for (int64_t v : req.versions) {
    auto it = std::find_if(model.versions.begin(), model.versions.end(),
                           [&](const ModelVersion& mv) { return mv.version == v; });
    if (it == model.versions.end()) return VersionNotFound(model_name, v);
    chosen.push_back(&*it);
  }
  Comparison out;
  out.model_name = model_name;
  out.versions = req.versions;
  std::vector<std::string> metric_names;
  if (req.metrics) {
    metric_names = *req.metrics;
  } else {
    std::set<std::string> all;
    for (const auto* v : chosen)
      for (const auto& [k, x] : v->metrics) all.insert(k);
    metric_names.assign(all.begin(), all.end());
  }
  for (const auto& name : metric_names) {
    MetricComparison mc;
    mc.metric = name;
    mc.higher_is_better = HigherIsBetter(options_, name);
    std::optional<double> best;
    for (const auto* v : chosen) {
      auto it = v->metrics.find(name);
      std::optional<double> value;
      if (it != v->metrics.end()) value = it->second;
      mc.values.push_back(value);
      if (value && (!best || (mc.higher_is_better ? *value > *best : *value < *best))) {
        best = value;
        mc.best_version = v->version;
      }
    }
    for (const auto& value : mc.values) {
      if (value && mc.values.front()) {
        mc.deltas.push_back(*value - *mc.values.front());
      } else {
        mc.deltas.push_back(std::nullopt);
      }
    }
    out.metrics.push_back(std::move(mc));
  }
  std::set<std::string> param_keys;
  for (const auto* v : chosen)
    for (const auto& [k, x] : v->params) param_keys.insert(k);
  for (const auto& key : param_keys) {
    ParamDifference d;
    d.param = key;
    bool differs = false;
    for (const auto* v : chosen) {
      auto it = v->params.find(key);
      std::optional<std::string> value;
      if (it != v->params.end()) value = it->second;
      if (!d.values.empty() && value != d.values.front()) differs = true;
      d.values.push_back(std::move(value));
    }
    if (differs) out.params_diff.push_back(std::move(d));
  }
  return out;
}

Status ValidateAliasName(std::string_view alias) {
  if (alias.empty()) return InvalidArgument("Registered model alias name cannot be empty.");
  for (char c : alias) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '_' || c == '-'))
      return InvalidArgument("Invalid alias name: '" + std::string(alias.substr(0, 250)) +
                             "'. Names may only contain alphanumerics, underscores (_), and "
                             "dashes (-).");
  }
  constexpr size_t kMaxAliasLength = 255;
  if (alias.size() > kMaxAliasLength)
    return InvalidArgument("Registered model alias name '" + std::string(alias.substr(0, 250)) +
                           "' had length " + std::to_string(alias.size()) +
                           ", which exceeded length limit of 255");
  std::string lower(alias);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "latest")
    return InvalidArgument("'latest' alias name (case insensitive) is reserved.");
  if (alias.size() > 1 && lower[0] == 'v' &&
      std::all_of(alias.begin() + 1, alias.end(),
                  [](unsigned char c) { return std::isdigit(c) != 0; }))
    return InvalidArgument("Version alias name '" + std::string(alias) + "' is reserved.");
  return Status::Ok();
}

Result<ModelVersion> RegistryService::SetAlias(const std::string& model_name,
                                               const std::string& alias, int64_t version,
                                               const std::string& actor) {
  RETURN_IF_ERROR(ValidateAliasName(alias));
  if (!IsValidName(model_name)) return NotFound("model '" + model_name + "' not found");
  if (version < 1) return VersionNotFound(model_name, version);
  const int64_t now = clock_.NowMillis();
  return store_->SetAlias(model_name, alias, version, actor, now,
                          audit::Entry{now,
                                       actor,
                                       "registered_model.set_alias",
                                       "registered_model",
                                       model_name,
                                       {{"alias", alias}, {"version", version}}});
}

Status RegistryService::DeleteAlias(const std::string& model_name, const std::string& alias,
                                    const std::string& actor) {
  RETURN_IF_ERROR(ValidateAliasName(alias));
  if (!IsValidName(model_name)) return NotFound("model '" + model_name + "' not found");
  const int64_t now = clock_.NowMillis();
  return store_
      ->DeleteAlias(model_name, alias,
                    audit::Entry{now,
                                 actor,
                                 "registered_model.delete_alias",
                                 "registered_model",
                                 model_name,
                                 {{"alias", alias}}})
      .status();
}

Result<ModelVersion> RegistryService::ResolveAlias(const std::string& model_name,
                                                   const std::string& alias) {
  RETURN_IF_ERROR(ValidateAliasName(alias));
  if (!IsValidName(model_name))
    return NotFound("alias '" + alias + "' of model '" + model_name + "' not found");
  return store_->GetVersionByAlias(model_name, alias);
}

Result<std::vector<std::string>> RegistryService::UsersOf(const std::string& model_name,
                                                          std::optional<int64_t> version) {
  std::vector<std::string> users;
  for (ModelUsage* usage : usages_) {
    ASSIGN_OR_RETURN(auto found, usage->UsersOfModel(model_name, version));
    users.insert(users.end(), found.begin(), found.end());
  }
  return users;
}

Result<Model> RegistryService::RenameModel(const std::string& model_name,
                                           const std::string& new_name, const std::string& actor) {
  if (!IsValidName(new_name)) return Check({{"new_name", kNameRule}});
  if (!IsValidName(model_name)) return NotFound("model '" + model_name + "' not found");
  const int64_t now = clock_.NowMillis();
  ASSIGN_OR_RETURN(auto users, UsersOf(model_name, std::nullopt));
  if (!users.empty()) {
    AuditRefusal(*store_, audit::Entry{now,
                                       actor,
                                       "registered_model.rename_refused",
                                       "registered_model",
                                       model_name,
                                       {{"new_name", new_name}, {"used_by", Join(users)}}});
    return FailedPrecondition("model '" + model_name + "' cannot be renamed while in use by " +
                              Join(users));
  }
  return store_->RenameModel(model_name, new_name, now,
                             audit::Entry{now,
                                          actor,
                                          "registered_model.rename",
                                          "registered_model",
                                          model_name,
                                          {{"from", model_name}, {"to", new_name}}});
}

Status RegistryService::DeleteModel(const std::string& model_name, const std::string& actor) {
  if (!IsValidName(model_name)) return NotFound("model '" + model_name + "' not found");
  const int64_t now = clock_.NowMillis();
  auto refuse = [&](const std::string& reason, const std::string& message) {
    AuditRefusal(*store_, audit::Entry{now,
                                       actor,
                                       "registered_model.delete_refused",
                                       "registered_model",
                                       model_name,
                                       {{"reason", reason}}});
    return FailedPrecondition(message);
  };
  ASSIGN_OR_RETURN(auto users, UsersOf(model_name, std::nullopt));
  if (!users.empty())
    return refuse("in use by " + Join(users),
                  "model '" + model_name + "' cannot be deleted while in use by " + Join(users));
  std::optional<int64_t> production;
  Status st = store_->DeleteModel(
      model_name, now,
      [&](const Model& m) -> Status {
        if (m.production_version) {
          production = m.production_version;
          return FailedPrecondition("model '" + model_name + "' cannot be deleted: version " +
                                    std::to_string(*m.production_version) +
                                    " is in production; move it out of production first");
        }
        return Status::Ok();
      },
      audit::Entry{now, actor, "registered_model.delete", "registered_model", model_name, {}});
  if (!st.ok() && production)
    return refuse("version " + std::to_string(*production) + " in production", st.message());
  return st;
}

Status RegistryService::DeleteVersion(const std::string& model_name, int64_t version,
                                      const std::string& actor) {
  if (!IsValidName(model_name) || version < 1) return VersionNotFound(model_name, version);
  const int64_t now = clock_.NowMillis();
  const std::string id = VersionId(model_name, version);
  auto refuse = [&](const std::string& reason, const std::string& message) {
    AuditRefusal(
        *store_,
        audit::Entry{
            now, actor, "model_version.delete_refused", "model_version", id, {{"reason", reason}}});
    return FailedPrecondition(message);
  };
  ASSIGN_OR_RETURN(auto users, UsersOf(model_name, version));
  if (!users.empty())
    return refuse("in use by " + Join(users),
                  "model version '" + model_name + "' " + std::to_string(version) +
                      " cannot be deleted while in use by " + Join(users));
  bool in_production = false;
  Status st = store_->DeleteVersion(
      model_name, version, now,
      [&](const ModelVersion& v) -> Status {
        if (v.stage == Stage::kProduction) {
          in_production = true;
          return FailedPrecondition("model version '" + model_name + "' " +
                                    std::to_string(version) +
                                    " is in production and cannot be deleted; move it out of "
                                    "production first");
        }
        return Status::Ok();
      },
      audit::Entry{now, actor, "model_version.delete", "model_version", id, {}});
  if (!st.ok() && in_production) return refuse("in production", st.message());
  return st;
}

}  // namespace cairn::registry
