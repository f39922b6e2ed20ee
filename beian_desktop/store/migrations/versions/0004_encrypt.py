"""Personal data encrypted at rest: the data key table, per-database settings, ID-number lookups; encrypt in place.

Creates ``store_keys`` (wrappings of the database's data key) and ``store_settings`` (retention), adds
``draft_fields.lookup`` (keyed hash of ID numbers), makes the data key (OS keyring, or a passphrase where there is
none; the key source is passed in ``config.attributes["keys"]``) and encrypts every sensitive field value and every
stored file of an existing database, in the migration's single transaction (after the usual backup, see
:mod:`beian_desktop.store.migrate`, which securely deletes the plain backups once the upgrade is verified).
Downgrade decrypts everything and drops what this revision added.

Revision ID: 0004_encrypt
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context, op

from beian_desktop.store import keys as K
from beian_desktop.store.crypto import Cipher, is_sealed_blob, is_sensitive

revision = "0004_encrypt"
down_revision = "0003"
branch_labels = None
depends_on = None

_fields = sa.table(
    "draft_fields",
    sa.column("draft_id", sa.String(32)),
    sa.column("path", sa.String(255)),
    sa.column("value", sa.JSON()),
    sa.column("lookup", sa.String(64)),
)
_blobs = sa.table("blobs", sa.column("sha256", sa.String(64)), sa.column("data", sa.LargeBinary()))


def _key_source() -> K.KeySource:
    source = context.config.attributes.get("keys")
    return source if source is not None else K.KeySource()


def _convert(conn: sa.Connection, field, blob, *, lookups: Cipher | None) -> None:  # noqa: ANN001
    rows = conn.execute(sa.select(_fields.c.draft_id, _fields.c.path, _fields.c.value)).all()
    for draft_id, path, value in rows:
        if not is_sensitive(path):
            continue
        values = {"value": field(draft_id, path, value)}
        if lookups is not None:
            values["lookup"] = lookups.lookup(path, value)
        conn.execute(
            sa.update(_fields).where(_fields.c.draft_id == draft_id, _fields.c.path == path).values(**values)
        )
    for (digest,) in conn.execute(sa.select(_blobs.c.sha256)).all():
        data = conn.execute(sa.select(_blobs.c.data).where(_blobs.c.sha256 == digest)).scalar_one()
        conn.execute(sa.update(_blobs).where(_blobs.c.sha256 == digest).values(data=blob(digest, bytes(data))))


def upgrade() -> None:
    op.create_table(
        "store_keys",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("key_id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_store_keys"),
    )
    op.create_table(
        "store_settings",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("name", name="pk_store_settings"),
    )
    with op.batch_alter_table("draft_fields") as batch:
        batch.add_column(sa.Column("lookup", sa.String(64), nullable=True))
        batch.create_index("ix_draft_fields_lookup", ["lookup"])

    if context.is_offline_mode():  # SQL rendered for review: the data is converted when the app upgrades online
        return
    conn = op.get_bind()
    _key_id, data_key = _key_source().create(conn)
    cipher = Cipher(data_key)

    def blob(digest: str, data: bytes) -> bytes:
        return data if is_sealed_blob(data) and _opens(cipher, digest, data) else cipher.seal_blob(digest, data)

    _convert(conn, cipher.seal_value, blob, lookups=cipher)


def _opens(cipher: Cipher, digest: str, data: bytes) -> bool:
    try:
        cipher.open_blob(digest, data)
    except Exception:  # noqa: BLE001 - a plain file that happens to start with the magic bytes
        return False
    return True


def downgrade() -> None:
    if not context.is_offline_mode():
        conn = op.get_bind()
        _key_id, cipher = _key_source().unlock(conn)
        _convert(conn, cipher.open_value, cipher.open_blob, lookups=None)
    with op.batch_alter_table("draft_fields") as batch:
        batch.drop_index("ix_draft_fields_lookup")
        batch.drop_column("lookup")
    op.drop_table("store_settings")
    op.drop_table("store_keys")
