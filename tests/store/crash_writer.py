"""Writer process for the crash test: autosaves forever and prints each committed value to stdout after commit.

Usage: python crash_writer.py URL DRAFT_ID FIRST_VALUE
"""

from __future__ import annotations

import os
import sys

from beian_desktop.domain.model import FileRef
from beian_desktop.store import open_store


def main() -> None:
    url, draft_id, first = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = open_store(url, migrate=False)
    value = first
    while True:
        if value % 4 == 0:  # a whole-form save with a new photo, like attaching an image
            app = store.drafts.load(draft_id)
            digest = store.blobs.put(os.urandom(32 * 1024) + str(value).encode())
            app.photo_verification.photo = FileRef(slot="photo", sha256=digest)
            app.contact.phone = f"139{value:08d}"[-11:]
            app.notes = f"v{value}"
            store.drafts.save(draft_id, app)
        else:  # a keystroke autosave
            store.drafts.save_field(draft_id, "notes", f"v{value}")
        print(value, flush=True)
        value += 1


if __name__ == "__main__":
    main()
