#include "registry/mlflow_registry_routes.h"

#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "common/ids.h"
#include "http/identity.h"
#include "mlflow/error.h"
#include "mlflow/messages.h"
#include "mlflow/order_by.h"
#include "mlflow/page_token.h"
#include "mlflow/request.h"
#include "mlflow/search_filter.h"

namespace cairn::registry {
namespace {

namespace bj = boost::json;
namespace msg = mlflow::msg;

using http::Method;
using http::Request;
using http::Response;
using mlflow::req::InvalidValue;
using mlflow::req::kDocsHint;
using mlflow::req::Missing;
using mlflow::req::OptionalString;
using mlflow::req::Present;
using mlflow::req::RequiredString;
using mlflow::req::StringList;

Response Json(const bj::object& o) { return Response::Json(200, bj::serialize(o)); }

// MLflow's error shape for a Cairn status (field errors appended to the message).
Response Error(const Status& s) {
  mlflow::Error e = mlflow::FromStatus(s);
  if (e.code != mlflow::ErrorCode::kInternalError) {
    for (const FieldError& f : s.errors())
      e.message += (e.message.empty() ? "" : "; ") + f.field + " " + f.message;
  }
  return Response::Json(e.http_status(), e.ToJson());
}

// One JSON object of parameters: the query string (GET) or the body.
Result<bj::object> Params(const Request& req) {
  if (req.method == Method::kGet) return mlflow::req::QueryParams(req.query);
  return mlflow::req::BodyParams(req.Header("content-type"), req.body);
}

Result<std::optional<StringMap>> Tags(const bj::object& o) {
  return mlflow::req::KeyValueMap(o, "tags");
}

// MLflow's version parameter: decimal text (a JSON number is accepted too).
Result<int64_t> VersionParam(const bj::object& o) {
  if (!Present(o, "version")) return Missing("version");
  const bj::value& v = o.at("version");
  if (auto n = msg::ReadInt64(v); n && !v.is_string()) return *n;
  const std::string text = v.is_string() ? std::string(v.get_string()) : bj::serialize(v);
  int64_t n = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, n);
  if (ec != std::errc() || ptr != end)
    return InvalidArgument("Model version must be an integer, got '" + text + "'");
  return n;
}

// MLflow's messages name models and versions their own way.
Status ModelNotFound(const std::string& name) {
  return NotFound("Registered Model with name=" + name + " not found");
}
Status VersionNotFound(const std::string& name, int64_t version) {
  return NotFound("Model Version (name=" + name + ", version=" + std::to_string(version) +
                  ") not found");
}

std::vector<msg::KeyValue> ToKeyValues(const StringMap& m) {
  std::vector<msg::KeyValue> out;
  for (const auto& [k, v] : m) out.push_back({k, v});
  return out;
}

std::string MlflowStage(Stage s) {
  switch (s) {
    case Stage::kNone:
      return "None";
    case Stage::kStaging:
      return "Staging";
    case Stage::kProduction:
      return "Production";
    case Stage::kArchived:
      return "Archived";
  }
  return "None";
}

msg::ModelVersion ToMlflow(const ModelVersion& v) {
  msg::ModelVersion out;
  out.name = v.model_name;
  out.version = std::to_string(v.version);
  out.creation_timestamp = v.created_at;
  out.last_updated_timestamp = v.updated_at;
  out.current_stage = MlflowStage(v.stage);
  out.description = v.description;
  out.source = v.source;
  out.run_id = v.run_id ? UndashedUuid(*v.run_id) : "";
  out.tags = ToKeyValues(v.tags);
  out.run_link = v.run_link;
  out.aliases = v.aliases;
  return out;
}

msg::RegisteredModel ToMlflow(const Model& m) {
  msg::RegisteredModel out;
  out.name = m.name;
  out.creation_timestamp = m.created_at;
  out.last_updated_timestamp = m.updated_at;
  out.description = m.description;
  out.tags = ToKeyValues(m.tags);
  for (const auto& [alias, version] : m.aliases)
    out.aliases.push_back({alias, std::to_string(version)});
  return out;
}

// A URI's scheme ("" when there is none; one letter is a Windows drive, not a scheme).
std::string_view Scheme(std::string_view uri) {
  const size_t colon = uri.find(':');
  if (colon == std::string_view::npos || colon < 2) return {};
  for (size_t i = 0; i < colon; ++i) {
    const auto c = static_cast<unsigned char>(uri[i]);
    if (!(std::isalnum(c) || c == '+' || c == '-' || c == '.') || (i == 0 && !std::isalpha(c)))
      return {};
  }
  return uri.substr(0, colon);
}

std::string UnquotePlus(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() &&
               std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// MLflow's _validate_source: a local path (no scheme, or file:) is refused (Cairn's runs keep
// their artifacts behind mlflow-artifacts:, never in a local directory); any other URI must
// have an absolute path without `.`/`..` segments once fully percent-decoded.
Status ValidateSource(const std::string& source) {
  const std::string_view scheme = Scheme(source);
  if (scheme.empty() || scheme == "file") {
    return InvalidArgument("Invalid model version source: '" + source +
                           "'. To use a local path as a model version source, the run_id request "
                           "parameter has to be specified and the local path has to be contained "
                           "within the artifact directory of the run specified by the run_id.");
  }
  Status invalid = InvalidArgument(
      "Invalid model version source: '" + source +
      "'. If supplying a source as an http, https, local file path, ftp, objectstore, or "
      "mlflow-artifacts uri, an absolute path must be provided without relative path references "
      "present. Please provide an absolute path.");
  std::string decoded = source;
  for (int i = 0; i < 16; ++i) {
    std::string next = UnquotePlus(decoded);
    if (next == decoded) break;
    decoded = std::move(next);
  }
  std::string_view rest = decoded;
  rest.remove_prefix(Scheme(decoded).size() + (Scheme(decoded).empty() ? 0 : 1));
  if (rest.substr(0, 2) == "//") {
    rest.remove_prefix(2);
    const size_t slash = rest.find('/');
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  }
  rest = rest.substr(0, rest.find_first_of("?#"));
  if (rest.find('\0') != std::string_view::npos) return invalid;
  std::string path;
  for (char c : rest) {
    if (c == '/' && !path.empty() && path.back() == '/') continue;
    path += c;
  }
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (path.empty() || path.front() != '/') return invalid;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string_view seg = std::string_view(path).substr(start, end - start);
    if (seg == "." || seg == "..") return invalid;
    start = end + 1;
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// Handlers

Response CreateRegisteredModel(RegistryService& s, const Request& req, const bj::object& p) {
  auto name = RequiredString(p, "name");
  if (!name.ok()) return Error(name.status());
  auto tags = Tags(p);
  if (!tags.ok()) return Error(tags.status());
  auto description = OptionalString(p, "description");
  if (!description.ok()) return Error(description.status());
  auto m = s.CreateModel(ModelCreate{*name, *description, *tags}, http::ActorFor(req));
  if (!m.ok()) {
    if (m.status().code() == StatusCode::kAlreadyExists)
      return Error(AlreadyExists("Registered Model (name=" + *name + ") already exists."));
    return Error(m.status());
  }
  return Json({{"registered_model", msg::ToJson(ToMlflow(*m))}});
}

Response GetRegisteredModel(RegistryService& s, const Request&, const bj::object& p) {
  auto name = RequiredString(p, "name");
  if (!name.ok()) return Error(name.status());
  auto m = s.GetModel(*name);
  if (!m.ok()) {
    if (m.status().code() == StatusCode::kNotFound) return Error(ModelNotFound(*name));
    return Error(m.status());
  }
  return Json({{"registered_model", msg::ToJson(ToMlflow(*m))}});
}

Response CreateModelVersion(RegistryService& s, const Request& req, const bj::object& p) {
  auto name = RequiredString(p, "name");
  if (!name.ok()) return Error(name.status());
  auto source = RequiredString(p, "source");
  if (!source.ok()) return Error(source.status());
  auto run_id = OptionalString(p, "run_id");
  if (!run_id.ok()) return Error(run_id.status());
  auto run_link = OptionalString(p, "run_link");
  if (!run_link.ok()) return Error(run_link.status());
  auto description = OptionalString(p, "description");
  if (!description.ok()) return Error(description.status());
  auto tags = Tags(p);
  if (!tags.ok()) return Error(tags.status());
  if (Status valid = ValidateSource(*source); !valid.ok()) return Error(valid);
  VersionCreate create;
  create.model_name = *name;
  // MLflow's run id is Cairn's run UUID without dashes.
  if (*run_id && !(*run_id)->empty()) create.run_id = CanonicalUuid(**run_id).value_or(**run_id);
  create.description = *description;
  create.tags = *tags;
  create.source = *source;
  create.run_link = run_link->value_or("");
  create.require_model = true;
  auto v = s.RegisterVersion(create, http::ActorFor(req));
  if (!v.ok()) {
    if (v.status().code() == StatusCode::kNotFound && v.status().message().rfind("model '", 0) == 0)
      return Error(ModelNotFound(*name));
    return Error(v.status());
  }
  return Json({{"model_version", msg::ToJson(ToMlflow(*v))}});
}

Response GetModelVersion(RegistryService& s, const Request&, const bj::object& p) {
  auto name = RequiredString(p, "name");
  if (!name.ok()) return Error(name.status());
  auto version = VersionParam(p);
  if (!version.ok()) return Error(version.status());
  auto v = s.GetVersion(*name, *version);
  if (!v.ok()) {
    if (v.status().code() == StatusCode::kNotFound) return Error(VersionNotFound(*name, *version));
    return Error(v.status());
  }
  return Json({{"model_version", msg::ToJson(ToMlflow(*v))}});
}

// MLflow's stage names, case-insensitive ("production" is Production).
Result<Stage> StageParam(const std::string& text) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto stage = ParseStage(lower);
  if (!stage) {
    return InvalidArgument("Invalid Model Version stage: " + text +
                           ". Value must be one of None, Staging, Production, Archived.");
  }
  return *stage;
}

// A model version's status, with MLflow's not-found message.
Response VersionError(const Status& s, const std::string& name, int64_t version) {
  if (s.code() == StatusCode::kNotFound) return Error(VersionNotFound(name, version));
  return Error(s);
}

Response UpdateModelVersion(RegistryService& s, const Request& req, const bj::object& p) {
  auto name = RequiredString(p, "name");
  if (!name.ok()) return Error(name.status());
  auto version = VersionParam(p);
  if (!version.ok()) return Error(version.status());
  auto description = OptionalString(p, "description");
  if (!description.ok()) return Error(description.status());
  VersionPatch patch;
  patch.description = *description;
  auto v = s.UpdateVersion(*name, *version, patch, std::nullopt, http::ActorFor(req));
  if (!v.ok()) return VersionError(v.status(), *name, *version);
  return Json({{"model_version", msg::ToJson(ToMlflow(*v))}});
}

Response SetModelVersionTag(RegistryService& s, const Request& req, const bj::object& p) {
  auto name = RequiredString(p, "name");
  if (!name.ok()) return Error(name.status());
  auto version = VersionParam(p);
  if (!version.ok()) return Error(version.status());
  auto key = RequiredString(p, "key");
  if (!key.ok()) return Error(key.status());
  auto value = OptionalString(p, "value");
  if (!value.ok()) return Error(value.status());
  if (!*value) return Error(Missing("value"));
  VersionPatch patch;
  patch.tag_edits[*key] = **value;
  auto v = s.UpdateVersion(*name, *version, patch, std::nullopt, http::ActorFor(req));
  if (!v.ok()) return VersionError(v.status(), *name, *version);
  return Json({});
}

Response DeleteModelVersionTag(RegistryService& s, const Request& req, const bj::object& p) {
  auto name = RequiredString(p, "name");
  if (!name.ok()) return Error(name.status());
  auto version = VersionParam(p);
  if (!version.ok()) return Error(version.status());
  auto key = RequiredString(p, "key");
  if (!key.ok()) return Error(key.status());
  VersionPatch patch;
  patch.tag_edits[*key] = std::nullopt;
  auto v = s.UpdateVersion(*name, *version, patch, std::nullopt, http::ActorFor(req));
  if (!v.ok()) return VersionError(v.status(), *name, *version);
  return Json({});
}

// MLflow's stage transition through Cairn's promotion rules (docs/mlflow-compat.md): moving into
// Production needs the required checklist items done (else RESOURCE_CONFLICT, 409) and someone
// other than the registrant (else PERMISSION_DENIED, 403), and archives the previous production
// version whatever archive_existing_versions says (one production version per model).
Response TransitionModelVersionStage(RegistryService& s, const Request& req, const bj::object& p) {
  auto name = RequiredString(p, "name");
  if (!name.ok()) return Error(name.status());
  auto version = VersionParam(p);
  if (!version.ok()) return Error(version.status());
  auto stage_text = RequiredString(p, "stage");
  if (!stage_text.ok()) return Error(stage_text.status());
  bool archive = false;
  if (const bj::value* a = p.if_contains("archive_existing_versions"); a && !a->is_null()) {
    if (a->is_bool()) {
      archive = a->get_bool();
    } else if (a->is_string() && (a->get_string() == "true" || a->get_string() == "false")) {
      archive = a->get_string() == "true";
    } else {
      return Error(InvalidValue("archive_existing_versions", *a));
    }
  }
  auto stage = StageParam(*stage_text);
  if (!stage.ok()) return Error(stage.status());
  if (archive && *stage != Stage::kStaging && *stage != Stage::kProduction) {
    return Error(InvalidArgument(
        "Model version transition cannot archive existing model versions because '" +
        MlflowStage(*stage) +
        "' is not an Active stage. Valid stages are ['Staging', "
        "'Production']"));
  }
  VersionPatch patch;
  patch.stage = std::string(ToString(*stage));
  patch.archive_others_in_stage = archive;
  auto v = s.UpdateVersion(*name, *version, patch, std::nullopt, http::ActorFor(req));
  if (!v.ok()) return VersionError(v.status(), *name, *version);
  return Json({{"model_version", msg::ToJson(ToMlflow(*v))}});
}

// The newest version in each requested stage (every stage when none is named), by version.
Response GetLatestVersions(RegistryService& s, const Request&, const bj::object& p) {
  auto name = RequiredString(p, "name");
  if (!name.ok()) return Error(name.status());
  std::vector<std::string> stage_texts;
  if (const bj::value* v = p.if_contains("stages"); v && !v->is_null()) {
    if (v->is_string()) {
      stage_texts.emplace_back(v->get_string());
    } else if (v->is_array()) {
      for (const bj::value& e : v->get_array()) {
        if (!e.is_string()) return Error(InvalidValue("stages", *v));
        stage_texts.emplace_back(e.get_string());
      }
    } else {
      return Error(InvalidValue("stages", *v));
    }
  }
  std::vector<Stage> stages;
  for (const std::string& t : stage_texts) {
    auto stage = StageParam(t);
    if (!stage.ok()) return Error(stage.status());
    stages.push_back(*stage);
  }
  if (stages.empty())
    stages = {Stage::kNone, Stage::kStaging, Stage::kProduction, Stage::kArchived};
  auto m = s.GetModel(*name);
  if (!m.ok()) {
    if (m.status().code() == StatusCode::kNotFound) return Error(ModelNotFound(*name));
    return Error(m.status());
  }
  std::map<int64_t, const ModelVersion*> latest;  // by version number
  for (Stage stage : stages) {
    const ModelVersion* best = nullptr;
    for (const ModelVersion& v : m->versions) {
      if (v.stage == stage && (best == nullptr || v.version > best->version)) best = &v;
    }
    if (best != nullptr) latest[best->version] = best;
  }
  bj::array out;
  for (const auto& [number, v] : latest) {
    // MLflow's latest versions come without their aliases (sqlalchemy_store.get_latest_versions).
    msg::ModelVersion mv = ToMlflow(*v);
    mv.aliases.clear();
    out.push_back(msg::ToJson(mv));
  }
  bj::object o;
  if (!out.empty()) o["model_versions"] = std::move(out);
  return Json(o);
}

// ---------------------------------------------------------------------------------------------
// Aliases, rename and delete (docs/mlflow-compat.md, "Aliases, rename and delete").

// registered-models/alias (POST): MLflow's required fields in its order, then the alias rule,
// then the version's existence.
Response SetRegisteredModelAlias(RegistryService& s, const Request& req, const bj::object& p) {
  auto name = RequiredString(p, "name");
  if (!name.ok()) return Error(name.status());
  auto alias = RequiredString(p, "alias");
  if (!alias.ok()) return Error(alias.status());
  auto version = VersionParam(p);
  if (!version.ok()) return Error(version.status());
  auto v = s.SetAlias(*name, *alias, *version, http::ActorFor(req));
  if (!v.ok()) return VersionError(v.status(), *name, *version);
  return Json({});
}

// registered-models/alias (DELETE): an unknown alias of an existing model is a success.
Response DeleteRegisteredModelAlias(RegistryService& s, const Request& req, const bj::object& p) {
  auto name = RequiredString(p, "name");
  if (!name.ok()) return Error(name.status());
  auto alias = RequiredString(p, "alias");
  if (!alias.ok()) return Error(alias.status());
  Status st = s.DeleteAlias(*name, *alias, http::ActorFor(req));
  if (st.code() == StatusCode::kNotFound) return Error(ModelNotFound(*name));
  if (!st.ok()) return Error(st);
  return Json({});
}

// registered-models/alias (GET): get_model_version_by_alias. MLflow answers an unknown alias
// (or model) with INVALID_PARAMETER_VALUE.
Response GetModelVersionByAlias(RegistryService& s, const Request&, const bj::object& p) {
  auto name = RequiredString(p, "name");
  if (!name.ok()) return Error(name.status());
  auto alias = RequiredString(p, "alias");
  if (!alias.ok()) return Error(alias.status());
  auto v = s.ResolveAlias(*name, *alias);
  if (v.status().code() == StatusCode::kNotFound)
    return Error(InvalidArgument("Registered model alias " + *alias + " not found."));
  if (!v.ok()) return Error(v.status());
  return Json({{"model_version", msg::ToJson(ToMlflow(*v))}});
}

// A registered model's status, with MLflow's not-found message.
Response ModelError(const Status& s, const std::string& name) {
  if (s.code() == StatusCode::kNotFound) return Error(ModelNotFound(name));
  return Error(s);
}

// registered-models/rename: versions and aliases follow; a taken name (also one of a deleted
// model) is RESOURCE_ALREADY_EXISTS; a model in use by a deployment is RESOURCE_CONFLICT.
Response RenameRegisteredModel(RegistryService& s, const Request& req, const bj::object& p) {
  auto name = RequiredString(p, "name");
  if (!name.ok()) return Error(name.status());
  auto new_name = RequiredString(p, "new_name");
  if (!new_name.ok()) return Error(new_name.status());
  auto m = s.RenameModel(*name, *new_name, http::ActorFor(req));
  if (m.status().code() == StatusCode::kAlreadyExists)
    return Error(AlreadyExists("Registered Model (name=" + *new_name + ") already exists."));
  if (!m.ok()) return ModelError(m.status(), *name);
  return Json({{"registered_model", msg::ToJson(ToMlflow(*m))}});
}

// registered-models/delete: a soft delete; refused (RESOURCE_CONFLICT, 409) while a version is
// in production or a deployment uses the model.
Response DeleteRegisteredModel(RegistryService& s, const Request& req, const bj::object& p) {
  auto name = RequiredString(p, "name");
  if (!name.ok()) return Error(name.status());
  Status st = s.DeleteModel(*name, http::ActorFor(req));
  if (!st.ok()) return ModelError(st, *name);
  return Json({});
}

// model-versions/delete: a soft delete (the number is never reused); refused like a model's.
Response DeleteModelVersion(RegistryService& s, const Request& req, const bj::object& p) {
  auto name = RequiredString(p, "name");
  if (!name.ok()) return Error(name.status());
  auto version = VersionParam(p);
  if (!version.ok()) return Error(version.status());
  Status st = s.DeleteVersion(*name, *version, http::ActorFor(req));
  if (!st.ok()) return VersionError(st, *name, *version);
  return Json({});
}

// ---------------------------------------------------------------------------------------------
// Registered-model edits, download URIs and the registry searches

// MLflow's registry tag limits (mlflow/utils/validation.py).
constexpr size_t kMaxRegistryTagKeyLength = 250;
constexpr size_t kMaxRegistryTagValueLength = 5000;
// MLflow's search defaults and limits (mlflow/store/model_registry/__init__.py, handlers.py).
constexpr int64_t kDefaultSearchModels = 100;
constexpr int64_t kMaxSearchModels = 1000;
constexpr int64_t kDefaultSearchVersions = 10000;
constexpr int64_t kMaxSearchVersions = 200000;

// The newest version of each stage, by version number (MLflow's latest_versions).
std::vector<const ModelVersion*> LatestPerStage(const std::vector<ModelVersion>& versions) {
  std::map<Stage, const ModelVersion*> best;
  for (const ModelVersion& v : versions) {
    auto [it, inserted] = best.emplace(v.stage, &v);
    if (!inserted && v.version > it->second->version) it->second = &v;
  }
  std::map<int64_t, const ModelVersion*> by_number;
  for (const auto& [stage, v] : best) by_number[v->version] = v;
  std::vector<const ModelVersion*> out;
  for (const auto& [number, v] : by_number) out.push_back(v);
  return out;
}

// A registered model with its latest versions, as MLflow's search and update answer it.
bj::object RegisteredModelJson(const Model& m) {
  msg::RegisteredModel out = ToMlflow(m);
  for (const ModelVersion* v : LatestPerStage(m.versions))
    out.latest_versions.push_back(ToMlflow(*v));
  return msg::ToJson(out);
}

Status ValidateRegistryTag(std::string_view entity, const std::string& key,
                           const std::string& value) {
  RETURN_IF_ERROR(msg::ValidateKey("tag", key));
  RETURN_IF_ERROR(msg::ValidateLength(std::string(entity) + " key", kMaxRegistryTagKeyLength, key));
  return msg::ValidateLength(std::string(entity) + " value", kMaxRegistryTagValueLength, value);
}

// Answers the model after an edit, with its latest versions.
Response ModelAfterEdit(RegistryService& s, const Model& updated) {
  auto m = s.GetModel(updated.name);
  if (!m.ok()) return ModelError(m.status(), updated.name);
  return Json({{"registered_model", RegisteredModelJson(*m)}});
}

// MLflow's update_registered_model: the description is replaced (an absent one clears it).
Response UpdateRegisteredModel(RegistryService& s, const Request& req, const bj::object& p) {
  auto name = RequiredString(p, "name");
  if (!name.ok()) return Error(name.status());
  auto description = OptionalString(p, "description");
  if (!description.ok()) return Error(description.status());
  ModelPatch patch;
  patch.description = description->value_or("");
  auto m = s.UpdateModel(*name, patch, std::nullopt, http::ActorFor(req));
  if (!m.ok()) return ModelError(m.status(), *name);
  return ModelAfterEdit(s, *m);
}

Response SetRegisteredModelTag(RegistryService& s, const Request& req, const bj::object& p) {
  auto name = RequiredString(p, "name");
  if (!name.ok()) return Error(name.status());
  auto key = RequiredString(p, "key");
  if (!key.ok()) return Error(key.status());
  auto value = OptionalString(p, "value");
  if (!value.ok()) return Error(value.status());
  const std::string v = value->value_or("");
  if (Status valid = ValidateRegistryTag("Registered model", *key, v); !valid.ok())
    return Error(valid);
  ModelPatch patch;
  patch.tag_edits[*key] = v;
  auto m = s.UpdateModel(*name, patch, std::nullopt, http::ActorFor(req));
  if (!m.ok()) return ModelError(m.status(), *name);
  return Json({});
}

// Deleting a tag the model does not have is no change (MLflow answers 200).
Response DeleteRegisteredModelTag(RegistryService& s, const Request& req, const bj::object& p) {
  auto name = RequiredString(p, "name");
  if (!name.ok()) return Error(name.status());
  auto key = RequiredString(p, "key");
  if (!key.ok()) return Error(key.status());
  if (Status valid = msg::ValidateKey("tag", *key); !valid.ok()) return Error(valid);
  ModelPatch patch;
  patch.tag_edits[*key] = std::nullopt;
  auto m = s.UpdateModel(*name, patch, std::nullopt, http::ActorFor(req));
  if (!m.ok()) return ModelError(m.status(), *name);
  return Json({});
}

// MLflow's registry does not copy model files: the download URI is the version's source.
Response GetModelVersionDownloadUri(RegistryService& s, const Request&, const bj::object& p) {
  auto name = RequiredString(p, "name");
  if (!name.ok()) return Error(name.status());
  auto version = VersionParam(p);
  if (!version.ok()) return Error(version.status());
  auto v = s.GetVersion(*name, *version);
  if (!v.ok()) return VersionError(v.status(), *name, *version);
  bj::object out;
  if (!v->source.empty()) out["artifact_uri"] = v->source;
  return Json(out);
}

// max_results as MLflow's handler checks it (an integer, at most `max`); Cairn also refuses
// values below 1, which MLflow's stores mishandle.
Result<int> SearchLimit(const bj::object& p, int64_t default_value, int64_t max) {
  const bj::value* v = p.if_contains("max_results");
  if (v == nullptr || v->is_null()) return static_cast<int>(default_value);
  auto n = msg::ReadInt64(*v);
  const std::string shown = v->is_string() ? std::string(v->get_string()) : bj::serialize(*v);
  const std::string type = v->is_string() ? "str" : v->is_double() ? "float" : "int";
  if (!n || *n > max) {
    return InvalidArgument("Invalid value " + shown +
                           " for parameter 'max_results' supplied. Hint: Value was of type '" +
                           type + "'." + kDocsHint);
  }
  if (*n < 1) {
    return InvalidArgument(
        "Invalid value for max_results. It must be a positive integer, but got " +
        std::to_string(*n));
  }
  return static_cast<int>(*n);
}

Result<int64_t> SearchOffset(const bj::object& p) {
  ASSIGN_OR_RETURN(auto token, OptionalString(p, "page_token"));
  if (!token || token->empty()) return int64_t{0};
  ASSIGN_OR_RETURN(int64_t offset, mlflow::DecodeOffsetPageToken(*token));
  if (offset < 0) return InvalidArgument("Invalid page token, offset must not be negative");
  return offset;
}

bool IsTextComparator(const std::string& op) {
  return op == "=" || op == "!=" || op == "LIKE" || op == "ILIKE";
}

// MLflow's registered-model filter (SearchModelUtils, then the store's checks).
Result<std::vector<ModelSearchClause>> ModelFilter(const std::string& text) {
  ASSIGN_OR_RETURN(auto clauses,
                   mlflow::ParseSearchFilter(mlflow::SearchGrammar::kRegisteredModels, text));
  std::vector<ModelSearchClause> out;
  for (const mlflow::FilterClause& c : clauses) {
    ModelSearchClause m;
    m.op = std::string(mlflow::ComparatorText(c.op));
    const auto* value = std::get_if<std::string>(&c.value);
    if (c.type == "tag") {
      if (!IsTextComparator(m.op) || value == nullptr)
        return InvalidArgument("Invalid comparator for tag: " + c.comparator);
      m.field = ModelSearchClause::Field::kTag;
      m.key = c.key;
    } else if (c.type == "attribute" && c.key == "name") {
      if (!IsTextComparator(m.op) || value == nullptr)
        return InvalidArgument("Invalid comparator for attribute: " + c.comparator);
      m.field = ModelSearchClause::Field::kName;
    } else if (c.type == "attribute") {
      return InvalidArgument("Invalid attribute name: " + c.key);
    } else {
      return InvalidArgument("Invalid token type: " + c.type);
    }
    m.value = *value;
    out.push_back(std::move(m));
  }
  return out;
}

Result<std::vector<ModelSearchOrder>> ModelOrder(const std::vector<std::string>& items) {
  ASSIGN_OR_RETURN(auto parsed,
                   mlflow::ParseOrderBy(mlflow::SearchGrammar::kRegisteredModels, items));
  std::vector<ModelSearchOrder> out;
  for (const mlflow::OrderByItem& i : parsed) {
    ModelSearchOrder o;
    o.field =
        i.key == "name" ? ModelSearchOrder::Field::kName : ModelSearchOrder::Field::kLastUpdated;
    o.descending = !i.ascending;
    out.push_back(o);
  }
  return out;
}

// MLflow's model-version filter (SearchModelVersionUtils, then the store's checks).
Result<std::vector<VersionSearchClause>> VersionFilter(const std::string& text) {
  using F = VersionSearchClause::Field;
  ASSIGN_OR_RETURN(auto clauses,
                   mlflow::ParseSearchFilter(mlflow::SearchGrammar::kModelVersions, text));
  std::vector<VersionSearchClause> out;
  for (const mlflow::FilterClause& c : clauses) {
    VersionSearchClause v;
    v.op = std::string(mlflow::ComparatorText(c.op));
    if (c.type == "tag") {
      const auto* value = std::get_if<std::string>(&c.value);
      if (!IsTextComparator(v.op) || value == nullptr)
        return InvalidArgument("Invalid comparator for tag: " + c.comparator);
      v.field = F::kTag;
      v.key = c.key;
      v.value = *value;
    } else if (c.type != "attribute") {
      return InvalidArgument("Invalid token type: " + c.type);
    } else if (c.key == "version_number") {
      if (v.op == "LIKE" || v.op == "ILIKE" || v.op == "IN" || v.op == "NOT IN" || !c.number)
        return InvalidArgument("Invalid comparator for attribute version_number: " + c.comparator);
      v.field = F::kVersion;
      v.value = *c.number;
    } else if (c.key == "name" || c.key == "run_id" || c.key == "source_path") {
      v.field = c.key == "name" ? F::kName : c.key == "run_id" ? F::kRunId : F::kSource;
      const bool in = v.op == "IN" && v.field == F::kRunId;
      if (!(IsTextComparator(v.op) || in))
        return InvalidArgument("Invalid comparator for attribute: " + c.comparator);
      if (const auto* list = std::get_if<std::vector<std::string>>(&c.value); list && in) {
        v.value = *list;
      } else if (const auto* s = std::get_if<std::string>(&c.value); s && !in) {
        v.value = *s;
      } else {
        return InvalidArgument("Invalid comparator for attribute: " + c.comparator);
      }
    } else {
      return InvalidArgument("Invalid attribute name: " + c.key);
    }
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<VersionSearchOrder>> VersionOrder(const std::vector<std::string>& items) {
  using F = VersionSearchOrder::Field;
  ASSIGN_OR_RETURN(auto parsed, mlflow::ParseOrderBy(mlflow::SearchGrammar::kModelVersions, items));
  std::vector<VersionSearchOrder> out;
  for (const mlflow::OrderByItem& i : parsed) {
    VersionSearchOrder o;
    o.descending = !i.ascending;
    if (i.key == "name") {
      o.field = F::kName;
    } else if (i.key == "version_number") {
      o.field = F::kVersion;
    } else if (i.key == "creation_timestamp") {
      o.field = F::kCreated;
    } else if (i.key == "last_updated_timestamp") {
      o.field = F::kLastUpdated;
    } else {
      return InvalidArgument("Invalid order by key '" + i.key + "' specified.");
    }
    out.push_back(o);
  }
  return out;
}

Response SearchRegisteredModels(RegistryService& s, const Request&, const bj::object& p) {
  ModelSearch search;
  auto filter = OptionalString(p, "filter");
  if (!filter.ok()) return Error(filter.status());
  auto limit = SearchLimit(p, kDefaultSearchModels, kMaxSearchModels);
  if (!limit.ok()) return Error(limit.status());
  search.limit = *limit;
  auto order = StringList(p, "order_by");
  if (!order.ok()) return Error(order.status());
  auto page_token = OptionalString(p, "page_token");
  if (!page_token.ok()) return Error(page_token.status());
  auto clauses = ModelFilter(filter->value_or(""));
  if (!clauses.ok()) return Error(clauses.status());
  search.filter = std::move(*clauses);
  auto keys = ModelOrder(*order);
  if (!keys.ok()) return Error(keys.status());
  search.order_by = std::move(*keys);
  auto offset = SearchOffset(p);
  if (!offset.ok()) return Error(offset.status());
  search.offset = *offset;
  auto page = s.SearchModels(search);
  if (!page.ok()) return Error(page.status());
  bj::object out;
  if (!page->items.empty()) {
    bj::array a;
    for (const Model& m : page->items) a.push_back(RegisteredModelJson(m));
    out["registered_models"] = std::move(a);
  }
  if (page->has_more)
    out["next_page_token"] = mlflow::EncodeOffsetPageToken(search.offset + search.limit);
  return Json(out);
}

Response SearchModelVersions(RegistryService& s, const Request&, const bj::object& p) {
  VersionSearch search;
  auto filter = OptionalString(p, "filter");
  if (!filter.ok()) return Error(filter.status());
  auto limit = SearchLimit(p, kDefaultSearchVersions, kMaxSearchVersions);
  if (!limit.ok()) return Error(limit.status());
  search.limit = *limit;
  auto order = StringList(p, "order_by");
  if (!order.ok()) return Error(order.status());
  auto page_token = OptionalString(p, "page_token");
  if (!page_token.ok()) return Error(page_token.status());
  auto clauses = VersionFilter(filter->value_or(""));
  if (!clauses.ok()) return Error(clauses.status());
  search.filter = std::move(*clauses);
  auto keys = VersionOrder(*order);
  if (!keys.ok()) return Error(keys.status());
  search.order_by = std::move(*keys);
  auto offset = SearchOffset(p);
  if (!offset.ok()) return Error(offset.status());
  search.offset = *offset;
  auto page = s.SearchVersions(search);
  if (!page.ok()) return Error(page.status());
  bj::object out;
  if (!page->items.empty()) {
    bj::array a;
    for (const ModelVersion& v : page->items) a.push_back(msg::ToJson(ToMlflow(v)));
    out["model_versions"] = std::move(a);
  }
  if (page->has_more)
    out["next_page_token"] = mlflow::EncodeOffsetPageToken(search.offset + search.limit);
  return Json(out);
}

using Handler = Response (*)(RegistryService&, const Request&, const bj::object&);
struct Route {
  Method method;
  const char* path;
  Handler handler;
};

void AddRoutes(http::Router& router, RegistryService& s, std::span<const Route> routes) {
  for (const char* prefix : {"/api/2.0/mlflow", "/ajax-api/2.0/mlflow"}) {
    for (const Route& r : routes) {
      const Handler handler = r.handler;
      router.Add(r.method, std::string(prefix) + r.path, [&s, handler](Request& req) {
        auto params = Params(req);
        if (!params.ok()) return Error(params.status());
        return handler(s, req, *params);
      });
    }
  }
}

// Aliases, rename and delete, registered apart from the other registry routes.
void RegisterAliasRenameDeleteRoutes(http::Router& router, RegistryService& s) {
  static const Route kRoutes[] = {
      {Method::kPost, "/registered-models/alias", SetRegisteredModelAlias},
      {Method::kDelete, "/registered-models/alias", DeleteRegisteredModelAlias},
      {Method::kGet, "/registered-models/alias", GetModelVersionByAlias},
      {Method::kPost, "/registered-models/rename", RenameRegisteredModel},
      {Method::kDelete, "/registered-models/delete", DeleteRegisteredModel},
      {Method::kDelete, "/model-versions/delete", DeleteModelVersion},
  };
  AddRoutes(router, s, kRoutes);
}

}  // namespace

void RegisterMlflowRegistryRoutes(http::Router& router, RegistryService& service) {
  static const Route kRoutes[] = {
      {Method::kPost, "/registered-models/create", CreateRegisteredModel},
      {Method::kGet, "/registered-models/get", GetRegisteredModel},
      {Method::kPost, "/model-versions/create", CreateModelVersion},
      {Method::kGet, "/model-versions/get", GetModelVersion},
      {Method::kPatch, "/model-versions/update", UpdateModelVersion},
      {Method::kPost, "/model-versions/set-tag", SetModelVersionTag},
      {Method::kDelete, "/model-versions/delete-tag", DeleteModelVersionTag},
      {Method::kPost, "/model-versions/transition-stage", TransitionModelVersionStage},
      {Method::kPost, "/registered-models/get-latest-versions", GetLatestVersions},
      {Method::kGet, "/registered-models/get-latest-versions", GetLatestVersions},
  };
  // Registered-model edits, download URIs and the searches.
  static const Route kSearchAndEditRoutes[] = {
      {Method::kPatch, "/registered-models/update", UpdateRegisteredModel},
      {Method::kPost, "/registered-models/set-tag", SetRegisteredModelTag},
      {Method::kDelete, "/registered-models/delete-tag", DeleteRegisteredModelTag},
      {Method::kGet, "/registered-models/search", SearchRegisteredModels},
      {Method::kGet, "/model-versions/get-download-uri", GetModelVersionDownloadUri},
      {Method::kGet, "/model-versions/search", SearchModelVersions},
  };
  RegistryService& s = service;
  for (const char* prefix : {"/api/2.0/mlflow", "/ajax-api/2.0/mlflow"}) {
    for (const auto& table :
         {std::span<const Route>(kRoutes), std::span<const Route>(kSearchAndEditRoutes)}) {
      for (const Route& r : table) {
        const Handler handler = r.handler;
        router.Add(r.method, std::string(prefix) + r.path, [&s, handler](Request& req) {
          auto params = Params(req);
          if (!params.ok()) return Error(params.status());
          return handler(s, req, *params);
        });
      }
    }
  }
  RegisterAliasRenameDeleteRoutes(router, service);
}

}  // namespace cairn::registry
