#!/usr/bin/env bash
# Side-by-side speed of the built-in trainer and PyTorch on CPU (docs/PERFORMANCE.md, "Built-in trainer").
# Installs Debian's python3-torch with libopenblas0-pthread (without OpenBLAS, Debian's torch runs
# nn.Linear on the reference BLAS, ten times slower) as root, idempotently, then runs in one invocation:
# the NumPy/OpenBLAS SGEMM ceiling (1 and 2 threads), our trainer, PyTorch with 1 thread and with 2
# threads (OpenBLAS thread count matched; OMP_WAIT_POLICY=passive for 2), and prints a comparison table.
# usage: bench/training/run.sh [--skip-er] [--repeats N]
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/install-packages.sh python3-torch python3-numpy libopenblas0-pthread dataset-fashion-mnist
dotnet build bench/ContinualDash.Bench.Training -c Release -nologo -v quiet -clp:ErrorsOnly
py=/usr/bin/python3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
OPENBLAS_NUM_THREADS=1 $py bench/training/sgemm_ceiling.py > "$out/ceiling1"
OPENBLAS_NUM_THREADS=2 $py bench/training/sgemm_ceiling.py > "$out/ceiling2"
dotnet bench/ContinualDash.Bench.Training/bin/Release/net10.0/ContinualDash.Bench.Training.dll "$@" > "$out/ours"
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $py bench/training/torch_bench.py --threads 1 "$@" > "$out/torch1"
OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 OMP_WAIT_POLICY=passive $py bench/training/torch_bench.py --threads 2 "$@" > "$out/torch2"
$py - "$out" <<'PY'
import sys
d = sys.argv[1]
def read(name):
    return {l.split("\t")[0]: (float(l.split("\t")[1]), l.split("\t")[2].strip()) for l in open(f"{d}/{name}") if "\t" in l}
ours, t1, t2 = read("ours"), read("torch1"), read("torch2")
c1, c2 = read("ceiling1")["gemm 2048x2048x2048"][0], read("ceiling2")["gemm 2048x2048x2048"][0]
print(f"SGEMM ceiling (NumPy + OpenBLAS, 2048^3): 1 thread {c1:.1f} GFLOP/s, 2 threads {c2:.1f} GFLOP/s\n")
print("| line | ours | PyTorch 1 thread | PyTorch 2 threads | ours / PyTorch best |")
print("|---|---|---|---|---|")
for name, (value, unit) in ours.items():
    if name in t1:
        lower_is_better = unit == "s"
        best = min(t1[name][0], t2[name][0]) if lower_is_better else max(t1[name][0], t2[name][0])
        ratio = best / value if lower_is_better else value / best
        print(f"| {name} ({unit}) | {value:.1f} | {t1[name][0]:.1f} | {t2[name][0]:.1f} | {ratio:.2f}x |")
for name, (value, unit) in ours.items():
    if "of which" in name:
        print(f"|{name.replace('  of which', ' of which')} | {value:.1f} s | | | |")
print("\n| our training step | value |\n|---|---|")
for name, (value, unit) in ours.items():
    if name.startswith("step "):
        print(f"| {name} | {value:.1f} {unit} |")
print("\n| our evaluation pass | value |\n|---|---|")
for name, (value, unit) in ours.items():
    if name.startswith("eval ") and name not in t1:
        print(f"| {name} | {value:,.2f} {unit} |" if unit == "x" else f"| {name} | {value:,.1f} {unit} |")
print("\n| our matrix multiply | GFLOP/s | share of the 2-thread ceiling |\n|---|---|---|")
for name, (value, unit) in ours.items():
    if unit == "GFLOP/s":
        print(f"| {name} | {value:.1f} | {value / c2:.0%} |")
PY
