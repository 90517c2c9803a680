"""Log metrics from any training script to ContinualDash.

One file, standard library only, Python 3.9+. Copy it next to your script, or put it on PYTHONPATH.

    import continualdash
    run = continualdash.init("er-seed-0", config={"strategy": "ER", "lr": 0.01}, tasks=5)
    run.log("accuracy", 0.93, iteration=120, task=0)   # per-task evaluation accuracy
    run.end_task(0, iteration=500)                     # training on task 0 ended after update 500
    run.finish()

Points are buffered and sent in the background in batches. Each batch carries a key, and a failed send is
retried with the same key, so the server stores it once even when an answer was lost. When the server is
away the client logs a warning and keeps buffering (up to ``max_buffer`` points, dropping the oldest
beyond); it never raises into the training loop.

The server URL and token come from the arguments or from CONTINUALDASH_URL and CONTINUALDASH_TOKEN
(create a token on the dashboard's Settings > API tokens page or with ``continualdash token create``).
"""

import atexit
import collections
import json
import logging
import math
import os
import threading
import time
import urllib.error
import urllib.request
import uuid
from typing import Any, Deque, Dict, Iterable, List, Optional, Tuple, Union

__all__ = ["init", "Run"]

log = logging.getLogger("continualdash")

DEFAULT_URL = "http://127.0.0.1:5000"
MAX_BATCH = 5000  # the server takes up to 10,000 points per request


def init(
    name: str,
    *,
    url: Optional[str] = None,
    token: Optional[str] = None,
    experiment: Optional[str] = None,
    config: Optional[Dict[str, Any]] = None,
    tags: Iterable[str] = (),
    tasks: Union[int, Iterable[str], None] = None,
    flush_interval: float = 1.0,
    max_buffer: int = 1_000_000,
    max_retry_delay: float = 30.0,
    timeout: float = 10.0,
) -> "Run":
    """Creates a run on the server (in the background if the server is away) and returns it.

    ``tasks`` declares the task stream up front: a count, or the task names in order. Then the server
    rejects task indices beyond it.
    """
    if isinstance(tasks, int):
        task_list: Optional[List[Dict[str, str]]] = [{"name": "Task %d" % k} for k in range(tasks)]
    elif tasks is not None:
        task_list = [{"name": str(t)} for t in tasks]
    else:
        task_list = None
    spec = {"name": name, "experiment": experiment, "config": config or {}, "tags": list(tags), "tasks": task_list}
    return Run(
        spec,
        url=(url or os.environ.get("CONTINUALDASH_URL") or DEFAULT_URL).rstrip("/"),
        token=token or os.environ.get("CONTINUALDASH_TOKEN") or "",
        flush_interval=flush_interval,
        max_buffer=max_buffer,
        max_retry_delay=max_retry_delay,
        timeout=timeout,
    )


class _Rejected(Exception):
    """The server refused a request for good (4xx): retrying the same request cannot help."""


