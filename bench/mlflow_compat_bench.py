#!/usr/bin/python3
"""MLflow REST benchmark (issue 12, item 6), runnable against any MLflow-compatible server.

Measures, over plain keep-alive HTTP/1.1 connections (one per client process, so the client is
not serialised by Python's GIL):
  log-batch     POST runs/log-batch, 1000 metrics per request        -> metric points/s
  search        POST runs/search, metric filter over 500 runs          -> searches/s, p50
  get-history   GET metrics/get-history of one 20 000-point metric    -> requests/s, p50
  runs-create   POST runs/create at 16 connections                    -> runs/s, p50

With --load (the C++ load generator, bench/cairn_load, built with the server; found in
build/release by default), log-batch, runs/search and runs/create are measured a second time by
it (log-batch with the same 10 keys x 100 steps, each request at its own timestamp), against
every server in the same run: a Python client process costs about as much CPU per request as a
fast server spends answering it, and on a 2-core machine it competes with the server for cores.
With --load it also runs issue 15's sweep workload through cairn_load: 64 clients, each creating
a run, logging 200 log-batch requests of 10 metrics, setting 3 tags and ending the run (wall
time, requests/s, points/s, errors; bounded at 900 s per server; --sweep-batches 0 skips it).

Every phase is bounded in time (--seconds) and sends traffic only to the given URL. The client's
own Python costs stay outside the timed window (bodies serialized beforehand, each worker's
first response parsed and checked in full, later ones checked by length), so a fast server is
not measured at the speed of its client.

Usage:
  bench/mlflow_compat_bench.py --url http://127.0.0.1:PORT [--seconds 10] [--json out.json]
  bench/mlflow_compat_bench.py --start-mlflow [--workers 2]   # MLflow 2.12.2's own server
(--start-mlflow needs the MLflow tree importable: eval "$(../shared/mlflow-client/setup.sh)")
"""

import argparse
import http.client
import json
import multiprocessing as mp
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.parse

API = "/api/2.0/mlflow"
T0 = 1700000000000


class Conn:
    def __init__(self, url):
        u = urllib.parse.urlparse(url)
        self.host, self.port = u.hostname, u.port or 80
        self.c = http.client.HTTPConnection(self.host, self.port, timeout=120)

    def raw(self, method, path, data=None):
        """Sends pre-serialized bytes; returns the raw response body (status 200 required)."""
        headers = {"Content-Type": "application/json"} if data is not None else {}
        for attempt in (0, 1):
            try:
                self.c.request(method, path, body=data, headers=headers)
                r = self.c.getresponse()
                payload = r.read()
                if r.status != 200:
                    raise RuntimeError(f"{method} {path}: {r.status} {payload[:300]!r}")
                return payload
            except (http.client.HTTPException, ConnectionError):
                if attempt:
                    raise
                self.c.close()
                self.c = http.client.HTTPConnection(self.host, self.port, timeout=120)

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        payload = self.raw(method, path, data)
        return json.loads(payload) if payload else {}


def create_experiment(conn, name):
    return conn.call("POST", API + "/experiments/create", {"name": name})["experiment_id"]


def create_run(conn, exp, name):
    r = conn.call("POST", API + "/runs/create",
                  {"experiment_id": exp, "run_name": name, "start_time": T0, "user_id": "bench"})
    return r["run"]["info"]["run_id"]


# --- workers (one process each) ---------------------------------------------------------------
#
# The client is Python, so its own costs are kept out of the timed window: request bodies are
# serialized before the phase starts, and a response is parsed and checked in full only the
# first time; later responses of a read phase must be byte-for-byte as long as the first (the
# data does not change during a read phase). Every worker prepares, then waits on a barrier, so
# the phase's wall time is the time the server was under the full load. Each worker returns
# (latencies in seconds, start, end).

BARRIER = None  # set before the worker pool forks


def _timed(conn, requests, seconds, check_first=None):
    lat = []
    BARRIER.wait()
    start = time.monotonic()
    deadline = start + seconds
    first_len = None
    for method, path, data in requests:
        if time.monotonic() >= deadline:
            break
        t = time.perf_counter()
        payload = conn.raw(method, path, data)
        lat.append(time.perf_counter() - t)
        if first_len is None:
            first_len = len(payload)
            if check_first:
                check_first(json.loads(payload))
        elif check_first and len(payload) != first_len:
            raise AssertionError(f"{path}: response changed during a read phase")
    return lat, start, time.monotonic()


