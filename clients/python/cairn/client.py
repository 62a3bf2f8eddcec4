"""The Cairn API client: one object per server, one attribute per domain.

Example::

    import cairn

    client = cairn.Client()                      # profile / CAIRN_URL / CAIRN_TOKEN
    client.experiments.create("churn", description="Churn model")
    for run in client.runs.search("churn", filter="metrics.auc > 0.8", order_by="metrics.auc DESC"):
        print(run["run_id"], run["metrics"]["auc"]["value"])

Every method returns the API's JSON as plain dicts and lists, and raises the typed errors of
:mod:`cairn.errors` (``NotFound``, ``Conflict``, ``ValidationError``…).
"""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, Iterator, Mapping

from . import _config
from ._transport import Transport, query, quote
from .errors import NotFound
from .tracking import Run, _merge_tags, start_run

__all__ = ["Client"]

_LIFECYCLE = "/api/v1/ml/lifecycle"
_FEATURES = "/api/v1/features"
_DATASETS = "/api/v1/features/datasets"
_EVALUATION = "/api/v1/ml/evaluation"
_PROMPTS = "/api/v1/prompt-governance"
_PAGE = 1000


def _clean(**fields: Any) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}


def _pages(t: Transport, path: str, **params: Any) -> Iterator[dict[str, Any]]:
    """Every item of a paged list, fetching pages as the caller iterates."""
    token = None
    while True:
        page = t.get_json(path + query(**params, limit=_PAGE, page_token=token))
        yield from page["items"]
        token = page.get("next_page_token")
        if not token:
            return


class _Domain:
    def __init__(self, client: "Client") -> None:
        self._client = client
        self._t = client._transport

    def _pages(self, path: str, **params: Any) -> Iterator[dict[str, Any]]:
        return _pages(self._t, path, **params)


class Experiments(_Domain):
    """``client.experiments``: named groups of runs."""

    def create(self, name: str, description: str | None = None, owner: str | None = None,
               tags: Mapping[str, str] | None = None) -> dict[str, Any]:
        """Creates an experiment. Raises Conflict when the name exists."""
        return self._t.send_json("POST", f"{_LIFECYCLE}/experiments",
                                 _clean(name=name, description=description, owner=owner,
                                        tags=dict(tags) if tags else None))

    def get(self, name: str) -> dict[str, Any]:
        """The experiment with run counts by status and its latest runs."""
        return self._t.get_json(f"{_LIFECYCLE}/experiments/{quote(name)}")

    def list(self, owner: str | None = None, status: str | None = None) -> Iterator[dict[str, Any]]:
        """Every experiment (pages are fetched as you iterate), newest first."""
        return self._pages(f"{_LIFECYCLE}/experiments", owner=owner, status=status)

    def update(self, name: str, *, description: str | None = None, owner: str | None = None,
               status: str | None = None, tags: Mapping[str, str] | None = None,
               if_match: int | None = None) -> dict[str, Any]:
        """Changes description, owner, status (active|completed|archived) or tags (replaced)."""
        return self._t.send_json("PATCH", f"{_LIFECYCLE}/experiments/{quote(name)}",
                                 _clean(description=description, owner=owner, status=status,
                                        tags=dict(tags) if tags is not None else None), if_match)


