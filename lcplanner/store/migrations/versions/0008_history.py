"""Every change to a plan is kept: who, when, which item and field, old and new value.

Revision ID: 0008_history
Revises: 0006_deleted_items
"""
from alembic import op
import sqlalchemy as sa

revision = "0008_history"
down_revision = "0007_row_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.String(length=100), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_change_history_changed_at"), "change_history", ["changed_at"])
    op.create_index(op.f("ix_change_history_plan_id"), "change_history", ["plan_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_change_history_plan_id"), table_name="change_history")
    op.drop_index(op.f("ix_change_history_changed_at"), table_name="change_history")
    op.drop_table("change_history")
