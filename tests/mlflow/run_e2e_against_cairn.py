#!/usr/bin/python3
"""Runs e2e_fluent.py, with the real MLflow 2.12.2 client, against a fresh `cairn serve`.

  --backend sqlite    the embedded default (a temporary data dir)
  --backend postgres  a fresh database on the cluster CAIRN_TEST_PG_URL names (exit 77, a CTest
                      skip, when it is not set); the database is dropped afterwards
  --auth off          the loopback default: no credentials, the checklist ticked as "reviewer"
  --auth required     two users bootstrapped with `cairn user create`/`cairn token create` on the
                      server's storage: alice registers and logs (MLFLOW_TRACKING_TOKEN), bob
                      ticks the checklist and promotes to Production (four-eyes)

The MLflow client comes from the MLflow tree beside the checkout (`../shared/mlflow-client`, or
MLFLOW_CLIENT_DIR); it is put on PYTHONPATH exactly as its setup.sh does. The script's own
output is passed through; the exit status is the script's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "support"))
from cairn_server import CairnServer, cairn_binary  # noqa: E402

SKIP = 77


def mlflow_client_dir() -> Path:
    # The shared tree sits beside the checkout: <checkout>/../shared/mlflow-client.
    return Path(os.environ.get("MLFLOW_CLIENT_DIR") or HERE.parents[2] / "shared" / "mlflow-client")


def psql(url: str, sql: str) -> None:
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql], check=True,
                   stdout=subprocess.DEVNULL)


def with_database(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def cli(args: list[str], stdin: str | None = None) -> str:
    proc = subprocess.run([cairn_binary(), *args], input=stdin, capture_output=True, text=True,
                          timeout=60)
    if proc.returncode != 0:
        raise RuntimeError(f"cairn {' '.join(args[:2])} failed ({proc.returncode}): {proc.stderr}")
    return proc.stdout


def token_for(user: str, role: str, storage: str) -> str:
    cli(["user", "create", user, "--role", role, "--password-stdin", "--storage", storage],
        stdin="correct horse battery staple\n")
    out = cli(["token", "create", "--user", user, "--name", "e2e", "--role", role,
               "--storage", storage])
    secret = next((w for w in out.split() if w.startswith("cairn_")), None)
    if secret is None:
        raise RuntimeError("token create printed no secret")
    return secret


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--auth", choices=["off", "required"], default="off")
    opts = ap.parse_args()

    client_dir = mlflow_client_dir()
    if not (client_dir / "mlflow" / "__init__.py").is_file():
        print(f"no MLflow client tree at {client_dir}", file=sys.stderr)
        return 1

    storage = None
    dropper = None
    if opts.backend == "postgres":
        base = os.environ.get("CAIRN_TEST_PG_URL")
        if not base:
            print("CAIRN_TEST_PG_URL not set: skipped")
            return SKIP
        name = f"cairn_mlflow_e2e_{os.getpid()}_{int(time.time())}"
        psql(base, f"CREATE DATABASE {name}")
        storage = with_database(base, name)
        dropper = lambda: psql(base, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")  # noqa: E731

    env = dict(os.environ, PYTHONNOUSERSITE="1", PYTHONDONTWRITEBYTECODE="1",
               CAIRN_CHECKLIST="1", E2E_SUFFIX=f"{opts.backend}-{opts.auth}")
    env["PYTHONPATH"] = str(client_dir) + (":" + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    extra = ["--auth", opts.auth]
    server = CairnServer(extra_args=extra, storage=storage)
    try:
        if opts.auth == "required":
            # Users are bootstrapped on the storage before the server first opens it, as an
            # operator does (the server's own migration runs inside `cairn user create`).
            st = storage or f"sqlite://{server.data_dir}/cairn.db"
            env["MLFLOW_TRACKING_TOKEN"] = token_for("alice", "approver", st)
            env["CAIRN_TOKEN"] = env["MLFLOW_TRACKING_TOKEN"]
            env["CAIRN_APPROVER_TOKEN"] = token_for("bob", "approver", st)
        server.start()
        env["MLFLOW_TRACKING_URI"] = server.url
        env["CAIRN_NATIVE_URL"] = server.url
        r = subprocess.run([sys.executable, str(HERE / "e2e_fluent.py")], env=env, timeout=600)
        if r.returncode != 0:
            print(f"server log: {server.data_dir}/server.log", file=sys.stderr)
            log = Path(server.data_dir) / "server.log"
            if log.is_file():
                sys.stderr.write(log.read_text(errors="replace")[-4000:])
        return r.returncode
    finally:
        server.close()
        if dropper:
            dropper()


if __name__ == "__main__":
    sys.exit(main())
