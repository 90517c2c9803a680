"""Log continual-learning runs to ContinualDash: standard library only, Python 3.9+.

    import continualdash
    with continualdash.init("er-seed-0", config={"strategy": "ER", "lr": 0.01}, tasks=5) as run:
        run.log("accuracy", 0.93, iteration=120, task=0)   # per-task evaluation accuracy
        run.end_task(0, iteration=500)                     # training on task 0 ended after update 500

Points are buffered and sent in the background in batches. Each batch carries a key, and a failed send is
retried with the same key, so the server stores it once even when an answer was lost. When the server is
away the client logs a warning and keeps buffering; beyond ``max_buffer`` points the oldest go to a run
directory on disk and are sent when the server is back (or by ``continualdash-sync``). It never raises
into the training loop.

Settings come from the arguments or the environment: CONTINUALDASH_URL, CONTINUALDASH_TOKEN,
CONTINUALDASH_MODE (``online`` or ``offline``) and CONTINUALDASH_DIR (where run directories go). Inside a
command job (CONTINUALDASH_RUN_ID set by the worker) ``init`` logs to the job's run. PyTorch and Avalanche
helpers live in :mod:`continualdash.torch` and :mod:`continualdash.avalanche`.
"""

import os
from typing import Any, Dict, Iterable, List, Optional, Union

from ._version import __version__
from .run import Run

__all__ = ["init", "Run", "__version__"]

DEFAULT_URL = "http://127.0.0.1:5000"


def init(
    name: str,
    *,
    url: Optional[str] = None,
    token: Optional[str] = None,
    experiment: Optional[str] = None,
    config: Optional[Dict[str, Any]] = None,
    tags: Iterable[str] = (),
    tasks: Union[int, Iterable[str], None] = None,
    mode: Optional[str] = None,
    directory: Optional[str] = None,
    resume: Optional[int] = None,
    flush_interval: float = 1.0,
    max_buffer: int = 1_000_000,
    max_retry_delay: float = 30.0,
    timeout: float = 10.0,
) -> Run:
    """Starts a run and returns it (also a context manager).

    ``tasks`` declares the task stream up front: a count, or the task names in order; then the server
    rejects task indices beyond it. ``mode="offline"`` (or CONTINUALDASH_MODE=offline) writes the run to a
    new directory under ``directory`` (default CONTINUALDASH_DIR or ./continualdash-runs) for
    ``continualdash-sync`` to upload later. ``resume=RUN_ID`` continues an unfinished run after a crash:
    ``run.start_iteration`` is where it stopped, and points or boundaries it stored already are not sent
    again. Online runs are created on the server in the background; ``run.url`` is their page once known.
    """
    if isinstance(tasks, int):
        task_list: Optional[List[Dict[str, str]]] = [{"name": "Task %d" % k} for k in range(tasks)]
    elif tasks is not None:
        task_list = [{"name": str(t)} for t in tasks]
    else:
        task_list = None
    mode = (mode or os.environ.get("CONTINUALDASH_MODE") or "online").lower()
    if mode not in ("online", "offline"):
        raise ValueError("continualdash: mode must be online or offline, got %r" % mode)
    spec = {"name": name, "experiment": experiment, "config": config or {}, "tags": list(tags), "tasks": task_list}
    return Run(
        spec,
        server=(url or os.environ.get("CONTINUALDASH_URL") or DEFAULT_URL).rstrip("/"),
        token=token or os.environ.get("CONTINUALDASH_TOKEN") or "",
        mode=mode,
        directory=directory,
        resume=resume,
        flush_interval=flush_interval,
        max_buffer=max_buffer,
        max_retry_delay=max_retry_delay,
        timeout=timeout,
    )
