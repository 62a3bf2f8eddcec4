#!/usr/bin/env python3
"""Times scipy/numpy/sklearn on the data stats_bench uses, and prints the C++/Python ratios.

Usage:
  eval "$(shared/tools/python-oracles.sh)"
  /usr/bin/python3 bench/compare_stats.py [--bench BUILD/bench/stats_bench] [--dir DIR]
      [--baseline OTHER_BUILD/bench/stats_bench] [--repeat N] [--json OUT]

Writes reference.f64, current.f64, labels.f64, scores.f64 (raw float64, seed 1) to DIR (a temp
folder by default), times the Python reference implementations (--repeat runs: wall and process
CPU time, min and median), then, when --bench is given, runs the C++ benchmark on the same files
(CAIRN_STATS_BENCH_DATA=DIR, --repeat repetitions; its CPU time counts every thread) and prints
both sides and the speed-ups, with the load average before and after (the machine is shared:
compare runs taken at similar load). The median wall-clock ratio is the headline figure.
--baseline runs a second stats_bench (e.g. built from another commit) the same way and prints
its figures too, for before/after comparisons in the same run.
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon
from sklearn import metrics

N = 1_000_000
PSI_BINS = 10
PSI_FLOOR = 1e-4


def make_data(directory):
    rng = np.random.default_rng(1)
    reference = rng.normal(0.0, 1.0, N)
    current = rng.normal(0.1, 1.1, N)
    labels = (rng.random(N) < 0.3).astype(np.float64)
    scores = np.minimum(1.0, 0.6 * rng.random(N) + 0.4 * labels * rng.random(N))
    for name, arr in [("reference", reference), ("current", current), ("labels", labels),
                      ("scores", scores)]:
        arr.astype("<f8").tofile(os.path.join(directory, name + ".f64"))
    return reference, current, labels.astype(np.int64), scores


def numeric_drift(r, c):
    n, m = len(r), len(c)
    d = stats.ks_2samp(r, c).statistic
    p = stats.kstwobign.sf(d * np.sqrt(n * m / (n + m)))
    edges = np.unique(np.quantile(r, [k / PSI_BINS for k in range(1, PSI_BINS)]))
    rc = np.bincount(np.searchsorted(edges, r, side="left"), minlength=len(edges) + 1) / n
    cc = np.bincount(np.searchsorted(edges, c, side="left"), minlength=len(edges) + 1) / m
    rf, cf = np.maximum(rc, PSI_FLOOR), np.maximum(cc, PSI_FLOOR)
    psi = np.sum((cf - rf) * np.log(cf / rf))
    js = jensenshannon(rc, cc, base=2)
    w = stats.wasserstein_distance(r, c)
    lo, hi = min(r.min(), c.min()), max(r.max(), c.max())
    np.histogram(r, bins=20, range=(lo, hi))
    np.histogram(c, bins=20, range=(lo, hi))
    return d, p, psi, js, w


def binary_metrics(y, s):
    pred = (s >= 0.5).astype(np.int64)
    return (metrics.accuracy_score(y, pred), metrics.precision_score(y, pred, zero_division=0),
            metrics.recall_score(y, pred, zero_division=0),
            metrics.f1_score(y, pred, zero_division=0), metrics.roc_auc_score(y, s),
            metrics.log_loss(y, s, labels=[0, 1]), metrics.brier_score_loss(y, s),
            metrics.confusion_matrix(y, pred, labels=[0, 1]))


def timings(fn, repeat):
    """(wall ms list, process CPU ms list) over `repeat` calls."""
    wall, cpu = [], []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - w0) * 1e3)
        cpu.append((time.process_time() - c0) * 1e3)
    return wall, cpu


def summary(values):
    return {"min": min(values), "median": statistics.median(values)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", help="path to the stats_bench binary")
    ap.add_argument("--baseline", help="another stats_bench binary to time the same way")
    ap.add_argument("--dir", help="folder for the .f64 files (default: a temp folder)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    directory = args.dir or tempfile.mkdtemp(prefix="cairn-stats-bench-")
    os.makedirs(directory, exist_ok=True)
    r, c, y, s = make_data(directory)
    load_before = os.getloadavg()
    py = {}
    for name, fn in [("BM_NumericDrift1M", lambda: numeric_drift(r, c)),
                     ("BM_BinaryMetrics1M", lambda: binary_metrics(y, s))]:
        wall, cpu = timings(fn, args.repeat)
        py[name] = {"wall_ms": summary(wall), "cpu_ms": summary(cpu)}
    d, p, psi, js, w = numeric_drift(r, c)
    print(f"data in {directory}")
    print(f"python drift values: ks={d!r} p={p!r} psi={psi!r} js={js!r} wasserstein={w!r}")
    report = {"python": py, "load_before": load_before}

    def run_cpp(binary):
        env = dict(os.environ, CAIRN_STATS_BENCH_DATA=directory)
        out = subprocess.run([binary, "--benchmark_format=json",
                              f"--benchmark_repetitions={args.repeat}",
                              "--benchmark_filter=BM_NumericDrift1M|BM_BinaryMetrics1M"],
                             env=env, check=True, capture_output=True, text=True).stdout
        runs = {}
        for b in json.loads(out)["benchmarks"]:
            if b.get("run_type") == "aggregate":
                continue
            # run_name carries the options, e.g. "BM_NumericDrift1M/process_time/real_time".
            entry = runs.setdefault(b["run_name"].split("/")[0], {"wall": [], "cpu": []})
            entry["wall"].append(b["real_time"])
            entry["cpu"].append(b["cpu_time"])
        return {name: {"wall_ms": summary(v["wall"]), "cpu_ms": summary(v["cpu"])}
                for name, v in runs.items()}

    if args.bench:
        report["cpp"] = run_cpp(args.bench)
    if args.baseline:
        report["baseline"] = run_cpp(args.baseline)
    report["load_after"] = os.getloadavg()
    print(f"load average before {load_before[0]:.2f}, after {report['load_after'][0]:.2f} "
          f"({os.cpu_count()} CPUs); {args.repeat} runs each, median (min)")
    header = f"{'benchmark':20s} {'python wall ms':>18s} {'python cpu ms':>18s}"
    if args.bench:
        header += (f" {'C++ wall ms':>16s} {'C++ cpu ms':>16s} {'speed-up wall':>14s}"
                   f" {'speed-up cpu':>13s}")
    header = header.replace("python wall ms", "  py wall ms").replace("python cpu ms", " py cpu ms")
    print(header)
    for name, v in py.items():
        line = (f"{name:20s} {v['wall_ms']['median']:9.1f} ({v['wall_ms']['min']:6.1f})"
                f" {v['cpu_ms']['median']:9.1f} ({v['cpu_ms']['min']:6.1f})")
        if args.bench:
            cpp = report["cpp"][name]
            line += (f" {cpp['wall_ms']['median']:7.1f} ({cpp['wall_ms']['min']:6.1f})"
                     f" {cpp['cpu_ms']['median']:7.1f} ({cpp['cpu_ms']['min']:6.1f})"
                     f" {v['wall_ms']['median'] / cpp['wall_ms']['median']:13.1f}x"
                     f" {v['cpu_ms']['median'] / cpp['cpu_ms']['median']:12.1f}x")
        print(line)
    if args.baseline:
        print("baseline (--baseline binary), same data:")
        for name, b in report["baseline"].items():
            line = (f"{name:20s} wall {b['wall_ms']['median']:7.1f} ({b['wall_ms']['min']:6.1f}) ms"
                    f"  cpu {b['cpu_ms']['median']:7.1f} ({b['cpu_ms']['min']:6.1f}) ms"
                    f"  speed-up vs python (wall) "
                    f"{py[name]['wall_ms']['median'] / b['wall_ms']['median']:.1f}x")
            if args.bench:
                line += (f"; --bench is "
                         f"{b['wall_ms']['median'] / report['cpp'][name]['wall_ms']['median']:.1f}x"
                         f" faster")
            print(line)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2)


if __name__ == "__main__":
    main()
