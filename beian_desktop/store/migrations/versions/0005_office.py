"""Shared office database: who changed what, when, in which draft version.

* ``draft_fields.changed_version``: the draft version that last wrote this field (field-level conflict checks: two
  stations editing different fields of one draft never conflict);
* ``draft_fields.changed_by`` / ``changed_at``: the station name and the time of that write;
* ``draft_fields.changed_op``: the id of the edit that wrote it, so a replayed offline edit is never applied twice;
* ``drafts.updated_by``: the station of the draft's last change.

Rows written before this revision have NULLs: no station known, changed "before any version" (0).

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0005"
down_revision = "0004_encrypt"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("drafts") as batch:
        batch.add_column(sa.Column("updated_by", sa.String(100), nullable=True))
    with op.batch_alter_table("draft_fields") as batch:
        batch.add_column(sa.Column("changed_version", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("changed_by", sa.String(100), nullable=True))
        batch.add_column(sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("changed_op", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("draft_fields") as batch:
        for column in ("changed_op", "changed_at", "changed_by", "changed_version"):
            batch.drop_column(column)
    with op.batch_alter_table("drafts") as batch:
        batch.drop_column("updated_by")
