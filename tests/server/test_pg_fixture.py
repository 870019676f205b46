"""The throwaway cluster the server tests use: a Unix socket only, a database per test."""
from __future__ import annotations

import psycopg


def _connect(url):
    return psycopg.connect(url.replace("postgresql://postgres@/", "dbname=", 1)
                           .replace("?host=", " host=", 1) + " user=postgres")


def test_the_cluster_listens_on_its_socket_only(pg_cluster, pg_url):
    with _connect(pg_url) as conn:
        assert conn.execute("SHOW listen_addresses").fetchone()[0] == ""
        assert conn.execute("SHOW unix_socket_directories").fetchone()[0] \
            == str(pg_cluster.socket_dir)
        assert conn.execute("SELECT current_user").fetchone()[0] == "postgres"
        assert conn.execute("SELECT count(*) FROM information_schema.tables "
                            "WHERE table_schema = 'public'").fetchone()[0] == 0
    assert (pg_cluster.socket_dir / ".s.PGSQL.5432").is_socket()


def test_each_test_gets_a_fresh_database(pg_url):
    with _connect(pg_url) as conn:
        conn.execute("CREATE TABLE left_behind (n integer)")
        conn.commit()
        name = conn.execute("SELECT current_database()").fetchone()[0]
    assert name in pg_url


def test_a_second_test_sees_nothing_of_the_first(pg_url):
    with _connect(pg_url) as conn:
        assert conn.execute("SELECT to_regclass('public.left_behind')").fetchone()[0] is None


def test_without_postgresql_the_server_tests_skip_saying_why(monkeypatch):
    import pytest

    from tests import pg

    monkeypatch.setattr(pg, "find_bin", lambda: None)
    with pytest.raises(pytest.skip.Exception) as caught:
        pg.start_cluster()
    assert str(caught.value.msg) == ("PostgreSQL is not installed (apt-get install postgresql): "
                                     "the tests against a server are skipped")


def test_as_root_without_a_postgres_user_the_server_tests_skip_saying_why(monkeypatch):
    import pytest

    from tests import pg

    monkeypatch.setattr(pg.os, "geteuid", lambda: 0)
    monkeypatch.setattr(pg.pwd, "getpwnam", lambda name: (_ for _ in ()).throw(KeyError(name)))
    with pytest.raises(pytest.skip.Exception) as caught:
        pg.start_cluster()
    assert str(caught.value.msg) == ("PostgreSQL cannot be started: running as root and there "
                                     "is no 'postgres' system user to run it as")
