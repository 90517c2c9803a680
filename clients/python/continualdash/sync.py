"""``continualdash-sync DIR...``: uploads run directories (offline runs, an online run's overflow) to the server.

Idempotent: every operation is sent with its stored batch key (or is a repeatable boundary or finish), and
the progress is saved after each one, so running it twice, or again after it was interrupted, stores every
point exactly once. DIR is a run directory or a folder of them (e.g. ./continualdash-runs).
"""

import argparse
import logging
import os
import sys
import time
from typing import Any, Callable, List, Optional

from . import DEFAULT_URL, _http, _ops
from .offline import RunDirectory

log = logging.getLogger("continualdash")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="continualdash-sync", description=__doc__.split("\n\n")[0])
    parser.add_argument("directories", nargs="+", metavar="DIR", help="a run directory, or a folder of them")
    parser.add_argument("--url", help="the dashboard (default: where the run went before, else CONTINUALDASH_URL); "
                        "a run created before stays that run, so give the same dashboard under any address")
    parser.add_argument("--token", help="an API token (default: CONTINUALDASH_TOKEN)")
    parser.add_argument("--pause", type=float, default=0.0, metavar="SECONDS",
                        help="wait between requests, to go easy on a busy server (default 0)")
    parser.add_argument("--give-up", type=float, default=600.0, metavar="SECONDS",
                        help="stop retrying a request after this long without an answer (default 600)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    token = args.token or os.environ.get("CONTINUALDASH_TOKEN") or ""
    runs = [d for path in args.directories for d in _run_directories(path)]
    if not runs:
        print("continualdash-sync: no run directory (with run.json) in %s" % " ".join(args.directories), file=sys.stderr)
        return 2
    failed = 0
    for directory in runs:
        try:
            failed += sync(directory, args.url, token, args.pause, args.give_up)
        except (OSError, _http.Rejected, _http.RetryLater) as e:
            print("continualdash-sync: %s: %s" % (directory.path, e), file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def sync(directory: RunDirectory, url: Optional[str], token: str, pause: float = 0.0, give_up: float = 600.0) -> int:
    """Uploads what ``directory`` holds beyond what was uploaded before; returns the number of operations
    the server rejected (each is reported and skipped)."""
    state = directory.state()
    server = (url or state.get("server") or os.environ.get("CONTINUALDASH_URL") or DEFAULT_URL).rstrip("/")
    if state.get("run_id") is None:
        spec = directory.run()["spec"]
        answer = _retrying(lambda: _http.request(server, "/api/runs", token,
                                                 {k: v for k, v in spec.items() if v is not None}), give_up)
        state.update(server=server, run_id=answer["id"], url=answer.get("url"), done=0)
        directory.save_state(state)
    ops = directory.ops()
    rejected = 0
    first = state.get("done", 0)
    for index in range(first, len(ops)):
        try:
            _retrying(lambda: _ops.send(server, token, state["run_id"], ops[index], 10.0), give_up)
        except _http.Rejected as e:
            print("continualdash-sync: %s: operation %d rejected: %s" % (directory.path, index + 1, e), file=sys.stderr)
            rejected += 1
        state["done"] = index + 1
        directory.save_state(state)
        if pause > 0:
            time.sleep(pause)
    print("%s: %d operations sent now, %d in all, to %s" % (directory.path, max(0, len(ops) - first), len(ops),
                                                           state.get("url") or server))
    return rejected


def _run_directories(path: str) -> List[RunDirectory]:
    if RunDirectory(path).exists:
        return [RunDirectory(path)]
    if not os.path.isdir(path):
        return []
    return [RunDirectory(os.path.join(path, name)) for name in sorted(os.listdir(path))
            if RunDirectory(os.path.join(path, name)).exists]


def _retrying(send: Callable[[], Any], give_up: float) -> Any:
    """Calls ``send`` until it answers: backoff from 0.5 s to 30 s, or the server's Retry-After."""
    deadline = time.monotonic() + give_up
    delay = 0.5
    while True:
        try:
            return send()
        except _http.RetryLater as e:
            wait = e.delay
        except OSError as e:
            wait = delay
            delay = min(30.0, delay * 2)
            log.warning("continualdash-sync: %s; retrying in %.1f s", e, wait)
        if time.monotonic() + wait > deadline:
            raise ConnectionError("no answer within %.0f s" % give_up)
        time.sleep(wait)


if __name__ == "__main__":
    sys.exit(main())
