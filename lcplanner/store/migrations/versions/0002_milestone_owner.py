"""Milestones get an owner, like outputs.

Revision ID: 0002_milestone_owner
Revises: 28a48e7baf90
"""
from alembic import op
import sqlalchemy as sa

revision = "0002_milestone_owner"
down_revision = "28a48e7baf90"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("milestones") as batch:
        batch.add_column(sa.Column("owner", sa.String(length=200), nullable=False,
                                   server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("milestones") as batch:
        batch.drop_column("owner")