def _repeat(request):
    while True:
        yield request


def _log_batch_worker(args):
    url, run_id, worker, seconds = args
    conn = Conn(url)
    # Enough distinct batches (each a new step range) for the phase; 1 000 metrics each.
    bodies = []
    for seq in range(int(seconds * 250) + 10):
        base = (worker * 1_000_000 + seq) * 100
        metrics = [{"key": f"m{k}", "value": random.random(), "timestamp": T0 + base + s,
                    "step": base + s} for k in range(10) for s in range(100)]
        bodies.append(("POST", API + "/runs/log-batch",
                       json.dumps({"run_id": run_id, "metrics": metrics}).encode()))
    return _timed(conn, bodies, seconds)


def _search_worker(args):
    url, exp, seconds = args
    conn = Conn(url)
    body = json.dumps({"experiment_ids": [exp], "filter": "metrics.auc > 0.5",
                       "order_by": ["metrics.auc DESC"], "max_results": 100}).encode()

    def check(r):
        assert len(r.get("runs", [])) == 100, "search must return a full page"
        aucs = [next(m["value"] for m in run["data"]["metrics"] if m["key"] == "auc")
                for run in r["runs"]]
        assert aucs == sorted(aucs, reverse=True) and min(aucs) > 0.5, "filter and order"

    return _timed(conn, _repeat(("POST", API + "/runs/search", body)), seconds, check)


def _history_worker(args):
    url, run_id, points, seconds = args
    conn = Conn(url)
    path = API + f"/metrics/get-history?run_id={run_id}&metric_key=h"

    def check(r):
        steps = [m["step"] for m in r.get("metrics", [])]
        assert steps == list(range(points)), "history must be complete and in order"

    return _timed(conn, _repeat(("GET", path, None)), seconds, check)


def _create_worker(args):
    url, exp, worker, seconds = args
    conn = Conn(url)
    bodies = [("POST", API + "/runs/create",
               json.dumps({"experiment_id": exp, "run_name": f"c{worker}-{i}",
                           "start_time": T0, "user_id": "bench"}).encode())
              for i in range(int(seconds * 2000) + 10)]
    return _timed(conn, bodies, seconds)


def run_parallel(fn, args_list):
    global BARRIER
    BARRIER = mp.get_context("fork").Barrier(len(args_list))
    with mp.get_context("fork").Pool(len(args_list)) as pool:
        results = pool.map(fn, args_list)
    lat = sorted(x for r in results for x in r[0])
    elapsed = max(r[2] for r in results) - min(r[1] for r in results)
    return lat, elapsed


def pct(lat, p):
    if not lat:
        return float("nan")
    return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000


def native_load(load, url, method, target, body, connections, seconds, any_length):
    """Runs cairn_load's request scenario; returns its key=value figures."""
    u = urllib.parse.urlparse(url)
    cmd = [load, "request", "--host", u.hostname, "--port", str(u.port or 80), "--method", method,
           "--target", target, "--connections", str(connections), "--duration", str(seconds),
           "--any-length", "1" if any_length else "0"]
    if body is not None:
        cmd += ["--body", body]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds * 4 + 60)
    line = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ""
    figures = dict(kv.split("=", 1) for kv in line.split())
    if p.returncode != 0:
        raise RuntimeError(f"cairn_load failed ({p.returncode}): {p.stderr.strip()[:300]} {line}")
    return {"connections": connections, "requests": int(figures["requests"]),
            "per_s": float(figures["req_per_s"]), "p50_ms": float(figures["p50_ms"]),
            "p99_ms": float(figures["p99_ms"]), "client": "cairn_load"}


