"""An Avalanche plugin: continual evaluation of every seen experience, logged to ContinualDash.

    plugin = ContinualDashPlugin(benchmark.test_stream, name="er-seed-0", every=10, tasks=5)
    strategy = Replay(model, optimizer, criterion, mem_size=500, plugins=[plugin])
    for experience in benchmark.train_stream:
        strategy.train(experience)
    plugin.finish()

Every ``every`` training iterations (and at the end of each experience) it evaluates the model on every
seen experience of ``eval_stream`` and logs ``accuracy`` and ``eval_loss`` per task, logs the training
``loss`` every iteration and marks each experience's end as a task boundary. Given a name, it creates the
run when training starts, with the strategy, benchmark, optimizer and batch size in the config.

Avalanche is imported only here, and only if installed: the plugin relies on nothing but the strategy's
``model``, ``device``, ``loss``, ``experience.current_experience``, ``train_mb_size`` and ``optimizer``, and
on each experience's ``dataset`` and ``current_experience``.
"""

from typing import Any, Dict, Optional

import torch.utils.data

from . import init
from .torch import evaluate

try:
    from avalanche.core import SupervisedPlugin as _Plugin
except ImportError:  # not installed: the plugin still works with anything shaped like a strategy
    _Plugin = object

__all__ = ["ContinualDashPlugin"]


class ContinualDashPlugin(_Plugin):
    """Logs an Avalanche strategy's training to ``run``, or to a run it creates as ``name`` (``init_args``
    go to :func:`continualdash.init`)."""

    def __init__(self, eval_stream: Any, run: Any = None, name: Optional[str] = None, every: int = 10,
                 eval_batch_size: int = 256, **init_args: Any) -> None:
        super().__init__()
        if run is None and name is None:
            raise ValueError("ContinualDashPlugin needs a run or a name")
        self.eval_stream, self.run, self.name, self.every = eval_stream, run, name, every
        self.eval_batch_size, self.init_args = eval_batch_size, init_args
        self.iteration = 0

    def before_training(self, strategy: Any, **kwargs: Any) -> None:
        if self.run is None:
            config: Dict[str, Any] = dict(self.init_args.pop("config", None) or {})
            config.setdefault("strategy", type(strategy).__name__)
            config.setdefault("benchmark", type(getattr(self.eval_stream, "benchmark", self.eval_stream)).__name__)
            config.setdefault("optimizer", type(strategy.optimizer).__name__)
            config.setdefault("lr", strategy.optimizer.param_groups[0]["lr"])
            config.setdefault("train_mb_size", strategy.train_mb_size)
            self.run = init(self.name, config=config, **self.init_args)

    def after_training_iteration(self, strategy: Any, **kwargs: Any) -> None:
        self.iteration += 1
        self.run.log("loss", float(strategy.loss), self.iteration)
        if self.iteration % self.every == 0:
            self._evaluate(strategy)

    def after_training_exp(self, strategy: Any, **kwargs: Any) -> None:
        if self.iteration % self.every != 0:
            self._evaluate(strategy)
        self.run.end_task(strategy.experience.current_experience, self.iteration)

    def finish(self, status: str = "succeeded", error: Optional[str] = None) -> bool:
        return self.run.finish(status, error) if self.run is not None else True

    def _evaluate(self, strategy: Any) -> None:
        seen = strategy.experience.current_experience
        was_training = strategy.model.training
        strategy.model.eval()
        for experience in self.eval_stream[: seen + 1]:
            loader = torch.utils.data.DataLoader(experience.dataset, batch_size=self.eval_batch_size)
            accuracy, loss = evaluate(strategy.model, loader, strategy.device)
            self.run.log_many({"accuracy": accuracy, "eval_loss": loss}, self.iteration, task=experience.current_experience)
        strategy.model.train(was_training)
