"""The tracking API over urllib: one request, and what its failure means for the caller."""

import json
import urllib.error
import urllib.request
from typing import Any, Dict, Optional

# The server takes up to 10,000 points per request (413 above); half leaves room for a proxy's body limit.
MAX_BATCH = 5000
# Longest wait a Retry-After may impose on one request.
MAX_RETRY_AFTER = 300.0


class Rejected(Exception):
    """The server refused the request for good (4xx): sending the same request again cannot help."""


class TooLarge(Rejected):
    """413: the request is larger than the server or a proxy takes; a smaller one may pass."""


class RetryLater(Exception):
    """503 or 429 with Retry-After (the server is busy, e.g. a locked SQLite file): wait ``delay`` seconds."""

    def __init__(self, message: str, delay: float) -> None:
        super().__init__(message)
        self.delay = delay


def request(server: str, path: str, token: str, body: Optional[Dict[str, Any]] = None,
            timeout: float = 10.0) -> Any:
    """Sends ``body`` as JSON (POST) or GETs ``path``; returns the parsed answer.

    Raises :class:`Rejected` (or :class:`TooLarge`) for an answer that will not change, :class:`RetryLater`
    when the server says when to come back, and ``OSError`` (URLError, timeouts, 5xx) for everything else
    worth retrying."""
    data = None
    headers = {"Authorization": "Bearer " + token}
    if body is not None:
        try:
            data = json.dumps(body, allow_nan=False).encode("utf-8")
        except ValueError as e:  # NaN or infinity in the configuration
            raise Rejected("not JSON: %s" % e) from None
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(server + path, data=data, method="POST" if body is not None else "GET",
                                 headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            payload = response.read()
    except urllib.error.HTTPError as e:
        detail = e.read().decode("utf-8", "replace")[:500]
        message = "HTTP %d %s" % (e.code, detail)
        if e.code == 413:
            raise TooLarge(message) from None
        delay = _retry_after(e.headers.get("Retry-After"))
        if e.code in (429, 503) and delay is not None:
            raise RetryLater(message, delay) from None
        # 408/429 and 5xx are the server being busy or away; other 4xx will not get better by retrying.
        if 400 <= e.code < 500 and e.code not in (408, 429):
            raise Rejected(message) from None
        raise
    return json.loads(payload) if payload else {}


def _retry_after(value: Optional[str]) -> Optional[float]:
    """Retry-After in seconds (an HTTP date counts as a short wait); None when absent or unreadable."""
    if not value:
        return None
    try:
        return min(MAX_RETRY_AFTER, max(0.0, float(value)))
    except ValueError:
        return 5.0
