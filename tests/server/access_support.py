"""A server store with people in each role, for the access tests (raw SQL, the CLI, the UI).

Roles are the cluster's, shared by every test database of the session: names are made from
the test's own database name so no two tests meet.
"""
from __future__ import annotations

from dataclasses import dataclass

import psycopg
from sqlalchemy.engine import make_url


@dataclass
class AccessStore:
    url: str           # the store, as its owner (the superuser) connects
    database: str
    socket: str
    names: dict        # role → login role name: reader, clerk, editor, owner, outsider

    def url_as(self, user: str) -> str:
        return f"postgresql://{user}@/{self.database}?host={self.socket}"

    def connect(self, user: str) -> psycopg.Connection:
        """A raw connection as ``user`` (the test cluster trusts its socket)."""
        return psycopg.connect(host=self.socket, dbname=self.database, user=user)


def make_access_store(capsys, pg_url) -> AccessStore:
    """``lcplanner init`` a fresh database, put the sample plan in it, and add a reader, a
    clerk, an owner and an editor of portfolio 1 (Finance and Local Services)."""
    from lcplanner.sample import build_sample_plan
    from lcplanner.store.engine import open_store
    from tests.support import run_cli

    url = make_url(pg_url)
    database, socket = url.database, url.query["host"]
    code, _out, err = run_cli(capsys, "init", pg_url)
    assert code == 0, err
    store = open_store(pg_url)
    with store.transaction() as session:
        session.add(build_sample_plan())
    store.close()
    names = {role: f"{database}_{role[:3]}_user" for role in
             ("reader", "clerk", "editor", "owner")}
    for role, name in names.items():
        extra = ["--portfolio", "1"] if role == "editor" else []
        code, _out, err = run_cli(capsys, "users", pg_url, "add", name, "--role", role, *extra)
        assert code == 0, err
    return AccessStore(pg_url, database, socket, names)


def portfolio_ids(store: AccessStore) -> list[int]:
    with store.connect("postgres") as conn:
        return [row[0] for row in conn.execute(
            "SELECT id FROM portfolios ORDER BY position, id").fetchall()]


def a_priority_of(store: AccessStore, portfolio_id: int) -> int:
    with store.connect("postgres") as conn:
        return conn.execute("SELECT id FROM priorities WHERE portfolio_id = %s "
                            "ORDER BY position LIMIT 1", (portfolio_id,)).fetchone()[0]
