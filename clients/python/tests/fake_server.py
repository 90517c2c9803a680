"""A stand-in of the tracking API for the client's unit tests: records every request, stores batches by key,
and can answer 413 above a point count or 503 with Retry-After."""

import http.server
import json
import threading
import time


class FakeServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, max_points=10_000, busy_times=0, retry_after="0.3"):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.max_points, self.busy_times, self.retry_after = max_points, busy_times, retry_after
        self.requests = []  # (time, path, body, status)
        self.batches = {}   # key -> points stored
        self.boundaries, self.finished, self.created = [], [], []
        self.lock = threading.Lock()
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.server_address[1]

    def stored_points(self):
        with self.lock:
            return [p for points in self.batches.values() for p in points]

    def close(self):
        self.shutdown()
        self.server_close()


class _Handler(http.server.BaseHTTPRequestHandler):
    server: FakeServer

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        s = self.server
        with s.lock:
            status, answer, headers = 200, {}, {}
            if self.path == "/api/runs":
                s.created.append(body)
                status, answer = 201, {"id": 7, "url": s.url + "/runs/7"}
            elif self.path.endswith("/metrics"):
                if s.busy_times > 0:
                    s.busy_times -= 1
                    status, headers = 503, {"Retry-After": s.retry_after}
                elif len(body["points"]) > s.max_points:
                    status = 413
                elif body["batch"] in s.batches:
                    answer = {"stored": 0, "duplicate": True}
                else:
                    s.batches[body["batch"]] = body["points"]
                    answer = {"stored": len(body["points"]), "duplicate": False}
            elif self.path.endswith("/boundaries"):
                s.boundaries.append((body["task"], body["iteration"]))
            elif self.path.endswith("/finish"):
                s.finished.append(body)
            s.requests.append((time.monotonic(), self.path, body, status))
        payload = json.dumps(answer).encode()
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
