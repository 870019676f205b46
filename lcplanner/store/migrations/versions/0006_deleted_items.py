"""Deleted items are kept for 30 days, to be restored after a restart.

Revision ID: 0006_deleted_items
Revises: 0005_dictionary_words
"""
from alembic import op
import sqlalchemy as sa

revision = "0006_deleted_items"
down_revision = "0005_dictionary_words"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deleted_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_deleted_items_deleted_at"), "deleted_items", ["deleted_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_deleted_items_deleted_at"), table_name="deleted_items")
    op.drop_table("deleted_items")