class Runs(_Domain):
    """``client.runs``: runs, their params, tags and metric histories."""

    def create(self, experiment: str, name: str | None = None,
               params: Mapping[str, Any] | None = None, tags: Mapping[str, str] | None = None,
               source: Mapping[str, Any] | None = None,
               inputs: list[str] | None = None) -> dict[str, Any]:
        """Starts a run in an existing experiment (NotFound otherwise). Prefer
        :func:`cairn.start_run` for training scripts."""
        return self._t.send_json("POST", f"{_LIFECYCLE}/runs", _clean(
            experiment_name=experiment, name=name,
            params={k: str(v) for k, v in params.items()} if params else None,
            tags=dict(tags) if tags else None, source=dict(source) if source else None,
            inputs=inputs))

    def get(self, run_id: str) -> dict[str, Any]:
        return self._t.get_json(f"{_LIFECYCLE}/runs/{quote(run_id)}")

    def search(self, experiment: str | None = None, filter: str | None = None,  # noqa: A002
               order_by: str | None = None, status: str | None = None) -> Iterator[dict[str, Any]]:
        """Runs matching an MLflow-like filter, e.g.
        ``filter="metrics.auc > 0.8 and params.depth = '6'"``, ``order_by="metrics.auc DESC"``."""
        return self._pages(f"{_LIFECYCLE}/runs", experiment_name=experiment, status=status,
                           filter=filter, order_by=order_by)

    def update(self, run_id: str, *, status: str | None = None, params: Mapping[str, str] | None = None,
               tags: Mapping[str, str] | None = None, if_match: int | None = None) -> dict[str, Any]:
        """Ends a run (status), adds params, or replaces its tags."""
        return self._t.send_json("PATCH", f"{_LIFECYCLE}/runs/{quote(run_id)}",
                                 _clean(status=status, params=dict(params) if params else None,
                                        tags=dict(tags) if tags is not None else None), if_match)

    def set_tags(self, run_id: str, tags: Mapping[str, str]) -> dict[str, Any]:
        """Merges tags into the run's current tags (revision-guarded)."""
        return _merge_tags(self._client, run_id, tags)

    def log_metrics(self, run_id: str, points: list[Mapping[str, Any]]) -> int:
        """Sends points synchronously (``[{"key", "value", "step", "timestamp"}]``, at most 10 000);
        returns how many were accepted. Training loops should use ``Run.log_metric``."""
        return self._t.send_json("POST", f"{_LIFECYCLE}/runs/{quote(run_id)}/metrics",
                                 {"metrics": list(points)})["accepted"]

    def metric_history(self, run_id: str, key: str, min_step: int | None = None,
                       max_step: int | None = None, max_points: int | None = None) -> list[dict[str, Any]]:
        """Every point of one metric ordered by step (``max_points`` downsamples)."""
        return self._t.get_json(f"{_LIFECYCLE}/runs/{quote(run_id)}/metrics/{quote(key, True)}"
                                + query(min_step=min_step, max_step=max_step,
                                        max_points=max_points))["items"]


class Artifacts(_Domain):
    """``client.artifacts``: a run's files, streamed both ways."""

    def upload(self, run_id: str, path: str | os.PathLike[str],
               artifact_path: str | None = None) -> dict[str, Any]:
        """Uploads one file; ``artifact_path`` defaults to its file name."""
        dest = artifact_path or Path(path).name
        return self._t.upload_file("PUT", f"{_LIFECYCLE}/runs/{quote(run_id)}/artifacts/{quote(dest, True)}",
                                   path, "application/octet-stream")

    def upload_dir(self, run_id: str, directory: str | os.PathLike[str],
                   artifact_path: str | None = None) -> list[dict[str, Any]]:
        """Uploads every regular file below ``directory`` (relative paths kept, under
        ``artifact_path`` when given)."""
        root = Path(directory)
        if not root.is_dir():
            raise NotADirectoryError(str(root))
        prefix = (artifact_path or "").strip("/")
        out = []
        for file in sorted(p for p in root.rglob("*") if p.is_file()):
            rel = file.relative_to(root).as_posix()
            out.append(self.upload(run_id, file, f"{prefix}/{rel}" if prefix else rel))
        return out

    def list(self, run_id: str) -> list[dict[str, Any]]:
        return self._t.get_json(f"{_LIFECYCLE}/runs/{quote(run_id)}/artifacts")["items"]

    def download(self, run_id: str, artifact_path: str, dest: str | os.PathLike[str]) -> Path:
        """Streams an artifact into ``dest`` (a file path); returns it."""
        dest = Path(dest)
        tmp = dest.with_name(dest.name + f".part-{uuid.uuid4().hex[:8]}")
        try:
            with open(tmp, "wb") as f:
                self._t.request("GET", f"{_LIFECYCLE}/runs/{quote(run_id)}/artifacts/{quote(artifact_path, True)}",
                                download=f)
            os.replace(tmp, dest)
        finally:
            if tmp.exists():
                tmp.unlink()
        return dest


