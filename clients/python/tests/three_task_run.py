"""Logs a 3-task run with continualdash.py against a real server, pausing in the middle of task 2.

usage: three_task_run.py SERVER_URL TOKEN

Task k trains for 100 iterations (boundaries 99, 199, 299) and every seen task is evaluated at every
iteration. Right after each task switch the earlier tasks dip for a few iterations and recover: the
stability gap. Prints one JSON line per step: {"runId": N, "paused": 249} once everything up to
iteration 249 is on the server; it then waits for a line on stdin before it logs the rest and finishes,
and prints {"done": true}.
"""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import continualdash  # noqa: E402


def accuracy(task: int, t: int) -> float:
    """A_task(t): learns to 0.9 in its own phase, then dips by up to 0.4 in the first 10 iterations of every
    later task (deepest 5 iterations after the switch) and recovers."""
    start = 100 * task
    value = 0.5 + 0.4 * min(1.0, (t - start + 1) / 100.0)
    if t >= start + 100 and t % 100 < 10:
        value -= 0.4 * (1 - abs(t % 100 - 4) / 5.0)
    return round(value, 4)


def log_iterations(run, first: int, last: int) -> None:
    for t in range(first, last + 1):
        for task in range(0, t // 100 + 1):
            run.log("accuracy", accuracy(task, t), iteration=t, task=task)
        if t % 100 == 99:
            run.flush()
            run.end_task(t // 100, iteration=t)


def main() -> int:
    url, token = sys.argv[1], sys.argv[2]
    run = continualdash.init("python 3-task", config={"strategy": "ER", "benchmark": "synthetic"}, tasks=3,
                             url=url, token=token, flush_interval=0.1)
    log_iterations(run, 0, 249)
    if not run.flush(timeout=60):
        print("flush timed out", file=sys.stderr)
        return 1
    print(json.dumps({"runId": run.id, "paused": 249}), flush=True)
    sys.stdin.readline()
    log_iterations(run, 250, 299)
    if not run.finish(timeout=60):
        return 1
    print(json.dumps({"done": True}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
