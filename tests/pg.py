"""A throwaway PostgreSQL cluster for the tests, on a Unix socket only (no TCP).

PostgreSQL refuses to run as root, and CI runs as root: there the cluster is made and started
as the ``postgres`` system user (``runuser``), in a temporary folder that user owns. Run as
anyone else, the cluster simply belongs to the current user. Every test gets a database of its
own, dropped afterwards. Without Debian's ``postgresql`` package (``/usr/lib/postgresql/N/bin``),
or when the ``postgres`` user cannot be switched to, the tests that need a server are skipped,
with the reason.

Use: ``from tests.pg import pg_cluster, pg_url`` in a test module (or a conftest), then take
``pg_url`` (a ``postgresql://postgres@/NAME?host=DIR`` URL) as a fixture.
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

SUPERUSER = "postgres"
_names = itertools.count(1)


@dataclass
class Cluster:
    folder: Path
    bin: Path
    as_user: list[str]
    #: The server's options, to start it again after :meth:`stop` (a fault test).
    options: str = ""

    @property
    def socket_dir(self) -> Path:
        return self.folder

    def url(self, database: str) -> str:
        return f"postgresql://{SUPERUSER}@/{database}?host={self.socket_dir}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), user=SUPERUSER, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(sql)

    def stop(self, mode: str = "immediate") -> None:
        """Stop the server; ``mode="fast"`` ends every client's connection but writes what
        was committed first (the cluster runs with fsync and synchronous commit off, so an
        immediate stop may lose the last commits: fine at the end, not mid-test)."""
        subprocess.run([*self.as_user, str(self.bin / "pg_ctl"), "stop", "-m", mode,
                        "-D", str(self.folder / "data")], capture_output=True, timeout=60)

    def start(self) -> None:
        """Start the cluster again after :meth:`stop`, as it was."""
        subprocess.run([*self.as_user, str(self.bin / "pg_ctl"), "start", "-w", "-t", "60",
                        "-D", str(self.folder / "data"), "-l", str(self.folder / "server.log"),
                        "-o", self.options], capture_output=True, timeout=90, check=True)


def find_bin() -> Path | None:
    """The newest installed PostgreSQL's programs, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name)
                   if Path(p).parent.parent.name.isdigit() else 0)
    return Path(found[-1]).parent if found else None


def _run_as() -> tuple[list[str], int | None, str | None]:
    """(command prefix, uid to own the folder, why not) for running the server."""
    if os.geteuid() != 0:
        return [], None, None
    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        return [], None, "running as root and there is no 'postgres' system user to run it as"
    runuser = shutil.which("runuser")
    if runuser is None:
        return [], None, "running as root and 'runuser' is missing, so it cannot run as postgres"
    return [runuser, "-u", "postgres", "--"], user.pw_uid, None


def start_cluster() -> Cluster:
    """Make and start a cluster; ``pytest.skip`` with the reason when that cannot be done."""
    binary = find_bin()
    if binary is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql): "
                    "the tests against a server are skipped")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install 'psycopg[binary]')")
    prefix, uid, why = _run_as()
    if why:
        pytest.skip(f"PostgreSQL cannot be started: {why}")
    folder = Path(tempfile.mkdtemp(prefix="lcpg-"))  # short: a socket path has ~100 bytes
    if uid is not None:
        os.chown(folder, uid, -1)
    os.chmod(folder, 0o755)
    data = folder / "data"
    init = subprocess.run([*prefix, str(binary / "initdb"), "-D", str(data), "-U", SUPERUSER,
                           "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
                          capture_output=True, text=True, timeout=120)
    if init.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"PostgreSQL cannot be started: initdb failed ({init.stderr.strip()[:200]})")
    options = (f"-k {folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
               "-c full_page_writes=off -c max_connections=40")
    start = subprocess.run([*prefix, str(binary / "pg_ctl"), "start", "-w", "-t", "60",
                            "-D", str(data), "-l", str(folder / "server.log"), "-o", options],
                           capture_output=True, text=True, timeout=90)
    cluster = Cluster(folder=folder, bin=binary, as_user=prefix, options=options)
    if start.returncode != 0:
        log = (folder / "server.log").read_text(errors="replace")[-300:] \
            if (folder / "server.log").exists() else start.stderr
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"PostgreSQL cannot be started: pg_ctl failed ({log.strip()})")
    return cluster


@pytest.fixture(scope="session")
def pg_cluster():
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(cluster.folder, ignore_errors=True)


def new_database(cluster: Cluster) -> str:
    name = f"lcp_{os.getpid()}_{next(_names)}"
    cluster.admin(f'CREATE DATABASE "{name}"')
    return name


def drop_database(cluster: Cluster, name: str) -> None:
    cluster.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url(pg_cluster):
    """The URL of an empty database of this test's own."""
    name = new_database(pg_cluster)
    yield pg_cluster.url(name)
    drop_database(pg_cluster, name)
