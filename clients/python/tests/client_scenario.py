"""Drives the continualdash package against a real server through a switchable proxy, for the server's test suite.

usage: client_scenario.py SERVER_URL TOKEN

The proxy forwards to the server, or plays a server that is away: in "lose" mode it forwards a request
and then drops the answer (the client must retry with the same batch key, and the server store it once);
in "down" mode it closes every connection unanswered. The script logs 2 tasks x 300 iterations of
accuracy through those outages, then prints one JSON line with what it saw. The caller checks the database.
"""

import http.server
import json
import logging
import os
import sys
import threading
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import continualdash  # noqa: E402


class Proxy(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, upstream: str) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.upstream = upstream
        self.mode = "up"
        self.lost = threading.Event()
        self.refused = 0
        self.batch_keys = []  # every metrics batch key the proxy saw, retries included
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return "http://127.0.0.1:%d" % self.server_address[1]


class Handler(http.server.BaseHTTPRequestHandler):
    server: Proxy

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        proxy = self.server
        with proxy.lock:
            mode = proxy.mode
            if mode == "down":
                proxy.refused += 1
            if self.path.endswith("/metrics"):
                proxy.batch_keys.append(json.loads(body).get("batch"))
        if mode == "down":
            self.close_connection = True
            return
        request = urllib.request.Request(proxy.upstream + self.path, data=body, method="POST", headers={
            "Content-Type": self.headers["Content-Type"], "Authorization": self.headers["Authorization"]})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, payload = response.status, response.read()
        except urllib.error.HTTPError as e:
            status, payload = e.code, e.read()
        if mode == "lose" and self.path.endswith("/metrics"):
            with proxy.lock:
                proxy.mode = "down"  # the answer is lost, and the server stays away for a while
            proxy.lost.set()
            self.close_connection = True
            return
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def main() -> int:
    server_url, token = sys.argv[1], sys.argv[2]
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    proxy = Proxy(server_url)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()

    run = continualdash.init("python-client", url=proxy.url, token=token, experiment="client-test",
                             config={"strategy": "ER", "lr": 0.01}, tags=["python"], tasks=["a", "b"],
                             flush_interval=0.05, max_retry_delay=0.2)
    for i in range(300):
        run.log("accuracy", i / 300, iteration=i, task=0)
    run.log("loss", float("nan"), iteration=0)  # skipped with a warning, never sent
    assert run.flush(timeout=30), "first flush"
    run.end_task(0, iteration=299)

    proxy.mode = "lose"
    for i in range(300, 600):
        run.log("accuracy", i / 600, iteration=i, task=0)
        run.log("accuracy", i / 600, iteration=i, task=1)
    assert proxy.lost.wait(30), "the proxy never lost an answer"
    # The server is away: the client must keep buffering and retrying without raising.
    for i in range(600, 610):
        run.log("accuracy", 0.5, iteration=i, task=1)
    while proxy.refused < 3:
        assert run.flush(timeout=0.05) is False or proxy.refused >= 3, "flush succeeded while the server is away"
    proxy.mode = "up"

    run.end_task(1, iteration=609)
    assert run.finish(timeout=60), "finish"
    keys = proxy.batch_keys
    print(json.dumps({"runId": run.id, "refused": proxy.refused, "batches": len(keys), "distinctBatches": len(set(keys)),
                      "retried": len(keys) - len(set(keys))}))
    proxy.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
