"""What encryption at rest costs: autosave of one field, and opening a draft with 10 MB of pictures.

    python benchmarks/privacy.py [--runs N]

Two SQLite stores in a temporary folder, measured interleaved in the same run: the real one (AES-256-GCM on the
sensitive field values and on every file) and a baseline with the same code and an identity cipher (what the store
cost before encryption). Targets (issue 13): autosave of one field ≤ 5 ms median encrypted; opening the draft with its
pictures ≤ 1.5× the plain time. The key comes from a throw-away keyring in the temporary folder (no passphrase,
nothing written to the real keyring).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import interleaved, median  # noqa: E402

PICTURES = 5
PICTURE_BYTES = 2 * 1024 * 1024  # 5 × 2 MB = 10 MB


class _MemoryKeyring:
    """A throw-away keyring backend (the benchmark never touches the real one)."""

    def __new__(cls):
        from keyring.backend import KeyringBackend

        class Memory(KeyringBackend):
            priority = 1
            data: dict = {}

            def get_password(self, service, username):
                return self.data.get((service, username))

            def set_password(self, service, username, password):
                self.data[(service, username)] = password

            def delete_password(self, service, username):
                self.data.pop((service, username), None)

        return Memory()


def _identity_cipher(real):
    """The baseline: the store's code path with encryption replaced by the identity."""
    from beian_desktop.store.crypto import Cipher

    class Identity(Cipher):
        def seal_value(self, draft_id, path, value):
            return value

        def open_value(self, draft_id, path, stored):
            return stored

        def seal_blob(self, sha256, data):
            return data

        def open_blob(self, sha256, stored):
            return stored

    cipher = Identity.__new__(Identity)
    cipher.__dict__.update(real.__dict__)
    return cipher


def _picture(seed: int) -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(PICTURE_BYTES - 11) + bytes([seed])


def _fill(store) -> str:
    from beian_desktop.sample import sample_application

    draft_id = store.drafts.create(sample_application())
    refs = []
    for i in range(PICTURES):
        digest = store.blobs.put(_picture(i), media_type="image/jpeg")
        refs.append({"slot": f"doc{i}", "sha256": digest, "filename": f"{i}.jpg", "fixed_sha256": "", "verdict": ""})
    store.drafts.save_field(draft_id, "documents", refs)
    return draft_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=41)
    args = parser.parse_args()
    import keyring

    keyring.set_keyring(_MemoryKeyring())
    from beian_desktop.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BEIAN_DESKTOP_HOME"] = tmp
        encrypted = open_store(f"sqlite:///{Path(tmp) / 'encrypted.sqlite3'}")
        plain = open_store(f"sqlite:///{Path(tmp) / 'plain.sqlite3'}")
        plain.cipher = _identity_cipher(plain.cipher)
        stores = {"encrypted": encrypted, "plain": plain}
        ids = {name: _fill(store) for name, store in stores.items()}
        counter = {"n": 0}

        def autosave(name):
            def run():
                counter["n"] += 1
                stores[name].drafts.save_field(ids[name], "principal.mobile", f"139{counter['n']:08d}")
            return run

        def open_draft(name):
            def run():
                app = stores[name].drafts.load(ids[name])
                total = sum(len(stores[name].blobs.get(ref.sha256)) for ref in app.documents)
                assert total >= PICTURES * PICTURE_BYTES
            return run

        saves = interleaved({n: autosave(n) for n in stores}, args.runs, warmup=3)
        opens = interleaved({n: open_draft(n) for n in stores}, max(7, args.runs // 3), warmup=1)
        for store in stores.values():
            store.close()

    from beian_desktop.store.crypto import Cipher

    cipher = Cipher(os.urandom(32))
    seal = interleaved({"seal+open": lambda: cipher.open_value("d", "principal.mobile",
                                                               cipher.seal_value("d", "principal.mobile", "13957112345"))},
                       2000, warmup=10)["seal+open"]
    save_enc, save_plain = median(saves["encrypted"]) * 1000, median(saves["plain"]) * 1000
    open_enc, open_plain = median(opens["encrypted"]) * 1000, median(opens["plain"]) * 1000
    print(f"autosave of one sensitive field (median of {args.runs}): encrypted {save_enc:.2f} ms, "
          f"plain {save_plain:.2f} ms, +{save_enc - save_plain:.2f} ms  (target ≤ 5 ms encrypted: "
          f"{'met' if save_enc <= 5 else 'MISSED'})")
    print(f"  of which AES-GCM: encrypt + decrypt one field value {median(seal) * 1e6:.0f} µs (median of 2000); the rest "
          "is the store's own write (SQLite with synchronous=FULL: one fsync per autosave)")
    print(f"open a draft with {PICTURES * PICTURE_BYTES / 1e6:.1f} MB of pictures (median of {len(opens['plain'])}): "
          f"encrypted {open_enc:.1f} ms, plain {open_plain:.1f} ms, ratio {open_enc / open_plain:.2f}×  "
          f"(target ≤ 1.5×: {'met' if open_enc / open_plain <= 1.5 else 'MISSED'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
