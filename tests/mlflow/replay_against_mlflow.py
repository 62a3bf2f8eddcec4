#!/usr/bin/python3
"""Replays every recording against a fresh MLflow 2.12.2 server with the C++ harness
(mlflow_contract_replay): the harness must find no difference between MLflow and its own
recordings. This proves the recordings are reproducible and the comparator sound; in phase 2
the same recordings run against `cairn serve`.

Usage: eval "$(../shared/mlflow-client/setup.sh)"
       /usr/bin/python3 tests/mlflow/replay_against_mlflow.py build/release/tests/mlflow/mlflow_contract_replay
"""
import glob
import os
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mlflow_server import mlflow_server  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    tool = sys.argv[1]
    os.environ["PYTHONHASHSEED"] = "0"
    failed = 0
    for rec in sorted(glob.glob(os.path.join(HERE, "recordings", "*.json"))):
        with mlflow_server() as (url, _):
            u = urllib.parse.urlparse(url)
            r = subprocess.run([tool, u.hostname, str(u.port), rec], capture_output=True, text=True)
            sys.stdout.write(r.stdout)
            failed += r.returncode != 0
    print("recordings replayed against MLflow:", "all match" if not failed else f"{failed} differ")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
