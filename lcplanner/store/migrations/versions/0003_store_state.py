"""The store remembers whether an editor has it open, to notice a copy without its -wal.

Revision ID: 0003_store_state
Revises: 0002_milestone_owner
"""
from alembic import op
import sqlalchemy as sa

revision = "0003_store_state"
down_revision = "0002_milestone_owner"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "store_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("in_use", sa.Boolean(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("store_state")
