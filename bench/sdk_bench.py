"""Python SDK benchmark: how fast `run.log_metric` returns, and how many points per second
reach the server from one training thread.

    python3 bench/sdk_bench.py [--binary build/release/cairn] [--url URL] [--points N]

Without --url it starts its own `cairn serve` (SQLite in a temporary directory). Prints:
  - call cost with the sender idle (points buffered below a batch, flush time not counted);
  - calls/s of a tight loop while the sender runs alongside (it shares the GIL);
  - end to end: N points logged and flushed, points/s acknowledged by the server.
Numbers only, no pass/fail; compare with the SPEC targets (>= 500 000 calls/s buffered).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "clients" / "python"))
sys.path.insert(0, str(REPO / "tests" / "support"))

import cairn  # noqa: E402
from cairn_server import CairnServer  # noqa: E402


def idle_call_cost(client: cairn.Client, reps: int = 50, per_rep: int = 9000) -> float:
    """ns per log_metric call while nothing is being sent (each rep stays under one batch)."""
    run = client.start_run("sdk-bench", flush_interval=3600)
    total = 0.0
    for _ in range(reps):
        t = time.perf_counter()
        for i in range(per_rep):
            run.log_metric("loss", i * 0.5, step=i)
        total += time.perf_counter() - t
        run.flush()
    run.end()
    return total / (reps * per_rep) * 1e9


def end_to_end(client: cairn.Client, n: int) -> tuple[float, float, int]:
    """(calls/s while the sender runs, points/s acknowledged end to end, points on the server)."""
    run = client.start_run("sdk-bench")
    start = time.perf_counter()
    for i in range(n):
        run.log_metric("loss", i * 0.5, step=i)
    logged = time.perf_counter()
    run.flush()
    done = time.perf_counter()
    run.end()
    stored = len(client.runs.metric_history(run.run_id, "loss"))
    return n / (logged - start), n / (done - start), stored


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", help="cairn binary (default: build/release/cairn or $CAIRN_BINARY)")
    ap.add_argument("--url", help="use a running server instead of starting one")
    ap.add_argument("--points", type=int, default=2_000_000, help="points for the end-to-end run")
    args = ap.parse_args()
    if args.binary:
        os.environ["CAIRN_BINARY"] = args.binary
    server = None
    url = args.url
    if not url:
        server = CairnServer().start()
        url = server.url
    try:
        client = cairn.Client(url, user="bench")
        ns = idle_call_cost(client)
        calls, e2e, stored = end_to_end(client, args.points)
        print(f"python {sys.version.split()[0]}, cairn SDK {cairn.__version__}, server {url}")
        print(f"log_metric call, sender idle:        {ns:8.0f} ns/call  = {1e9 / ns:12,.0f} calls/s")
        print(f"log_metric loop, sender running:     {calls:12,.0f} calls/s  ({args.points:,} points)")
        print(f"end to end (logged + flushed):       {e2e:12,.0f} points/s  ({stored:,} on the server)")
        client.close()
    finally:
        if server is not None:
            server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