class Datasets(_Domain):
    """``client.datasets``: CSV datasets with inferred schemas and profiles."""

    def upload(self, data: Any, name: str, description: str | None = None) -> dict[str, Any]:
        """Uploads a CSV file (a path) or a pandas DataFrame; returns the dataset with its
        profile. Raises ValidationError naming the line of a bad row.

        Example::

            ds = client.datasets.upload("prices.csv", name="prices")
            ds = client.datasets.upload(df, name="features-2026-01")   # pandas
        """
        path = "/api/v1/features/datasets" + query(name=name, description=description)
        if type(data).__module__.split(".")[0] == "pandas" and hasattr(data, "to_csv"):
            with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8",
                                             newline="") as f:
                data.to_csv(f, index=False)
            try:
                return self._t.upload_file("POST", path, f.name, "text/csv")
            finally:
                os.unlink(f.name)
        return self._t.upload_file("POST", path, os.fspath(data), "text/csv")

    def get(self, dataset_id: str) -> dict[str, Any]:
        return self._t.get_json(f"{_DATASETS}/{quote(dataset_id)}")

    def list(self, name: str | None = None) -> Iterator[dict[str, Any]]:
        return self._pages(_DATASETS, name=name)

    def rows(self, dataset_id: str, offset: int = 0, limit: int = 100) -> list[dict[str, Any]]:
        return self._t.get_json(f"{_DATASETS}/{quote(dataset_id)}/rows" + query(offset=offset, limit=limit))["rows"]

    def delete(self, dataset_id: str) -> None:
        """Deletes a dataset no feature or scenario uses (Conflict otherwise)."""
        self._t.request("DELETE", f"{_DATASETS}/{quote(dataset_id)}")


class Models(_Domain):
    """``client.models``: the registry (versions, checklist, stages, artifacts)."""

    def register(self, name: str, run_id: str | None = None, artifact: str | os.PathLike[str] | None = None,
                 artifact_format: str | None = None, description: str | None = None,
                 tags: Mapping[str, str] | None = None, params: Mapping[str, str] | None = None,
                 metrics: Mapping[str, float] | None = None) -> dict[str, Any]:
        """Registers the next version of ``name`` (from a run: its metrics and params are
        copied) and uploads ``artifact`` when given; returns the version."""
        version = self._t.send_json("POST", f"{_LIFECYCLE}/models", _clean(
            model_name=name, run_id=run_id, description=description,
            tags=dict(tags) if tags else None, params=dict(params) if params else None,
            metrics=dict(metrics) if metrics else None))
        if artifact is not None:
            version = self.upload_artifact(name, version["version"], artifact, artifact_format)
        return version

    def upload_artifact(self, name: str, version: int, path: str | os.PathLike[str],
                        artifact_format: str | None = None) -> dict[str, Any]:
        """Uploads the model file (write-once; xgboost-json, onnx or other, detected when not
        given)."""
        return self._t.upload_file("PUT", f"{_LIFECYCLE}/models/{quote(name)}/{version}/artifact"
                                   + query(format=artifact_format), path, "application/octet-stream")

    def get(self, name: str, version: int | None = None) -> dict[str, Any]:
        """A model with all its versions, or one version."""
        suffix = f"/{version}" if version is not None else ""
        return self._t.get_json(f"{_LIFECYCLE}/models/{quote(name)}{suffix}")

    def list(self, name: str | None = None, stage: str | None = None) -> Iterator[dict[str, Any]]:
        return self._pages(f"{_LIFECYCLE}/models", model_name=name, stage=stage)

    def tick(self, name: str, version: int, *items: str, done: bool = True,
             note: str | None = None) -> dict[str, Any]:
        """Ticks (or unticks) checklist items: ``client.models.tick("m", 3, "data_validated")``."""
        return self._t.send_json("PATCH", f"{_LIFECYCLE}/models/{quote(name)}/{version}",
                                 {"checklist": [_clean(key=i, done=done, note=note) for i in items]})

    def promote(self, name: str, version: int, stage: str = "production") -> dict[str, Any]:
        """Moves a version to a stage; production needs every required checklist item
        (Conflict names the missing ones)."""
        return self._t.send_json("PATCH", f"{_LIFECYCLE}/models/{quote(name)}/{version}", {"stage": stage})

    def compare(self, name: str, versions: list[int], metrics: list[str] | None = None) -> dict[str, Any]:
        return self._t.send_json("POST", f"{_LIFECYCLE}/models/{quote(name)}/compare",
                                 _clean(versions=versions, metrics=metrics))


