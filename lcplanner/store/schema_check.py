"""Opening a store never runs its code: its schema is compared with the one lcplanner makes.

A SQLite file carries code of its own: triggers run on every write, views on every read. A
crafted or damaged store could therefore change data while lcplanner believes it only opened it.
Before anything else touches a store, its ``sqlite_master`` is read once (with each table's
columns, in the same statement) and compared with the model's metadata: a trigger or view, a
table or index lcplanner did not create, or a missing or extra column gets one refusal and
nothing runs. Every connection also sets ``PRAGMA trusted_schema=OFF``, so functions with side
effects cannot be called from the schema either.

A store from an older lcplanner is compared leniently (its tables are a subset of today's,
columns may be missing that a migration adds); triggers and views are refused at every version.
"""
from __future__ import annotations

import sqlite3
from functools import lru_cache
from pathlib import Path

from lcplanner.store.errors import AlteredStoreError

#: Tables SQLite itself may add (AUTOINCREMENT, ANALYZE) and Alembic's version table.
_ALLOWED_TABLES = {"sqlite_sequence", "sqlite_stat1", "sqlite_stat4", "alembic_version"}

_SCHEMA_QUERY = """
SELECT type, name, tbl_name, NULL FROM sqlite_master WHERE type != 'table'
UNION ALL
SELECT 'table', m.name, m.name, p.name
  FROM sqlite_master AS m, pragma_table_info(m.name) AS p WHERE m.type = 'table'
"""


@lru_cache(maxsize=1)
def expected_schema() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """(columns of each table, names of the indexes) as the model defines them."""
    from lcplanner.domain.model import Base

    tables = {name: frozenset(column.name for column in table.columns)
              for name, table in Base.metadata.tables.items()}
    tables["alembic_version"] = frozenset({"version_num"})
    indexes = frozenset(index.name for table in Base.metadata.tables.values()
                        for index in table.indexes if index.name)
    return tables, indexes


def read_schema(conn: sqlite3.Connection) -> list[tuple[str, str, str, str | None]]:
    """Everything in ``sqlite_master`` plus each table's columns, in one statement."""
    return [tuple(row) for row in conn.execute(_SCHEMA_QUERY)]


def schema_problems(rows, *, current: bool, allowed: set[str] | None = None) -> list[str]:
    """What differs from the schema lcplanner makes; empty when nothing does.

    ``allowed`` names further tables the engine keeps beside the model's (a server's
    ``lcplanner_meta``)."""
    tables, indexes = expected_schema()
    found: dict[str, set[str]] = {}
    problems = []
    for kind, name, table, column in rows:
        if kind == "table":
            found.setdefault(name, set()).add(column)
        elif kind in ("trigger", "view", "rule"):
            problems.append(f"it holds a {kind} named '{name}' that lcplanner did not create")
        elif kind == "index" and not name.startswith("sqlite_autoindex_") \
                and name not in indexes:
            problems.append(f"it holds an index named '{name}' that lcplanner did not create")
    for name in sorted(found):
        if name not in tables and name not in _ALLOWED_TABLES and name not in (allowed or ()):
            problems.append(f"it holds a table named '{name}' that lcplanner did not create")
        elif name in tables:
            extra = sorted(found[name] - tables[name])
            problems += [f"the table '{name}' has a column '{c}' that lcplanner did not create"
                         for c in extra]
            if current:
                problems += [f"the column '{name}.{c}' is missing"
                             for c in sorted(tables[name] - found[name])]
    if current:
        problems += [f"the table '{name}' is missing" for name in sorted(set(tables) - set(found))]
        present = {name for kind, name, _t, _c in rows if kind == "index"}
        problems += [f"the index '{name}' is missing" for name in sorted(indexes - present)]
    return problems


def check_schema(conn: sqlite3.Connection, path: Path, *, current: bool) -> None:
    """Raise :class:`AlteredStoreError` when the store's schema is not lcplanner's own."""
    problems = schema_problems(read_schema(conn), current=current)
    if problems:
        shown = "; ".join(problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise AlteredStoreError(
            f"{Path(path).name} cannot be opened: this store has been altered: {shown}{more}. "
            "Nothing in it was run or changed; restore a backup, or open a copy you trust.")
