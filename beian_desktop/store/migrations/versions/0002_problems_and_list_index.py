"""Draft list: ``problems`` summary column and an index on ``updated_at`` (list order, newest first).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("drafts") as batch:
        batch.add_column(sa.Column("problems", sa.Integer(), nullable=True))
        batch.create_index("ix_drafts_updated_at", ["updated_at"])


def downgrade() -> None:
    with op.batch_alter_table("drafts") as batch:
        batch.drop_index("ix_drafts_updated_at")
        batch.drop_column("problems")
