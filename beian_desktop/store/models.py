"""SQLAlchemy 2 ORM models of the draft store.

Five tables, portable between SQLite and PostgreSQL (no dialect-specific SQL):

* ``drafts``: one row per draft, with columns derived from the form for the list view (title, flow, step, status,
  problems) and timestamps. ``deleted_at`` implements undoable deletion. ``version`` grows by one with every
  committed change of the draft, so a writer can say which version its edit is based on.
* ``draft_fields``: one row per flat field path of :meth:`Application.to_flat` (JSON value), so that autosaving one
  field writes one small row.
* ``blobs``: images and document files, stored once by SHA-256 of their content and referenced from fields
  (``FileRef.sha256``), never rewritten by a keystroke.

* ``store_keys`` and ``store_settings`` (revision 0004): the wrapped data key and per-database settings.

Sensitive field values and every blob are stored encrypted (:mod:`beian_desktop.store.crypto`).

The schema itself is owned by the Alembic migrations in ``migrations/versions``; a test checks that these models and
the migrations agree.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(sa.types.TypeDecorator):
    """Timezone-aware UTC datetimes on every backend.

    PostgreSQL stores ``timestamp with time zone``; SQLite has no time zones, so the value is stored as naive UTC and
    comes back with ``tzinfo=UTC`` attached. Naive input is refused (it would be ambiguous).
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


class Draft(Base):
    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    flow: Mapped[str | None] = mapped_column(sa.String(32), nullable=True)
    step: Mapped[str] = mapped_column(sa.String(64), default="start", server_default="start")
    status: Mapped[str] = mapped_column(sa.String(32), default="draft", server_default="draft")
    problems: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)  # added in revision 0002
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)  # index added in revision 0002
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # revision 0003: +1 on every committed change of the draft (optimistic concurrency between processes)
    version: Mapped[int] = mapped_column(sa.Integer, default=1, server_default="1")
    # revision 0005: the station (setting, default the host name) of the last change
    updated_by: Mapped[str | None] = mapped_column(sa.String(100), nullable=True)


class DraftField(Base):
    __tablename__ = "draft_fields"

    draft_id: Mapped[str] = mapped_column(
        sa.String(32), sa.ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True
    )
    path: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    value: Mapped[Any] = mapped_column(sa.JSON, nullable=True)
    # revision 0005: the draft version, station, time and edit id of the last write of this field (NULL: older)
    changed_version: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    changed_by: Mapped[str | None] = mapped_column(sa.String(100), nullable=True)
    changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    changed_op: Mapped[str | None] = mapped_column(sa.String(32), nullable=True)
    # revision 0004: keyed hash (HMAC-SHA256) of an ID number, so a draft can be found without the number in clear
    lookup: Mapped[str | None] = mapped_column(sa.String(64), nullable=True, index=True)


class Blob(Base):
    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    size: Mapped[int] = mapped_column(sa.BigInteger)
    media_type: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class StoreKey(Base):
    """Revision 0004: one wrapping of the database's data key (see :mod:`beian_desktop.store.keys`)."""

    __tablename__ = "store_keys"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    key_id: Mapped[str] = mapped_column(sa.String(32))
    kind: Mapped[str] = mapped_column(sa.String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    record: Mapped[Any] = mapped_column(sa.JSON)


class StoreSetting(Base):
    """Revision 0004: settings that belong to the database (shared by every station using it), e.g. retention."""

    __tablename__ = "store_settings"

    name: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(sa.JSON, nullable=True)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
