"""The Avalanche plugin against minimal stand-ins of Avalanche's strategy and experience objects.

Avalanche cannot be installed on the test machines (no package index; Debian does not package it), so these
stand-ins have exactly the attributes the plugin reads (continualdash/avalanche.py lists them) and call its
hooks in the order Avalanche's training loop does. The model, data and evaluation are real PyTorch.
"""

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import torch  # noqa: E402

from continualdash.avalanche import ContinualDashPlugin  # noqa: E402
from continualdash.offline import RunDirectory  # noqa: E402


class Experience:
    def __init__(self, index, dataset):
        self.current_experience, self.dataset = index, dataset


class Stream(list):
    """A list of experiences, like Avalanche's CLStream (it is sliced and has a benchmark)."""

    def __init__(self, experiences, benchmark):
        super().__init__(experiences)
        self.benchmark = benchmark


class SplitToy:
    """Two experiences: class 0 vs 1 on the first input, then class 2 vs 3 on the second."""

    def __init__(self, generator):
        def experience(index):
            x = torch.randn(64, 2, generator=generator)
            y = (x[:, index] > 0).long() + 2 * index
            return Experience(index, torch.utils.data.TensorDataset(x, y, torch.zeros(64, dtype=torch.long)))
        self.train_stream = Stream([experience(0), experience(1)], self)
        self.test_stream = Stream([experience(0), experience(1)], self)


class Naive:
    """Avalanche's SupervisedTemplate reduced to the hooks the plugin uses, in their order."""

    def __init__(self, model, optimizer, plugins, train_mb_size=16):
        self.model, self.optimizer, self.plugins = model, optimizer, plugins
        self.train_mb_size, self.device = train_mb_size, torch.device("cpu")
        self.experience, self.loss = None, None

    def train(self, experience):
        self.experience = experience
        self.model.train()
        self._call("before_training")
        loader = torch.utils.data.DataLoader(experience.dataset, batch_size=self.train_mb_size)
        for x, y, _ in loader:
            self.optimizer.zero_grad()
            self.loss = torch.nn.functional.cross_entropy(self.model(x), y)
            self.loss.backward()
            self.optimizer.step()
            self._call("after_training_iteration")
        self._call("after_training_exp")
        self._call("after_training")

    def _call(self, hook):
        for plugin in self.plugins:
            getattr(plugin, hook, lambda strategy: None)(self)


class ContinualDashPluginTests(unittest.TestCase):
    def test_plugin_logs_every_seen_experience_boundaries_and_config(self):
        torch.manual_seed(0)
        benchmark = SplitToy(torch.Generator().manual_seed(0))
        model = torch.nn.Linear(2, 4)
        with tempfile.TemporaryDirectory() as root:
            plugin = ContinualDashPlugin(benchmark.test_stream, name="avalanche-toy", every=2, tasks=2,
                                         mode="offline", directory=root, config={"seed": 0})
            strategy = Naive(model, torch.optim.SGD(model.parameters(), lr=0.1), [plugin])
            for experience in benchmark.train_stream:
                strategy.train(experience)
            plugin.finish()
            directory = RunDirectory(plugin.run.directory)
            spec, ops = directory.run()["spec"], directory.ops()

        self.assertEqual({"seed": 0, "strategy": "Naive", "benchmark": "SplitToy", "optimizer": "SGD", "lr": 0.1,
                          "train_mb_size": 16}, spec["config"])
        points = [p for op in ops if "points" in op for p in op["points"]["points"]]
        accuracy = {}
        for p in points:
            if p["name"] == "accuracy":
                accuracy.setdefault(p["task"], []).append(p["iteration"])
        # 4 iterations per experience, every 2: experience 0 at 2 and 4, both seen ones at 6 and 8.
        self.assertEqual({0: [2, 4, 6, 8], 1: [6, 8]}, accuracy)
        self.assertEqual(list(range(1, 9)), [p["iteration"] for p in points if p["name"] == "loss"])
        self.assertEqual([{"task": 0, "iteration": 4}, {"task": 1, "iteration": 8}], [op["boundary"] for op in ops if "boundary" in op])
        self.assertEqual({"status": "succeeded"}, ops[-1]["finish"])
        self.assertTrue(model.training, "the plugin restores train mode")


if __name__ == "__main__":
    unittest.main()
