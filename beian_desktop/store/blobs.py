"""Content-addressed storage of images and document files.

Every file is stored encrypted (AES-256-GCM, its SHA-256 as associated data, see :mod:`beian_desktop.store.crypto`);
the hash, size and media type stay clear.

A file is stored once under the SHA-256 of its bytes, in its own table, apart from the form fields: saving a form
field never rewrites a photo, and two drafts (or a duplicate) that use the same scan share one row.
"""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Session

from beian_desktop.i18n import Msg
from beian_desktop.store.errors import BlobNotFound, DatabaseCorrupt
from beian_desktop.store.models import Blob, DraftField

if TYPE_CHECKING:
    from beian_desktop.store.store import Store

log = logging.getLogger(__name__)

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
DEFAULT_GC_GRACE = timedelta(hours=1)

_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
    (b"GIF8", "image/gif"),
    (b"BM", "image/bmp"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sniff_media_type(data: bytes) -> str:
    """The media type told by the first bytes (not by a file name); ``application/octet-stream`` if unknown."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    for magic, media_type in _MAGIC:
        if data.startswith(magic):
            return media_type
    return "application/octet-stream"


class BlobStore:
    """Files by content hash. Obtain it as ``store.blobs``."""

    def __init__(self, store: "Store") -> None:
        self._store = store

    def put(self, data: bytes, *, media_type: str = "") -> str:
        """Store ``data`` (once) and return its SHA-256 hex digest."""
        with self._store.session(write=True) as session:
            return self.put_in(session, data, media_type=media_type)

    def put_in(self, session: Session, data: bytes, *, media_type: str = "") -> str:
        """:meth:`put` inside an open write session (used by import)."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError("blob data must be bytes")
        data = bytes(data)
        digest = sha256_hex(data)
        exists = session.execute(sa.select(Blob.sha256).where(Blob.sha256 == digest)).first()
        if exists is None:
            session.execute(
                sa.insert(Blob).values(
                    sha256=digest,
                    size=len(data),
                    media_type=(media_type or sniff_media_type(data))[:100],
                    data=self._store.cipher.seal_blob(digest, data),  # encrypted at rest (AES-256-GCM)
                    created_at=self._store.now(),
                )
            )
        return digest

    def get(self, sha256: str) -> bytes:
        """The bytes stored under ``sha256``; :class:`BlobNotFound` if missing, :class:`FieldDamaged` when it does not
        decrypt (altered or damaged), :class:`DatabaseCorrupt` if it decrypts to other content."""
        with self._store.session() as session:
            data = session.execute(sa.select(Blob.data).where(Blob.sha256 == sha256)).scalar_one_or_none()
        if data is None:
            raise BlobNotFound.for_hash(str(sha256))
        data = self._store.cipher.open_blob(sha256, bytes(data))
        if sha256_hex(data) != sha256:
            raise DatabaseCorrupt(
                Msg("已保存的文件 {h} 内容已损坏。", "The stored file {h} is damaged.").format(h=sha256[:12]),
                detail="blob hash mismatch",
            )
        return data

    def exists(self, sha256: str) -> bool:
        with self._store.session() as session:
            return session.execute(sa.select(Blob.sha256).where(Blob.sha256 == sha256)).first() is not None

    def media_type(self, sha256: str) -> str:
        with self._store.session() as session:
            value = session.execute(sa.select(Blob.media_type).where(Blob.sha256 == sha256)).scalar_one_or_none()
        if value is None:
            raise BlobNotFound.for_hash(str(sha256))
        return value

    def referenced(self, session: Session, draft_ids: list[str] | None = None) -> set[str]:
        """Hashes referenced by any draft's ``FileRef`` fields (deleted drafts included: they can be undone).

        A ``FileRef`` is stored per field (``photo_verification.photo.sha256``) or inside a list value (the GUI saves
        ``documents`` as one list); both count. ``draft_ids``: only those drafts.
        """
        query = sa.select(DraftField.value).where(DraftField.path.like("%sha256") | (DraftField.path == "documents"))
        if draft_ids is not None:
            query = query.where(DraftField.draft_id.in_(draft_ids))
        found: set[str] = set()
        for value in session.execute(query).scalars():
            _collect_hashes(value, found)
        return found

    def delete_unreferenced(self, session: Session, hashes: set[str]) -> int:
        """Delete those of ``hashes`` that no draft references any more, at once (no grace: used by purge)."""
        doomed = sorted(hashes - self.referenced(session))
        for start in range(0, len(doomed), 500):
            session.execute(sa.delete(Blob).where(Blob.sha256.in_(doomed[start : start + 500])))
        return len(doomed)

    def collect_garbage(self, *, grace: timedelta = DEFAULT_GC_GRACE) -> int:
        """Delete files no draft references and that are older than ``grace``; returns how many.

        The grace period protects a file the GUI has just stored but whose field is not saved yet.
        """
        with self._store.session(write=True) as session:
            used = self.referenced(session)
            cutoff = self._store.now() - grace
            candidates = session.execute(sa.select(Blob.sha256).where(Blob.created_at <= cutoff)).scalars().all()
            doomed = [h for h in candidates if h not in used]
            for start in range(0, len(doomed), 500):
                session.execute(sa.delete(Blob).where(Blob.sha256.in_(doomed[start : start + 500])))
        if doomed:
            log.info("removed %d unreferenced stored files", len(doomed))
        return len(doomed)


def _collect_hashes(value, found: set[str]) -> None:
    if isinstance(value, str):
        if len(value) == 64:
            found.add(value)
    elif isinstance(value, list):
        for item in value:
            _collect_hashes(item, found)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in ("sha256", "fixed_sha256") or isinstance(item, (list, dict)):
                _collect_hashes(item, found)