def native_sweep(load, url, experiment_id, clients, batches, timeout):
    """Runs cairn_load's sweep scenario (issue 15): each client creates a run, logs `batches`
    log-batch requests of 10 metrics, sets 3 tags and ends it. Returns its figures."""
    u = urllib.parse.urlparse(url)
    cmd = [load, "sweep", "--host", u.hostname, "--port", str(u.port or 80),
           "--experiment-id", str(experiment_id), "--connections", str(clients),
           "--batches", str(batches), "--points", "10", "--tags", "3",
           "--duration", str(timeout)]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout + 60)
    line = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ""
    figures = dict(kv.split("=", 1) for kv in line.split())
    if p.returncode != 0:
        raise RuntimeError(f"cairn_load sweep failed ({p.returncode}): {p.stderr.strip()[:300]} "
                           f"{line}")
    return {"clients": clients, "batches": batches, "requests": int(figures["requests"]),
            "seconds": float(figures["duration_s"]), "req_per_s": float(figures["req_per_s"]),
            "points_per_s": float(figures["points_per_s"]),
            "runs_per_s": float(figures["runs_per_s"]), "p50_ms": float(figures["p50_ms"]),
            "p99_ms": float(figures["p99_ms"]), "errors": int(figures["errors"]),
            "non2xx": int(figures["non2xx"]), "client": "cairn_load"}


def bench(url, seconds, connections, tag, load=None, sweep_batches=200):
    conn = Conn(url)
    out = {"url": url, "seconds_per_phase": seconds}
    # log-batch
    exp = create_experiment(conn, f"bench-{tag}")
    run = create_run(conn, exp, "log-batch")
    lat, el = run_parallel(_log_batch_worker,
                           [(url, run, w, seconds) for w in range(connections)])
    out["log_batch"] = {"connections": connections, "requests": len(lat),
                        "points_per_s": len(lat) * 1000 / el, "p50_ms": pct(lat, 0.5)}
    if load:
        # The same shape (10 keys x 100 steps); each request's timestamp is its own counter, so
        # no point repeats another (MLflow's key for a point includes the timestamp).
        rng = random.Random(3)
        metrics = [{"key": f"m{k}", "value": rng.random(), "timestamp": "@N@", "step": s}
                   for k in range(10) for s in range(100)]
        body = json.dumps({"run_id": run, "metrics": metrics}).replace('"@N@"', "{n}")
        n = native_load(load, url, "POST", API + "/runs/log-batch", body, connections, seconds,
                        any_length=True)
        n["points_per_s"] = n["per_s"] * 1000
        out["log_batch_native_client"] = n
    # search over 500 runs
    sexp = create_experiment(conn, f"bench-search-{tag}")
    rng = random.Random(7)
    for i in range(500):
        rid = create_run(conn, sexp, f"s{i}")
        conn.call("POST", API + "/runs/log-batch", {
            "run_id": rid,
            "metrics": [{"key": "auc", "value": rng.random(), "timestamp": T0, "step": 0}],
            "params": [{"key": "depth", "value": str(i % 10)}],
            "tags": [{"key": "team", "value": "ab"[i % 2]}]})
    lat, el = run_parallel(_search_worker, [(url, sexp, seconds) for _ in range(connections)])
    out["search"] = {"connections": connections, "runs": 500, "requests": len(lat),
                     "searches_per_s": len(lat) / el, "p50_ms": pct(lat, 0.5),
                     "p99_ms": pct(lat, 0.99)}
    if load:
        body = json.dumps({"experiment_ids": [sexp], "filter": "metrics.auc > 0.5",
                           "order_by": ["metrics.auc DESC"], "max_results": 100})
        out["search_native_client"] = native_load(load, url, "POST", API + "/runs/search", body,
                                                  connections, seconds, any_length=False)
    # get-history of 20 000 points
    hrun = create_run(conn, exp, "history")
    for b in range(20):
        conn.call("POST", API + "/runs/log-batch", {
            "run_id": hrun,
            "metrics": [{"key": "h", "value": float(b * 1000 + s), "timestamp": T0 + b * 1000 + s,
                         "step": b * 1000 + s} for s in range(1000)]})
    lat, el = run_parallel(_history_worker,
                           [(url, hrun, 20000, seconds) for _ in range(connections)])
    out["get_history"] = {"connections": connections, "points": 20000, "requests": len(lat),
                          "requests_per_s": len(lat) / el, "p50_ms": pct(lat, 0.5)}
    # runs/create at 16 connections
    cexp = create_experiment(conn, f"bench-create-{tag}")
    lat, el = run_parallel(_create_worker, [(url, cexp, w, seconds) for w in range(16)])
    out["runs_create"] = {"connections": 16, "requests": len(lat), "runs_per_s": len(lat) / el,
                          "p50_ms": pct(lat, 0.5), "p99_ms": pct(lat, 0.99)}
    if load:
        body = json.dumps({"experiment_id": cexp, "run_name": "n{n}", "start_time": T0,
                           "user_id": "bench"})
        out["runs_create_native_client"] = native_load(load, url, "POST", API + "/runs/create",
                                                       body, 16, seconds, any_length=True)
    if load and sweep_batches > 0:
        wexp = create_experiment(conn, f"bench-sweep-{tag}")
        out["sweep"] = native_sweep(load, url, wexp, 64, sweep_batches, timeout=900)
    return out


