"""Experience replay on class-incremental Split-Fashion-MNIST in PyTorch, logged live to ContinualDash.

The paper's ER protocol (docs/STABILITY-GAP.md): 5 tasks of 2 classes (0-1, 2-3, ...), one 10-way head, MLP
784-400-400-10, SGD lr 0.01 momentum 0.9, 256 new + 256 replayed samples per update, 10 epochs per task,
memory of 2000 samples class-balanced and refilled at each task's end, loss 0.3 CE(new) + 0.7 CE(replay),
and every seen task evaluated on a fixed 1000-sample test subset after every update, which is what shows
the stability gap (old tasks' accuracy drops right after a switch, then recovers) live on the run page.
``--short`` is a quick variant (2 tasks, 30 updates each, evaluation every 5 updates on 200 samples).

    python3 examples/pytorch_split_fmnist.py --seed 0            # CUDA if there is a GPU, else the CPU
    python3 examples/pytorch_split_fmnist.py --short --device cpu

Data: the IDX files of Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist), or --data DIR.
The dashboard comes from CONTINUALDASH_URL and CONTINUALDASH_TOKEN; as a command job the worker sets them.
"""

import argparse
import gzip
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

try:
    import continualdash
except ImportError:  # run from a clone without `pip install ./clients/python`
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "clients", "python"))
    import continualdash
from continualdash.torch import evaluate, evaluate_tasks


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist", help="folder of the IDX .gz files")
    p.add_argument("--tasks", type=int, default=5, help="tasks of 2 classes each (1-5)")
    p.add_argument("--epochs", type=int, default=10, help="epochs per task")
    p.add_argument("--iterations-per-task", type=int, default=None, help="updates per task (overrides --epochs)")
    p.add_argument("--batch-size", type=int, default=256, help="new samples per update (and replayed ones)")
    p.add_argument("--memory", type=int, default=2000, help="replay memory size; 0 is fine-tuning")
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--eval-every", type=int, default=1, help="evaluate every seen task every N updates")
    p.add_argument("--eval-subset", type=int, default=1000, help="test samples per task for continual evaluation")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--device", default=None, help="cuda, cuda:1, cpu (default: CUDA when available)")
    p.add_argument("--name", default=None, help="run name (default er-seed-N)")
    p.add_argument("--experiment", default="split-fmnist-pytorch")
    p.add_argument("--short", action="store_true",
                   help="quick variant: 2 tasks, 30 updates each, batch 64, evaluation every 5 updates on 200 samples")
    args = p.parse_args(argv)
    if args.short:
        args.tasks, args.iterations_per_task, args.batch_size = 2, 30, 64
        args.eval_every, args.eval_subset, args.memory = 5, 200, 200
    if not 1 <= args.tasks <= 5:
        p.error("--tasks must be between 1 and 5")
    return args


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return torch.from_numpy(np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape).copy())


def load(directory, split):
    images = os.path.join(directory, "%s-images-idx3-ubyte.gz" % split)
    if not os.path.exists(images):
        sys.exit("no Fashion-MNIST in %s: install the Debian package dataset-fashion-mnist or pass --data" % directory)
    x = read_idx(images).reshape(-1, 784).float() / 255.0
    y = read_idx(os.path.join(directory, "%s-labels-idx1-ubyte.gz" % split)).long()
    return x, y


class Memory:
    """Class-balanced replay memory, refilled at each task's end."""

    def __init__(self, size, generator):
        self.size, self.generator, self.by_class = size, generator, {}

    def refill(self, x, y, classes):
        for c in classes:
            self.by_class[c] = x[y == c]
        per_class = self.size // len(self.by_class)
        for c, samples in self.by_class.items():
            keep = torch.randperm(len(samples), generator=self.generator)[:per_class]
            self.by_class[c] = samples[keep]

    def sample(self, count):
        if not self.by_class or self.size == 0:
            return None
        x = torch.cat(list(self.by_class.values()))
        y = torch.cat([torch.full((len(v),), c, dtype=torch.long) for c, v in self.by_class.items()])
        pick = torch.randint(len(x), (count,), generator=self.generator)
        return x[pick], y[pick]


def batches(x, y, size):
    return [(x[i:i + size], y[i:i + size]) for i in range(0, len(x), size)]


def main(argv=None):
    args = parse_args(argv)
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    device = continualdash.torch.device(args.device)
    print("device: %s" % device, flush=True)

    train_x, train_y = load(args.data, "train")
    test_x, test_y = load(args.data, "t10k")
    classes = [(2 * t, 2 * t + 1) for t in range(args.tasks)]
    eval_sets, full_sets = [], []
    for task_classes in classes:
        mask = (test_y == task_classes[0]) | (test_y == task_classes[1])
        tx, ty = test_x[mask], test_y[mask]
        pick = torch.randperm(len(tx), generator=generator)[: args.eval_subset]
        eval_sets.append(batches(tx[pick].to(device), ty[pick].to(device), 1000))
        full_sets.append(batches(tx.to(device), ty.to(device), 1000))

    model = torch.nn.Sequential(torch.nn.Linear(784, 400), torch.nn.ReLU(), torch.nn.Linear(400, 400),
                                torch.nn.ReLU(), torch.nn.Linear(400, 10)).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
    memory = Memory(args.memory, generator)
    config = {"strategy": "ER" if args.memory else "Finetune", "benchmark": "SplitFashionMNIST", "scenario": "class",
              "tasks": args.tasks, "lr": args.lr, "momentum": 0.9, "batch_size": args.batch_size,
              "memory_size": args.memory, "epochs_per_task": args.epochs, "iterations_per_task": args.iterations_per_task,
              "eval_period": args.eval_every, "eval_subset_size": args.eval_subset, "seed": args.seed,
              "device": str(device), "framework": "pytorch %s" % torch.__version__}

    name = args.name or "%s-seed-%d" % ("er" if args.memory else "finetune", args.seed)
    with continualdash.init(name, experiment=args.experiment, config=config, tags=["pytorch", "example"],
                            tasks=["classes %d-%d" % c for c in classes]) as run:
        iteration, started = 0, time.monotonic()
        for t, task_classes in enumerate(classes):
            mask = (train_y == task_classes[0]) | (train_y == task_classes[1])
            x, y = train_x[mask], train_y[mask]
            per_epoch = (len(x) + args.batch_size - 1) // args.batch_size
            updates = args.iterations_per_task or args.epochs * per_epoch
            model.train()
            for step in range(updates):
                if step % per_epoch == 0:
                    order = torch.randperm(len(x), generator=generator)
                chunk = order[(step % per_epoch) * args.batch_size:][: args.batch_size]
                xb, yb = x[chunk].to(device), y[chunk].to(device)
                loss = F.cross_entropy(model(xb), yb)
                replay = memory.sample(args.batch_size)
                if replay is not None:
                    loss = 0.3 * loss + 0.7 * F.cross_entropy(model(replay[0].to(device)), replay[1].to(device))
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                iteration += 1
                run.log("loss", loss.item(), iteration)
                if iteration % args.eval_every == 0 or step == updates - 1:
                    evaluate_tasks(model, eval_sets[: t + 1], run, iteration, device=device)
            model.eval()
            for k, full in enumerate(full_sets):
                run.log("accuracy_full_test", evaluate(model, full)[0], iteration, task=k)
            run.end_task(t, iteration)
            memory.refill(x, y, task_classes)
            print("task %d done at iteration %d (%.0f s)" % (t, iteration, time.monotonic() - started), flush=True)
        print("run: %s" % (run.url or run.directory), flush=True)


if __name__ == "__main__":
    main()
