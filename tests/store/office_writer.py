"""One station of the load test: COUNT field autosaves spread over the shared drafts.

Usage: python office_writer.py URL WRITER COUNT GO_FILE DRAFT_ID...
Writer ``w`` owns one field (``FIELDS[w]``) in every draft and types into it like the GUI's autosave: each write is
based on its own previous write of that field (per-field base version). Waits for GO_FILE so that all writers start
together. Prints one JSON line: the last acknowledged value and version per draft, and the number of writes.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from beian_desktop.store import open_store

FIELDS = ["notes", "contact.email", "contact.phone", "subject.mailing_address", "principal.name", "principal.mobile",
          "principal.email", "subject.investor"]


def main() -> None:
    url, writer, count, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
    drafts = sys.argv[5:]
    path = FIELDS[writer]
    store = open_store(url, migrate=False, busy_timeout=60, station=f"station-{writer}")
    bases = {d: store.drafts.version(d) for d in drafts}
    while not go.exists():
        time.sleep(0.01)
    acked: dict[str, list] = {}
    for i in range(count):
        draft_id = drafts[(i + writer) % len(drafts)]
        value = f"w{writer}-{i}"
        version = store.drafts.save_field(draft_id, path, value, base_version=bases[draft_id])
        bases[draft_id] = version
        acked[draft_id] = [value, version]
    print(json.dumps({"writer": writer, "path": path, "acked": acked, "writes": count}), flush=True)
    store.close()


if __name__ == "__main__":
    main()
