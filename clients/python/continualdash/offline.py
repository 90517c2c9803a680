"""A run on disk: what an offline run writes as it goes, and what an online run spills when its buffer is full.

A run directory holds

- ``run.json``: the run's specification (name, experiment, config, tags, tasks) and a random ``key``;
- ``ops.jsonl``: the operations in order, one JSON object a line: ``{"points": {"batch": KEY, "points": [...]}}``,
  ``{"boundary": {"task": T, "iteration": I}}``, ``{"finish": {"status": S, "error": E}}``;
- ``sync.json``: where it went: ``{"server", "run_id", "url", "done"}`` (operations uploaded so far).

Every operation is idempotent on the server (a batch key is stored once, a repeated boundary or finish is
accepted), so uploading any operation twice, e.g. after an interrupted ``continualdash-sync``, stores it once.
A line cut short by a crash is ignored.
"""

import json
import os
import re
import time
import uuid
from typing import Any, Dict, List, Optional

DEFAULT_ROOT = "continualdash-runs"


class RunDirectory:
    """One run's directory (see the module's doc)."""

    def __init__(self, path: str) -> None:
        self.path = path

    @classmethod
    def create(cls, root: Optional[str], spec: Dict[str, Any]) -> "RunDirectory":
        """A new directory under ``root`` (default ``$CONTINUALDASH_DIR`` or ``./continualdash-runs``)."""
        root = root or os.environ.get("CONTINUALDASH_DIR") or DEFAULT_ROOT
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", str(spec.get("name") or "run"))[:60]
        key = uuid.uuid4().hex[:12]
        directory = cls(os.path.join(root, "%s-%s-%s" % (time.strftime("%Y%m%d-%H%M%S"), slug, key)))
        os.makedirs(directory.path)
        _write_atomic(os.path.join(directory.path, "run.json"), {"format": 1, "key": key, "spec": spec})
        return directory

    @property
    def exists(self) -> bool:
        return os.path.isfile(os.path.join(self.path, "run.json"))

    def run(self) -> Dict[str, Any]:
        with open(os.path.join(self.path, "run.json"), encoding="utf-8") as f:
            return json.load(f)

    def append(self, ops: List[Dict[str, Any]]) -> None:
        """Appends operations; each line is flushed to the OS at once, so a killed process loses none."""
        if not ops:
            return
        text = "".join(json.dumps(op, allow_nan=False, separators=(",", ":")) + "\n" for op in ops)
        with open(os.path.join(self.path, "ops.jsonl"), "a", encoding="utf-8") as f:
            f.write(text)

    def ops(self) -> List[Dict[str, Any]]:
        """The operations written so far; a last line cut short by a crash is left out."""
        try:
            with open(os.path.join(self.path, "ops.jsonl"), encoding="utf-8") as f:
                lines = f.read().split("\n")
        except FileNotFoundError:
            return []
        result = []
        for line in lines:
            if not line:
                continue
            try:
                result.append(json.loads(line))
            except ValueError:
                break
        return result

    def state(self) -> Dict[str, Any]:
        try:
            with open(os.path.join(self.path, "sync.json"), encoding="utf-8") as f:
                return json.load(f)
        except FileNotFoundError:
            return {"server": None, "run_id": None, "url": None, "done": 0}

    def save_state(self, state: Dict[str, Any]) -> None:
        _write_atomic(os.path.join(self.path, "sync.json"), state)


def _write_atomic(path: str, value: Dict[str, Any]) -> None:
    # Write-then-rename: a crash leaves the old file or the new one, never half of one.
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as f:
        json.dump(value, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)
