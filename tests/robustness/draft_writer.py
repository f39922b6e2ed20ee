"""One of two processes editing the same draft for the lost-update test.

Usage: python draft_writer.py URL DRAFT_ID MODE COUNT
MODE ``field``: COUNT autosaves of ``notes`` (like typing in the GUI).
MODE ``whole``: COUNT whole-draft saves that change ``contact.email`` (like ``progress``): load with the version,
change, save only the change checked against that version, re-apply on a conflict.
Prints one JSON line per committed write: {"value", "version"}.
"""

from __future__ import annotations

import copy
import json
import sys

from beian_desktop.store import DraftConflict, open_store


def main() -> None:
    url, draft_id, mode, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    store = open_store(url, migrate=False, busy_timeout=30)
    conflicts = 0
    for i in range(count):
        if mode == "field":
            value = f"note-{i}"
            version = store.drafts.save_field(draft_id, "notes", value)
        else:
            value = f"mail{i}@example.com"
            while True:
                app, seen = store.drafts.load_versioned(draft_id)
                base = copy.deepcopy(app)
                app.contact.email = value
                try:
                    version = store.drafts.save(draft_id, app, base=base, expected_version=seen)
                    break
                except DraftConflict:
                    conflicts += 1
        print(json.dumps({"value": value, "version": version}), flush=True)
    print(json.dumps({"conflicts": conflicts}), flush=True)
    store.close()


if __name__ == "__main__":
    main()