class Deployments(_Domain):
    """``client.deployments``: deployments of model versions and their status machine."""

    def create(self, model_name: str, version: int, environment: str,
               config: Mapping[str, Any] | None = None, endpoint: str | None = None) -> dict[str, Any]:
        return self._t.send_json("POST", f"{_LIFECYCLE}/deployments", _clean(
            model_name=model_name, model_version=version, environment=environment,
            config=dict(config) if config else None, endpoint=endpoint))

    def get(self, deployment_id: str) -> dict[str, Any]:
        return self._t.get_json(f"{_LIFECYCLE}/deployments/{quote(deployment_id)}")

    def list(self, model_name: str | None = None, environment: str | None = None,
             status: str | None = None) -> Iterator[dict[str, Any]]:
        return self._pages(f"{_LIFECYCLE}/deployments", model_name=model_name,
                           environment=environment, status=status)

    def update(self, deployment_id: str, **fields: Any) -> dict[str, Any]:
        """status, health_status, metrics or config."""
        return self._t.send_json("PATCH", f"{_LIFECYCLE}/deployments/{quote(deployment_id)}", fields)

    def terminate(self, deployment_id: str) -> dict[str, Any]:
        return self._t.request("DELETE", f"{_LIFECYCLE}/deployments/{quote(deployment_id)}").json()


class Drift(_Domain):
    """``client.drift``: drift reports and events."""

    def compute(self, reference: str | Mapping[str, list[Any]], current: str | Mapping[str, list[Any]],
                columns: list[str] | None = None, model_name: str | None = None,
                model_version: int | None = None) -> dict[str, Any]:
        """Per-column drift between two dataset ids, or two inline ``{column: [values]}`` maps."""
        body: dict[str, Any] = _clean(columns=columns, model_name=model_name, model_version=model_version)
        if isinstance(reference, str) and isinstance(current, str):
            body.update(reference_dataset_id=reference, current_dataset_id=current)
        else:
            body.update(reference=dict(reference), current=dict(current))  # type: ignore[arg-type]
        return self._t.send_json("POST", f"{_LIFECYCLE}/drift/compute", body)

    def events(self, model_name: str | None = None, severity: str | None = None,
               since: str | None = None) -> Iterator[dict[str, Any]]:
        return self._pages(f"{_LIFECYCLE}/drift-events", model_name=model_name, severity=severity, since=since)


class Features(_Domain):
    """``client.features``: feature definitions, values, online and point-in-time lookups."""

    def create(self, name: str, entity: str, value_type: str, **fields: Any) -> dict[str, Any]:
        return self._t.send_json("POST", _FEATURES, {"name": name, "entity": entity,
                                                     "value_type": value_type, **fields})

    def get(self, name: str, version: int | None = None) -> dict[str, Any]:
        return self._t.get_json(f"{_FEATURES}/{quote(name)}" + query(version=version))

    def write(self, rows: list[Mapping[str, Any]]) -> int:
        """Writes ``[{"entity_key", "feature", "value", "event_time"}]`` (at most 10 000, all or
        nothing); returns how many were written."""
        return self._t.send_json("POST", f"{_FEATURES}/values", {"rows": list(rows)})["written"]

    def online(self, entity: str, keys: list[str], features: list[str]) -> list[dict[str, Any]]:
        """The latest value of each feature per key, in key order."""
        return self._t.get_json(f"{_FEATURES}/online" + query(entity=entity, keys=",".join(keys),
                                                              features=",".join(features)))["rows"]

    def historical(self, entity_rows: list[Mapping[str, str]], features: list[str]) -> list[dict[str, Any]]:
        """Point-in-time join: each feature's latest value at or before each row's event_time."""
        return self._t.send_json("POST", f"{_FEATURES}/historical",
                                 {"entity_rows": list(entity_rows), "features": features})["rows"]


