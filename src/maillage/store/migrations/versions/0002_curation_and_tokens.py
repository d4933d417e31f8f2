"""curation overlay columns, entity merge redirects and API tokens

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 17:35:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into", sa.String(length=120), nullable=True))
        batch_op.create_index("ix_entities_merged_into", ["merged_into"], unique=False)
    with op.batch_alter_table("facts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("curation", sa.String(length=16), nullable=True))
        batch_op.add_column(
            sa.Column("origin", sa.String(length=16), nullable=False, server_default="extracted")
        )
        batch_op.add_column(sa.Column("history", sa.JSON(), nullable=False, server_default="[]"))
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("read_only", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("name", name=op.f("uq_api_tokens_name")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )


def downgrade() -> None:
    op.drop_table("api_tokens")
    with op.batch_alter_table("facts", schema=None) as batch_op:
        batch_op.drop_column("history")
        batch_op.drop_column("origin")
        batch_op.drop_column("curation")
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.drop_index("ix_entities_merged_into")
        batch_op.drop_column("merged_into")
