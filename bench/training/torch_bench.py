"""PyTorch side of bench/training/run.sh: the same work as bench/ContinualDash.Bench.Training.

Lines printed as "name<TAB>value<TAB>unit". Thread counts come from the caller's environment
(OPENBLAS_NUM_THREADS, OMP_WAIT_POLICY) and --threads (torch.set_num_threads).
usage: torch_bench.py --threads N [--data DIR] [--repeats N] [--skip-er]
"""
import argparse
import gzip
import os
import statistics
import time

import numpy as np
import torch
import torch.nn.functional as F


def idx(path):
    with gzip.open(path) as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(directory):
    def part(prefix):
        x = idx(os.path.join(directory, f"{prefix}-images-idx3-ubyte.gz")).reshape(-1, 784).astype(np.float32) / 255
        y = idx(os.path.join(directory, f"{prefix}-labels-idx1-ubyte.gz")).astype(np.int64)
        return torch.from_numpy(x), torch.from_numpy(y)
    return part("train"), part("t10k")


def mlp():
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Linear(784, 400), torch.nn.ReLU(), torch.nn.Linear(400, 400), torch.nn.ReLU(),
                               torch.nn.Linear(400, 10))


def train_steps(x, y, repeats):
    model = mlp()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    offset = 0

    def step():
        nonlocal offset
        xb, yb = x[offset:offset + 128], y[offset:offset + 128]
        offset = (offset + 128) % (len(x) - 128)
        opt.zero_grad(set_to_none=True)
        F.cross_entropy(model(xb), yb).backward()
        opt.step()
    for _ in range(50):
        step()
    rates = []
    for _ in range(repeats):
        t = time.perf_counter()
        for _ in range(300):
            step()
        rates.append(300 / (time.perf_counter() - t))
    return statistics.median(rates)


@torch.no_grad()
def evaluate(model, x, y, batch=1000):
    correct, loss = 0, 0.0
    for i in range(0, len(x), batch):
        out = model(x[i:i + batch])
        loss += F.cross_entropy(out, y[i:i + batch], reduction="sum").item()
        correct += (out.argmax(1) == y[i:i + batch]).sum().item()
    return correct / len(x), loss / len(x)


def eval_rate(x, y, repeats):
    model = mlp().eval()
    evaluate(model, x, y)
    rates = []
    for _ in range(repeats):
        t = time.perf_counter()
        evaluate(model, x, y)
        rates.append(len(x) / (time.perf_counter() - t))
    return statistics.median(rates)


def er_run(train, test):
    """The paper's ER protocol on Split-Fashion-MNIST, evaluation of 1000 samples per seen task per update."""
    (x, y), (xt, yt) = train, test
    g = torch.Generator().manual_seed(0)
    model = mlp()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    tasks = [(2 * k, 2 * k + 1) for k in range(5)]
    subsets = []
    for c in tasks:
        idx_t = torch.nonzero((yt == c[0]) | (yt == c[1])).squeeze(1)
        idx_t = idx_t[torch.randperm(len(idx_t), generator=g)[:1000]]
        subsets.append((xt[idx_t], yt[idx_t]))
    mem_x, mem_y = torch.empty(0, 784), torch.empty(0, dtype=torch.int64)
    start = time.perf_counter()
    for k, c in enumerate(tasks):
        idx_k = torch.nonzero((y == c[0]) | (y == c[1])).squeeze(1)
        xk, yk = x[idx_k], y[idx_k]
        for _ in range(10):
            order = torch.randperm(len(xk), generator=g)
            for i in range(0, len(xk), 256):
                b = order[i:i + 256]
                model.train()
                opt.zero_grad(set_to_none=True)
                loss = F.cross_entropy(model(xk[b]), yk[b])
                if len(mem_x):
                    r = torch.randperm(len(mem_x), generator=g)[:256]
                    loss = 0.3 * loss + 0.7 * F.cross_entropy(model(mem_x[r]), mem_y[r])
                loss.backward()
                opt.step()
                model.eval()
                for s in subsets[:k + 1]:
                    evaluate(model, *s)
        classes = sorted({int(v) for v in mem_y.tolist()} | set(c))
        quota = 2000 // len(classes)
        keep_x, keep_y = [], []
        for cls in classes:
            src_x, src_y = (mem_x, mem_y) if cls not in c else (xk, yk)
            sel = torch.nonzero(src_y == cls).squeeze(1)
            if cls in c:
                sel = sel[torch.randperm(len(sel), generator=g)]
            keep_x.append(src_x[sel[:quota]])
            keep_y.append(src_y[sel[:quota]])
        mem_x, mem_y = torch.cat(keep_x), torch.cat(keep_y)
        for xs, ys in [(xt[(yt == a) | (yt == b)], yt[(yt == a) | (yt == b)]) for a, b in tasks]:
            evaluate(model, xs, ys)
    return time.perf_counter() - start


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--skip-er", action="store_true")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    (x, y), (xt, yt) = load(a.data)
    print(f"train steps (batch 128)\t{train_steps(x, y, a.repeats):.1f}\tsteps/s", flush=True)
    print(f"eval samples (batch 1000)\t{eval_rate(xt, yt, a.repeats):.1f}\tsamples/s", flush=True)
    if not a.skip_er:
        print(f"ER split-fmnist full run\t{er_run((x, y), (xt, yt)):.1f}\ts", flush=True)


if __name__ == "__main__":
    main()