class Evaluation(_Domain):
    """``client.evaluation``: scenarios, evaluation runs and reports."""

    def create_scenario(self, name: str, task_type: str, dataset_id: str, label_column: str,
                        **fields: Any) -> dict[str, Any]:
        """Creates a scenario; ``fields`` are the API's (score_column, prediction_column,
        model_name, version, feature_columns, metrics, thresholds, slice_column, …)."""
        return self._t.send_json("POST", f"{_EVALUATION}/scenarios", {
            "name": name, "task_type": task_type, "dataset_id": dataset_id,
            "label_column": label_column, **fields})

    def get_scenario(self, name: str) -> dict[str, Any]:
        return self._t.get_json(f"{_EVALUATION}/scenarios/{quote(name)}")

    def run(self, scenario: str, model_name: str | None = None, version: int | None = None,
            wait: bool = True, timeout: float = 600.0, poll_interval: float = 0.5) -> dict[str, Any]:
        """Evaluates a scenario; with ``wait`` (the default) waits for the result and returns the
        report (``verdict``, ``metrics``, ``thresholds``, ``slices``, ``compliance``…), else the
        queued run.

        Example::

            report = client.evaluation.run("churn-eval", model_name="churn-xgb", version=3)
            assert report["verdict"] == "pass", report["thresholds"]
        """
        run = self._t.send_json("POST", f"{_EVALUATION}/runs",
                                _clean(scenario_name=scenario, model_name=model_name, version=version))
        if not wait:
            return run
        deadline = time.monotonic() + timeout
        while run["status"] in ("queued", "running"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"evaluation {run['run_id']} still {run['status']} after {timeout}s")
            time.sleep(poll_interval)
            run = self._t.get_json(f"{_EVALUATION}/runs/{quote(run['run_id'])}")
        return self.report(run["run_id"])

    def report(self, run_id: str) -> dict[str, Any]:
        return self._t.get_json(f"{_EVALUATION}/runs/{quote(run_id)}/report")


class Prompts(_Domain):
    """``client.prompts``: governed prompt templates. Templates are named by id or name."""

    def __init__(self, client: "Client") -> None:
        super().__init__(client)
        self._ids: dict[str, str] = {}

    def _id(self, template: str) -> str:
        try:
            uuid.UUID(template)
            return template
        except ValueError:
            pass
        if template not in self._ids:
            for t in self._pages(f"{_PROMPTS}/templates"):
                self._ids[t["name"]] = t["id"]
            if template not in self._ids:
                raise NotFound(404, "Not Found", f"no prompt template named '{template}'", "not_found")
        return self._ids[template]

    def create(self, name: str, body: str, variables: list[Mapping[str, Any]] | None = None,
               description: str | None = None, **fields: Any) -> dict[str, Any]:
        """Creates a template with version 1 as a draft. ``variables``:
        ``[{"name": "customer", "required": True}]``."""
        t = self._t.send_json("POST", f"{_PROMPTS}/templates", _clean(
            name=name, body=body, variables=variables, description=description, **fields))
        self._ids[t["name"]] = t["id"]
        return t

    def get(self, template: str) -> dict[str, Any]:
        return self._t.get_json(f"{_PROMPTS}/templates/{quote(self._id(template))}")

    def new_version(self, template: str, body: str, variables: list[Mapping[str, Any]] | None = None,
                    **fields: Any) -> dict[str, Any]:
        return self._t.send_json("POST", f"{_PROMPTS}/templates/{quote(self._id(template))}/versions",
                                 _clean(body=body, variables=variables, **fields))

    def evaluate(self, body: str, variables: list[Mapping[str, Any]] | None = None) -> dict[str, Any]:
        """Automatic checks of a text: placeholders, injection phrases, PII, secrets."""
        return self._t.send_json("POST", f"{_PROMPTS}/evaluate", {"body": body, "variables": variables or []})

    def _transition(self, template: str, version: int, action: str, comment: str | None) -> dict[str, Any]:
        return self._t.send_json("POST", f"{_PROMPTS}/templates/{quote(self._id(template))}/{version}/{action}",
                                 _clean(comment=comment))

    def submit(self, template: str, version: int) -> dict[str, Any]:
        return self._transition(template, version, "submit", None)

    def approve(self, template: str, version: int, comment: str | None = None) -> dict[str, Any]:
        """Approves a version (Forbidden for its author or submitter)."""
        return self._transition(template, version, "approve", comment)

    def reject(self, template: str, version: int, comment: str) -> dict[str, Any]:
        return self._transition(template, version, "reject", comment)

    def set_label(self, template: str, label: str, version: int) -> dict[str, Any]:
        return self._t.send_json("PUT", f"{_PROMPTS}/templates/{quote(self._id(template))}/labels/{quote(label)}",
                                 {"version": version})

    def render(self, template: str, variables: Mapping[str, Any] | None = None, label: str = "production",
               version: int | None = None) -> str:
        """Renders an approved version, by label (default ``production``) or version.

        Example::

            text = client.prompts.render("greeting", {"name": "Ann"})
        """
        body = {"variables": dict(variables or {})}
        body.update({"version": version} if version is not None else {"label": label})
        return self._t.send_json("POST", f"{_PROMPTS}/templates/{quote(self._id(template))}/render", body)["text"]

    def log_usage(self, template: str, version: int, app: str, latency_ms: float,
                  input_tokens: int | None = None, output_tokens: int | None = None,
                  cost_usd: float | None = None, error: str | None = None) -> dict[str, Any]:
        """Logs one use of an approved version (Conflict for any other status)."""
        return self._t.send_json("POST", f"{_PROMPTS}/templates/{quote(self._id(template))}/{version}/usage",
                                 _clean(app=app, latency_ms=latency_ms, input_tokens=input_tokens,
                                        output_tokens=output_tokens, cost_usd=cost_usd,
                                        success=error is None, error=error))

    def usage(self, template: str, version: int, since: str | None = None) -> dict[str, Any]:
        return self._t.get_json(f"{_PROMPTS}/templates/{quote(self._id(template))}/{version}/usage"
                                + query(since=since))


