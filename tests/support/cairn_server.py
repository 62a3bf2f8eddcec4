"""Runs the real `cairn serve` for Python tests (CLI and SDK): a temporary data dir with SQLite,
`--port 0`, the port read from the first stdout line (`listening on http://HOST:PORT`).

The binary comes from the CAIRN_BINARY environment variable (CTest sets it) or `build/release/cairn`
relative to the repository. Standard library only.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
_LISTENING = re.compile(r"listening on http://([^:]+):(\d+)")


def cairn_binary() -> str:
    binary = os.path.abspath(os.environ.get("CAIRN_BINARY") or str(REPO / "build" / "release" / "cairn"))
    if not os.access(binary, os.X_OK):
        raise RuntimeError(f"no cairn binary at {binary} (build it or set CAIRN_BINARY)")
    return binary


class CairnServer:
    """One `cairn serve` child process; restartable on the same port and data."""

    def __init__(self, data_dir: str | None = None, extra_args: list[str] | None = None,
                 storage: str | None = None) -> None:
        self._own_dir = data_dir is None
        self.extra_args = list(extra_args or [])
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="cairn-pytest-")
        # SQLite in the data dir unless a storage URI (e.g. a PostgreSQL database) is given.
        self.storage = storage or f"sqlite://{self.data_dir}/cairn.db"
        self.proc: subprocess.Popen[str] | None = None
        self._log = None
        self.port = 0
        self.host = "127.0.0.1"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, port: int | None = None, timeout: float = 20.0) -> "CairnServer":
        args = [
            cairn_binary(), "serve", "--host", "127.0.0.1",
            "--port", str(port or 0),
            "--data-dir", self.data_dir,
            "--storage", self.storage,
            "--no-access-log",
            *self.extra_args,
        ]
        deadline = time.monotonic() + timeout
        if self._log is None:
            self._log = open(os.path.join(self.data_dir, "server.log"), "ab")
        while True:
            self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self._log, text=True,
                                         start_new_session=True)
            line = self.proc.stdout.readline() if self.proc.stdout else ""
            m = _LISTENING.search(line)
            if m:
                self.host, self.port = m.group(1), int(m.group(2))
                return self
            self.proc.wait(timeout=5)
            # A restart on a fixed port can race the old socket's release: try again briefly.
            if time.monotonic() > deadline:
                raise RuntimeError(f"cairn serve did not start: {line!r}; see {self.data_dir}/server.log")
            time.sleep(0.1)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15.0) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc.stdout:
            self.proc.stdout.close()
        self.proc = None

    def restart(self) -> None:
        port = self.port
        self.stop()
        self.start(port=port)

    def close(self) -> None:
        self.stop()
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._own_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self) -> "CairnServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