def print_report(name, r):
    print(f"== {name} ({r['url']}, {r['seconds_per_phase']} s per phase)")
    lb, s, h, c = r["log_batch"], r["search"], r["get_history"], r["runs_create"]
    print(f"log-batch (1000 metrics/request, {lb['connections']} conn): "
          f"{lb['points_per_s']:,.0f} points/s  p50 {lb['p50_ms']:.1f} ms")
    print(f"runs/search metric filter over 500 runs ({s['connections']} conn): "
          f"{s['searches_per_s']:,.1f} searches/s  p50 {s['p50_ms']:.1f} ms  p99 {s['p99_ms']:.1f} ms")
    print(f"get-history 20 000 points ({h['connections']} conn): "
          f"{h['requests_per_s']:,.2f} requests/s  p50 {h['p50_ms']:.1f} ms")
    print(f"runs/create (16 conn): {c['runs_per_s']:,.1f} runs/s  p50 {c['p50_ms']:.1f} ms  "
          f"p99 {c['p99_ms']:.1f} ms")
    if "log_batch_native_client" in r:
        n = r["log_batch_native_client"]
        print(f"log-batch, cairn_load client ({n['connections']} conn): "
              f"{n['points_per_s']:,.0f} points/s  p50 {n['p50_ms']:.1f} ms  "
              f"p99 {n['p99_ms']:.1f} ms")
    for key, what, unit in (("search_native_client", "runs/search", "searches/s"),
                            ("runs_create_native_client", "runs/create", "runs/s")):
        if key in r:
            n = r[key]
            print(f"{what}, cairn_load client ({n['connections']} conn): {n['per_s']:,.1f} {unit}  "
                  f"p50 {n['p50_ms']:.1f} ms  p99 {n['p99_ms']:.1f} ms")
    if "sweep" in r:
        w = r["sweep"]
        print(f"sweep ({w['clients']} clients x (create, {w['batches']} log-batch of 10, 3 set-tag, "
              f"end), cairn_load): {w['seconds']:.2f} s  {w['req_per_s']:,.0f} requests/s  "
              f"{w['points_per_s']:,.0f} points/s  p50 {w['p50_ms']:.1f} ms  "
              f"p99 {w['p99_ms']:.1f} ms  errors {w['errors']}  non-2xx {w['non2xx']}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", action="append", default=[],
                    help="an MLflow-compatible server (repeat to compare side by side)")
    ap.add_argument("--start-mlflow", action="store_true",
                    help="also start MLflow 2.12.2's own server (SQLite, gunicorn)")
    ap.add_argument("--workers", type=int, default=2, help="gunicorn workers for --start-mlflow")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--connections", type=int, default=2,
                    help="client connections for log-batch, search and get-history")
    ap.add_argument("--json", help="write the figures here")
    default_load = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build",
                                "release", "bench", "cairn_load")
    ap.add_argument("--load", default=default_load if os.path.exists(default_load) else None,
                    help="cairn_load binary: also measure search and create with it")
    ap.add_argument("--no-load", action="store_true", help="Python client only")
    ap.add_argument("--sweep-batches", type=int, default=200,
                    help="log-batch requests per client in the 64-client sweep (0: no sweep)")
    args = ap.parse_args()
    if args.no_load:
        args.load = None
    results = {}
    tag = str(int(time.time()))
    for url in args.url:
        results[url] = bench(url, args.seconds, args.connections, tag, args.load,
                             args.sweep_batches)
        print_report(url, results[url])
    if args.start_mlflow:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                        "tests", "mlflow"))
        from mlflow_server import mlflow_server
        with mlflow_server(workers=args.workers) as (url, _):
            r = bench(url, args.seconds, args.connections, tag, args.load, args.sweep_batches)
        r["server"] = f"mlflow 2.12.2, sqlite, gunicorn --workers {args.workers}"
        results["mlflow"] = r
        print_report(r["server"], r)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
