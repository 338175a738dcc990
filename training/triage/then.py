"""What the category cues said about each development message *before* they were tuned
on it: the honest stand-in for how the cues do on messages nobody has read.

Every development batch was committed before the cues were tuned on it, so the code of
the commit before a batch was added has never seen that batch's messages. This module
exports that commit's ``socialpolicy`` and ``rules`` (``git archive``) into a temporary
folder and triages the batch with it in a child process. The model's thresholds are
chosen on these predictions combined with the model's leave-one-batch-out scores
(train.py), because today's cues are near perfect on the batches they were tuned on and
would make any model look useless there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

# Run inside the exported tree: triage (id, text) pairs read from stdin, print categories.
_CHILD = """
import json, sys
from socialpolicy.config import Config
from socialpolicy.engine import Linter
from socialpolicy.triage import Message
items = json.load(sys.stdin)
linter = Linter(Config(), rules=[], show_evidence=True, jobs=1)
queue = linter.triage([Message(id=i, text=t, source="<dev>") for i, t in items])
json.dump({q.id: list(q.categories) for q in queue}, sys.stdout)
"""


def _export(commit: str, into: Path) -> None:
    done = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit,
                           "socialpolicy", "rules", "schemas"], capture_output=True, check=True)
    with tarfile.open(fileobj=BytesIO(done.stdout)) as tar:
        tar.extractall(into, filter="data")


def cues_at(commit: str, items: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    """The categories the code of ``commit`` gives each ``(id, text)``."""
    if not items:
        return {}
    with tempfile.TemporaryDirectory(prefix="triage-then-") as tmp:
        _export(commit, Path(tmp))
        env = {**os.environ, "PYTHONPATH": tmp}
        done = subprocess.run([sys.executable, "-c", _CHILD], input=json.dumps(list(items)),
                              capture_output=True, text=True, env=env, cwd=tmp, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"triage at {commit} failed: {done.stderr[-2000:]}")
        result: dict[str, list[str]] = json.loads(done.stdout)
        return result
