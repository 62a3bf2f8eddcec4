"""Runs and buffered metric logging.

``run.log_metric`` is meant for the hot loop of a training script: it appends one tuple to an
in-memory queue and returns (well under a microsecond on CPython 3.11). A background thread per
run sends the points in batches — at most ``batch_size`` points, at least every
``flush_interval`` seconds — over its own keep-alive connection, retrying with exponential
backoff on connection errors and 429/502/503/504. Points are flushed when the run ends, on
``run.flush()``, and at interpreter shutdown (``atexit``): a crashed process loses at most the
points of its last interval, a killed one (SIGKILL) those not yet sent.

Delivery is at least once: a batch whose reply was lost is sent again.
"""

from __future__ import annotations

import atexit
import collections
import itertools
import json
import logging
import os
import sys
import threading
import time
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from ._transport import Transport, quote
from .errors import ApiError, CairnError, ConnectionFailed, Conflict, PreconditionFailed

if TYPE_CHECKING:
    from .client import Client

__all__ = ["Run", "start_run"]

log = logging.getLogger("cairn")

_RETRY_STATUSES = frozenset({429, 502, 503, 504})
_MAX_BATCH = 10_000  # the server's limit per request
_MAX_BACKOFF = 5.0
_EXIT_TIMEOUT = 30.0
_time_ns = time.time_ns
_POINT_FORMAT = '{"key":%s,"value":%r,"step":%d,"timestamp":%d},'


class _ClosedQueue:
    """Stands in for the queue of an ended run, so that logging to it fails loudly."""

    def __init__(self, run_id: str) -> None:
        self._run_id = run_id

    def append(self, _item: object) -> None:
        raise CairnError(f"run {self._run_id} has ended; start a new run to log more metrics")

    def __len__(self) -> int:
        return 0


