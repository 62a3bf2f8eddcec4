#!/usr/bin/python3
"""End-to-end MLflow compatibility: an ordinary training script written against the real MLflow
2.12.2 client (fluent API plus MlflowClient), run against whatever MLFLOW_TRACKING_URI names.

It passes against MLflow's own server today (tests/mlflow/run_e2e_against_mlflow.sh) and is the
script `cairn serve` must pass in phase 2, unchanged. With CAIRN_CHECKLIST=1 (set when the
server is Cairn) the Production transition is first refused because the promotion checklist is
incomplete, the script ticks the items through Cairn's native API, and the same client call then
succeeds; with CAIRN_NATIVE_URL set it also reads the run back through /api/v1 and checks that
params, latest metrics and tags are identical.

Usage: eval "$(../shared/mlflow-client/setup.sh)"
       MLFLOW_TRACKING_URI=http://127.0.0.1:PORT /usr/bin/python3 tests/mlflow/e2e_fluent.py
Prints one line per step and ends with "N passed, 0 failed" (exit status 1 on any failure).
"""

import contextlib
import json
import math
import os
import shutil
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request

import mlflow
import pandas as pd
from mlflow import MlflowClient
from mlflow.entities import ViewType
from mlflow.exceptions import MlflowException

URI = os.environ["MLFLOW_TRACKING_URI"]
CHECKLIST = os.environ.get("CAIRN_CHECKLIST") == "1"
NATIVE = os.environ.get("CAIRN_NATIVE_URL")
# With authentication on, Cairn's four-eyes rule needs the promotion to Production to come from
# someone other than the registrar: the approver's token is used for that one call.
APPROVER = os.environ.get("CAIRN_APPROVER_TOKEN")
SUFFIX = os.environ.get("E2E_SUFFIX", str(int(time.time() * 1000)))

passed = 0
failed = 0


def step(name):
    def wrap(fn):
        global passed, failed
        try:
            fn()
            passed += 1
            print(f"ok   {name}")
        except Exception:  # noqa: BLE001 - report every failing step and go on
            failed += 1
            print(f"FAIL {name}")
            traceback.print_exc(limit=4)
        return fn
    return wrap


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


class AddN(mlflow.pyfunc.PythonModel):
    def __init__(self, n):
        self.n = n

    def predict(self, context, model_input, params=None):
        return model_input.apply(lambda col: col + self.n)


client = MlflowClient()
state = {}
exp_name = f"e2e-{SUFFIX}"
model_name = f"e2e-model-{SUFFIX}"
workdir = tempfile.mkdtemp(prefix="mlflow-e2e-")


@step("set_experiment creates the experiment; get_experiment_by_name finds it, None when absent")
def _():
    expect(mlflow.get_experiment_by_name(exp_name) is None, "absent experiment must be None")
    exp = mlflow.set_experiment(exp_name)
    state["exp_id"] = exp.experiment_id
    expect(mlflow.get_experiment_by_name(exp_name).experiment_id == exp.experiment_id, "by name")
    expect(exp.lifecycle_stage == "active", "active")
    mlflow.set_experiment_tag("team", "alpha")
    expect(client.get_experiment(exp.experiment_id).tags.get("team") == "alpha", "experiment tag")
    default = client.get_experiment("0")
    expect(default.name == "Default", "experiment 0 is Default")


@step("parent run with params, stepped metrics, tags, artifacts and a directory; nested runs")
def _():
    with mlflow.start_run(run_name="parent") as parent:
        state["parent"] = parent.info.run_id
        mlflow.log_params({"depth": 6, "lr": 0.1, "name": "gbm"})
        mlflow.log_param("depth", 6)  # the same value again is allowed
        for s in range(20):
            mlflow.log_metric("loss", 1.0 / (s + 1), step=s)
        mlflow.log_metrics({"auc": 0.91, "f1": 0.8}, step=19)
        mlflow.set_tags({"team": "alpha", "stage": "dev"})
        mlflow.set_tag("note", "hello")
        path = os.path.join(workdir, "report.txt")
        with open(path, "w") as f:
            f.write("report\n")
        mlflow.log_artifact(path)
        d = os.path.join(workdir, "plots")
        os.makedirs(os.path.join(d, "sub"))
        for name in ("a.csv", "sub/b.csv"):
            with open(os.path.join(d, name), "w") as f:
                f.write("x,y\n1,2\n")
        mlflow.log_artifacts(d, artifact_path="plots")
        mlflow.log_dict({"k": [1, 2]}, "config/params.json")
        mlflow.log_text("free text", "notes/readme.md")
        for i in range(3):
            with mlflow.start_run(run_name=f"child-{i}", nested=True) as child:
                mlflow.log_param("fold", i)
                mlflow.log_metric("auc", 0.7 + 0.05 * i)
                state.setdefault("children", []).append(child.info.run_id)
    try:
        client.log_param(state["parent"], "depth", 7)
        raise AssertionError("changing a param must fail")
    except MlflowException as e:
        expect(e.error_code == "INVALID_PARAMETER_VALUE", f"param change error: {e.error_code}")


