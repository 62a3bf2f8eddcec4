// cairn features ls|show|create|versions|values put|online|historical
#include <fstream>
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/csv.h"
#include "cli/fields.h"
#include "cli/listing.h"

namespace cairn::cli {
namespace {

constexpr char kFeatures[] = "/api/v1/features";
constexpr size_t kMaxValuesPerRequest = 10000;

std::string FeaturePath(const std::string& name) {
  return std::string(kFeatures) + "/" + http::PercentEncode(name);
}

void RenderFeatures(Output& out, const bj::array& items) {
  Table t({{"NAME"},
           {"VERSION", true},
           {"ENTITY"},
           {"TYPE"},
           {"STATUS"},
           {"OWNER"},
           {"UPDATED"},
           {"DESCRIPTION"}});
  for (const auto& f : items) {
    t.Add({Text(f, "name"), Text(f, "version"), Text(f, "entity"), Text(f, "value_type"),
           StatusCell(f, "status"), Text(f, "owner"), TimeText(f, "updated_at"),
           Text(f, "description")});
  }
  out.PrintTable(t);
}

void RenderFeature(Output& out, const bj::value& f) {
  out.PrintFields({{"name", Text(f, "name")},
                   {"version", Text(f, "version") + " of " + Text(f, "latest_version")},
                   {"entity", Text(f, "entity")},
                   {"type", Text(f, "value_type")},
                   {"schema", MapText(f, "schema")},
                   {"source", Text(f, "source")},
                   {"status", StatusCell(f, "status")},
                   {"owner", Text(f, "owner")},
                   {"description", Text(f, "description")},
                   {"changelog", Text(f, "changelog")},
                   {"tags", MapText(f, "tags")},
                   {"created", TimeText(f, "created_at") + " by " + Text(f, "created_by")},
                   {"updated", TimeText(f, "updated_at") + " by " + Text(f, "updated_by")},
                   {"revision", Text(f, "revision")}});
}

int List(Invocation& inv) {
  Query q;
  q.Add("entity", inv.flag("entity"))
      .Add("owner", inv.flag("owner"))
      .Add("tag", inv.flag("tag"))
      .Add("status", inv.flag("status"))
      .Add("q", inv.flag("search"));
  return ListPages(inv, kFeatures, q,
                   [&](const bj::array& items) { RenderFeatures(inv.ctx().out(), items); });
}

int Show(Invocation& inv) {
  auto version = inv.int_flag("version");
  if (!version.ok()) return inv.UsageError(version.status().message());
  Query q;
  q.Add("version", *version);
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  return inv.ctx().Show((*conn)->Get(FeaturePath(inv.arg(0)) + q.str()),
                        [&](const bj::value& f) { RenderFeature(inv.ctx().out(), f); });
}

int Create(Invocation& inv) {
  auto entity = inv.flag("entity");
  auto type = inv.flag("type");
  if (!entity || !type) return inv.UsageError("--entity and --type are required");
  auto tags = inv.pairs("tag");
  if (!tags.ok()) return inv.UsageError(tags.status().message());
  bj::object body;
  body["name"] = inv.arg(0);
  body["entity"] = *entity;
  body["value_type"] = *type;
  for (const char* f : {"description", "owner", "status", "changelog"}) {
    if (auto v = inv.flag(f)) body[f] = *v;
  }
  if (!tags->empty()) body["tags"] = ToObject(*tags);
  bj::object schema;
  if (inv.has("required")) schema["nullable"] = false;
  for (const char* f : {"min", "max"}) {
    auto v = inv.number_flag(f);
    if (!v.ok()) return inv.UsageError(v.status().message());
    if (*v) schema[f] = **v;
  }
  auto dim = inv.int_flag("dimension");
  if (!dim.ok()) return inv.UsageError(dim.status().message());
  if (*dim) schema["dimension"] = **dim;
  if (auto allowed = inv.all("allowed"); !allowed.empty()) {
    bj::array a;
    for (const auto& x : allowed) a.push_back(*type == "string" ? bj::value(x) : GuessJson(x));
    schema["allowed"] = a;
  }
  if (!schema.empty()) body["schema"] = schema;
  auto dataset = inv.flag("source-dataset");
  auto column = inv.flag("source-column");
  if (dataset || column) {
    if (!dataset || !column) return inv.UsageError("--source-dataset needs --source-column");
    bj::object src;
    src["dataset_id"] = *dataset;
    src["column"] = *column;
    body["source"] = src;
  } else if (auto t = inv.flag("transformation")) {
    bj::object src;
    src["transformation"] = *t;
    body["source"] = src;
  }
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  return inv.ctx().Show((*conn)->Post(kFeatures, body),
                        [&](const bj::value& f) { RenderFeature(inv.ctx().out(), f); });
}

int Versions(Invocation& inv) {
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  return inv.ctx().Show((*conn)->Get(FeaturePath(inv.arg(0)) + "/versions"), [&](const bj::value&
                                                                                     page) {
    Table t(
        {{"VERSION", true}, {"TYPE"}, {"SCHEMA"}, {"SOURCE"}, {"CREATED"}, {"BY"}, {"CHANGELOG"}});
    for (const auto& v : Items(page)) {
      t.Add({Text(v, "version"), Text(v, "value_type"), MapText(v, "schema"), Text(v, "source"),
             TimeText(v, "created_at"), Text(v, "created_by"), Text(v, "changelog")});
    }
    inv.ctx().out().PrintTable(t);
  });
}

// A value as the feature's type wants it on the wire; "" is null.
Result<bj::value> TypedValue(const std::string& type, const std::string& text) {
  if (text.empty()) return bj::value(nullptr);
  if (type == "string" || type == "timestamp") return bj::value(bj::string(text));
  if (type == "bool") {
    if (text == "true" || text == "1") return bj::value(true);
    if (text == "false" || text == "0") return bj::value(false);
    return InvalidArgument("'" + text + "' is not a boolean");
  }
  if (type == "float_vector") {
    boost::system::error_code ec;
    bj::value v = bj::parse(text, ec);
    if (ec || !v.is_array()) return InvalidArgument("'" + text + "' is not a [x, y, …] vector");
    return v;
  }
  bj::value v = GuessJson(text);
  if (type == "int64" ? !v.is_int64() : !v.is_number()) {
    return InvalidArgument("'" + text + "' is not a " + type);
  }
  return v;
}

// feature name -> value_type, fetched once per feature.
class FeatureTypes {
 public:
  explicit FeatureTypes(Api& api) : api_(api) {}
  Result<std::string> Get(const std::string& feature) {
    if (auto it = types_.find(feature); it != types_.end()) return it->second;
    ASSIGN_OR_RETURN(Reply r, api_.Get(FeaturePath(feature)));
    std::string type = StringField(r.json, "value_type");
    types_[feature] = type;
    return type;
  }