class _MetricBuffer:
    """The queue of one run's points and the thread that sends them."""

    def __init__(self, transport: Transport, run_id: str, batch_size: int, flush_interval: float,
                 max_buffered: int, retry_for: float) -> None:
        # (key as JSON, value, step, timestamp in ms)
        self.queue: collections.deque[tuple[str, float, int, int]] = collections.deque()
        self.keys: dict[str, str] = {}  # key -> its JSON encoding
        self._formats: dict[int, str] = {}
        self.batch_size = max(1, min(batch_size, _MAX_BATCH))
        self.max_buffered = max(max_buffered, self.batch_size)
        self._transport = transport
        self._path = f"/api/v1/ml/lifecycle/runs/{quote(run_id)}/metrics"
        self._interval = flush_interval
        self._retry_for = retry_for
        self._lock = threading.Lock()  # taking points off the queue, and _popped
        self._popped = 0
        self._cond = threading.Condition()  # _done, _acked, _dropped, _error
        self._done = 0
        self._acked = 0
        self._dropped = 0
        self._error: BaseException | None = None
        self._wake = threading.Event()
        self._kicked = False
        self._closing = False
        self._thread = threading.Thread(target=self._loop, name=f"cairn-metrics-{run_id[:8]}",
                                        daemon=True)
        self._thread.start()
        _live_buffers.add(self)

    # Called from the logging thread when the queue holds a batch.
    def kick(self) -> None:
        if not self._kicked:
            self._kicked = True
            self._wake.set()
        if len(self.queue) >= self.max_buffered:
            # Backpressure: the server is slower than the producer (or down). Wait, do not drop.
            while len(self.queue) >= self.max_buffered and self._thread.is_alive():
                self._wake.set()
                time.sleep(0.001)

    @property
    def acknowledged(self) -> int:
        return self._acked

    @property
    def dropped(self) -> int:
        return self._dropped

    def flush(self, timeout: float | None = None) -> None:
        with self._lock:
            target = self._popped + len(self.queue)
        self._wake.set()
        with self._cond:
            if not self._cond.wait_for(lambda: self._done >= target, timeout):
                raise TimeoutError(f"metrics not delivered within {timeout}s "
                                   f"({target - self._done} points pending)")
            error, self._error = self._error, None
        if error is not None:
            raise CairnError(f"{self._dropped} metric points could not be delivered: {error}") from error

    def close(self, timeout: float | None = None) -> None:
        try:
            self.flush(timeout)
        finally:
            self._closing = True
            self._wake.set()
            self._thread.join(timeout)
            self._transport.close()
            _live_buffers.discard(self)

    def _loop(self) -> None:
        while True:
            self._wake.wait(self._interval)
            self._wake.clear()
            self._kicked = False
            closing = self._closing
            self._drain()
            if closing:
                return

    def _drain(self) -> None:
        q = self.queue
        while True:
            with self._lock:
                n = min(len(q), self.batch_size)
                if n == 0:
                    return
                popleft = q.popleft
                batch = [popleft() for _ in range(n)]
                self._popped += n
            self._send(batch)

    def _encode(self, batch: list[tuple[str, float, int, int]]) -> bytes:
        # One C-level %-format over the whole batch: the key is stored already JSON-encoded, the
        # value as a float (%r is its shortest round-trip form), step and timestamp as ints.
        n = len(batch)
        fmt = self._formats.get(n)
        if fmt is None:
            fmt = self._formats[n] = _POINT_FORMAT * n
        text = fmt % tuple(itertools.chain.from_iterable(batch))
        return b'{"metrics":[' + text[:-1].encode() + b"]}"

    def _send(self, batch: list[tuple[str, float, int, int]]) -> None:
        body = self._encode(batch)
        n = len(batch)
        deadline = time.monotonic() + self._retry_for
        delay = 0.05
        error: BaseException | None = None
        while True:
            try:
                self._transport.request("POST", self._path, body=body,
                                        headers={"Content-Type": "application/json"})
                error = None
                break
            except ConnectionFailed as e:
                error = e
            except ApiError as e:
                error = e
                if e.status not in _RETRY_STATUSES:
                    break
                if getattr(e, "retry_after", None):
                    delay = max(delay, float(e.retry_after))  # type: ignore[attr-defined]
            except Exception as e:  # noqa: BLE001 - never let the sender thread die silently
                error = e
                break
            if time.monotonic() + delay > deadline:
                break
            time.sleep(delay)
            delay = min(delay * 2, _MAX_BACKOFF)
        with self._cond:
            if error is None:
                self._acked += n
            else:
                self._dropped += n
                self._error = error
                log.warning("cairn: dropped %d metric points: %s", n, error)
            self._done += n
            self._cond.notify_all()


_live_buffers: "weakref.WeakSet[_MetricBuffer]" = weakref.WeakSet()


@atexit.register
def _flush_at_exit() -> None:
    for buf in list(_live_buffers):
        try:
            buf.close(timeout=_EXIT_TIMEOUT)
        except Exception as e:  # noqa: BLE001 - reported, never raised at interpreter exit
            print(f"cairn: metrics not fully delivered at exit: {e}", file=sys.stderr)


