"""Admission control under a burst of heavy computations (hardening issue, item 11).

    python3 bench/admission_bench.py [--binary build/release/cairn] [--burst 8] [--values 600000]
                                     [--server-args "--compute-threads 8 --compute-queue 100"]

Starts its own `cairn serve` (SQLite in a temporary directory), then fires `--burst` concurrent
`POST /drift/compute` requests, each with two inline categorical columns of `--values` distinct
strings (the default is 1.2 M distinct values, about 13 MB per body), while one client measures
`GET /experiments` every 20 ms. Prints, as one JSON line: the GET latency p50/p99/max during the
burst, how the burst was answered (200 / 503 with Retry-After), the burst's wall time, and the
server's peak RSS (VmHWM). Numbers only, no pass/fail.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LIFECYCLE = "/api/v1/ml/lifecycle"


def percentile(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, int(q * len(s)))]


def peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=str(REPO / "build" / "release" / "cairn"))
    ap.add_argument("--burst", type=int, default=8)
    ap.add_argument("--values", type=int, default=600_000, help="distinct values per side")
    ap.add_argument("--server-args", default="")
    a = ap.parse_args()

    data = tempfile.mkdtemp(prefix="cairn-admission-")
    args = [a.binary, "serve", "--port", "0", "--data-dir", data, "--no-access-log",
            "--max-body-bytes", str(64 << 20), *shlex.split(a.server_args)]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        m = re.search(r"listening on http://([^:]+):(\d+)", proc.stdout.readline())
        assert m, "server did not start"
        host, port = m.group(1), int(m.group(2))
        body = json.dumps({
            "reference": {"c": [f"r{i}" for i in range(a.values)]},
            "current": {"c": [f"c{i}" for i in range(a.values)]},
        }).encode()
        baseline_rss = peak_rss_mb(proc.pid)

        stop = threading.Event()
        latencies: list[float] = []

        def reader() -> None:
            conn = http.client.HTTPConnection(host, port, timeout=120)
            while not stop.is_set():
                t = time.perf_counter()
                conn.request("GET", LIFECYCLE + "/experiments?limit=10")
                conn.getresponse().read()
                latencies.append((time.perf_counter() - t) * 1000)
                time.sleep(0.02)

        outcomes: list[tuple[int, str | None]] = []
        lock = threading.Lock()

        def heavy() -> None:
            conn = http.client.HTTPConnection(host, port, timeout=600)
            try:
                conn.request("POST", LIFECYCLE + "/drift/compute", body=body,
                             headers={"Content-Type": "application/json"})
                r = conn.getresponse()
                r.read()
                result = (r.status, r.getheader("Retry-After"))
            except (ConnectionError, http.client.HTTPException):
                result = (0, None)  # refused before the body was read: the connection closed
            with lock:
                outcomes.append(result)

        rt = threading.Thread(target=reader)
        rt.start()
        time.sleep(0.5)
        idle = list(latencies)
        t0 = time.perf_counter()
        threads = [threading.Thread(target=heavy) for _ in range(a.burst)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        stop.set()
        rt.join()
        during = latencies[len(idle):]
        statuses: dict[str, int] = {}
        for status, _ in outcomes:
            statuses[str(status)] = statuses.get(str(status), 0) + 1
        print(json.dumps({
            "server_args": a.server_args or "(defaults)",
            "burst": a.burst,
            "body_mb": round(len(body) / 1e6, 1),
            "distinct_values": 2 * a.values,
            "get_idle_p50_ms": round(percentile(idle, 0.5), 2),
            "get_during_p50_ms": round(percentile(during, 0.5), 2),
            "get_during_p99_ms": round(percentile(during, 0.99), 2),
            "get_during_max_ms": round(max(during) if during else float("nan"), 2),
            "get_samples": len(during),
            "burst_statuses": statuses,
            "retry_after": sorted({ra for _, ra in outcomes if ra}),
            "burst_wall_s": round(wall, 2),
            "rss_before_mb": round(baseline_rss, 1),
            "rss_peak_mb": round(peak_rss_mb(proc.pid), 1),
        }))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
