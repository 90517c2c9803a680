"""The run a training script logs to: online (a background sender), offline (a directory), resumed, or the
run of a command job."""

import atexit
import collections
import json
import logging
import math
import os
import sys
import threading
import time
import uuid
from typing import Any, Deque, Dict, List, Optional, Set, Tuple

from . import _http, _ops
from .offline import RunDirectory

log = logging.getLogger("continualdash")

# The exception that is ending the script, if any: a run finished at exit is then failed, not succeeded.
_fatal: Optional[str] = None
_previous_hook = None


def _record_fatal(kind, error, traceback) -> None:
    global _fatal
    _fatal = "%s: %s" % (kind.__name__, error)
    _previous_hook(kind, error, traceback)


def _watch_fatal() -> None:
    global _previous_hook
    if _previous_hook is None:
        _previous_hook, sys.excepthook = sys.excepthook, _record_fatal


class Run:
    """A run being logged. Make one with :func:`continualdash.init`; all methods are thread-safe and never
    raise because of the network. Also a context manager: a normal exit finishes the run ``succeeded``, an
    exception ``failed`` with its message."""

    def __init__(self, spec: Dict[str, Any], *, server: str, token: str, mode: str, directory: Optional[str],
                 resume: Optional[int], flush_interval: float, max_buffer: int, max_retry_delay: float,
                 timeout: float) -> None:
        self.server = server
        #: The run's id on the server; None until it is created (and always for an offline run).
        self.id: Optional[int] = None
        #: The run's page on the dashboard; None until the run is created (and always offline).
        self.url: Optional[str] = None
        self.mode = mode
        #: The directory the run is written to: offline, or once an online run spilled to disk.
        self.directory: Optional[str] = None
        #: The first iteration not stored yet: 0, or after ``resume`` one past the last stored iteration.
        self.start_iteration = 0
        #: Tasks whose boundary is stored (after ``resume``: the tasks training had finished).
        self.completed_tasks: Set[int] = set()
        #: Points left out because a resumed run had them already.
        self.skipped = 0
        self._spec = spec
        self._token = token
        self._root = directory
        self._flush_interval = flush_interval
        self._max_buffer = max_buffer
        self._max_retry_delay = max_retry_delay
        self._timeout = timeout
        self._client = uuid.uuid4().hex[:12]
        self._sequence = 0
        self._owns_run = True
        self._last: Dict[Tuple[str, Optional[int]], int] = {}
        self._boundaries: Dict[int, int] = {}
        # Operations in order: ("point", dict) | ("boundary", dict) | ("finish", dict).
        self._queue: Deque[Tuple[str, Dict[str, Any]]] = collections.deque()
        self._points = 0
        self._inflight: Optional[Tuple[str, Any]] = None
        self._finished = False
        self._disabled = False
        self._rejected = False
        self._away_since: Optional[float] = None
        self._cond = threading.Condition()
        # Offline, and an online run's overflow: the directory, its operations written and uploaded.
        self._disk: Optional[RunDirectory] = None
        self._disk_written = 0
        self._disk_sent = 0
        self._disk_offset = 0
        self._pending: List[Dict[str, Any]] = []
        self._last_write = time.monotonic()

        if mode == "offline":
            if resume is not None:
                raise ValueError("continualdash: resume needs the server; an offline run cannot resume")
            self._disk = RunDirectory.create(directory, spec)
            self.directory = self._disk.path
            log.info("continualdash: offline run in %s", self.directory)
        else:
            job_run = os.environ.get("CONTINUALDASH_RUN_ID")
            if resume is not None:
                self._resume(int(resume))
            elif job_run:
                # A command job's run: the job created it and ends it from the exit code.
                self._attach(int(job_run))
            self._thread = threading.Thread(target=self._loop, name="continualdash", daemon=True)
            self._thread.start()
        _watch_fatal()
        atexit.register(self._at_exit)

    # ---- the training script's side -------------------------------------------------------------

    def log(self, name: str, value: float, iteration: int, task: Optional[int] = None) -> None:
        """Records one value of series ``name`` (e.g. ``accuracy`` of ``task``) at ``iteration``
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
            last = self._last.get((name, point.get("task")))
            if last is not None and point["iteration"] <= last:
                self.skipped += 1  # stored before the crash: a resumed script logs it again
                return
            if self.mode == "offline":
                self._pending.append(point)
                if len(self._pending) >= _http.MAX_BATCH or time.monotonic() - self._last_write >= self._flush_interval:
                    self._write_pending()
                return
            self._queue.append(("point", point))
            self._points += 1
            if self._points > self._max_buffer:
                self._spill_oldest()
            if self._points >= _http.MAX_BATCH:
                self._cond.notify_all()

    def log_many(self, values: Dict[str, float], iteration: int, task: Optional[int] = None) -> None:
        """Records several series at one iteration, e.g. ``{"accuracy": 0.91, "eval_loss": 0.3}`` of ``task``."""
        for name, value in values.items():
            self.log(name, value, iteration, task)

    def end_task(self, task: int, iteration: int) -> None:
        """Training on ``task`` ended at ``iteration``: the task boundary b_k of the metrics."""
        body = {"task": int(task), "iteration": int(iteration)}
        with self._cond:
            if self._finished or self._disabled:
                return
            if body["task"] in self._boundaries:
                if self._boundaries[body["task"]] != body["iteration"]:
                    log.warning("continualdash: task %d already ended at iteration %d; boundary %d ignored",
                                task, self._boundaries[body["task"]], iteration)
                return
            self._boundaries[body["task"]] = body["iteration"]
            self.completed_tasks.add(body["task"])
            if self.mode == "offline":
                self._write_pending()
                self._disk.append([{"boundary": body}])
                return
            self._queue.append(("boundary", body))
            self._cond.notify_all()

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Waits until everything logged so far is stored (offline: written); False if that took longer
        than ``timeout``."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            if self.mode == "offline":
                self._write_pending()
                return True
            self._cond.notify_all()
            while self._queue or self._inflight is not None or self._disk_sent < self._disk_written:
                if self._disabled:
                    return False
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._cond.wait(remaining if remaining is not None else 1.0)
        return True

    def finish(self, status: str = "succeeded", error: Optional[str] = None, timeout: float = 60.0) -> bool:
        """Sends what is buffered, then ends the run (``succeeded``, ``failed`` or ``cancelled``).

        When the server could not take it all within ``timeout`` seconds, the rest goes to a run directory
        (a warning names it) for ``continualdash-sync``, and the result is False. In a command job the job
        ends the run from the exit code, so this only sends what is buffered."""
        body: Dict[str, Any] = {"status": status}
        if error is not None:
            body["error"] = str(error)[:4000]
        with self._cond:
            if self._finished:
                return True
            self._finished = True
            if self.mode == "offline":
                self._write_pending()
                self._disk.append([{"finish": body}])
                log.warning("continualdash: offline run written to %s; upload it with: continualdash-sync %s",
                            self.directory, self.directory)
                return True
            if self._owns_run:
                self._queue.append(("finish", body))
            self._cond.notify_all()
        done = self.flush(timeout)
        if not done and not self._rejected:
            self._spill_rest(timeout)
        return done

    def __enter__(self) -> "Run":
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        if kind is None:
            self.finish()
        elif issubclass(kind, KeyboardInterrupt):
            self.finish("cancelled", error="interrupted")
        else:
            self.finish("failed", error="%s: %s" % (kind.__name__, error))
        return False

    # ---- resume and command jobs ---------------------------------------------------------------

    def _resume(self, run_id: int) -> None:
        """Loads what the run has stored, so points and boundaries logged again are left out."""
        detail = self._get("/api/runs/%d" % run_id)
        status = detail["run"]["status"]
        if status not in ("Running", "Queued"):
            raise RuntimeError("continualdash: run %d is %s; only an unfinished run can be resumed" % (run_id, status))
        last_iteration = -1
        for point in self._get("/api/runs/%d/export?format=json" % run_id):
            key = (point["name"], point.get("task"))
            self._last[key] = max(self._last.get(key, -1), point["iteration"])
            last_iteration = max(last_iteration, point["iteration"])
        for task in detail.get("tasks") or []:
            if task.get("boundary") is not None:
                self._boundaries[task["index"]] = task["boundary"]
                self.completed_tasks.add(task["index"])
                last_iteration = max(last_iteration, task["boundary"])
        self.id, self.url = run_id, "%s/runs/%d" % (self.server, run_id)
        self.start_iteration = last_iteration + 1
        log.info("continualdash: resuming run %d at iteration %d", run_id, self.start_iteration)

    def _attach(self, run_id: int) -> None:
        self.id, self.url = run_id, "%s/runs/%d" % (self.server, run_id)
        self._owns_run = False

    def _get(self, path: str) -> Any:
        """A read the script waits for (resume): retried for a while when the server is away."""
        deadline = time.monotonic() + max(60.0, self._timeout)
        delay = 0.5
        while True:
            try:
                return _http.request(self.server, path, self._token, timeout=self._timeout)
            except _http.Rejected:
                raise
            except _http.RetryLater as e:
                wait = e.delay
            except OSError:
                wait = delay
                delay = min(self._max_retry_delay, delay * 2)
            if time.monotonic() + wait > deadline:
                raise ConnectionError("continualdash: cannot reach %s to resume" % self.server)
            time.sleep(wait)

    # ---- the background sender -----------------------------------------------------------------

    def _loop(self) -> None:
        delay = 0.0
        retry_at = 0.0
        while True:
            with self._cond:
                if self._disabled:
                    return
                if delay > 0 or not self._ready():
                    self._cond.wait(delay if delay > 0 else self._flush_interval)
                # The server said when to come back: a flush(), a boundary or a full buffer wakes the wait
                # above, but must not resend before then.
                while not self._disabled and time.monotonic() < retry_at:
                    self._cond.wait(retry_at - time.monotonic())
                if self._disabled:
                    return
                if self._inflight is None:
                    self._inflight = self._take()
                work = self._inflight
            if work is None:
                delay = 0.0
                continue
            try:
                self._send(work)
            except _http.Rejected as e:
                log.error("continualdash: the server rejected %s: %s; dropped", work[0], e)
                if work[0] == "create":
                    # Without a run nothing can be stored: stop buffering instead of growing forever.
                    with self._cond:
                        self._disabled = self._rejected = True
                        self._queue.clear()
                        self._points = 0
                        self._inflight = None
                        self._cond.notify_all()
                    return
            except _http.RetryLater as e:
                delay = e.delay  # the server said when: wait that long, whatever the backoff says
                retry_at = time.monotonic() + e.delay
                continue
            except Exception as e:  # the network, a proxy, a restart: keep the data and try again
                delay = min(self._max_retry_delay, max(0.1, delay * 2))
                if self._away_since is None:
                    self._away_since = time.monotonic()
                    log.warning("continualdash: cannot reach %s (%s); buffering and retrying", self.server, e)
                continue
            if self._away_since is not None:
                log.warning("continualdash: %s is back after %.0f s", self.server, time.monotonic() - self._away_since)
                self._away_since = None
            delay = 0.0
            with self._cond:
                self._inflight = None
                if work[0] == "stored" and not self._disabled:
                    self._disk_sent += 1
                    self._disk_offset = work[2]
                    self._save_disk_state()
                self._cond.notify_all()
                if work[0] == "finish" or self._disabled:
                    return

    def _ready(self) -> bool:
        """Something worth sending now rather than after the next interval."""
        return (self.id is None or self._points >= _http.MAX_BATCH or self._disk_sent < self._disk_written
                or any(kind != "point" for kind, _ in self._queue))

    def _take(self) -> Optional[Tuple[str, Any]]:
        """The next request: create, an operation from the disk overflow (older than anything in memory),
        a batch of consecutive points (with a fresh key) or one other operation."""
        if self.id is None:
            return ("create", self._spec)
        if self._disk_sent < self._disk_written:
            op, offset = self._read_disk(self._disk_offset)
            return ("stored", op, offset)
        if not self._queue:
            return None
        if self._queue[0][0] != "point":
            return self._queue.popleft()
        points = []
        while self._queue and self._queue[0][0] == "point" and len(points) < _http.MAX_BATCH:
            points.append(self._queue.popleft()[1])
        self._points -= len(points)
        return ("points", {"batch": self._next_key(), "points": points})

    def _send(self, work: Tuple[str, Any]) -> None:
        kind, body = work[0], work[1]
        if kind == "create":
            answer = _http.request(self.server, "/api/runs", self._token,
                                   {k: v for k, v in body.items() if v is not None}, self._timeout)
            with self._cond:
                self.id, self.url = answer["id"], answer.get("url")
                if self._disk is not None:
                    self._save_disk_state()
            log.info("continualdash: logging to %s", self.url)
        elif kind == "stored":
            _ops.send(self.server, self._token, self.id, body, self._timeout)
        else:
            _ops.send(self.server, self._token, self.id, {kind: body}, self._timeout)

    def _next_key(self) -> str:
        self._sequence += 1
        return "%s-%d" % (self._client, self._sequence)

    # ---- the disk: offline runs and an online run's overflow -----------------------------------

    def _write_pending(self) -> None:
        if self._pending:
            self._disk.append([{"points": {"batch": self._next_key(), "points": self._pending}}])
            self._pending = []
        self._last_write = time.monotonic()

    def _disk_directory(self) -> RunDirectory:
        if self._disk is None:
            self._disk = RunDirectory.create(self._root, self._spec)
            self.directory = self._disk.path
            self._save_disk_state()
        return self._disk

    def _save_disk_state(self) -> None:
        self._disk.save_state({"server": self.server, "run_id": self.id, "url": self.url, "done": self._disk_sent,
                               "attached": not self._owns_run})

    def _read_disk(self, offset: int) -> Tuple[Dict[str, Any], int]:
        with open(os.path.join(self._disk.path, "ops.jsonl"), "rb") as f:
            f.seek(offset)
            line = f.readline()
            return json.loads(line), offset + len(line)

    def _spill_oldest(self) -> None:
        """The buffer is full (the server has been away long): the oldest points go to disk, to be sent when
        the server is back, or by ``continualdash-sync`` if the script ends first. Nothing is dropped."""
        count = max(1, min(_http.MAX_BATCH, self._max_buffer // 2))
        points, kept = [], collections.deque()
        for item in self._queue:
            if item[0] == "point" and len(points) < count:
                points.append(item[1])
            else:
                kept.append(item)
        self._queue = kept
        self._points -= len(points)
        first = self._disk is None
        self._disk_directory().append([{"points": {"batch": self._next_key(), "points": points}}])
        self._disk_written += 1
        if first:
            log.warning("continualdash: buffer full (%d points); writing the oldest to %s", self._max_buffer,
                        self.directory)

    def _spill_rest(self, timeout: float) -> None:
        """After a finish the server did not take in time: everything still unsent goes to disk."""
        with self._cond:
            self._disabled = True
            work = self._inflight
            ops: List[Dict[str, Any]] = []
            if work is not None and work[0] not in ("create", "stored"):
                ops.append({work[0]: work[1]})
            points: List[Dict[str, Any]] = []
            for kind, body in self._queue:
                if kind == "point":
                    points.append(body)
                    if len(points) < _http.MAX_BATCH:
                        continue
                    body, kind = {"batch": self._next_key(), "points": points}, "points"
                    points = []
                elif points:
                    ops.append({"points": {"batch": self._next_key(), "points": points}})
                    points = []
                ops.append({kind: body})
            if points:
                ops.append({"points": {"batch": self._next_key(), "points": points}})
            self._queue.clear()
            self._points = 0
            directory = self._disk_directory()
            directory.append(ops)
            self._save_disk_state()
            self._cond.notify_all()
        log.warning("continualdash: the server did not take everything within %.0f s; the rest is in %s: "
                    "upload it with: continualdash-sync %s", timeout, directory.path, directory.path)

    def _at_exit(self) -> None:
        # A script that ends without finish() still gets its buffered points stored and its run ended:
        # failed when an uncaught exception ends it.
        if not self._finished:
            if _fatal is not None:
                self.finish("failed", error=_fatal, timeout=10.0)
            else:
                self.finish(timeout=10.0)