class Run:
    """A tracked run: params, buffered metrics, tags and artifacts.

    Create one with :func:`start_run` (or :meth:`cairn.Client.start_run`); as a context manager
    it ends the run as ``completed``, or ``failed`` (``killed`` on KeyboardInterrupt) when the
    block raises.

    Example::

        with cairn.start_run(experiment="churn", params={"lr": 0.1}) as run:
            for step in range(1000):
                run.log_metric("loss", loss, step=step)
            run.log_artifact("model.json")
    """

    def __init__(self, client: "Client", data: dict[str, Any], *, batch_size: int = _MAX_BATCH,
                 flush_interval: float = 1.0, max_buffered: int = 1_000_000,
                 retry_for: float = 600.0) -> None:
        self._client = client
        self.data = data
        self.run_id: str = data["run_id"]
        self.experiment: str = data["experiment_name"]
        self._buffer = _MetricBuffer(client._sender_transport(), self.run_id, batch_size,
                                     flush_interval, max_buffered, retry_for)
        self._queue = self._buffer.queue
        self._keys = self._buffer.keys
        self._batch_size = self._buffer.batch_size
        self._ended = False

    def __repr__(self) -> str:
        return f"Run(run_id={self.run_id!r}, experiment={self.experiment!r})"

    # -- metrics ------------------------------------------------------------------------------

    def log_metric(self, key: str, value: float, step: int | None = None,
                   timestamp: int | None = None) -> None:
        """Buffers one point and returns at once.

        Args:
            key: metric name (1-250 of ``[A-Za-z0-9_.-/]``, starting alphanumeric).
            value: a finite number.
            step: integer step (default 0).
            timestamp: milliseconds since the epoch (default now).

        Raises:
            ValueError: for a bad key or a value that is not finite (checked here, so that one
                bad point never costs a whole batch).
        """
        key_json = self._keys.get(key)
        if key_json is None:
            key_json = self._add_key(key)
        value = float(value)
        if value - value != 0.0:
            raise ValueError(f"metric {key!r}: {value} is not a finite number")
        q = self._queue
        q.append((key_json, value, 0 if step is None else int(step),
                  _time_ns() // 1_000_000 if timestamp is None else int(timestamp)))
        if len(q) >= self._batch_size:
            self._buffer.kick()

    def log_metrics(self, metrics: Mapping[str, float], step: int | None = None,
                    timestamp: int | None = None) -> None:
        """Buffers several points at one step: ``run.log_metrics({"loss": l, "acc": a}, step=i)``."""
        ts = _time_ns() // 1_000_000 if timestamp is None else timestamp
        for k, v in metrics.items():
            self.log_metric(k, v, step, ts)

    def _add_key(self, key: str) -> str:
        if not isinstance(key, str) or not _valid_key(key):
            raise ValueError(f"invalid metric key {key!r}: 1-250 characters of [A-Za-z0-9_.-/], "
                             "starting alphanumeric")
        self._keys[key] = json.dumps(key)
        return self._keys[key]

    def flush(self, timeout: float | None = None) -> None:
        """Blocks until every point logged so far is on the server.

        Raises:
            CairnError: when points had to be dropped (the error names why).
            TimeoutError: when they are not delivered within ``timeout`` seconds.
        """
        self._buffer.flush(timeout)

    @property
    def acknowledged(self) -> int:
        """How many logged points the server has accepted so far."""
        return self._buffer.acknowledged

    @property
    def dropped(self) -> int:
        """How many points were given up on (non-retryable error, or retries exhausted)."""
        return self._buffer.dropped

    # -- params, tags, artifacts --------------------------------------------------------------

    def log_param(self, key: str, value: Any) -> None:
        """Sets one param (a param, once set, cannot change: Conflict)."""
        self.log_params({key: value})

    def log_params(self, params: Mapping[str, Any]) -> None:
        """Sets params; values are sent as strings."""
        self.data = self._client.runs.update(self.run_id, params={k: str(v) for k, v in params.items()})

    def set_tag(self, key: str, value: str) -> None:
        self.set_tags({key: value})

    def set_tags(self, tags: Mapping[str, str]) -> None:
        """Merges tags into the run's tags (guarded by the run's revision)."""
        self.data = self._client.runs.set_tags(self.run_id, tags)

    def log_artifact(self, path: str | os.PathLike[str], artifact_path: str | None = None) -> dict[str, Any]:
        """Uploads one file (streamed); returns ``{path, size_bytes, sha256}``."""
        return self._client.artifacts.upload(self.run_id, path, artifact_path)

    def log_artifacts(self, directory: str | os.PathLike[str], artifact_path: str | None = None) -> list[dict[str, Any]]:
        """Uploads every file under a directory, keeping relative paths."""
        return self._client.artifacts.upload_dir(self.run_id, directory, artifact_path)

    def register_model(self, name: str, artifact: str | os.PathLike[str] | None = None,
                       **fields: Any) -> dict[str, Any]:
        """Registers the next version of ``name`` from this run (metrics and params copied)."""
        self.flush()
        return self._client.models.register(name, run_id=self.run_id, artifact=artifact, **fields)

    # -- lifecycle ----------------------------------------------------------------------------

    def end(self, status: str = "completed", error: str | None = None) -> None:
        """Flushes the metrics and ends the run (``completed``, ``failed`` or ``killed``)."""
        if self._ended:
            return
        self._ended = True
        flush_error: BaseException | None = None
        try:
            self._buffer.close(timeout=_EXIT_TIMEOUT)
        except Exception as e:  # noqa: BLE001 - reported below, after the run is ended
            flush_error = e
        self._queue = _ClosedQueue(self.run_id)  # type: ignore[assignment]
        if error:
            try:
                self.set_tags({"cairn.error": error[:1000]})
            except CairnError as e:
                log.warning("cairn: could not record the error on run %s: %s", self.run_id, e)
        self.data = self._client.runs.update(self.run_id, status=status)
        if flush_error is not None:
            raise flush_error

    def __enter__(self) -> "Run":
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: object) -> None:
        if exc is None:
            self.end("completed")
            return
        status = "killed" if isinstance(exc, KeyboardInterrupt) else "failed"
        try:
            self.end(status, error=f"{type(exc).__name__}: {exc}")
        except CairnError as e:
            log.warning("cairn: ending run %s after an error failed: %s", self.run_id, e)


def _valid_key(key: str) -> bool:
    if not 0 < len(key) <= 250 or not (key[0].isascii() and key[0].isalnum()):
        return False
    return all(c.isascii() and (c.isalnum() or c in "_.-/") for c in key)


def start_run(experiment: str, params: Mapping[str, Any] | None = None, *, name: str | None = None,
              tags: Mapping[str, str] | None = None, source: Mapping[str, Any] | None = None,
              inputs: list[str] | None = None, client: "Client | None" = None,
              batch_size: int = _MAX_BATCH, flush_interval: float = 1.0,
              max_buffered: int = 1_000_000, retry_for: float = 600.0) -> Run:
    """Starts a run in ``experiment`` (created when it does not exist).

    Args:
        experiment: experiment name.
        params: params of the run (values become strings).
        name, tags, inputs: run name, tags, dataset ids it reads.
        source: free-form source info (default: the script's entry point).
        client: the Client to use (default: ``Client()`` from the profile and environment).
        batch_size: points per request (at most 10 000).
        flush_interval: seconds between background sends.
        max_buffered: points held in memory before ``log_metric`` waits for the sender.
        retry_for: seconds to keep retrying a batch before dropping it.

    Example::

        with cairn.start_run("churn", params={"depth": 6}) as run:
            run.log_metric("auc", 0.91)
    """
    from .client import Client  # noqa: PLC0415 - avoids an import cycle

    client = client or Client()
    try:
        client.experiments.create(experiment)
    except Conflict:
        pass
    if source is None:
        source = {"entry_point": Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python"}
    data = client.runs.create(experiment, name=name, params=params, tags=tags, source=source,
                              inputs=inputs)
    return Run(client, data, batch_size=batch_size, flush_interval=flush_interval,
               max_buffered=max_buffered, retry_for=retry_for)


def _merge_tags(client: "Client", run_id: str, tags: Mapping[str, str]) -> dict[str, Any]:
    """Read-merge-write of a run's tags, retried once when someone else changed the run."""
    for attempt in (0, 1):
        current = client.runs.get(run_id)
        merged = dict(current.get("tags") or {})
        merged.update({k: str(v) for k, v in tags.items()})
        try:
            return client.runs.update(run_id, tags=merged, if_match=current["revision"])
        except PreconditionFailed:
            if attempt:
                raise
    raise AssertionError("unreachable")  # pragma: no cover
