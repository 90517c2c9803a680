"""Offline runs and an online run's overflow, for the server's test suite (PythonOfflineTests).

usage: offline_scenario.py write ROOT
       offline_scenario.py spill SERVER_URL TOKEN ROOT

``write`` logs a run offline into a new directory under ROOT: 2 tasks x 200 iterations, written in many small
batches. ``spill`` logs online through a proxy that goes away right after the run is created, with a buffer
of 300 points, so the overflow and then the rest go to a directory under ROOT. Each prints one JSON line.
"""

import json
import os
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client_scenario import Proxy  # noqa: E402  (it also puts the package on sys.path)
import continualdash  # noqa: E402


def log_iterations(run, start, end, every_flush=None):
    for i in range(start, end):
        task = 0 if i < 200 else 1
        if i == 200:
            run.end_task(0, 199)
        run.log("loss", 1.0 / (i + 1), i)
        for k in range(task + 1):
            run.log("accuracy", ((i * 7 + k * 13) % 100) / 100, i, task=k)
        if every_flush and i % every_flush == every_flush - 1:
            run.flush()


def write(root: str) -> None:
    run = continualdash.init("offline-run", experiment="offline", config={"strategy": "ER", "seed": 0},
                             tags=["offline"], tasks=2, mode="offline", directory=root)
    log_iterations(run, 0, 400, every_flush=10)
    run.end_task(1, 399)
    run.finish()
    print(json.dumps({"directory": run.directory}))


def spill(server: str, token: str, root: str) -> None:
    proxy = Proxy(server)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    run = continualdash.init("spilled-run", url=proxy.url, token=token, config={"strategy": "ER"}, tasks=2,
                             directory=root, max_buffer=300, flush_interval=0.05, max_retry_delay=0.2)
    assert run.flush(timeout=30), "the run was not created"
    proxy.mode = "down"  # the server is away for hours: the buffer overflows
    log_iterations(run, 0, 400)
    run.end_task(1, 399)
    finished = run.finish(timeout=1)
    proxy.shutdown()
    print(json.dumps({"runId": run.id, "directory": run.directory, "finished": finished}))


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2])
    else:
        spill(sys.argv[2], sys.argv[3], sys.argv[4])