@step("get_run reads back params, latest metrics, tags, status and run name")
def _():
    run = client.get_run(state["parent"])
    expect(run.info.status == "FINISHED", f"status {run.info.status}")
    expect(run.info.run_name == "parent", "run name")
    expect(run.info.artifact_uri.endswith(f"/{state['parent']}/artifacts"), run.info.artifact_uri)
    expect(run.data.params == {"depth": "6", "lr": "0.1", "name": "gbm"}, str(run.data.params))
    expect(math.isclose(run.data.metrics["loss"], 1.0 / 20), str(run.data.metrics))
    expect(run.data.metrics["auc"] == 0.91, "auc")
    expect(run.data.tags["team"] == "alpha" and run.data.tags["note"] == "hello", "tags")
    child = client.get_run(state["children"][0])
    expect(child.data.tags.get("mlflow.parentRunId") == state["parent"], "nested parent tag")


@step("get_metric_history returns every step in order")
def _():
    hist = client.get_metric_history(state["parent"], "loss")
    expect([m.step for m in hist] == list(range(20)), str([m.step for m in hist]))
    expect(math.isclose(hist[4].value, 0.2), "value at step 4")


@step("artifacts: list (root and directory) and download")
def _():
    root = {f.path: f for f in client.list_artifacts(state["parent"])}
    expect({"report.txt", "plots", "config", "notes"} <= set(root), str(sorted(root)))
    expect(root["plots"].is_dir and not root["report.txt"].is_dir, "is_dir")
    expect(root["report.txt"].file_size == 7, "file_size")
    sub = [f.path for f in client.list_artifacts(state["parent"], "plots")]
    expect(sorted(sub) == ["plots/a.csv", "plots/sub"], str(sub))
    out = mlflow.artifacts.download_artifacts(run_id=state["parent"], artifact_path="plots",
                                              dst_path=os.path.join(workdir, "dl"))
    with open(os.path.join(out, "sub", "b.csv")) as f:
        expect(f.read() == "x,y\n1,2\n", "downloaded content")
    cfg = mlflow.artifacts.load_dict(f"runs:/{state['parent']}/config/params.json")
    expect(cfg == {"k": [1, 2]}, "load_dict")


@step("log_model / load_model of a pyfunc model, predictions match")
def _():
    with mlflow.start_run(run_name="train-model") as run:
        state["model_run"] = run.info.run_id
        mlflow.log_param("n", 3)
        mlflow.log_metric("auc", 0.93)
        info = mlflow.pyfunc.log_model("model", python_model=AddN(3), pip_requirements=[])
        state["model_uri"] = info.model_uri
    loaded = mlflow.pyfunc.load_model(state["model_uri"])
    pred = loaded.predict(pd.DataFrame({"x": [1.0, 2.0]}))
    expect(list(pred["x"]) == [4.0, 5.0], str(pred))
    tags = client.get_run(state["model_run"]).data.tags
    expect("mlflow.log-model.history" in tags, "log-model recorded on the run")


