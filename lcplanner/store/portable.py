"""SQL that differs between the engines, in one place: the service layer calls these and
never spells a dialect's syntax itself (SQLite's ``INSERT OR IGNORE`` is a syntax error on
PostgreSQL, whose ``ON CONFLICT DO NOTHING`` SQLite also understands through its own dialect).
"""
from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_ignoring_duplicates(session: Session, table: Table, row: dict) -> None:
    """Insert ``row`` unless a row with the same key is already there (link tables)."""
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    session.execute(module.insert(table).values(**row).on_conflict_do_nothing())
