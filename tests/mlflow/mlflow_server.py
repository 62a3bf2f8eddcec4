"""Starts and stops MLflow's own tracking server (the peer Cairn is compared with).

The MLflow package tree must be importable (see the MLflow client's setup.sh, which exports
PYTHONPATH). The server runs on 127.0.0.1 with a SQLite backend and a local artifact
destination in a temporary directory, proxying artifacts (`--serve-artifacts`), so runs get
`artifact_uri = mlflow-artifacts:/<experiment>/<run>/artifacts` like they will on Cairn.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

PYTHON = "/usr/bin/python3"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url, timeout=60.0, proc=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before it was healthy")
        try:
            with urllib.request.urlopen(url + "/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server at {url} not healthy after {timeout}s")


@contextlib.contextmanager
def mlflow_server(workers=1, keep_dir=False, log_name="mlflow-server.log"):
    """Yields (url, workdir). workers > 1 runs gunicorn with that many workers."""
    workdir = tempfile.mkdtemp(prefix="mlflow-peer-")
    port = free_port()
    cmd = [
        PYTHON, "-m", "mlflow", "server",
        "--backend-store-uri", f"sqlite:///{workdir}/mlflow.db",
        "--artifacts-destination", f"{workdir}/artifacts",
        "--serve-artifacts",
        "--host", "127.0.0.1",
        "--port", str(port),
        "--workers", str(workers),
    ]
    log = open(os.path.join(workdir, log_name), "wb")
    env = dict(os.environ)
    env.setdefault("PYTHONNOUSERSITE", "1")
    # Own process group, so stopping it also stops gunicorn's workers.
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env,
                            start_new_session=True, cwd=workdir)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc=proc)
        yield url, workdir
    except Exception:
        log.flush()
        with open(os.path.join(workdir, log_name), "rb") as f:
            sys.stderr.write(f.read()[-4000:].decode("utf-8", "replace"))
        raise
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
        if not keep_dir:
            shutil.rmtree(workdir, ignore_errors=True)
