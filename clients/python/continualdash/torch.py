"""Continual evaluation for plain PyTorch loops: evaluate every seen task and log it. Needs ``torch``
(this is the only module of the package besides :mod:`continualdash.avalanche` that imports it).

    from continualdash.torch import evaluate_tasks
    if iteration % 10 == 0:
        evaluate_tasks(model, test_loaders[: task + 1], run, iteration, device=device)
"""

from typing import Any, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

import torch

__all__ = ["evaluate", "evaluate_tasks"]


def evaluate(model: torch.nn.Module, loader: Iterable[Any], device: Union[str, torch.device, None] = None) -> Tuple[float, float]:
    """Accuracy and mean cross-entropy of ``model`` over ``loader``'s batches; a batch is ``(x, y, ...)``
    (extra items such as Avalanche's task labels are ignored). The caller sets eval mode."""
    correct = total = 0
    loss = 0.0
    with torch.no_grad():
        for batch in loader:
            x, y = batch[0], batch[1]
            if device is not None:
                x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            logits = model(x)
            loss += torch.nn.functional.cross_entropy(logits, y, reduction="sum").item()
            correct += (logits.argmax(1) == y).sum().item()
            total += len(y)
    if total == 0:
        return 0.0, 0.0
    return correct / total, loss / total


def evaluate_tasks(model: torch.nn.Module, loaders: Union[Sequence[Iterable[Any]], Mapping[int, Iterable[Any]]],
                   run: Any, iteration: int, device: Union[str, torch.device, None] = None,
                   prefix: str = "") -> List[float]:
    """Evaluates every task in ``loaders`` (a list indexed by task, or a dict task -> loader: pass the seen
    tasks) and logs ``accuracy`` and ``eval_loss`` per task at ``iteration``; returns the accuracies.
    The model's train/eval mode is restored afterwards. ``prefix`` names other series (``prefix + "accuracy"``)."""
    items = loaders.items() if isinstance(loaders, Mapping) else enumerate(loaders)
    was_training = model.training
    model.eval()
    accuracies = []
    try:
        for task, loader in items:
            accuracy, loss = evaluate(model, loader, device)
            run.log_many({prefix + "accuracy": accuracy, prefix + "eval_loss": loss}, iteration, task=task)
            accuracies.append(accuracy)
    finally:
        model.train(was_training)
    return accuracies


def device(preferred: Optional[str] = None) -> torch.device:
    """``preferred``, else the CUDA device when there is one, else the CPU."""
    if preferred:
        return torch.device(preferred)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")
