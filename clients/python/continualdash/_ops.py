"""Sending one stored operation (a points batch, a boundary, a finish) to a run; shared by the online sender
and ``continualdash-sync``."""

from typing import Any, Dict

from . import _http


def send(server: str, token: str, run_id: int, op: Dict[str, Any], timeout: float) -> None:
    if "points" in op:
        send_points(server, token, run_id, op["points"], timeout)
    elif "boundary" in op:
        _http.request(server, "/api/runs/%d/boundaries" % run_id, token, op["boundary"], timeout)
    elif "finish" in op:
        _http.request(server, "/api/runs/%d/finish" % run_id, token, op["finish"], timeout)
    else:
        raise _http.Rejected("unknown operation %s" % sorted(op))


def send_points(server: str, token: str, run_id: int, batch: Dict[str, Any], timeout: float) -> None:
    """Sends a keyed batch; on 413 sends its two halves under derived keys (``KEY/0``, ``KEY/1``), so a
    resend after an interruption splits the same way and the server still stores every point once."""
    try:
        _http.request(server, "/api/runs/%d/metrics" % run_id, token, batch, timeout)
    except _http.TooLarge:
        points = batch["points"]
        if len(points) < 2:
            raise
        half = len(points) // 2
        for i, part in enumerate((points[:half], points[half:])):
            send_points(server, token, run_id, {"batch": "%s/%d" % (batch["batch"], i), "points": part}, timeout)
