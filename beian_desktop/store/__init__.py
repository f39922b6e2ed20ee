"""Draft store: SQLAlchemy 2 models, Alembic migrations, the draft repository and content-addressed files.

Usage::

    from beian_desktop.store import open_store

    with open_store() as store:             # default SQLite file; created and migrated (backup first)
        draft_id = store.drafts.create()
        store.drafts.save_field(draft_id, "subject.name", "某某有限公司")
        app = store.drafts.load(draft_id)
"""

from beian_desktop.store.blobs import BlobStore
from beian_desktop.store.errors import (
    AmbiguousDraftId,
    BlobNotFound,
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseTooNew,
    DatabaseUnavailable,
    DraftConflict,
    DraftNotFound,
    FieldConflict,
    InvalidDraftFile,
    InvalidValue,
    UnknownField,
    SecretRejected,
    ServerUnavailable,
    StoreError,
)
from beian_desktop.store.repository import DraftRepository, DraftSummary
from beian_desktop.store.store import Store, open_store

__all__ = [
    "AmbiguousDraftId",
    "BlobNotFound",
    "BlobStore",
    "DatabaseCorrupt",
    "DatabaseLocked",
    "DatabaseTooNew",
    "DatabaseUnavailable",
    "DraftConflict",
    "DraftNotFound",
    "DraftRepository",
    "DraftSummary",
    "FieldConflict",
    "InvalidDraftFile",
    "InvalidValue",
    "UnknownField",
    "SecretRejected",
    "ServerUnavailable",
    "Store",
    "StoreError",
    "open_store",
]
