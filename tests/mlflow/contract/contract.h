// The MLflow contract-test harness: loads the request/response pairs recorded against MLflow's
// own server (tests/mlflow/recordings/*.json, written by tests/mlflow/record.py), replays them
// against any server and compares the answers structurally.
//
// Placeholders in a recording (see record.py for how they are produced):
//   ${name}          an id: bound by the first response that carries it, compared afterwards;
//                    requests use the bound value (${name|url} percent-encoded)
//   ${time}          any positive integer (a server-chosen time)
//   ${any-string}    any string (generated names, opaque page tokens)
//   ${repeat:N:c}    exactly N copies of the character c
//   ${artifact-root} any text (MLflow leaks its local artifact path into some messages)
//
// Comparison rules: the HTTP status must be equal; JSON bodies must have the same keys (an
// empty field MLflow omits must be omitted), the same value kinds (int64 as JSON numbers,
// doubles as doubles, enums as strings) and equal values; arrays are ordered, except arrays of
// objects with distinct literal "key"s (tags, params, latest metrics) or "alias"es, which are
// matched by that field; an error's `message` is only required to be a non-empty string unless the
// exchange says "exact", and then Python set literals compare in any order. Bodies marked "ignore"
// (Flask's HTML error pages) are compared by status only.
//
// Thread-compatible: one Bindings per replayed scenario.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace cairn::mlflow::contract {

namespace bj = boost::json;

struct RecordedRequest {
  std::string method;
  std::string path;   // template
  std::string query;  // template, without '?'; empty when none
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<bj::value> json;  // template
  std::optional<std::string> text;
  std::optional<std::string> bytes;  // decoded from base64
};

struct RecordedResponse {
  int status = 0;
  std::string content_type;
  std::optional<bj::value> json;
  std::optional<std::string> text;
  std::optional<std::string> bytes;
};

struct Exchange {
  std::string name;
  RecordedRequest request;
  RecordedResponse response;
  bool exact_message = false;
  bool ignore_body = false;
};

struct Recording {
  std::string scenario;
  std::vector<Exchange> exchanges;
};

// Errors: InvalidArgument when the file is missing or not a recording.
[[nodiscard]] Result<Recording> LoadRecording(const std::string& path);
// Every *.json recording in `dir`, sorted by file name.
[[nodiscard]] Result<std::vector<Recording>> LoadRecordings(const std::string& dir);

class Bindings {
 public:
  const std::string* Find(const std::string& name) const;
  void Bind(const std::string& name, std::string value) { values_[name] = std::move(value); }

  // Expands request templates. Errors: InvalidArgument naming an unbound variable.
  [[nodiscard]] Result<std::string> ExpandString(std::string_view tmpl) const;
  [[nodiscard]] Result<bj::value> ExpandJson(const bj::value& tmpl) const;

 private:
  std::map<std::string, std::string> values_;
};

struct MatchOptions {
  bool exact_message = false;
};

// Structural comparison of `actual` with the recorded `expected` (placeholders bound into
// `bindings` as they are met). Returns the differences, each prefixed with its JSON path;
// empty when they match.
[[nodiscard]] std::vector<std::string> MatchJson(const bj::value& expected, const bj::value& actual,
                                                 Bindings& bindings, const MatchOptions& options);

// A string against a recorded string that may contain placeholders.
[[nodiscard]] bool MatchString(std::string_view expected, std::string_view actual,
                               Bindings& bindings);

// What a replay received for one exchange.
struct Reply {
  int status = 0;
  std::string content_type;
  std::string body;
};

// Where Cairn deliberately answers differently from MLflow (MLflow's 500s on bad input, for
// instance): the status and error code to expect instead; the message is then free.
struct Override {
  int status = 0;
  std::string error_code;  // empty for a non-error answer
};

[[nodiscard]] std::vector<std::string> MatchReply(const Exchange& exchange, const Reply& reply,
                                                  Bindings& bindings,
                                                  const Override* override_expectation);

// Sends exchanges over HTTP to 127.0.0.1:port (see replay.cc) and reports the differences of
// each one: {exchange name → differences}; exchanges that matched are not listed.
struct ReplayReport {
  std::vector<std::pair<std::string, std::vector<std::string>>> failures;
  int exchanges = 0;
};
[[nodiscard]] ReplayReport Replay(const Recording& recording, const std::string& host,
                                  uint16_t port,
                                  const std::map<std::string, Override>& overrides = {});

}  // namespace cairn::mlflow::contract
