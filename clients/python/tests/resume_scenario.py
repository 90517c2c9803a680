"""A training script that is killed and resumed, for the server's test suite (PythonResumeTests).

usage: resume_scenario.py SERVER_URL TOKEN CHECKPOINT_FILE [RUN_ID]

Without RUN_ID it starts a run; with it, it resumes that run from its checkpoint (iteration saved every 50
iterations, after a flush), logging the iterations between the checkpoint and the crash again: the client
must leave out what the server has. 2 tasks x 200 iterations, 20 ms each. Prints JSON lines.
"""

import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import continualdash  # noqa: E402

ITERATIONS = 400


def main() -> int:
    server, token, checkpoint = sys.argv[1], sys.argv[2], sys.argv[3]
    resume = int(sys.argv[4]) if len(sys.argv) > 4 else None
    run = continualdash.init("resumable", url=server, token=token, config={"strategy": "ER"}, tasks=2,
                             resume=resume, flush_interval=0.05)
    start = 0
    if resume is not None:
        with open(checkpoint, encoding="utf-8") as f:
            start = int(f.read())
    assert run.flush(timeout=30)
    print(json.dumps({"runId": run.id, "start": start, "startIteration": run.start_iteration,
                      "completedTasks": sorted(run.completed_tasks)}), flush=True)
    for i in range(start, ITERATIONS):
        if i == 200:
            run.end_task(0, 199)
        task = 0 if i < 200 else 1
        run.log("loss", 1.0 / (i + 1), i)
        for k in range(task + 1):
            run.log("accuracy", ((i * 7 + k * 13) % 100) / 100, i, task=k)
        if i % 50 == 0:
            # A checkpoint: the model would be saved here. Flushing first means a resumed run has no gap.
            run.flush(timeout=30)
            with open(checkpoint + ".tmp", "w", encoding="utf-8") as f:
                f.write(str(i))
            os.replace(checkpoint + ".tmp", checkpoint)
        time.sleep(0.02)
    run.end_task(1, ITERATIONS - 1)
    assert run.finish(timeout=60)
    print(json.dumps({"done": True, "skipped": run.skipped}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
