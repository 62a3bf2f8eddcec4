#!/usr/bin/python3
"""Runs e2e_fluent.py against a fresh MLflow 2.12.2 server (the proof that the script is right).

Usage: eval "$(../shared/mlflow-client/setup.sh)"; /usr/bin/python3 tests/mlflow/run_e2e_against_mlflow.py
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mlflow_server import mlflow_server  # noqa: E402

with mlflow_server(workers=2) as (url, _):
    env = dict(os.environ, MLFLOW_TRACKING_URI=url)
    env.pop("CAIRN_CHECKLIST", None)
    env.pop("CAIRN_NATIVE_URL", None)
    r = subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "e2e_fluent.py")],
                       env=env)
sys.exit(r.returncode)
