"""Plots per-task accuracy curves of `continualdash train` logs (METRICS.md S7) and prints the
stability-gap numbers of docs/STABILITY-GAP.md: for every previous task during every later task, the
accuracy at the previous boundary, the minimum and its iteration, and the value at the next boundary.

usage: plot.py OUT.png LABEL=LOG.json [LABEL=LOG.json ...]
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def load(path):
    with open(path) as f:
        log = json.load(f)
    acc = {}
    for e in log["evals"]:
        acc.setdefault(e["task"], {})[e["iteration"]] = e["accuracy"]
    return log, acc


def report(label, log, acc):
    b = log["task_boundaries"]
    final = [e["accuracy"] for e in log["boundary_test_evals"] if e["iteration"] == b[-1]]
    print(f"## {label}: final average accuracy (full test sets) {sum(final) / len(final):.4f}; per task "
          + ", ".join(f"{a:.3f}" for a in final))
    print("| old task | during task | at previous boundary | minimum | at iteration (after switch) | at boundary |")
    print("|---|---|---|---|---|---|")
    for k in range(1, len(b)):
        for i in range(k):
            series = [(t, acc[i][t]) for t in range(b[k - 1] + 1, b[k] + 1) if t in acc[i]]
            t_min, a_min = min(series, key=lambda p: (p[1], p[0]))
            print(f"| {i} | {k} | {acc[i][b[k - 1]]:.3f} | {a_min:.3f} | {t_min} (+{t_min - b[k - 1]}) | {acc[i][b[k]]:.3f} |")
    print()


def main():
    out, runs = sys.argv[1], [a.split("=", 1) for a in sys.argv[2:]]
    fig, axes = plt.subplots(len(runs), 1, figsize=(11, 3.6 * len(runs)), sharex=True, squeeze=False)
    for ax, (label, path) in zip(axes[:, 0], runs):
        log, acc = load(path)
        report(label, log, acc)
        for task, series in sorted(acc.items()):
            ts = sorted(series)
            ax.plot(ts, [series[t] for t in ts], lw=0.8, label=f"task {task}")
        for boundary in log["task_boundaries"][:-1]:
            ax.axvline(boundary, color="grey", ls="--", lw=0.7)
        ax.set_title(label)
        ax.set_ylabel("accuracy (1000-sample subset)")
        ax.set_ylim(-0.02, 1.02)
        ax.legend(loc="lower left", fontsize=8, ncol=5)
    axes[-1, 0].set_xlabel("iteration t (optimizer updates; dashed: task boundaries)")
    fig.tight_layout()
    fig.savefig(out, dpi=110)


if __name__ == "__main__":
    main()
