"""Pledge areas keep their introduction.

Revision ID: 0004_pledge_area_description
Revises: 0003_store_state
"""
from alembic import op
import sqlalchemy as sa

revision = "0004_pledge_area_description"
down_revision = "0003_store_state"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pledge_areas") as batch:
        batch.add_column(sa.Column("description", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("pledge_areas") as batch:
        batch.drop_column("description")
