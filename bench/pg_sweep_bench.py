#!/usr/bin/python3
"""Sweep workload on PostgreSQL, one `cairn serve` against two sharing one database (issue 15,
item 4).

Each phase gets a fresh database on the given PostgreSQL server and an MLflow experiment, then
runs `cairn_load sweep` (issue 15's sweep: every client creates a run through MLflow's REST API,
logs --batches log-batch requests of 10 metrics, sets 3 tags and ends the run):
  one server   all --clients against one `cairn serve`
  two servers  two `cairn serve` processes on the same database, half of the clients on each
Throughput is requests (and points) per second of wall time, from the start of the first client
to the end of the last. Afterwards every write is checked through the MLflow API of the first
server: exactly --clients runs in the experiment, each FINISHED with its 3 tags, and each of its
10 metrics with exactly --batches points at steps 0..batches-1 (nothing lost, nothing twice).
Exits 1 on any error, non-2xx answer or failed check.

Usage:
  bench/pg_sweep_bench.py --pg postgresql://USER@HOST:PORT/DB [--clients 64] [--batches 200]
                          [--binary build/release/cairn] [--load build/release/bench/cairn_load]
(--pg is an admin URL: the benchmark creates and drops its own databases there;
scripts/pg-test-cluster.sh start DIR prints one.)
"""

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

API = "/api/2.0/mlflow"
HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(port, method, path, body=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    data = json.dumps(body) if body is not None else None
    c.request(method, path, body=data, headers={"Content-Type": "application/json"})
    r = c.getresponse()
    payload = r.read()
    c.close()
    if r.status != 200:
        raise RuntimeError(f"{method} {path}: {r.status} {payload[:300]!r}")
    return json.loads(payload)


def psql(admin_url, sql):
    subprocess.run(["psql", admin_url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], check=True,
                   capture_output=True, text=True)


def database_url(admin_url, name):
    u = urllib.parse.urlparse(admin_url)
    return urllib.parse.urlunparse(u._replace(path="/" + name))


class Server:
    def __init__(self, binary, storage):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="cairn-pgsweep-")
        self.log = open(os.path.join(self.dir, "server.log"), "w")
        self.proc = subprocess.Popen(
            [binary, "serve", "--port", str(self.port), "--data-dir", self.dir, "--storage",
             storage, "--no-access-log"], stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/readyz")
                if c.getresponse().status == 200:
                    return
            except OSError:
                pass
            if self.proc.poll() is not None:
                raise RuntimeError(f"cairn serve exited ({self.proc.returncode}); see {self.dir}")
            time.sleep(0.1)
        raise RuntimeError("cairn serve did not become ready")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.log.close()


def sweep(load, port, experiment_id, clients, batches, name_prefix):
    cmd = [load, "sweep", "--port", str(port), "--experiment-id", str(experiment_id),
           "--connections", str(clients), "--batches", str(batches), "--points", "10",
           "--tags", "3", "--duration", "900", "--name-prefix", name_prefix]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=960)
    line = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ""
    figures = dict(kv.split("=", 1) for kv in line.split())
    figures["rc"] = p.returncode
    if p.returncode != 0:
        print(f"cairn_load sweep on port {port} failed: {p.stderr.strip()[:300]} {line}",
              file=sys.stderr)
    return figures


