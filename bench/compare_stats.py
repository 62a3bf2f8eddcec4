#!/usr/bin/env python3
"""Times scipy/numpy/sklearn on the data stats_bench uses, and prints the C++/Python ratios.

Usage:
  eval "$(shared/tools/python-oracles.sh)"
  /usr/bin/python3 bench/compare_stats.py [--bench BUILD/bench/stats_bench] [--dir DIR]

Writes reference.f64, current.f64, labels.f64, scores.f64 (raw float64, seed 1) to DIR (a temp
folder by default), times the Python reference implementations (best of --repeat runs), then,
when --bench is given, runs the C++ benchmark on the same files (CAIRN_STATS_BENCH_DATA=DIR) and
prints both figures and the speed-up.
"""
import argparse
import json
import os
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


def best_ms(fn, repeat):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, (time.perf_counter() - t0) * 1e3)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", help="path to the stats_bench binary")
    ap.add_argument("--dir", help="folder for the .f64 files (default: a temp folder)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    directory = args.dir or tempfile.mkdtemp(prefix="cairn-stats-bench-")
    os.makedirs(directory, exist_ok=True)
    r, c, y, s = make_data(directory)
    py = {
        "BM_NumericDrift1M": best_ms(lambda: numeric_drift(r, c), args.repeat),
        "BM_BinaryMetrics1M": best_ms(lambda: binary_metrics(y, s), args.repeat),
    }
    d, p, psi, js, w = numeric_drift(r, c)
    print(f"data in {directory}")
    print(f"python drift values: ks={d!r} p={p!r} psi={psi!r} js={js!r} wasserstein={w!r}")
    if not args.bench:
        for name, ms in py.items():
            print(f"{name:24s} python {ms:9.1f} ms")
        return
    env = dict(os.environ, CAIRN_STATS_BENCH_DATA=directory)
    out = subprocess.run([args.bench, "--benchmark_format=json",
                          "--benchmark_filter=BM_NumericDrift1M|BM_BinaryMetrics1M"],
                         env=env, check=True, capture_output=True, text=True).stdout
    cpp = {b["name"]: b for b in json.loads(out)["benchmarks"]}
    print(f"{'benchmark':24s} {'python ms':>10s} {'C++ wall ms':>12s} {'C++ cpu ms':>11s} "
          f"{'speed-up (wall)':>16s}")
    for name, ms in py.items():
        b = cpp[name]
        print(f"{name:24s} {ms:10.1f} {b['real_time']:12.1f} {b['cpu_time']:11.1f} "
              f"{ms / b['real_time']:15.1f}x")


if __name__ == "__main__":
    main()