 private:
  Api& api_;
  std::map<std::string, std::string> types_;
};

int ValuesPut(Invocation& inv) {
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  FeatureTypes types(**conn);
  bj::array rows;
  auto add = [&](const std::string& key, const std::string& feature, const std::string& value,
                 const std::string& time, const std::string& where) -> Status {
    ASSIGN_OR_RETURN(std::string type, types.Get(feature));
    auto v = TypedValue(type, value);
    if (!v.ok()) return InvalidArgument(where + "feature " + feature + ": " + v.status().message());
    bj::object row;
    row["entity_key"] = key;
    row["feature"] = feature;
    row["value"] = std::move(*v);
    row["event_time"] = time;
    rows.push_back(std::move(row));
    return Status::Ok();
  };
  std::vector<std::string> items(inv.args().begin(), inv.args().end());
  if (auto file = inv.flag("file")) {
    if (!items.empty()) return inv.UsageError("give KEY=VALUE pairs or --file, not both");
    Result<std::vector<CsvRow>> csv = InvalidArgument("");
    if (*file == "-") {
      csv = ReadCsv(std::cin, "stdin");
    } else {
      std::ifstream in(*file);
      if (!in) return inv.UsageError("cannot read " + *file);
      csv = ReadCsv(in, *file);
    }
    if (!csv.ok()) return inv.UsageError(csv.status().message());
    for (size_t i = 0; i < csv->size(); ++i) {
      const CsvRow& r = (*csv)[i];
      if (i == 0 && !r.empty() && r[0] == "entity_key") continue;
      std::string where = *file + " record " + std::to_string(i + 1) + ": ";
      if (r.size() != 4) {
        return inv.UsageError(where + "expected entity_key,feature,value,event_time");
      }
      if (Status s = add(r[0], r[1], r[2], r[3], where); !s.ok()) return inv.ctx().Fail(s);
    }
  } else {
    auto feature = inv.flag("feature");
    auto time = inv.flag("event-time");
    if (!feature || !time || items.empty()) {
      return inv.UsageError("give --feature, --event-time and KEY=VALUE pairs, or --file");
    }
    auto pairs = ParsePairs(items, "value");
    if (!pairs.ok()) return inv.UsageError(pairs.status().message());
    for (const auto& [k, v] : *pairs) {
      if (Status s = add(k, *feature, v, *time, ""); !s.ok()) return inv.ctx().Fail(s);
    }
  }
  if (rows.empty()) return inv.UsageError("no values to write");
  int64_t written = 0;
  Reply last;
  for (size_t off = 0; off < rows.size(); off += kMaxValuesPerRequest) {
    bj::array chunk;
    for (size_t i = off; i < std::min(rows.size(), off + kMaxValuesPerRequest); ++i) {
      chunk.push_back(rows[i]);
    }
    bj::object body;
    body["rows"] = std::move(chunk);
    auto reply = (*conn)->Post(std::string(kFeatures) + "/values", body);
    if (!reply.ok()) {
      if (written) inv.ctx().out().Hint(std::to_string(written) + " values were written first");
      return inv.ctx().Fail(reply.status());
    }
    written += IntField(reply->json, "written").value_or(0);
    last = std::move(*reply);
  }
  return inv.ctx().Print(last, [&](const bj::value&) {
    inv.ctx().out().out() << "wrote " << written << " value" << (written == 1 ? "" : "s") << "\n";
  });
}

int Online(Invocation& inv) {
  auto keys = inv.flag("keys");
  auto features = inv.flag("features");
  if (!keys || !features) return inv.UsageError("--keys and --features are required");
  Query q;
  q.Add("entity", std::optional<std::string>(inv.arg(0)))
      .Add("keys", keys)
      .Add("features", features);
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  return inv.ctx().Show(
      (*conn)->Get(std::string(kFeatures) + "/online" + q.str()), [&](const bj::value& r) {
        std::vector<std::string> names = SplitList(*features);
        std::vector<Table::Column> cols = {{Text(r, "entity") == "-" ? "KEY" : Text(r, "entity")}};
        for (const auto& n : names) cols.push_back({n, true});
        if (inv.has("times")) {
          for (const auto& n : names) cols.push_back({n + " AT"});
        }
        Table t(cols);
        if (const bj::value* rows = Field(r, "rows"); rows && rows->is_array()) {
          for (const auto& row : rows->get_array()) {
            std::vector<Cell> cells = {Text(row, "entity_key")};
            const bj::value* values = Field(row, "values");
            const bj::value* times = Field(row, "event_times");
            for (const auto& n : names) cells.emplace_back(values ? Text(*values, n) : "-");
            if (inv.has("times")) {
              for (const auto& n : names) cells.emplace_back(times ? TimeText(*times, n) : "-");
            }
            t.Add(std::move(cells));
          }
        }
        inv.ctx().out().PrintTable(t);
      });
}

int Historical(Invocation& inv) {
  auto features = inv.flag("features");
  if (!features) return inv.UsageError("--features is required");
  Result<std::vector<CsvRow>> csv = InvalidArgument("");
  const std::string& file = inv.arg(0);
  if (file == "-") {
    csv = ReadCsv(std::cin, "stdin");
  } else {
    std::ifstream in(file);
    if (!in) return inv.UsageError("cannot read " + file);
    csv = ReadCsv(in, file);
  }
  if (!csv.ok()) return inv.UsageError(csv.status().message());
  bj::array entity_rows;
  for (size_t i = 0; i < csv->size(); ++i) {
    const CsvRow& r = (*csv)[i];
    if (i == 0 && !r.empty() && r[0] == "entity_key") continue;
    if (r.size() != 2) {
      return inv.UsageError(file + " record " + std::to_string(i + 1) +
                            ": expected entity_key,event_time");
    }
    bj::object row;
    row["entity_key"] = r[0];
    row["event_time"] = r[1];
    entity_rows.push_back(std::move(row));
  }
  std::vector<std::string> name_list = SplitList(*features);
  bj::array names;
  for (const auto& n : name_list) names.emplace_back(n);
  bj::object body;
  body["entity_rows"] = entity_rows;
  body["features"] = names;
  auto conn = inv.ctx().api();
  if (!conn.ok()) return inv.ctx().Fail(conn.status());
  return inv.ctx().Show(
      (*conn)->Post(std::string(kFeatures) + "/historical", body), [&](const bj::value& r) {
        std::vector<Table::Column> cols = {{"KEY"}, {"EVENT TIME"}};
        for (const auto& n : name_list) cols.push_back({n, true});
        Table t(cols);
        if (const bj::value* rows = Field(r, "rows"); rows && rows->is_array()) {
          for (const auto& row : rows->get_array()) {
            std::vector<Cell> cells = {Text(row, "entity_key"), TimeText(row, "event_time")};
            const bj::value* values = Field(row, "values");
            for (const auto& n : name_list) cells.emplace_back(values ? Text(*values, n) : "-");
            t.Add(std::move(cells));
          }
        }
        inv.ctx().out().PrintTable(t);
      });
}

}  // namespace

Command FeaturesCommand() {
  Command c{.name = "features",
            .aliases = {"feature"},
            .summary = "Feature store: definitions, versions, values, online and historical"};
  c.children.push_back(
      {.name = "ls",
       .aliases = {"list"},
       .summary = "List features (latest versions), newest first",
       .flags = WithPageFlags({{"entity", "NAME", "Only this entity's"},
                               {"owner", "NAME", "Only this owner's"},
                               {"tag", "KEY[:VALUE]", "Having this tag"},
                               {"status", "STATUS", "active|deprecated|archived"},
                               {"search", "TEXT", "Substring of name or description"}}),
       .examples = {"cairn features ls --entity symbol"},
       .run = List});
  c.children.push_back({.name = "show",
                        .aliases = {"get"},
                        .summary = "A feature at its latest version (or --version)",
                        .positionals = {{"NAME", "Feature name"}},
                        .flags = {{"version", "N", "This version"}},
                        .examples = {"cairn features show price_1d --version 2"},
                        .run = Show});
  c.children.push_back(
      {.name = "create",
       .summary = "Define a feature (version 1)",
       .positionals = {{"NAME", "Feature name"}},
       .flags = {{"entity", "NAME", "Entity it describes, e.g. symbol (required)"},
                 {"type", "TYPE", "int64|float64|string|bool|timestamp|float_vector (required)"},
                 {"description", "TEXT", "Description"},
                 {"owner", "NAME", "Owner"},
                 {"status", "STATUS", "active|deprecated|archived"},
                 {"tag", "KEY=VALUE", "A tag", true},
                 {"required", "", "Values may not be null"},
                 {"min", "X", "Smallest allowed value"},
                 {"max", "X", "Largest allowed value"},
                 {"allowed", "VALUE", "An allowed value", true},
                 {"dimension", "N", "Vector length (float_vector)"},
                 {"source-dataset", "ID", "Source dataset"},
                 {"source-column", "NAME", "Source column of that dataset"},
                 {"transformation", "TEXT", "Source as a transformation text"},
                 {"changelog", "TEXT", "Changelog of version 1"}},
       .examples = {"cairn features create price_1d --entity symbol --type float64 --min 0"},
       .run = Create});
  c.children.push_back({.name = "versions",
                        .summary = "All versions of a feature, newest first",
                        .positionals = {{"NAME", "Feature name"}},
                        .examples = {"cairn features versions price_1d"},
                        .run = Versions});
  Command values{.name = "values", .summary = "Write feature values"};
  values.children.push_back(
      {.name = "put",
       .summary = "Write values (KEY=VALUE pairs of one feature, or a CSV file)",
       .details = "The CSV file has records entity_key,feature,value,event_time (an optional\n"
                  "header is skipped). Values are converted to each feature's type.",
       .positionals = {{"KEY=VALUE", "Entity key and value", false, true}},
       .flags = {{"feature", "NAME", "Feature of the KEY=VALUE pairs"},
                 {"event-time", "TIME", "RFC 3339 event time of the KEY=VALUE pairs"},
                 {"file", "FILE", "CSV file ('-' for stdin)"}},
       .examples = {"cairn features values put --feature price_1d --event-time "
                    "2026-01-02T00:00:00Z AAPL=190.5 MSFT=410",
                    "cairn features values put --file values.csv"},
       .run = ValuesPut});
  c.children.push_back(std::move(values));
  c.children.push_back(
      {.name = "online",
       .summary = "Latest value of each feature for each key",
       .positionals = {{"ENTITY", "Entity of the features"}},
       .flags = {{"keys", "A,B", "Entity keys (required)"},
                 {"features", "F1,F2", "Feature names (required)"},
                 {"times", "", "Also show each value's event time"}},
       .examples = {"cairn features online symbol --keys AAPL,MSFT --features price_1d,vol_5d"},
       .run = Online});
  c.children.push_back(
      {.name = "historical",
       .summary = "Point-in-time join: values as of each entity row's event time",
       .positionals = {{"FILE", "CSV of entity_key,event_time ('-' for stdin)"}},
       .flags = {{"features", "F1,F2", "Feature names (required)"}},
       .examples = {"cairn features historical rows.csv --features price_1d,vol_5d"},
       .run = Historical});
  return c;
}

}  // namespace cairn::cli
