"""Every item row carries a version counter and who changed it last, and when.

Several editors can share one store on a server: an edit made on a stale version is refused
instead of overwriting someone else's (see ``lcplanner.services.versions``). Existing rows start
at version 1, changed by nobody known, at the time of the upgrade.

Revision ID: 0007_row_versions
Revises: 0006_deleted_items
"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa

revision = "0007_row_versions"
down_revision = "0006_deleted_items"
branch_labels = None
depends_on = None

#: The tables of the items (every row with a position), as of this revision.
TABLES = ("plans", "status_labels", "committee_papers", "recommendations", "paper_sections",
          "appendices", "background_papers", "narrative_sections", "narrative_points", "themes",
          "portfolios", "service_groups", "priorities", "outputs", "sub_points", "work_areas",
          "core_areas", "objectives", "sub_priorities", "milestones", "milestone_dates",
          "policy_events", "pledge_areas", "pledges", "pledge_points")


def upgrade() -> None:
    # Stamps are kept in UTC without a zone, as the model writes them (not the server's clock
    # in its own time zone).
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False,
                                       server_default="1"))
            batch.add_column(sa.Column("changed_by", sa.String(length=100), nullable=False,
                                       server_default=""))
            batch.add_column(sa.Column("changed_at", sa.DateTime(), nullable=True))
        op.get_bind().execute(sa.text(f"UPDATE {table} SET changed_at = :now"), {"now": now})


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("changed_at")
            batch.drop_column("changed_by")
            batch.drop_column("version")
