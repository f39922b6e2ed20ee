"""Kill a writer process (SIGKILL) in the middle of autosaving, many times: the database must always open, pass
``PRAGMA integrity_check`` and hold the last value the writer reported as committed (or the one after it, whose
commit may have finished just before the kill)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from beian_desktop.store import open_store
from store_helpers import sample_application, sqlite_url

WRITER = Path(__file__).with_name("crash_writer.py")
KILLS = 30

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)"),
]


def _run_and_kill(url: str, draft_id: str, first: int, rng: random.Random) -> int | None:
    """Start the writer, let it commit for a random short while, SIGKILL it; return the last value it printed."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), url, draft_id, str(first)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        line = proc.stdout.readline()  # first commit done: the writer is in its loop
        assert line, proc.stderr.read().decode(errors="replace")
        time.sleep(rng.uniform(0.0, 0.08))
        os.kill(proc.pid, signal.SIGKILL)
        rest = proc.stdout.read()  # everything printed before the kill is still in the pipe
    finally:
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    printed = [int(x) for x in (line + rest).split()]
    return printed[-1] if printed else None


def test_sigkill_during_autosave_never_loses_committed_state(tmp_path):
    rng = random.Random(20261128)
    url = sqlite_url(tmp_path / "crash.sqlite3")
    with open_store(url) as store:
        draft_id = store.drafts.create(sample_application())
    first = 0
    for round_no in range(KILLS):
        last = _run_and_kill(url, draft_id, first, rng)
        assert last is not None and last >= first
        with open_store(url) as store:
            assert store.integrity_check() == [], f"round {round_no}"
            app = store.drafts.load(draft_id)
            stored = int(app.notes.removeprefix("v"))
            assert stored in (last, last + 1), f"round {round_no}: printed {last}, stored {stored}"
            photo = app.photo_verification.photo.sha256
            if photo:
                assert store.blobs.exists(photo)  # a saved reference always has its file
            assert app.subject.name == sample_application().subject.name  # untouched fields survive
            assert len(store.drafts.list()) == 1
        first = stored + 1