def check(port, experiment_id, clients, batches):
    """Every run, tag and point the sweep wrote, exactly once. Returns a list of problems."""
    problems = []
    runs, token = [], None
    while True:
        body = {"experiment_ids": [str(experiment_id)], "max_results": 1000}
        if token:
            body["page_token"] = token
        r = call(port, "POST", API + "/runs/search", body)
        runs += r.get("runs", [])
        token = r.get("next_page_token")
        if not token:
            break
    if len(runs) != clients:
        problems.append(f"{len(runs)} runs in the experiment, expected {clients}")
    names = {run["info"].get("run_name") for run in runs}
    if len(names) != len(runs):
        problems.append("run names repeat (a run created twice)")
    for run in runs:
        info, data = run["info"], run.get("data", {})
        rid = info["run_id"]
        if info.get("status") != "FINISHED":
            problems.append(f"run {rid}: status {info.get('status')}")
        tags = {t["key"]: t["value"] for t in data.get("tags", [])}
        for k in range(3):
            if tags.get(f"tag{k}") != f"v{k}":
                problems.append(f"run {rid}: tag{k} is {tags.get(f'tag{k}')!r}")
        for m in range(10):
            q = urllib.parse.urlencode({"run_id": rid, "metric_key": f"m{m}",
                                        "max_results": 25000})
            h = call(port, "GET", API + "/metrics/get-history?" + q).get("metrics", [])
            steps = sorted(p["step"] for p in h)
            if steps != list(range(batches)):
                problems.append(f"run {rid} m{m}: {len(h)} points, "
                                f"{len(set(steps))} distinct steps, expected {batches}")
    return problems


def phase(args, name, servers_n):
    db = f"cairn_pgsweep_{name}_{os.getpid()}"
    psql(args.pg, f"DROP DATABASE IF EXISTS {db}")
    psql(args.pg, f"CREATE DATABASE {db}")
    storage = database_url(args.pg, db)
    servers = []
    try:
        servers.append(Server(args.binary, storage))  # the first one migrates the database
        for _ in range(servers_n - 1):
            servers.append(Server(args.binary, storage))
        exp = call(servers[0].port, "POST", API + "/experiments/create",
                   {"name": f"sweep-{name}"})["experiment_id"]
        shares = [args.clients // servers_n + (1 if i < args.clients % servers_n else 0)
                  for i in range(servers_n)]
        start = time.time()
        with ThreadPoolExecutor(servers_n) as pool:
            # Each server's clients name their runs apart, so the check can tell a run created
            # twice from two clients' runs.
            figures = list(pool.map(lambda sv: sweep(args.load, sv[1][0].port, exp, sv[1][1],
                                                     args.batches, f"sweep-s{sv[0]}-"),
                                    enumerate(zip(servers, shares))))
        wall = time.time() - start
        problems = check(servers[0].port, exp, args.clients, args.batches)
    finally:
        for s in servers:
            s.stop()
        psql(args.pg, f"DROP DATABASE IF EXISTS {db}")
    requests = sum(int(f.get("requests", 0)) for f in figures)
    errors = sum(int(f.get("errors", 0)) + int(f.get("non2xx", 0)) for f in figures)
    out = {"servers": servers_n, "clients": args.clients, "batches": args.batches,
           "seconds": wall, "requests": requests, "req_per_s": requests / wall,
           "points_per_s": args.clients * args.batches * 10 / wall, "errors": errors,
           "p50_ms_per_server": [float(f.get("p50_ms", 0)) for f in figures],
           "p99_ms_per_server": [float(f.get("p99_ms", 0)) for f in figures],
           "problems": problems,
           "ok": errors == 0 and not problems and all(f["rc"] == 0 for f in figures)}
    print(f"{servers_n} server(s), {args.clients} clients x (create, {args.batches} log-batch of "
          f"10, 3 set-tag, end): {wall:.2f} s  {out['req_per_s']:,.0f} requests/s  "
          f"{out['points_per_s']:,.0f} points/s  errors {errors}  "
          f"check: {'every write exactly once' if not problems else '; '.join(problems[:5])}")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pg", required=True, help="PostgreSQL admin URL")
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--batches", type=int, default=200)
    ap.add_argument("--binary", default=os.path.join(HERE, "..", "build", "release", "cairn"))
    ap.add_argument("--load", default=os.path.join(HERE, "..", "build", "release", "bench",
                                                   "cairn_load"))
    ap.add_argument("--json", help="write the figures here")
    args = ap.parse_args()
    results = {"one_server": phase(args, "one", 1), "two_servers": phase(args, "two", 2)}
    one, two = results["one_server"], results["two_servers"]
    print(f"two servers / one: {two['req_per_s'] / one['req_per_s']:.2f}x")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    return 0 if one["ok"] and two["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
