"""Unit tests of the client against a stand-in server (fake_server.py); run by the server's test suite."""

import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import continualdash  # noqa: E402
from continualdash import sync  # noqa: E402
from continualdash.offline import RunDirectory  # noqa: E402
from fake_server import FakeServer  # noqa: E402


class OnlineRunTests(unittest.TestCase):
    def setUp(self):
        self.server = None

    def tearDown(self):
        if self.server:
            self.server.close()

    def start(self, **kwargs):
        self.server = FakeServer(**kwargs)
        return continualdash.init("unit", url=self.server.url, token="t", tasks=2, flush_interval=0.05,
                                  max_retry_delay=0.1)

    def test_log_many_and_finish_store_every_value_and_end_the_run(self):
        run = self.start()
        run.log_many({"accuracy": 0.5, "eval_loss": 1.5}, 10, task=1)
        run.end_task(0, 10)
        self.assertTrue(run.finish())
        stored = sorted((p["name"], p["task"], p["iteration"], p["value"]) for p in self.server.stored_points())
        self.assertEqual([("accuracy", 1, 10, 0.5), ("eval_loss", 1, 10, 1.5)], stored)
        self.assertEqual([(0, 10)], self.server.boundaries)
        self.assertEqual([{"status": "succeeded"}], self.server.finished)
        self.assertEqual(self.server.url + "/runs/7", run.url)

    def test_too_large_batch_is_split_and_every_point_stored_once(self):
        run = self.start(max_points=300)
        for i in range(1000):
            run.log("loss", i, i)
        self.assertTrue(run.finish())
        self.assertEqual(list(range(1000)), sorted(p["iteration"] for p in self.server.stored_points()))
        self.assertTrue(any(status == 413 for _, _, _, status in self.server.requests))

    def test_retry_after_is_waited_for(self):
        run = self.start(busy_times=1, retry_after="0.3")
        run.log("loss", 1.0, 1)
        self.assertTrue(run.finish())
        metrics = [(t, status) for t, path, _, status in self.server.requests if path.endswith("/metrics")]
        self.assertEqual([503, 200], [status for _, status in metrics])
        self.assertGreaterEqual(metrics[1][0] - metrics[0][0], 0.28)

    def test_retry_after_resends_the_same_batch_and_a_flush_does_not_cut_the_wait_short(self):
        run = self.start(busy_times=1, retry_after="0.5")
        for i in range(3):
            run.log("loss", float(i), i)
        run.flush(timeout=0)  # ask for the points now: they go as one batch and the server answers 503
        while not any(status == 503 for _, _, _, status in self.server.requests):
            time.sleep(0.01)
        run.end_task(0, 2)  # wakes the sender while it waits for the Retry-After
        self.assertTrue(run.finish())
        metrics = [(t, body, status) for t, path, body, status in self.server.requests if path.endswith("/metrics")]
        self.assertEqual([503, 200], [status for _, _, status in metrics])
        self.assertEqual(metrics[0][1], metrics[1][1])  # the same key and points: the server stores them once
        self.assertEqual([0, 1, 2], [p["iteration"] for p in metrics[1][1]["points"]])
        self.assertGreaterEqual(metrics[1][0] - metrics[0][0], 0.48)
        self.assertEqual([(0, 2)], self.server.boundaries)

    def test_context_manager_marks_run_failed_with_the_exception(self):
        run = self.start()
        with self.assertRaises(ValueError):
            with run:
                run.log("loss", 1.0, 1)
                raise ValueError("diverged at step 1")
        self.assertEqual([{"status": "failed", "error": "ValueError: diverged at step 1"}], self.server.finished)
        self.assertEqual(1, len(self.server.stored_points()))

    def test_command_job_run_is_attached_and_left_for_the_job_to_end(self):
        self.server = FakeServer()
        os.environ["CONTINUALDASH_RUN_ID"] = "42"
        try:
            run = continualdash.init("job", url=self.server.url, token="t", flush_interval=0.05)
        finally:
            del os.environ["CONTINUALDASH_RUN_ID"]
        run.log("loss", 1.0, 1)
        self.assertTrue(run.finish())
        self.assertEqual([], self.server.created)
        self.assertEqual([], self.server.finished)
        self.assertEqual(["/api/runs/42/metrics"], [path for _, path, _, _ in self.server.requests])


class OfflineRunTests(unittest.TestCase):
    def test_offline_run_is_written_as_it_goes_and_synced_once(self):
        server = FakeServer()
        with tempfile.TemporaryDirectory() as root:
            run = continualdash.init("off", mode="offline", directory=root, tasks=1, flush_interval=0)
            run.log("accuracy", 0.25, 3, task=0)
            # Written already, before finish: a killed process loses nothing logged a flush interval ago.
            self.assertEqual(1, len(RunDirectory(run.directory).ops()))
            run.end_task(0, 3)
            run.finish()
            with open(os.path.join(run.directory, "ops.jsonl"), "a", encoding="utf-8") as f:
                f.write('{"points": {"batch"')  # a line cut short by a crash
            for _ in range(2):
                self.assertEqual(0, sync.main([run.directory, "--url", server.url, "--token", "t"]))
            with open(os.path.join(run.directory, "sync.json"), encoding="utf-8") as f:
                state = json.load(f)
        server.close()
        self.assertEqual(1, len(server.created))
        self.assertEqual((7, 3), (state["run_id"], state["done"]))
        self.assertEqual([0.25], [p["value"] for p in server.stored_points()])
        self.assertEqual([(0, 3)], server.boundaries)
        self.assertEqual("succeeded", server.finished[0]["status"])

    def test_uncaught_exception_at_exit_marks_offline_run_failed(self):
        with tempfile.TemporaryDirectory() as root:
            script = ("import sys; sys.path.insert(0, %r); import continualdash\n"
                      "run = continualdash.init('crash', mode='offline', directory=%r)\n"
                      "run.log('loss', 1.0, 1)\n"
                      "raise RuntimeError('out of memory')\n") % (os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."), root)
            subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
            (name,) = os.listdir(root)
            ops = RunDirectory(os.path.join(root, name)).ops()
        self.assertEqual(1, len(ops[0]["points"]["points"]))
        self.assertEqual({"status": "failed", "error": "RuntimeError: out of memory"}, ops[-1]["finish"])

    def test_resume_is_refused_offline(self):
        with self.assertRaises(ValueError):
            continualdash.init("off", mode="offline", resume=3)


if __name__ == "__main__":
    unittest.main()