class Run:
    """A run being logged. Use :func:`init` to make one; all methods are thread-safe and never raise
    because of the network."""

    def __init__(self, spec: Dict[str, Any], *, url: str, token: str, flush_interval: float,
                 max_buffer: int, max_retry_delay: float, timeout: float) -> None:
        self.url = url
        self.id: Optional[int] = None
        self.page_url: Optional[str] = None
        self.dropped = 0
        self._spec = spec
        self._token = token
        self._flush_interval = flush_interval
        self._max_buffer = max_buffer
        self._max_retry_delay = max_retry_delay
        self._timeout = timeout
        self._client = uuid.uuid4().hex[:12]
        self._sequence = 0
        # Operations in order: ("point", dict) | ("boundary", dict) | ("finish", dict).
        self._queue: Deque[Tuple[str, Dict[str, Any]]] = collections.deque()
        self._points = 0
        self._inflight: Optional[Tuple[str, Any]] = None
        self._finished = False
        self._disabled = False
        self._away_since: Optional[float] = None
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._loop, name="continualdash", daemon=True)
        self._thread.start()
        atexit.register(self._at_exit)

    # ---- the training script's side -------------------------------------------------------------

    def log(self, name: str, value: float, iteration: int, task: Optional[int] = None) -> None:
        """Buffers one value of series ``name`` (e.g. ``accuracy`` of ``task``) at ``iteration``
        (optimizer updates done). Non-finite values are skipped with a warning: JSON cannot carry them."""
        try:
            value = float(value)
        except (TypeError, ValueError):
            log.warning("continualdash: %s at iteration %s is not a number (%r); skipped", name, iteration, value)
            return
        if not math.isfinite(value):
            log.warning("continualdash: %s at iteration %s is %s; skipped", name, iteration, value)
            return
        point: Dict[str, Any] = {"name": name, "iteration": int(iteration), "value": value,
                                 "time": int(time.time() * 1000)}
        if task is not None:
            point["task"] = int(task)
        with self._cond:
            if self._finished or self._disabled:
                return
            self._queue.append(("point", point))
            self._points += 1
            if self._points > self._max_buffer:
                self._drop_oldest_point()
            if self._points >= MAX_BATCH:
                self._cond.notify_all()

    def end_task(self, task: int, iteration: int) -> None:
        """Training on ``task`` ended at ``iteration``: the task boundary b_k of the metrics."""
        with self._cond:
            self._queue.append(("boundary", {"task": int(task), "iteration": int(iteration)}))
            self._cond.notify_all()

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Waits until everything logged so far is stored; False if that took longer than ``timeout``."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            self._cond.notify_all()
            while self._queue or self._inflight is not None:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._cond.wait(remaining if remaining is not None else 1.0)
        return True

    def finish(self, status: str = "succeeded", error: Optional[str] = None, timeout: float = 60.0) -> bool:
        """Sends what is buffered, then ends the run (``succeeded``, ``failed`` or ``cancelled``).
        Returns False (with a warning) when the server could not be reached within ``timeout`` seconds."""
        with self._cond:
            if self._finished:
                return True
            self._finished = True
            body: Dict[str, Any] = {"status": status}
            if error is not None:
                body["error"] = str(error)[:4000]
            self._queue.append(("finish", body))
            self._cond.notify_all()
        done = self.flush(timeout)
        if not done:
            log.warning("continualdash: the server did not take the last %d operations within %.0f s; they are lost",
                        len(self._queue), timeout)
        return done

    # ---- the background sender -----------------------------------------------------------------

    def _loop(self) -> None:
        delay = 0.0
        while True:
            with self._cond:
                if delay > 0 or not self._ready():
                    self._cond.wait(delay if delay > 0 else self._flush_interval)
                if self._inflight is None:
                    self._inflight = self._take()
                work = self._inflight
            if work is None:
                delay = 0.0
                continue
            try:
                self._send(work)
            except _Rejected as e:
                log.error("continualdash: the server rejected %s: %s; dropped", work[0], e)
                if work[0] == "create":
                    # Without a run nothing can be stored: stop buffering instead of growing forever.
                    with self._cond:
                        self._disabled = True
                        self._queue.clear()
                        self._points = 0
            except Exception as e:  # the network, a proxy, a restart: keep the data and try again
                delay = min(self._max_retry_delay, max(0.1, delay * 2))
                if self._away_since is None:
                    self._away_since = time.monotonic()
                    log.warning("continualdash: cannot reach %s (%s); buffering and retrying", self.url, e)
                continue
            if self._away_since is not None:
                log.warning("continualdash: %s is back after %.0f s", self.url, time.monotonic() - self._away_since)
                self._away_since = None
            delay = 0.0
            with self._cond:
                self._inflight = None
                self._cond.notify_all()
                if work[0] == "finish" or self._disabled:
                    return

    def _ready(self) -> bool:
        """Something worth sending now rather than after the next interval."""
        return self.id is None or self._points >= MAX_BATCH or any(kind != "point" for kind, _ in self._queue)

    def _take(self) -> Optional[Tuple[str, Any]]:
        """The next request: a batch of consecutive points (with a fresh key) or one other operation."""
        if self.id is None:
            return ("create", self._spec)
        if not self._queue:
            return None
        if self._queue[0][0] != "point":
            return self._queue.popleft()
        points = []
        while self._queue and self._queue[0][0] == "point" and len(points) < MAX_BATCH:
            points.append(self._queue.popleft()[1])
        self._points -= len(points)
        self._sequence += 1
        return ("points", {"batch": "%s-%d" % (self._client, self._sequence), "points": points})

    def _send(self, work: Tuple[str, Any]) -> None:
        kind, body = work
        if kind == "create":
            answer = self._post("/api/runs", {k: v for k, v in body.items() if v is not None})
            self.id, self.page_url = answer["id"], answer.get("url")
            log.info("continualdash: logging to %s", self.page_url)
        elif kind == "points":
            self._post("/api/runs/%d/metrics" % self.id, body)
        elif kind == "boundary":
            self._post("/api/runs/%d/boundaries" % self.id, body)
        else:
            self._post("/api/runs/%d/finish" % self.id, body)

    def _post(self, path: str, body: Dict[str, Any]) -> Dict[str, Any]:
        try:
            data = json.dumps(body, allow_nan=False).encode("utf-8")
        except ValueError as e:  # NaN or infinity in the configuration
            raise _Rejected("not JSON: %s" % e) from None
        request = urllib.request.Request(
            self.url + path, data=data, method="POST",
            headers={"Content-Type": "application/json", "Authorization": "Bearer " + self._token})
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:
                payload = response.read()
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace")[:500]
            # 408/429 and 5xx are the server being busy or away; other 4xx will not get better by retrying.
            if 400 <= e.code < 500 and e.code not in (408, 429):
                raise _Rejected("HTTP %d %s" % (e.code, detail)) from None
            raise
        return json.loads(payload) if payload else {}

    def _drop_oldest_point(self) -> None:
        for i, (kind, _) in enumerate(self._queue):
            if kind == "point":
                del self._queue[i]
                self._points -= 1
                self.dropped += 1
                if self.dropped == 1 or self.dropped % 10000 == 0:
                    log.warning("continualdash: buffer full (%d points); dropped %d oldest points so far",
                                self._max_buffer, self.dropped)
                return

    def _at_exit(self) -> None:
        # A script that ends without finish() still gets its buffered points stored and its run ended.
        if not self._finished:
            self.finish(timeout=10.0)
