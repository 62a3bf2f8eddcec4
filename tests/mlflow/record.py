#!/usr/bin/python3
"""Records MLflow 2.12.2's REST contract as request/response pairs for Cairn's contract tests.

For each scenario this starts MLflow's own server (SQLite backend, proxied local artifacts) on a
fresh database, drives its endpoints with success and error-path requests over raw HTTP, and
writes tests/mlflow/recordings/<scenario>.json. Requests are written as templates and responses
are normalised, so a replay against another server can compare them structurally:

  ${name}        an id bound by the first response that carries it (experiment ids, run ids,
                 dataset or upload ids); requests use the bound value
  ${time}        a server-chosen time: any positive integer (JSON number)
  ${any-string}  any string (e.g. a generated run name)
  ${repeat:N:c}  exactly the character c repeated N times (long values, e.g. truncated params)
  ${artifact-root}  the server's local artifact directory, where MLflow leaks it in a message

Request templates may also use ${name|url} (the bound value, percent-encoded for a query
string) and, as a whole JSON string, ${repeat:N:c} (the character c repeated N times).

Each exchange is {"name", "request": {"method", "path", "query", "headers", "json" | "text" |
"base64"}, "response": {"status", "content_type", "json" | "text" | "base64"},
"message": "exact" | "any"}. With "message": "any" (the default for errors) only the presence
of a non-empty `message` string is checked; "exact" compares it too (search-grammar errors).
"body": "ignore" marks responses whose body is not part of the contract (Flask's HTML error
pages: only the status counts).

Usage:
  eval "$(../shared/mlflow-client/setup.sh)"
  /usr/bin/python3 tests/mlflow/record.py [--out DIR] [scenario ...]
"""

import argparse
import base64
import json
import os
import re
import sys
import time
import urllib.parse

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mlflow_server import mlflow_server  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TIME_FIELDS = {
    "start_time", "end_time", "creation_time", "last_update_time", "creation_timestamp",
    "last_updated_timestamp",
}
FIXED_TS = 1700000000000  # client-chosen metric timestamps, far from the recording time
HEX32 = re.compile(r"^[0-9a-f]{32}$")
PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9_.-]+)(\|url)?\}")
REPEAT = re.compile(r"^\$\{repeat:([0-9]+):(.)\}$")


