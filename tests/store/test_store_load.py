"""Load on the shared server: 8 writer processes × 200 autosaves on 4 shared drafts.

No acknowledged write is lost (each writer's last acknowledged value is what is stored, and every acknowledged write
is exactly one draft version), and nobody deadlocks or fails (every process finishes without an error). Latency
figures come from ``benchmarks/store.py``, not from here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from beian_desktop.store import open_store
from fixtures_common import pg_server  # noqa: F401 - fixture
from pg_support import IsolatedSchema

WRITER = Path(__file__).with_name("office_writer.py")
WRITERS, AUTOSAVES, DRAFTS = 8, 200, 4


def test_eight_stations_autosaving_into_four_shared_drafts(pg_server, tmp_path):  # noqa: F811
    schema = IsolatedSchema(pg_server)
    try:
        with open_store(schema.url) as store:
            drafts = [store.drafts.create() for _ in range(DRAFTS)]
        go = tmp_path / "go"
        procs = [
            subprocess.Popen([sys.executable, str(WRITER), schema.url, str(w), str(AUTOSAVES), str(go), *drafts],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for w in range(WRITERS)
        ]
        go.touch()
        results = []
        for proc in procs:
            out, err = proc.communicate(timeout=600)  # a deadlock would hang here (or be reported by the server)
            assert proc.returncode == 0 and "Traceback" not in err, err[-2000:]
            results.append(json.loads(out))
        assert sum(r["writes"] for r in results) == WRITERS * AUTOSAVES
        with open_store(schema.url, migrate=False) as store:
            for draft_id in drafts:
                fields = store.drafts.fields(draft_id)
                for result in results:  # the last acknowledged write of every writer is stored
                    value, version = result["acked"][draft_id]
                    assert fields[result["path"]] == value
                # every autosave changed its field: one version each, none lost, none merged
                assert store.drafts.version(draft_id) == 1 + WRITERS * AUTOSAVES // DRAFTS
    finally:
        schema.drop()