@step("register_model twice (existing name tolerated), aliases, tags, descriptions")
def _():
    v1 = mlflow.register_model(state["model_uri"], model_name)
    v2 = mlflow.register_model(state["model_uri"], model_name)
    expect((v1.version, v2.version) == ("1", "2"), f"{v1.version}, {v2.version}")
    client.set_registered_model_alias(model_name, "champion", "1")
    client.set_registered_model_alias(model_name, "challenger", "2")
    expect(client.get_model_version_by_alias(model_name, "champion").version == "1", "alias")
    client.set_registered_model_alias(model_name, "champion", "2")
    expect(client.get_model_version_by_alias(model_name, "champion").version == "2", "moved")
    client.delete_registered_model_alias(model_name, "challenger")
    rm = client.get_registered_model(model_name)
    expect(rm.aliases == {"champion": "2"}, str(rm.aliases))
    client.set_registered_model_tag(model_name, "domain", "crm")
    client.set_model_version_tag(model_name, "1", "validated", "yes")
    client.update_registered_model(model_name, description="adds n")
    client.update_model_version(model_name, "1", description="first")
    expect(client.get_model_version(model_name, "1").tags == {"validated": "yes"}, "mv tags")
    expect(client.get_registered_model(model_name).description == "adds n", "description")
    loaded = mlflow.pyfunc.load_model(f"models:/{model_name}@champion")
    expect(list(loaded.predict(pd.DataFrame({"x": [0.0]}))["x"]) == [3.0], "load by alias")


def native(method, path, body=None, token=None):
    """One call to Cairn's native API; an error raises with the problem+json body."""
    headers = {"Content-Type": "application/json"}
    token = token or os.environ.get("CAIRN_TOKEN")
    if token:
        headers["Authorization"] = f"Bearer {token}"
    else:
        headers["X-Cairn-User"] = "reviewer"
    req = urllib.request.Request(NATIVE.rstrip("/") + path, method=method, headers=headers,
                                 data=None if body is None else json.dumps(body).encode())
    try:
        with urllib.request.urlopen(req) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        raise AssertionError(f"{method} {path}: {e.code} {e.read().decode(errors='replace')}")


@contextlib.contextmanager
def as_approver():
    """The MLflow client as the approver: it reads MLFLOW_TRACKING_TOKEN on every request."""
    if not APPROVER:
        yield
        return
    own = os.environ["MLFLOW_TRACKING_TOKEN"]
    os.environ["MLFLOW_TRACKING_TOKEN"] = APPROVER
    try:
        yield
    finally:
        os.environ["MLFLOW_TRACKING_TOKEN"] = own


def tick_checklist(version):
    """Ticks every required checklist item of a version through Cairn's native API, as the
    approver (CAIRN_APPROVER_TOKEN) when the server requires authentication."""
    path = f"/api/v1/ml/lifecycle/models/{model_name}/{version}"
    mv = native("GET", path)
    body = {"checklist": [{"key": item["key"], "done": True, "note": "reviewed"}
                          for item in mv["checklist"] if item["required"]]}
    native("PATCH", path, body, token=APPROVER)


@step("stage transitions: Staging, then Production (through Cairn's checklist when on Cairn)")
def _():
    mv = client.transition_model_version_stage(model_name, "1", "Staging")
    expect(mv.current_stage == "Staging", mv.current_stage)
    if CHECKLIST:
        try:
            client.transition_model_version_stage(model_name, "2", "Production")
            raise AssertionError("an incomplete checklist must refuse Production")
        except MlflowException as e:
            expect("evaluation_passed" in e.message, f"message names missing items: {e.message}")
        tick_checklist("2")
    if CHECKLIST and not APPROVER:
        # Cairn without authentication: every MLflow call is "anonymous", the registrar too, so
        # the four-eyes rule refuses the promotion; a reviewer promotes through the native API.
        try:
            client.transition_model_version_stage(model_name, "2", "Production",
                                                  archive_existing_versions=True)
            raise AssertionError("the registrar must not promote its own version")
        except MlflowException as e:
            expect(e.error_code == "PERMISSION_DENIED", e.error_code)
        native("PATCH", f"/api/v1/ml/lifecycle/models/{model_name}/2", {"stage": "production"})
        mv = client.get_model_version(model_name, "2")
    else:
        with as_approver():
            mv = client.transition_model_version_stage(model_name, "2", "Production",
                                                       archive_existing_versions=True)
    expect(mv.current_stage == "Production", mv.current_stage)
    latest = {v.current_stage: v.version for v in client.get_latest_versions(model_name)}
    expect(latest.get("Production") == "2", str(latest))
    found = client.search_model_versions(f"name='{model_name}'")
    expect(sorted(v.version for v in found) == ["1", "2"], "search_model_versions")
    uri = client.get_model_version_download_uri(model_name, "2")
    expect(uri.endswith("/artifacts/model"), uri)