class Client:
    """A connection to one Cairn server.

    Settings come from the arguments, else ``CAIRN_URL`` / ``CAIRN_TOKEN`` / ``CAIRN_USER`` /
    ``CAIRN_CA_FILE``, else the profile (``profile`` or ``CAIRN_PROFILE`` or the file's default)
    in ``~/.config/cairn/config.toml`` written by ``cairn login``, else
    ``http://127.0.0.1:8500``.

    Args:
        url: server URL, ``http[s]://host[:port]``.
        token: API token, sent as ``Authorization: Bearer``.
        user: acting user for servers running without authentication (``X-Cairn-User``).
        profile: profile name in the config file.
        ca_file: PEM bundle to verify https servers with (default: the system store).
        timeout: seconds per request.

    Example::

        client = cairn.Client("http://127.0.0.1:8500")
        run = client.start_run("churn", params={"lr": 0.1})
    """

    def __init__(self, url: str | None = None, token: str | None = None, *, user: str | None = None,
                 profile: str | None = None, ca_file: str | None = None, timeout: float = 60.0) -> None:
        self.settings = _config.resolve(url=url, token=token, user=user, ca_file=ca_file, profile=profile)
        self._timeout = timeout
        self._transport = self._new_transport()
        self.experiments = Experiments(self)
        self.runs = Runs(self)
        self.artifacts = Artifacts(self)
        self.datasets = Datasets(self)
        self.models = Models(self)
        self.deployments = Deployments(self)
        self.drift = Drift(self)
        self.features = Features(self)
        self.evaluation = Evaluation(self)
        self.prompts = Prompts(self)

    @property
    def url(self) -> str:
        return self.settings.url

    def _new_transport(self) -> Transport:
        s = self.settings
        return Transport(s.url, token=s.token, user=s.user, ca_file=s.ca_file, timeout=self._timeout)

    def _sender_transport(self) -> Transport:
        # Each run's metric sender gets a connection of its own.
        return self._new_transport()

    def start_run(self, experiment: str, params: Mapping[str, Any] | None = None, **kwargs: Any) -> Run:
        """:func:`cairn.start_run` with this client."""
        return start_run(experiment, params, client=self, **kwargs)

    def health(self) -> bool:
        """True when the server answers ``/readyz`` (storage reachable)."""
        self._transport.request("GET", "/readyz")
        return True

    def audit(self, resource: str | None = None, actor: str | None = None,
              since: str | None = None) -> Iterator[dict[str, Any]]:
        """Audit records, newest first (``resource`` like ``run`` or ``run/<id>``)."""
        return _pages(self._transport, "/api/v1/audit", resource=resource, actor=actor, since=since)

    def close(self) -> None:
        self._transport.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
