"""Two processes editing one draft: no lost update, versions count every commit, conflicts are clear and write nothing."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from beian_desktop.domain.model import Application
from beian_desktop.store import open_store
from fixtures_common import db_url, pg_server  # noqa: F401 - fixtures
from robust_helpers import run_in_process

WRITER = Path(__file__).with_name("draft_writer.py")
COUNT = 60


def _start(url: str, draft_id: str, mode: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WRITER), url, draft_id, mode, str(COUNT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_field_autosaves_and_whole_draft_saves_lose_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'drafts.sqlite3'}"
    with open_store(url) as store:
        app = Application()
        app.subject.name = "甲公司"
        draft_id = store.drafts.create(app)
    procs = [_start(url, draft_id, "field"), _start(url, draft_id, "whole")]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
        results.append([json.loads(line) for line in out.splitlines()])
    field_writes, whole_writes = results[0][:-1], results[1][:-1]
    assert len(field_writes) == len(whole_writes) == COUNT
    versions = [w["version"] for w in field_writes + whole_writes]
    assert len(set(versions)) == len(versions)  # no two commits share a version
    for writes in (field_writes, whole_writes):
        assert [w["version"] for w in writes] == sorted(w["version"] for w in writes)
    with open_store(url) as store:
        final = store.drafts.load(draft_id)
        assert store.drafts.version(draft_id) == 1 + 2 * COUNT == max(versions)
    # each writer's last committed value survived the other's writes (no stale copy written back)
    assert final.notes == field_writes[-1]["value"]
    assert final.contact.email == whole_writes[-1]["value"]
    assert final.subject.name == "甲公司"


def test_progress_never_reverts_a_field_set_meanwhile(tmp_path, capsys):
    """The reported bug: `progress` wrote back every field of its stale copy. Interleave it with `drafts set`."""
    url = f"sqlite:///{tmp_path / 'drafts.sqlite3'}"
    with open_store(url) as store:
        draft_id = store.drafts.create(Application())
    setter = subprocess.Popen(
        [sys.executable, "-c", (
            "import sys\n"
            "from beian_desktop import cli\n"
            f"for i in range(20):\n"
            f"    assert cli.main(['--db', {url!r}, 'drafts', 'set', {draft_id!r}, f'contact.phone=1390000{{i:04d}}']) == 0\n"
        )],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    with open_store(url) as store:  # start once the other process writes, then keep going until it is done
        deadline = time.monotonic() + 120
        while store.drafts.version(draft_id) == 1 and setter.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
    rounds = 0
    while setter.poll() is None or rounds < 4:
        status = ("submitted", "first_review")[rounds % 2]
        code, _, err = run_in_process(["--db", url, "progress", draft_id, "--set", status], capsys)
        assert code in (0, 1), err
        rounds += 1
    out, err = setter.communicate(timeout=240)
    assert setter.returncode == 0, err
    with open_store(url) as store:
        final = store.drafts.load(draft_id)
    assert final.contact.phone == "13900000019"  # the last `drafts set` is what is stored


def test_drafts_set_with_a_stale_version_writes_nothing(db_url, capsys):  # noqa: F811 - the fixture
    url = db_url
    with open_store(url) as store:
        draft_id = store.drafts.create(Application())
    code, out, err = run_in_process(["--db", url, "drafts", "set", draft_id, "notes=first", "--if-version", "1", "--json"], capsys)
    assert code == 0 and json.loads(out) == {"id": draft_id, "version": 2}
    # a second writer that also read version 1 loses the race: exit 1, a bilingual message, nothing written
    code, out, err = run_in_process(["--db", url, "--lang", "en", "drafts", "set", draft_id, "notes=second",
                                     "contact.phone=13800138000", "--if-version", "1"], capsys)
    assert code == 1 and out == ""
    assert "version 1" in err and "version 2" in err and "nothing was written" in err
    code, out, err = run_in_process(["--db", url, "drafts", "set", draft_id, "notes=third", "pwd=123456"], capsys)
    assert code == 1 and "pwd" in err and "Traceback" not in err
    with open_store(url) as store:
        app = store.drafts.load(draft_id)
        assert (app.notes, app.contact.phone, store.drafts.version(draft_id)) == ("first", "", 2)
    code, out, _ = run_in_process(["--db", url, "drafts", "set", draft_id[:6], "notes=fourth"], capsys)
    assert code == 0 and out.strip() == "3"