class Recorder:
    def __init__(self, base_url, scenario):
        self.base = base_url
        self.scenario = scenario
        self.exchanges = []
        self.vars = {}  # name -> concrete value
        self.server_dir = None
        self.t0 = int(time.time() * 1000) - 60_000
        self.session = requests.Session()

    # --- variables -----------------------------------------------------------------------
    def bind(self, name, value):
        value = str(value)
        assert name not in self.vars, name
        assert value not in self.vars.values(), (name, value)
        self.vars[name] = value
        return value

    def expand(self, template):
        """Replaces ${name} in a request template with the bound value."""
        if isinstance(template, str):
            m = REPEAT.match(template)
            if m:
                return m.group(2) * int(m.group(1))
            return PLACEHOLDER.sub(
                lambda m: urllib.parse.quote(self.vars[m.group(1)], safe="")
                if m.group(2) else self.vars[m.group(1)], template)
        if isinstance(template, list):
            return [self.expand(v) for v in template]
        if isinstance(template, dict):
            return {k: self.expand(v) for k, v in template.items()}
        return template

    # --- HTTP ----------------------------------------------------------------------------
    def call(self, name, method, path, *, json_body=None, query=None, text=None, data=None,
             headers=None, message=None, body_check=None):
        """Sends one request (templates expanded) and records it. Returns the response JSON
        (or None when the body is not JSON) and the status."""
        url = self.base + self.expand(path)
        if query:
            url += "?" + self.expand(query)
        hdrs = dict(headers or {})
        body = None
        req = {"method": method, "path": path}
        if query:
            req["query"] = query
        if json_body is not None:
            body = json.dumps(self.expand(json_body)).encode()
            hdrs.setdefault("Content-Type", "application/json")
            req["json"] = json_body
        elif text is not None:
            body = self.expand(text).encode()
            req["text"] = text
        elif data is not None:
            body = data
            req["base64"] = base64.b64encode(data).decode()
        if hdrs:
            req["headers"] = hdrs
        r = self.session.request(method, url, data=body, headers=hdrs, allow_redirects=False)
        parsed = None
        resp = {"status": r.status_code,
                "content_type": r.headers.get("Content-Type", "").split(";")[0]}
        try:
            parsed = json.loads(r.content) if r.content else None
        except ValueError:
            parsed = None
        if isinstance(parsed, (dict, list)):
            resp["json"] = parsed
        else:
            try:
                resp["text"] = r.content.decode("utf-8")
            except UnicodeDecodeError:
                resp["base64"] = base64.b64encode(r.content).decode()
        is_error = isinstance(parsed, dict) and "error_code" in parsed
        ex = {"name": name, "request": req, "response": resp}
        if is_error:
            ex["message"] = message or "any"
        if resp["content_type"] == "text/html" and r.status_code >= 400:
            # Flask's own HTML error pages: only the status is part of the contract.
            ex["body"] = "ignore"
        if body_check:
            ex["body"] = body_check
        self.exchanges.append(ex)
        return parsed, r.status_code

    def get(self, name, path, query=None, **kw):
        return self.call(name, "GET", path, query=query, **kw)

    def post(self, name, path, body=None, **kw):
        return self.call(name, "POST", path, json_body=body if body is not None else {}, **kw)

    # --- normalisation -------------------------------------------------------------------
    def _norm_string(self, s, key):
        # Ids the scenario did not bind (e.g. a run created only to check its shape) are bound
        # here, in order of appearance.
        for found in re.findall(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])", s):
            if found not in self.vars.values():
                self.bind(f"id{len(self.vars) + 1}", found)
        if len(s) >= 100 and s == s[0] * len(s):
            return f"${{repeat:{len(s)}:{s[0]}}}"
        if self.server_dir:
            s = s.replace(self.server_dir + "/artifacts", "${artifact-root}")
        # Server clock readings inside messages (MLflow echoes SQL parameters in some errors).
        s = re.sub(r"\b1[0-9]{12}\b",
                   lambda m: "${time}" if int(m.group(0)) >= self.t0 else m.group(0), s)
        if isinstance(key, str) and key in ("experiment_id",) and s in self.vars.values():
            return "${" + self._name_of(s) + "}"
        for name, value in self.vars.items():
            if HEX32.match(value) or len(value) >= 8:
                s = s.replace(value, "${" + name + "}")
            else:
                # Short ids (MLflow experiment ids are small integers): only in the places they
                # occur as ids: whole values, artifact URIs and artifact paths.
                if s == value and key in ("experiment_id", "experiment_ids", "path"):
                    return "${" + name + "}"
                s = re.sub(r"(mlflow-artifacts:/)" + re.escape(value) + r"(?=/|$)",
                           lambda m: m.group(1) + "${" + name + "}", s)
        return s

    def _name_of(self, value):
        for n, v in self.vars.items():
            if v == value:
                return n
        return None

    def normalise(self, value, key=None):
        if isinstance(value, dict):
            return {k: self.normalise(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.normalise(v, key) for v in value]
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and key in TIME_FIELDS and value >= self.t0:
            return "${time}"
        if isinstance(value, str):
            if key == "next_page_token" and value not in self.vars.values():
                return "${any-string}"  # page tokens are opaque: only their presence counts
            return self._norm_string(value, key)
        return value

    def finish(self):
        for ex in self.exchanges:
            resp = ex["response"]
            if "json" in resp:
                resp["json"] = self.normalise(resp["json"])
            elif "text" in resp:
                resp["text"] = self._norm_string(resp["text"], None)
        return {
            "scenario": self.scenario,
            "mlflow_version": "2.12.2",
            "recorded_against": "mlflow server --backend-store-uri sqlite:///... "
                                "--artifacts-destination DIR --serve-artifacts",
            "exchanges": self.exchanges,
        }


API = "/api/2.0/mlflow"
AJAX = "/ajax-api/2.0/mlflow"
ART = "/api/2.0/mlflow-artifacts"


# ----------------------------------------------------------------------------------------
# Scenarios. Each runs against a fresh server; names in them are plain (no randomness), so a
# replay against a fresh Cairn sees the same state.
# ----------------------------------------------------------------------------------------

def scenario_platform(rec):
    rec.get("health", "/health")
    # The text is the server's version; Cairn answers with the MLflow version it emulates.
    rec.get("version", "/version")
    rec.get("unknown endpoint", API + "/no-such-endpoint")
    rec.get("wrong method on a POST endpoint", API + "/experiments/create")
    rec.call("POST on a GET-only endpoint", "POST", API + "/experiments/get", json_body={})


def scenario_experiments(rec):
    rec.get("get Default by id", API + "/experiments/get", "experiment_id=0")
    rec.get("get Default by name", API + "/experiments/get-by-name", "experiment_name=Default")
    r, _ = rec.post("create", API + "/experiments/create",
                    {"name": "exp-a", "tags": [{"key": "team", "value": "alpha"}]})
    rec.bind("exp_a", r["experiment_id"])
    r, _ = rec.post("create second", API + "/experiments/create", {"name": "exp-b"})
    rec.bind("exp_b", r["experiment_id"])
    rec.post("create duplicate name", API + "/experiments/create", {"name": "exp-a"})
    rec.post("create without name", API + "/experiments/create", {})
    rec.post("create with empty name", API + "/experiments/create", {"name": ""})
    rec.post("create with a number as name", API + "/experiments/create", {"name": 5})
    rec.post("create with artifact_location fragment", API + "/experiments/create",
             {"name": "exp-frag", "artifact_location": "s3://b/p#frag"})
    rec.call("create with malformed JSON", "POST", API + "/experiments/create",
             text="{not json", headers={"Content-Type": "application/json"})
    rec.call("create with a non-JSON content type", "POST", API + "/experiments/create",
             text='{"name": "exp-ct"}', headers={"Content-Type": "text/plain"})
    rec.get("get", API + "/experiments/get", "experiment_id=${exp_a}")
    rec.get("get unknown id", API + "/experiments/get", "experiment_id=999999")
    rec.get("get without id", API + "/experiments/get")
    rec.get("get non-numeric id", API + "/experiments/get", "experiment_id=abc")
    rec.get("get-by-name", API + "/experiments/get-by-name", "experiment_name=exp-a")
    rec.get("get-by-name unknown", API + "/experiments/get-by-name", "experiment_name=nope")
    rec.get("get-by-name without name", API + "/experiments/get-by-name")
    rec.post("set-experiment-tag", API + "/experiments/set-experiment-tag",
             {"experiment_id": "${exp_a}", "key": "stage", "value": "dev"})
    rec.post("set-experiment-tag overwrite", API + "/experiments/set-experiment-tag",
             {"experiment_id": "${exp_a}", "key": "stage", "value": "prod"})
    rec.post("set-experiment-tag unknown experiment", API + "/experiments/set-experiment-tag",
             {"experiment_id": "999999", "key": "k", "value": "v"})
    rec.post("set-experiment-tag bad key", API + "/experiments/set-experiment-tag",
             {"experiment_id": "${exp_a}", "key": "bad key!", "value": "v"})
    rec.post("set-experiment-tag value too long", API + "/experiments/set-experiment-tag",
             {"experiment_id": "${exp_a}", "key": "long", "value": "${repeat:5001:x}"})
    rec.post("set-experiment-tag without key", API + "/experiments/set-experiment-tag",
             {"experiment_id": "${exp_a}", "value": "v"})
    rec.post("update (rename)", API + "/experiments/update",
             {"experiment_id": "${exp_b}", "new_name": "exp-b-renamed"})
    rec.post("update to an existing name", API + "/experiments/update",
             {"experiment_id": "${exp_b}", "new_name": "exp-a"})
    rec.post("update without new_name", API + "/experiments/update", {"experiment_id": "${exp_b}"})
    rec.post("update unknown experiment", API + "/experiments/update",
             {"experiment_id": "999999", "new_name": "zzz"})
    # search
    rec.get("search (GET, defaults)", API + "/experiments/search", "max_results=100")
    r, _ = rec.get("search page 1", API + "/experiments/search", "max_results=1")
    rec.bind("exp_page2", r["next_page_token"])
    rec.get("search page 2", API + "/experiments/search",
            "max_results=1&page_token=${exp_page2|url}")
    rec.post("search POST name LIKE", API + "/experiments/search",
             {"filter": "name LIKE 'exp-%'", "max_results": 10})
    rec.post("search tags.team =", API + "/experiments/search",
             {"filter": "tags.team = 'alpha'", "max_results": 10})
    rec.post("search attribute.creation_time", API + "/experiments/search",
             {"filter": "attribute.creation_time > 0 AND name != 'Default'",
              "max_results": 10, "order_by": ["name DESC"]})
    rec.post("search attributes. (plural) is not accepted", API + "/experiments/search",
             {"filter": "attributes.creation_time > 0 AND name != 'Default'",
              "max_results": 10, "order_by": ["name DESC"]})
    rec.post("search order_by last_update_time", API + "/experiments/search",
             {"max_results": 10, "order_by": ["last_update_time ASC", "name"]})
    rec.post("search invalid filter", API + "/experiments/search",
             {"filter": "name = ", "max_results": 10}, message="exact")
    rec.post("search invalid attribute", API + "/experiments/search",
             {"filter": "attributes.owner = 'x'", "max_results": 10}, message="exact")
    rec.post("search invalid comparator", API + "/experiments/search",
             {"filter": "name > 'a'", "max_results": 10}, message="exact")
    rec.post("search invalid order_by", API + "/experiments/search",
             {"order_by": ["params.x"], "max_results": 10}, message="exact")
    rec.post("search max_results 0", API + "/experiments/search", {"max_results": 0})
    rec.post("search max_results too large", API + "/experiments/search",
             {"max_results": 50001})
    rec.post("search invalid page_token", API + "/experiments/search",
             {"max_results": 10, "page_token": "not-a-token"})
    # lifecycle
    rec.post("delete", API + "/experiments/delete", {"experiment_id": "${exp_b}"})
    rec.get("get deleted", API + "/experiments/get", "experiment_id=${exp_b}")
    rec.get("get-by-name deleted", API + "/experiments/get-by-name",
            "experiment_name=exp-b-renamed")
    rec.post("search ACTIVE_ONLY", API + "/experiments/search",
             {"view_type": "ACTIVE_ONLY", "max_results": 10})
    rec.post("search DELETED_ONLY", API + "/experiments/search",
             {"view_type": "DELETED_ONLY", "max_results": 10})
    rec.get("search ALL (GET, enum as string)", API + "/experiments/search",
            "view_type=ALL&max_results=10")
    rec.post("search view_type as number", API + "/experiments/search",
             {"view_type": 2, "max_results": 10})
    rec.post("rename a deleted experiment", API + "/experiments/update",
             {"experiment_id": "${exp_b}", "new_name": "exp-b-again"})
    rec.post("create with the name of a deleted experiment", API + "/experiments/create",
             {"name": "exp-b-renamed"})
    rec.post("delete again", API + "/experiments/delete", {"experiment_id": "${exp_b}"})
    rec.post("delete unknown", API + "/experiments/delete", {"experiment_id": "999999"})
    rec.post("delete without id", API + "/experiments/delete", {})
    rec.post("restore", API + "/experiments/restore", {"experiment_id": "${exp_b}"})
    rec.post("restore an active experiment", API + "/experiments/restore",
             {"experiment_id": "${exp_b}"})
    rec.post("restore unknown", API + "/experiments/restore", {"experiment_id": "999999"})
    rec.post("delete Default", API + "/experiments/delete", {"experiment_id": "0"})


def _create_run(rec, name, var, exp="${exp}", tags=None, start=FIXED_TS):
    r, _ = rec.post(f"create run {name}", API + "/runs/create",
                    {"experiment_id": exp, "user_id": "alice", "run_name": name,
                     "start_time": start, "tags": tags or []})
    rec.bind(var, r["run"]["info"]["run_id"])
    return r


def scenario_runs(rec):
    r, _ = rec.post("create experiment", API + "/experiments/create", {"name": "runs-exp"})
    rec.bind("exp", r["experiment_id"])
    _create_run(rec, "first", "run1", tags=[{"key": "team", "value": "alpha"}])
    r, _ = rec.post("create run without a name", API + "/runs/create",
                    {"experiment_id": "${exp}", "start_time": FIXED_TS})
    rec.bind("run_unnamed", r["run"]["info"]["run_id"])
    rec.bind("generated_name", r["run"]["info"]["run_name"])
    rec.post("create run without experiment_id", API + "/runs/create",
             {"user_id": "alice", "run_name": "in-default", "start_time": FIXED_TS})
    r, _ = rec.post("create run in Default", API + "/runs/create",
                    {"experiment_id": "0", "run_name": "in-default", "start_time": FIXED_TS})
    rec.bind("run_default", r["run"]["info"]["run_id"])
    rec.post("create run with start_time as a string", API + "/runs/create",
             {"experiment_id": "${exp}", "run_name": "str-time",
              "start_time": str(FIXED_TS + 5)})
    rec.post("create run in an unknown experiment", API + "/runs/create",
             {"experiment_id": "999999", "run_name": "x"})
    rec.post("create run with a bad start_time", API + "/runs/create",
             {"experiment_id": "${exp}", "start_time": "yesterday"})
    rec.get("get", API + "/runs/get", "run_id=${run1}")
    rec.get("get by run_uuid", API + "/runs/get", "run_uuid=${run1}")
    rec.get("get unknown", API + "/runs/get", "run_id=0123456789abcdef0123456789abcdef")
    rec.get("get without run_id", API + "/runs/get")
    rec.post("update status and end_time", API + "/runs/update",
             {"run_id": "${run1}", "status": "FINISHED", "end_time": FIXED_TS + 1000})
    rec.post("update run_name", API + "/runs/update", {"run_id": "${run1}", "run_name": "renamed"})
    rec.post("update status as number", API + "/runs/update",
             {"run_id": "${run_unnamed}", "status": 4})
    rec.post("update invalid status", API + "/runs/update",
             {"run_id": "${run1}", "status": "DONE"})
    rec.post("update unknown run", API + "/runs/update",
             {"run_id": "0123456789abcdef0123456789abcdef", "status": "FINISHED"})
    rec.post("update without run_id", API + "/runs/update", {"status": "FINISHED"})
    # metrics
    rec.post("log-metric", API + "/runs/log-metric",
             {"run_id": "${run1}", "key": "loss", "value": 0.5, "timestamp": FIXED_TS, "step": 1})
    rec.post("log-metric int64 as strings, value as string", API + "/runs/log-metric",
             {"run_id": "${run1}", "key": "loss", "value": "0.25",
              "timestamp": str(FIXED_TS + 1), "step": "2"})
    rec.post("log-metric NaN", API + "/runs/log-metric",
             {"run_id": "${run1}", "key": "nan_metric", "value": "NaN", "timestamp": FIXED_TS})
    rec.post("log-metric Infinity", API + "/runs/log-metric",
             {"run_id": "${run1}", "key": "inf_metric", "value": "Infinity",
              "timestamp": FIXED_TS})
    rec.post("log-metric without timestamp", API + "/runs/log-metric",
             {"run_id": "${run1}", "key": "loss", "value": 1.0})
    rec.post("log-metric without value", API + "/runs/log-metric",
             {"run_id": "${run1}", "key": "loss", "timestamp": FIXED_TS})
    rec.post("log-metric bad name", API + "/runs/log-metric",
             {"run_id": "${run1}", "key": "bad!name", "value": 1, "timestamp": FIXED_TS})
    rec.post("log-metric name resolving to a path", API + "/runs/log-metric",
             {"run_id": "${run1}", "key": "a/../b", "value": 1, "timestamp": FIXED_TS})
    rec.post("log-metric unknown run", API + "/runs/log-metric",
             {"run_id": "0123456789abcdef0123456789abcdef", "key": "loss", "value": 1,
              "timestamp": FIXED_TS})
    rec.post("log-metric by run_uuid", API + "/runs/log-metric",
             {"run_uuid": "${run1}", "key": "acc", "value": 0.9, "timestamp": FIXED_TS})
    # params
    rec.post("log-parameter", API + "/runs/log-parameter",
             {"run_id": "${run1}", "key": "depth", "value": "6"})
    rec.post("log-parameter same value again", API + "/runs/log-parameter",
             {"run_id": "${run1}", "key": "depth", "value": "6"})
    rec.post("log-parameter different value", API + "/runs/log-parameter",
             {"run_id": "${run1}", "key": "depth", "value": "7"})
    rec.post("log-parameter value over 6000 chars (truncated)", API + "/runs/log-parameter",
             {"run_id": "${run1}", "key": "long", "value": "${repeat:6001:y}"})
    rec.post("log-parameter key over 250 chars", API + "/runs/log-parameter",
             {"run_id": "${run1}", "key": "${repeat:251:k}", "value": "v"})
    rec.post("log-parameter without key", API + "/runs/log-parameter",
             {"run_id": "${run1}", "value": "v"})
    # tags
    rec.post("set-tag", API + "/runs/set-tag", {"run_id": "${run1}", "key": "note", "value": "hi"})
    rec.post("set-tag mlflow.runName renames", API + "/runs/set-tag",
             {"run_id": "${run1}", "key": "mlflow.runName", "value": "via-tag"})
    rec.post("set-tag value over 5000 chars (truncated)", API + "/runs/set-tag",
             {"run_id": "${run1}", "key": "big", "value": "${repeat:5001:z}"})
    rec.post("set-tag bad key", API + "/runs/set-tag",
             {"run_id": "${run1}", "key": "no good", "value": "v"})
    rec.post("delete-tag", API + "/runs/delete-tag", {"run_id": "${run1}", "key": "note"})
    rec.post("delete-tag missing key", API + "/runs/delete-tag", {"run_id": "${run1}", "key": "nope"})
    rec.get("get after logging", API + "/runs/get", "run_id=${run1}")
    # log-model / log-inputs
    model = {"artifact_path": "model", "flavors": {"python_function": {"loader_module": "m"}},
             "utc_time_created": "2024-01-01 00:00:00.000000", "run_id": "${run1}"}
    rec.post("log-model", API + "/runs/log-model",
             {"run_id": "${run1}", "model_json": json.dumps(model)})
    rec.post("log-model malformed model_json", API + "/runs/log-model",
             {"run_id": "${run1}", "model_json": "{oops"})
    rec.post("log-model missing fields", API + "/runs/log-model",
             {"run_id": "${run1}", "model_json": json.dumps({"artifact_path": "m"})})
    rec.post("log-model without model_json", API + "/runs/log-model", {"run_id": "${run1}"})
    ds = {"tags": [{"key": "mlflow.data.context", "value": "training"}],
          "dataset": {"name": "iris", "digest": "abc123", "source_type": "local",
                      "source": '{"uri": "file:///data/iris.csv"}',
                      "schema": '{"mlflow_colspec": []}', "profile": '{"num_rows": 150}'}}
    rec.post("log-inputs", API + "/runs/log-inputs", {"run_id": "${run1}", "datasets": [ds]})
    rec.post("log-inputs same dataset again (deduplicated)", API + "/runs/log-inputs",
             {"run_id": "${run1}", "datasets": [ds]})
    rec.post("log-inputs without datasets", API + "/runs/log-inputs", {"run_id": "${run1}"})
    rec.post("log-inputs dataset without digest", API + "/runs/log-inputs",
             {"run_id": "${run1}", "datasets": [{"dataset": {"name": "x", "source_type": "local",
                                                             "source": "s"}}]})
    rec.get("get with inputs and logged model tag", API + "/runs/get", "run_id=${run1}")
    # delete / restore
    rec.post("delete", API + "/runs/delete", {"run_id": "${run_unnamed}"})
    rec.get("get deleted", API + "/runs/get", "run_id=${run_unnamed}")
    rec.post("log-metric on a deleted run", API + "/runs/log-metric",
             {"run_id": "${run_unnamed}", "key": "x", "value": 1, "timestamp": FIXED_TS})
    rec.post("set-tag on a deleted run", API + "/runs/set-tag",
             {"run_id": "${run_unnamed}", "key": "x", "value": "1"})
    rec.post("restore", API + "/runs/restore", {"run_id": "${run_unnamed}"})
    rec.post("delete unknown", API + "/runs/delete", {"run_id": "0123456789abcdef0123456789abcdef"})
    rec.post("restore unknown", API + "/runs/restore",
             {"run_id": "0123456789abcdef0123456789abcdef"})
    rec.post("delete without run_id", API + "/runs/delete", {})
    rec.post("delete experiment then create a run in it", API + "/experiments/delete",
             {"experiment_id": "${exp}"})
    rec.post("create run in a deleted experiment", API + "/runs/create",
             {"experiment_id": "${exp}", "run_name": "late"})


def scenario_log_batch(rec):
    r, _ = rec.post("create experiment", API + "/experiments/create", {"name": "batch-exp"})
    rec.bind("exp", r["experiment_id"])
    _create_run(rec, "batch", "run1")
    rec.post("log-batch metrics, params, tags", API + "/runs/log-batch", {
        "run_id": "${run1}",
        "metrics": [{"key": "m", "value": 0.1 * i, "timestamp": FIXED_TS + i, "step": i}
                    for i in range(5)],
        "params": [{"key": "lr", "value": "0.01"}, {"key": "layers", "value": "3"}],
        "tags": [{"key": "t", "value": "1"}]})
    rec.post("log-batch empty", API + "/runs/log-batch", {"run_id": "${run1}"})
    rec.post("log-batch same params again (idempotent)", API + "/runs/log-batch",
             {"run_id": "${run1}", "params": [{"key": "lr", "value": "0.01"}]})
    rec.post("log-batch changing a param", API + "/runs/log-batch",
             {"run_id": "${run1}", "params": [{"key": "lr", "value": "0.02"}]})
    rec.post("log-batch duplicate param keys", API + "/runs/log-batch",
             {"run_id": "${run1}", "params": [{"key": "a", "value": "1"},
                                              {"key": "a", "value": "2"}]})
    rec.post("log-batch 1001 metrics", API + "/runs/log-batch", {
        "run_id": "${run1}",
        "metrics": [{"key": "m", "value": 1.0, "timestamp": FIXED_TS, "step": i}
                    for i in range(1001)]})
    rec.post("log-batch 1000 metrics (the limit)", API + "/runs/log-batch", {
        "run_id": "${run1}",
        "metrics": [{"key": "big", "value": 1.0, "timestamp": FIXED_TS, "step": i}
                    for i in range(1000)]})
    rec.post("log-batch 101 params", API + "/runs/log-batch",
             {"run_id": "${run1}",
              "params": [{"key": f"p{i}", "value": "v"} for i in range(101)]})
    rec.post("log-batch 101 tags", API + "/runs/log-batch",
             {"run_id": "${run1}", "tags": [{"key": f"t{i}", "value": "v"} for i in range(101)]})
    rec.post("log-batch 1000 metrics + 1 tag (entity limit)", API + "/runs/log-batch", {
        "run_id": "${run1}",
        "metrics": [{"key": "big", "value": 1.0, "timestamp": FIXED_TS, "step": i}
                    for i in range(1000)],
        "tags": [{"key": "one", "value": "more"}]})
    rec.post("log-batch metric without value", API + "/runs/log-batch",
             {"run_id": "${run1}", "metrics": [{"key": "m", "timestamp": FIXED_TS}]})
    rec.post("log-batch metric without timestamp", API + "/runs/log-batch",
             {"run_id": "${run1}", "metrics": [{"key": "m", "value": 1}]})
    rec.post("log-batch param without key", API + "/runs/log-batch",
             {"run_id": "${run1}", "params": [{"value": "1"}]})
    rec.post("log-batch without run_id", API + "/runs/log-batch", {"metrics": []})
    rec.post("log-batch unknown run", API + "/runs/log-batch",
             {"run_id": "0123456789abcdef0123456789abcdef",
              "metrics": [{"key": "m", "value": 1, "timestamp": FIXED_TS}]})
    rec.post("log-batch metrics not a list", API + "/runs/log-batch",
             {"run_id": "${run1}", "metrics": {"key": "m"}})
    rec.post("log-batch body over 1 MB", API + "/runs/log-batch",
             {"run_id": "${run1}", "tags": [{"key": "pad", "value": "${repeat:1000001:p}"}]})
    rec.get("get after batches", API + "/runs/get", "run_id=${run1}")
    rec.post("finish", API + "/runs/update", {"run_id": "${run1}", "status": "FINISHED",
                                              "end_time": FIXED_TS + 10})
    rec.post("log-batch on a finished run (allowed)", API + "/runs/log-batch",
             {"run_id": "${run1}", "metrics": [{"key": "late", "value": 1,
                                                "timestamp": FIXED_TS}]})


def scenario_metric_history(rec):
    r, _ = rec.post("create experiment", API + "/experiments/create", {"name": "hist-exp"})
    rec.bind("exp", r["experiment_id"])
    _create_run(rec, "h1", "run1")
    _create_run(rec, "h2", "run2")
    for run in ("${run1}", "${run2}"):
        rec.post("log-batch history", API + "/runs/log-batch", {
            "run_id": run,
            "metrics": [{"key": "loss", "value": 1.0 / (i + 1), "timestamp": FIXED_TS + i,
                         "step": i} for i in range(0, 30, 3)]})
    rec.get("get-history", API + "/metrics/get-history", "run_id=${run1}&metric_key=loss")
    rec.get("get-history by run_uuid", API + "/metrics/get-history",
            "run_uuid=${run1}&metric_key=loss")
    rec.get("get-history max_results and page_token (ignored by MLflow 2.12.2's server)",
            API + "/metrics/get-history", "run_id=${run1}&metric_key=loss&max_results=2")
    rec.get("get-history unknown key", API + "/metrics/get-history",
            "run_id=${run1}&metric_key=nope")
    rec.get("get-history unknown run", API + "/metrics/get-history",
            "run_id=0123456789abcdef0123456789abcdef&metric_key=loss")
    rec.get("get-history without metric_key", API + "/metrics/get-history", "run_id=${run1}")
    rec.get("get-history without run_id", API + "/metrics/get-history", "metric_key=loss")
    for prefix in (API, AJAX):
        base = prefix + "/metrics/get-history-bulk-interval"
        rec.get(f"bulk-interval {prefix}", base,
                "run_ids=${run1}&run_ids=${run2}&metric_key=loss&max_results=3")
        rec.get(f"bulk-interval with steps {prefix}", base,
                "run_ids=${run1}&metric_key=loss&start_step=3&end_step=12&max_results=2")
    base = API + "/metrics/get-history-bulk-interval"
    rec.get("bulk-interval default max_results", base, "run_ids=${run1}&metric_key=loss")
    rec.get("bulk-interval start_step > end_step", base,
            "run_ids=${run1}&metric_key=loss&start_step=9&end_step=3")
    rec.get("bulk-interval only start_step", base,
            "run_ids=${run1}&metric_key=loss&start_step=3")
    rec.get("bulk-interval max_results 0", base, "run_ids=${run1}&metric_key=loss&max_results=0")
    rec.get("bulk-interval max_results 2501", base,
            "run_ids=${run1}&metric_key=loss&max_results=2501")
    rec.get("bulk-interval without run_ids", base, "metric_key=loss")
    rec.get("bulk-interval without metric_key", base, "run_ids=${run1}")
    rec.get("bulk-interval 101 run_ids", base,
            "&".join(f"run_ids=r{i}" for i in range(101)) + "&metric_key=loss")
    rec.get("bulk-interval unknown run", base,
            "run_ids=0123456789abcdef0123456789abcdef&metric_key=loss")


def scenario_search_runs(rec):
    r, _ = rec.post("create experiment", API + "/experiments/create", {"name": "search-exp"})
    rec.bind("exp", r["experiment_id"])
    r, _ = rec.post("create second experiment", API + "/experiments/create",
                    {"name": "search-exp-2"})
    rec.bind("exp2", r["experiment_id"])
    for i in range(5):
        _create_run(rec, f"run-{i}", f"run{i}", start=FIXED_TS + i * 1000,
                    tags=[{"key": "team", "value": "alpha" if i % 2 == 0 else "beta"}])
        rec.post(f"log-batch run{i}", API + "/runs/log-batch", {
            "run_id": f"${{run{i}}}",
            "metrics": [{"key": "auc", "value": 0.5 + 0.1 * i, "timestamp": FIXED_TS, "step": 0}],
            "params": [{"key": "depth", "value": str(3 + i)}]})
    _create_run(rec, "other", "run_other", exp="${exp2}", start=FIXED_TS + 500)
    rec.post("finish run0", API + "/runs/update",
             {"run_id": "${run0}", "status": "FINISHED", "end_time": FIXED_TS + 60_000})
    rec.post("kill run1", API + "/runs/update",
             {"run_id": "${run1}", "status": "KILLED", "end_time": FIXED_TS + 61_000})
    rec.post("delete run4", API + "/runs/delete", {"run_id": "${run4}"})

    def search(name, body, message=None):
        body = dict(body)
        body.setdefault("experiment_ids", ["${exp}"])
        return rec.post(name, API + "/runs/search", body, message=message)

    search("all active (default order: start_time DESC)", {})
    search("two experiments", {"experiment_ids": ["${exp}", "${exp2}"]})
    search("metrics.auc > 0.65", {"filter": "metrics.auc > 0.65"})
    search("metric filter with ordering", {"filter": "metrics.auc >= 0.5",
                                            "order_by": ["metrics.auc DESC"]})
    search("params.depth = '4'", {"filter": "params.depth = '4'"})
    search("params with double quotes", {"filter": 'params.depth != "4"'})
    search("tags.team LIKE", {"filter": "tags.team LIKE 'al%'"})
    search("tags ILIKE", {"filter": "tags.team ILIKE 'BE%'"})
    search("backticked tag key", {"filter": "tags.`mlflow.runName` = 'run-2'"})
    search("attributes.run_name", {"filter": "attributes.run_name = 'run-3'"})
    search("run_name ILIKE", {"filter": "run_name ILIKE 'RUN-%'"})
    search("attributes.status", {"filter": "attributes.status = 'FINISHED'"})
    search("status != RUNNING", {"filter": "status != 'RUNNING'"})
    search("attributes.start_time", {"filter": f"attributes.start_time >= {FIXED_TS + 2000}"})
    search("end_time", {"filter": f"attributes.end_time > {FIXED_TS}"})
    search("run_id IN", {"filter": "attributes.run_id IN ('${run0}', '${run2}')"})
    search("run_id NOT IN", {"filter": "attribute.run_id NOT IN ('${run0}')"})
    search("artifact_uri LIKE", {"filter": "attributes.artifact_uri LIKE '%artifacts'"})
    search("AND of three", {"filter": "metrics.auc > 0.5 and params.depth != '7' AND "
                                      "tags.team = 'alpha'"})
    search("order by params and attributes",
           {"order_by": ["params.depth ASC", "attributes.start_time DESC"]})
    search("order by tag", {"order_by": ["tags.team", "run_name DESC"]})
    search("order by missing metric (nulls last)", {"order_by": ["metrics.nope DESC"]})
    r, _ = search("page 1 of 2", {"max_results": 2, "order_by": ["start_time ASC"]})
    rec.bind("page2", r["next_page_token"])
    r, _ = search("page 2", {"max_results": 2, "order_by": ["start_time ASC"],
                             "page_token": "${page2}"})
    search("DELETED_ONLY", {"run_view_type": "DELETED_ONLY"})
    search("ALL", {"run_view_type": "ALL", "order_by": ["start_time ASC"]})
    rec.get("GET search (query string)", API + "/runs/search",
            "experiment_ids=${exp}&filter=metrics.auc%20%3E%200.7&max_results=10")
    search("no experiment_ids", {"experiment_ids": []})
    search("unknown experiment id", {"experiment_ids": ["999999"]})
    # errors
    search("metric compared with a string", {"filter": "metrics.auc > 'x'"}, "exact")
    search("param compared with a number", {"filter": "params.depth = 4"}, "exact")
    search("param with a numeric comparator", {"filter": "params.depth > '4'"}, "exact")
    search("tag with a numeric comparator", {"filter": "tags.team < 'b'"}, "exact")
    search("unknown entity", {"filter": "foo.bar = 'x'"}, "exact")
    search("unknown attribute", {"filter": "attributes.owner = 'x'"}, "exact")
    search("OR is not supported", {"filter": "metrics.auc > 0.5 OR metrics.auc < 0.2"}, "exact")
    search("dangling AND", {"filter": "metrics.auc > 0.5 AND"}, "exact")
    search("unquoted string", {"filter": "params.depth = four"}, "exact")
    search("IN on a non run_id attribute", {"filter": "attributes.status IN ('FINISHED')"},
           "exact")
    search("start_time with a string", {"filter": "attributes.start_time > 'now'"}, "exact")
    search("bad order_by", {"order_by": ["metrics.auc SIDEWAYS"]}, "exact")
    search("order_by unknown attribute", {"order_by": ["attributes.owner"]}, "exact")
    search("order_by duplicate", {"order_by": ["metrics.auc", "metrics.auc DESC"]}, "exact")
    search("max_results over 50000", {"max_results": 50001})
    search("max_results negative", {"max_results": -1})
    search("bad page token", {"page_token": "garbage"})
    search("max_results not a number", {"max_results": "ten"})


def scenario_artifacts(rec):
    r, _ = rec.post("create experiment", API + "/experiments/create", {"name": "art-exp"})
    rec.bind("exp", r["experiment_id"])
    _create_run(rec, "art", "run1")
    root = ART + "/artifacts/${exp}/${run1}/artifacts"
    rec.call("PUT file", "PUT", root + "/hello.txt", data=b"hello world\n",
             headers={"Content-Type": "application/octet-stream"})
    rec.call("PUT nested file", "PUT", root + "/dir/sub/data.csv", data=b"a,b\n1,2\n")
    rec.call("PUT empty file", "PUT", root + "/empty.bin", data=b"")
    rec.call("PUT binary", "PUT", root + "/blob.bin", data=bytes(range(256)))
    rec.get("artifacts/list root", API + "/artifacts/list", "run_id=${run1}")
    rec.get("artifacts/list dir", API + "/artifacts/list", "run_id=${run1}&path=dir")
    rec.get("artifacts/list file path", API + "/artifacts/list", "run_id=${run1}&path=hello.txt")
    rec.get("artifacts/list missing path", API + "/artifacts/list", "run_id=${run1}&path=nope")
    rec.get("artifacts/list path traversal", API + "/artifacts/list",
            "run_id=${run1}&path=../../etc")
    rec.get("artifacts/list unknown run", API + "/artifacts/list",
            "run_id=0123456789abcdef0123456789abcdef")
    rec.get("artifacts/list without run_id", API + "/artifacts/list")
    rec.get("proxy list", ART + "/artifacts", "path=${exp}/${run1}/artifacts")
    rec.get("proxy list dir", ART + "/artifacts", "path=${exp}/${run1}/artifacts/dir")
    rec.get("proxy list root", ART + "/artifacts")
    rec.get("proxy list missing", ART + "/artifacts", "path=does/not/exist")
    rec.get("proxy list traversal", ART + "/artifacts", "path=../etc")
    rec.get("proxy download", root + "/hello.txt")
    rec.get("proxy download nested", root + "/dir/sub/data.csv")
    rec.get("proxy download binary", root + "/blob.bin")
    rec.get("proxy download missing", root + "/nope.txt")
    rec.get("proxy download traversal", ART + "/artifacts/..%2F..%2Fetc%2Fpasswd")
    rec.call("proxy PUT traversal", "PUT", ART + "/artifacts/..%2Fescape.txt", data=b"x")
    rec.call("DELETE file", "DELETE", root + "/empty.bin")
    rec.call("DELETE directory", "DELETE", root + "/dir")
    rec.get("proxy list after delete", ART + "/artifacts", "path=${exp}/${run1}/artifacts")
    rec.call("DELETE missing", "DELETE", root + "/nope.txt")
    rec.post("mpu create (local store: unsupported)", ART + "/mpu/create/${exp}/${run1}/artifacts/big.bin",
             {"path": "big.bin", "num_parts": 2})
    rec.post("mpu complete (local store: unsupported)",
             ART + "/mpu/complete/${exp}/${run1}/artifacts/big.bin",
             {"path": "big.bin", "upload_id": "u1", "parts": [{"part_number": 1, "etag": "e"}]})
    rec.post("mpu abort (local store: unsupported)",
             ART + "/mpu/abort/${exp}/${run1}/artifacts/big.bin",
             {"path": "big.bin", "upload_id": "u1"})
    rec.post("mpu create without path", ART + "/mpu/create/${exp}/${run1}/artifacts/big.bin", {})
    # UI helpers served by MLflow's server (the web UI uses them; clients do not)
    rec.get("get-artifact (UI)", "/get-artifact", "path=hello.txt&run_uuid=${run1}")
    rec.call("ajax upload-artifact (UI)", "POST", AJAX + "/upload-artifact",
             query="run_uuid=${run1}&path=ui.txt", data=b"from ui",
             headers={"Content-Type": "application/octet-stream"})


def scenario_registry(rec):
    r, _ = rec.post("create experiment", API + "/experiments/create", {"name": "reg-exp"})
    rec.bind("exp", r["experiment_id"])
    _create_run(rec, "train", "run1")
    _create_run(rec, "train2", "run2")
    M = API + "/registered-models"
    V = API + "/model-versions"
    rec.post("create registered model", M + "/create",
             {"name": "churn", "tags": [{"key": "owner", "value": "ml"}],
              "description": "churn model"})
    rec.post("create duplicate", M + "/create", {"name": "churn"})
    rec.post("create without name", M + "/create", {})
    rec.post("create second model", M + "/create", {"name": "fraud"})
    rec.get("get", M + "/get", "name=churn")
    rec.get("get unknown", M + "/get", "name=nope")
    rec.get("get without name", M + "/get")
    rec.call("update description (PATCH)", "PATCH", M + "/update",
             json_body={"name": "churn", "description": "predicts churn"})
    rec.call("update unknown", "PATCH", M + "/update", json_body={"name": "nope",
                                                                  "description": "x"})
    rec.post("set-tag", M + "/set-tag", {"name": "churn", "key": "domain", "value": "crm"})
    rec.post("set-tag unknown model", M + "/set-tag", {"name": "nope", "key": "k", "value": "v"})
    rec.post("set-tag bad key", M + "/set-tag", {"name": "churn", "key": "a b", "value": "v"})
    rec.call("delete-tag", "DELETE", M + "/delete-tag", json_body={"name": "churn", "key": "domain"})
    rec.call("delete-tag missing key", "DELETE", M + "/delete-tag",
             json_body={"name": "churn", "key": "domain"})
    # versions
    src1 = "mlflow-artifacts:/${exp}/${run1}/artifacts/model"
    rec.post("create version 1", V + "/create",
             {"name": "churn", "source": src1, "run_id": "${run1}",
              "tags": [{"key": "validated", "value": "no"}], "description": "first"})
    rec.post("create version 2", V + "/create",
             {"name": "churn", "source": "mlflow-artifacts:/${exp}/${run2}/artifacts/model",
              "run_id": "${run2}"})
    rec.post("create version 3 without run", V + "/create",
             {"name": "churn", "source": "s3://bucket/models/churn"})
    rec.post("create version for unknown model", V + "/create",
             {"name": "nope", "source": src1, "run_id": "${run1}"})
    rec.post("create version with a relative source", V + "/create",
             {"name": "churn", "source": "mlflow-artifacts:/../../etc"})
    rec.post("create version with a local source", V + "/create",
             {"name": "churn", "source": "/etc/passwd"})
    rec.post("create version without source", V + "/create", {"name": "churn"})
    rec.get("get version", V + "/get", "name=churn&version=1")
    rec.get("get unknown version", V + "/get", "name=churn&version=99")
    rec.get("get version not a number", V + "/get", "name=churn&version=one")
    rec.get("get version without version", V + "/get", "name=churn")
    rec.call("update version description", "PATCH", V + "/update",
             json_body={"name": "churn", "version": "1", "description": "the first"})
    rec.call("update unknown version", "PATCH", V + "/update",
             json_body={"name": "churn", "version": "99", "description": "x"})
    rec.post("version set-tag", V + "/set-tag",
             {"name": "churn", "version": "1", "key": "validated", "value": "yes"})
    rec.post("version set-tag unknown version", V + "/set-tag",
             {"name": "churn", "version": "99", "key": "k", "value": "v"})
    rec.call("version delete-tag", "DELETE", V + "/delete-tag",
             json_body={"name": "churn", "version": "1", "key": "validated"})
    rec.call("version delete-tag missing", "DELETE", V + "/delete-tag",
             json_body={"name": "churn", "version": "1", "key": "validated"})
    rec.get("get-download-uri", V + "/get-download-uri", "name=churn&version=1")
    rec.get("get-download-uri unknown", V + "/get-download-uri", "name=churn&version=99")
    # stages
    rec.post("transition to Staging", V + "/transition-stage",
             {"name": "churn", "version": "1", "stage": "Staging",
              "archive_existing_versions": False})
    rec.post("transition to Production", V + "/transition-stage",
             {"name": "churn", "version": "1", "stage": "production",
              "archive_existing_versions": False})
    rec.post("transition v2 to Production archiving others", V + "/transition-stage",
             {"name": "churn", "version": "2", "stage": "Production",
              "archive_existing_versions": True})
    rec.post("transition to an unknown stage", V + "/transition-stage",
             {"name": "churn", "version": "1", "stage": "Gold",
              "archive_existing_versions": False})
    rec.post("transition archive_existing_versions to Archived", V + "/transition-stage",
             {"name": "churn", "version": "3", "stage": "Archived",
              "archive_existing_versions": True})
    rec.post("transition without archive flag", V + "/transition-stage",
             {"name": "churn", "version": "3", "stage": "None"})
    rec.post("transition unknown version", V + "/transition-stage",
             {"name": "churn", "version": "99", "stage": "Staging",
              "archive_existing_versions": False})
    rec.post("get-latest-versions (POST)", M + "/get-latest-versions", {"name": "churn"})
    rec.post("get-latest-versions stages", M + "/get-latest-versions",
             {"name": "churn", "stages": ["Production", "Archived"]})
    rec.get("get-latest-versions (GET)", M + "/get-latest-versions", "name=churn&stages=None")
    rec.post("get-latest-versions invalid stage", M + "/get-latest-versions",
             {"name": "churn", "stages": ["Gold"]})
    rec.post("get-latest-versions unknown model", M + "/get-latest-versions", {"name": "nope"})
    # aliases
    rec.post("set alias", M + "/alias", {"name": "churn", "alias": "champion", "version": "2"})
    rec.post("set second alias", M + "/alias",
             {"name": "churn", "alias": "challenger", "version": "1"})
    rec.post("move alias", M + "/alias", {"name": "churn", "alias": "challenger", "version": "3"})
    rec.post("set alias on unknown version", M + "/alias",
             {"name": "churn", "alias": "x", "version": "99"})
    rec.post("set reserved alias v1", M + "/alias", {"name": "churn", "alias": "v1",
                                                     "version": "1"})
    rec.post("set alias latest", M + "/alias", {"name": "churn", "alias": "latest",
                                                "version": "1"})
    rec.post("set alias with bad characters", M + "/alias",
             {"name": "churn", "alias": "a.b", "version": "1"})
    rec.get("get version by alias", M + "/alias", "name=churn&alias=champion")
    rec.get("get by unknown alias", M + "/alias", "name=churn&alias=nope")
    rec.get("get model with aliases", M + "/get", "name=churn")
    rec.get("get version with aliases", V + "/get", "name=churn&version=2")
    rec.call("delete alias", "DELETE", M + "/alias", json_body={"name": "churn",
                                                               "alias": "challenger"})
    rec.call("delete alias via query string", "DELETE", M + "/alias",
             query="name=churn&alias=champion")
    rec.call("delete unknown alias", "DELETE", M + "/alias",
             json_body={"name": "churn", "alias": "nope"})
    # search
    rec.get("search models", M + "/search", "max_results=10")
    rec.get("search models name LIKE", M + "/search", "filter=name%20LIKE%20%27ch%25%27")
    rec.get("search models by tag", M + "/search", "filter=tags.owner%20%3D%20%27ml%27")
    r, _ = rec.get("search models page 1", M + "/search", "max_results=1")
    rec.bind("rm_page2", r["next_page_token"])
    rec.get("search models page 2", M + "/search",
            "max_results=1&page_token=${rm_page2|url}")
    rec.get("search models order_by", M + "/search",
            "order_by=last_updated_timestamp%20DESC&order_by=name")
    rec.get("search models invalid filter", M + "/search", "filter=run_id%20%3D%20%27x%27",
            message="exact")
    rec.get("search models invalid order_by", M + "/search", "order_by=version_number",
            message="exact")
    rec.get("search models max_results 1001", M + "/search", "max_results=1001")
    rec.get("search versions", V + "/search", "filter=name%3D%27churn%27")
    rec.get("search versions run_id IN", V + "/search",
            "filter=run_id%20IN%20(%27${run1}%27,%27${run2}%27)")
    rec.get("search versions by tag", V + "/search",
            "filter=tags.validated%20%3D%20%27no%27")
    rec.get("search versions order_by", V + "/search",
            "filter=name%3D%27churn%27&order_by=version_number%20ASC&max_results=2")
    rec.get("search versions invalid", V + "/search", "filter=stage%3D%27Production%27",
            message="exact")
    rec.get("search versions numeric on a string", V + "/search", "filter=name%3D1",
            message="exact")
    # rename / delete
    rec.post("rename", M + "/rename", {"name": "fraud", "new_name": "fraud-v2"})
    rec.post("rename to existing", M + "/rename", {"name": "fraud-v2", "new_name": "churn"})
    rec.post("rename unknown", M + "/rename", {"name": "nope", "new_name": "x"})
    rec.post("rename without new_name", M + "/rename", {"name": "churn"})
    rec.call("delete version", "DELETE", V + "/delete", json_body={"name": "churn",
                                                                   "version": "3"})
    rec.get("get deleted version", V + "/get", "name=churn&version=3")
    rec.call("delete version again", "DELETE", V + "/delete", json_body={"name": "churn",
                                                                         "version": "3"})
    rec.call("delete model", "DELETE", M + "/delete", json_body={"name": "fraud-v2"})
    rec.get("get deleted model", M + "/get", "name=fraud-v2")
    rec.call("delete unknown model", "DELETE", M + "/delete", json_body={"name": "nope"})


def scenario_ajax(rec):
    r, _ = rec.post("create experiment (ajax)", AJAX + "/experiments/create", {"name": "ajax-exp"})
    rec.bind("exp", r["experiment_id"])
    r, _ = rec.post("create run (ajax)", AJAX + "/runs/create",
                    {"experiment_id": "${exp}", "run_name": "ui", "start_time": FIXED_TS})
    rec.bind("run1", r["run"]["info"]["run_id"])
    rec.get("get experiment (ajax)", AJAX + "/experiments/get", "experiment_id=${exp}")
    rec.post("search experiments (ajax)", AJAX + "/experiments/search", {"max_results": 10})
    rec.post("search runs (ajax)", AJAX + "/runs/search", {"experiment_ids": ["${exp}"]})
    rec.get("get run (ajax)", AJAX + "/runs/get", "run_id=${run1}")
    rec.get("get unknown run (ajax)", AJAX + "/runs/get",
            "run_id=0123456789abcdef0123456789abcdef")
    rec.get("search registered models (ajax)", AJAX + "/registered-models/search")
    rec.get("list artifacts (ajax)", AJAX + "/artifacts/list", "run_id=${run1}")


SCENARIOS = {
    "platform": scenario_platform,
    "experiments": scenario_experiments,
    "runs": scenario_runs,
    "log_batch": scenario_log_batch,
    "metric_history": scenario_metric_history,
    "search_runs": scenario_search_runs,
    "artifacts": scenario_artifacts,
    "registry": scenario_registry,
    "ajax": scenario_ajax,
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(HERE, "recordings"))
    ap.add_argument("scenarios", nargs="*", default=list(SCENARIOS))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    # A fixed hash seed makes the order of Python sets in MLflow's messages reproducible.
    os.environ["PYTHONHASHSEED"] = "0"
    for name in args.scenarios:
        with mlflow_server() as (url, workdir):
            rec = Recorder(url, name)
            rec.server_dir = workdir
            SCENARIOS[name](rec)
            data = rec.finish()
        path = os.path.join(args.out, f"{name}.json")
        with open(path, "w") as f:
            json.dump(data, f, indent=1, sort_keys=False)
            f.write("\n")
        print(f"{name}: {len(data['exchanges'])} exchanges -> {os.path.relpath(path)}")


if __name__ == "__main__":
    main()
