"""Operations on a database's data key: rotate it (``db rekey``), export it and import it on another machine.

* :func:`rekey` makes a new data key, re-encrypts every sensitive value and every file under it in one transaction,
  removes the old key's wrappings (and their keyring entries) and securely deletes the backups, which are encrypted
  under the old key.
* :func:`export_key` writes the data key into a file protected by a passphrase (scrypt + AES-256-GCM);
  :func:`import_key` checks such a file against the database and adds a wrapping for this machine (its keyring, or
  a passphrase where there is none), so a database moved to another computer, or shared by several stations, opens.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from beian_desktop.i18n import Msg
from beian_desktop.store import keys as K
from beian_desktop.store.crypto import Cipher, is_sensitive
from beian_desktop.store.engine import DATABASE_ERRORS, translate
from beian_desktop.store.models import Blob, DraftField

if TYPE_CHECKING:
    from beian_desktop.store.store import Store

log = logging.getLogger(__name__)


def reencrypt(conn: sa.Connection, old: Cipher, new: Cipher) -> tuple[int, int]:
    """Re-encrypt every sensitive value and file from ``old`` to ``new``; returns (values, files)."""
    values = files = 0
    rows = conn.execute(sa.select(DraftField.draft_id, DraftField.path, DraftField.value)).all()
    for draft_id, path, stored in rows:
        if not is_sensitive(path):
            continue
        value = old.open_value(draft_id, path, stored)
        conn.execute(
            sa.update(DraftField)
            .where(DraftField.draft_id == draft_id, DraftField.path == path)
            .values(value=new.seal_value(draft_id, path, value), lookup=new.lookup(path, value))
        )
        values += 1
    for (digest,) in conn.execute(sa.select(Blob.sha256)).all():
        data = conn.execute(sa.select(Blob.data).where(Blob.sha256 == digest)).scalar_one()
        conn.execute(sa.update(Blob).where(Blob.sha256 == digest).values(data=new.seal_blob(digest, old.open_blob(digest, bytes(data)))))
        files += 1
    return values, files


def rekey(store: "Store", *, prefer: str | None = None) -> str:
    """Rotate the data key (see the module doc); returns the new key id. ``prefer``: auto | keyring | passphrase."""
    from beian_desktop.store import retention
    from beian_desktop.store.migrate import list_backups

    keys = store.keys or K.KeySource()
    with store.session(write=True) as session:
        conn = session.connection()
        old_rows = K.wrappings(conn)
        key_id, data_key = keys.create(conn, prefer=prefer)
        new = Cipher(data_key)
        reencrypt(conn, store.cipher, new)
        conn.execute(sa.delete(K.store_keys).where(K.store_keys.c.id.in_([r["id"] for r in old_rows])))
    store.cipher, store.key_id = new, key_id
    K.forget_keyring_entries(old_rows)
    retention.vacuum(store.engine)
    if store.path is not None:
        for backup in list_backups(store.path):
            retention.shred(backup)
    log.info("the data key was rotated")
    return key_id


def export_key(store: "Store", passphrase: str) -> bytes:
    keys = store.keys or K.KeySource()
    data_key = keys.data_key(store.key_id)
    return K.key_file(passphrase, store.key_id, data_key)


def import_key(engine: Engine, content: bytes, passphrase: str, keys: K.KeySource, *, prefer: str = "auto") -> str:
    """Add this machine's wrapping of the key in ``content`` to the database; returns the key id."""
    key_id, data_key = K.read_key_file(content, passphrase)
    try:
        with engine.connect() as conn, conn.begin():
            rows = K.wrappings(conn)
            if rows and rows[0]["key_id"] != key_id:
                raise K.KeyUnavailable(Msg("该密钥文件属于另一个草稿数据库。", "This key file belongs to another draft database."))
            if rows and not all(K._check(data_key, key_id, r["record"]) for r in rows):
                raise K.KeyUnavailable(Msg("该密钥与草稿数据库不符。", "This key does not match the draft database."))
            K.add_wrapping(conn, key_id, data_key, keys._new_record(key_id, data_key, prefer))
    except DATABASE_ERRORS as error:
        raise translate(error) from None
    keys.remember(key_id, data_key)
    return key_id