@step("search_runs: metric filter, params, tags, attributes, ordering and paging")
def _():
    eid = state["exp_id"]
    children = mlflow.search_runs([eid], filter_string="params.fold != '9' and metrics.auc > 0.72",
                                  order_by=["metrics.auc DESC"], output_format="list")
    expect([r.info.run_id for r in children] == state["children"][:0:-1],
           str([r.data.metrics for r in children]))
    by_name = mlflow.search_runs([eid], filter_string="attributes.run_name = 'parent'",
                                 output_format="list")
    expect([r.info.run_id for r in by_name] == [state["parent"]], "by run_name")
    tagged = client.search_runs([eid], "tags.team = 'alpha' AND attributes.status = 'FINISHED'")
    expect([r.info.run_id for r in tagged] == [state["parent"]], "tag + status")
    ids = client.search_runs([eid], f"attributes.run_id IN ('{state['parent']}', "
                                    f"'{state['children'][1]}')")
    expect({r.info.run_id for r in ids} == {state["parent"], state["children"][1]}, "IN")
    page1 = client.search_runs([eid], max_results=2, order_by=["attributes.start_time ASC"])
    page2 = client.search_runs([eid], max_results=2, order_by=["attributes.start_time ASC"],
                               page_token=page1.token)
    page3 = client.search_runs([eid], max_results=2, order_by=["attributes.start_time ASC"],
                               page_token=page2.token)
    all_ids = [r.info.run_id for r in list(page1) + list(page2) + list(page3)]
    expect(len(all_ids) == 5 and len(set(all_ids)) == 5, f"paging gave {all_ids}")
    expect(page3.token is None, "last page has no token")
    df = mlflow.search_runs([eid], filter_string="metrics.auc >= 0.9 and params.depth = '6'")
    expect(len(df) == 1 and df.iloc[0]["params.depth"] == "6", "pandas output")
    try:
        client.search_runs([eid], "metrics.auc > 'x'")
        raise AssertionError("a bad filter must fail")
    except MlflowException as e:
        expect(e.error_code == "INVALID_PARAMETER_VALUE", e.error_code)
    found = mlflow.search_experiments(filter_string=f"name = '{exp_name}'")
    expect([e.experiment_id for e in found] == [eid], "search_experiments")


@step("delete and restore a run and an experiment")
def _():
    victim = state["children"][2]
    client.delete_run(victim)
    expect(client.get_run(victim).info.lifecycle_stage == "deleted", "run deleted")
    active = {r.info.run_id for r in client.search_runs([state["exp_id"]])}
    expect(victim not in active, "deleted run hidden from ACTIVE_ONLY")
    deleted = client.search_runs([state["exp_id"]], run_view_type=ViewType.DELETED_ONLY)
    expect([r.info.run_id for r in deleted] == [victim], "DELETED_ONLY")
    client.restore_run(victim)
    expect(client.get_run(victim).info.lifecycle_stage == "active", "run restored")
    other = mlflow.create_experiment(f"{exp_name}-tmp")
    client.delete_experiment(other)
    expect(client.get_experiment(other).lifecycle_stage == "deleted", "experiment deleted")
    names = [e.name for e in client.search_experiments(view_type=ViewType.DELETED_ONLY)]
    expect(f"{exp_name}-tmp" in names, "deleted experiment listed")
    client.restore_experiment(other)
    expect(client.get_experiment(other).lifecycle_stage == "active", "experiment restored")
    client.rename_experiment(other, f"{exp_name}-renamed")
    expect(client.get_experiment(other).name == f"{exp_name}-renamed", "renamed")


@step("the run reads back identically through Cairn's native API (/api/v1)")
def _():
    if not NATIVE:
        print("     (skipped: CAIRN_NATIVE_URL not set, not a Cairn server)")
        return
    run = client.get_run(state["parent"])
    got = native("GET", "/api/v1/ml/lifecycle/runs/" + state["parent"])
    expect(got["params"] == run.data.params, "params")
    expect({k: v["value"] for k, v in got["metrics"].items()} == run.data.metrics, "metrics")
    # mlflow.runName is MLflow's view of the run's name, which the native API reports as `name`.
    mlflow_tags = {k: v for k, v in run.data.tags.items() if k != "mlflow.runName"}
    expect(got["tags"] == mlflow_tags, f"tags: native {got['tags']} vs MLflow {mlflow_tags}")
    expect(got["name"] == run.info.run_name, "name")


shutil.rmtree(workdir, ignore_errors=True)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
