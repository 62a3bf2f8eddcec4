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

namespace cairn::registry {
namespace {

namespace bj = boost::json;
namespace msg = mlflow::msg;

using http::Method;
using http::Request;
using http::Response;

constexpr char kDocsHint[] = " See the API docs for more information about request parameters.";

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

Status Missing(std::string_view field) {
  return InvalidArgument("Missing value for required parameter '" + std::string(field) + "'." +
                         kDocsHint);
}
Status InvalidValue(std::string_view field, const bj::value& v) {
  std::string shown = v.is_string() ? std::string(v.get_string()) : bj::serialize(v);
  return InvalidArgument("Invalid value " + shown + " for parameter '" + std::string(field) +
                         "' supplied." + kDocsHint);
}

bool IsJsonContentType(std::string_view ct) {
  std::string_view media = ct.substr(0, ct.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  while (!media.empty() && media.front() == ' ') media.remove_prefix(1);
  constexpr std::string_view kJson = "application/json";
  if (media.size() != kJson.size()) return false;
  for (size_t i = 0; i < media.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(media[i])) != kJson[i]) return false;
  }
  return true;
}

// One JSON object of parameters: the query string (GET) or the body. A body that is not a JSON
// object reads as no parameters (MLflow then reports the first missing required one).
Result<bj::object> Params(const Request& req) {
  if (req.method == Method::kGet) {
    // A repeated key (stages=None&stages=Staging) is an array.
    bj::object o;
    for (const auto& [key, value] : req.query) {
      bj::value* existing = o.if_contains(key);
      if (existing == nullptr) {
        o[key] = value;
      } else if (existing->is_array()) {
        existing->get_array().push_back(bj::value(value));
      } else {
        bj::array a{*existing, bj::value(value)};
        *existing = std::move(a);
      }
    }
    return o;
  }
  auto ct = req.Header("content-type");
  if ((ct && !IsJsonContentType(*ct)) || (!ct && !req.body.empty()))
    return InvalidArgument("Bad Request. Content-Type must be one of ['application/json'].");
  if (req.body.empty()) return bj::object{};
  boost::system::error_code ec;
  bj::value v = bj::parse(req.body, ec);
  if (ec || !v.is_object()) return bj::object{};
  return std::move(v.get_object());
}

bool Present(const bj::object& o, std::string_view field) {
  const bj::value* v = o.if_contains(field);
  return v != nullptr && !v->is_null() && !(v->is_string() && v->get_string().empty());
}

Result<std::string> RequiredString(const bj::object& o, std::string_view field) {
  if (!Present(o, field)) return Missing(field);
  const bj::value& v = o.at(field);
  if (!v.is_string()) return InvalidValue(field, v);
  return std::string(v.get_string());
}

Result<std::optional<std::string>> OptionalString(const bj::object& o, std::string_view field) {
  const bj::value* v = o.if_contains(field);
  if (v == nullptr || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) return InvalidValue(field, *v);
  return std::optional<std::string>(std::string(v->get_string()));
}

// MLflow's tags: an array of {key, value}; a later duplicate key wins.
Result<std::optional<StringMap>> Tags(const bj::object& o) {
  const bj::value* v = o.if_contains("tags");
  if (v == nullptr || v->is_null()) return std::optional<StringMap>();
  if (!v->is_array()) return InvalidValue("tags", *v);
  StringMap out;
  for (const bj::value& e : v->get_array()) {
    const bj::object* kv = e.if_object();
    const bj::value* key = kv ? kv->if_contains("key") : nullptr;
    const bj::value* value = kv ? kv->if_contains("value") : nullptr;
    if (key == nullptr || !key->is_string() || (value && !value->is_null() && !value->is_string()))
      return InvalidValue("tags", *v);
    out[std::string(key->get_string())] =
        value && value->is_string() ? std::string(value->get_string()) : "";
  }
  if (out.empty()) return std::optional<StringMap>();
  return std::optional<StringMap>(std::move(out));
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
  RegistryService& s = service;
  for (const char* prefix : {"/api/2.0/mlflow", "/ajax-api/2.0/mlflow"}) {
    for (const Route& r : kRoutes) {
      const Handler handler = r.handler;
      router.Add(r.method, std::string(prefix) + r.path, [&s, handler](Request& req) {
        auto params = Params(req);
        if (!params.ok()) return Error(params.status());
        return handler(s, req, *params);
      });
    }
  }
  RegisterAliasRenameDeleteRoutes(router, service);
}

}  // namespace cairn::registry
