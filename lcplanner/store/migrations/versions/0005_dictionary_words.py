"""A per-store word list for the spell checker.

Revision ID: 0005_dictionary_words
Revises: 0004_pledge_area_description
"""
from alembic import op
import sqlalchemy as sa

revision = "0005_dictionary_words"
down_revision = "0004_pledge_area_description"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dictionary_words",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("word", sa.String(100), nullable=False, unique=True),
    )


def downgrade() -> None:
    op.drop_table("dictionary_words")
