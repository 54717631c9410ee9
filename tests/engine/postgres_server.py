"""A throwaway PostgreSQL server for the test session, so engine tests run on a real PostgreSQL,
and the canonical tables on it that a test's rows are copied into.

The cluster lives in a temporary directory, listens only on a unix socket there (no port to
collide with), and trades durability for speed (``fsync`` off): it holds nothing worth keeping.
``initdb`` refuses to run as root, so under root (as in CI) the server runs as the ``postgres``
system user, which owns the directory. ``CSC_TEST_POSTGRES_URL`` points the tests at an existing
server instead.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import psycopg
from psycopg import sql

from csc_scorecard.engine.postgres import copy_frame
from csc_scorecard.model import TABLES
from csc_scorecard.store.ddl import create_all_sql

URL_VARIABLE = "CSC_TEST_POSTGRES_URL"
_SEARCHED = "PATH and /usr/lib/postgresql/*/bin"


class PostgresUnavailableError(RuntimeError):
    """No PostgreSQL server could be had; the message says why, for the skip reason."""


def _bin_dir() -> Path:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``: on PATH, else the newest
    Debian-style install."""
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    installed = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if not installed:
        raise PostgresUnavailableError(
            f"PostgreSQL server binaries (initdb) not found on {_SEARCHED}"
        )
    return installed[-1].parent


def _as_server_user() -> list[str]:
    """The command prefix running a program as the server's owner: ourselves, or under root
    the ``postgres`` system user (initdb and postgres refuse to run as root)."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if runuser is None:
        raise PostgresUnavailableError("running as root and runuser is not available")
    try:
        pwd.getpwnam("postgres")
    except KeyError as error:
        raise PostgresUnavailableError("running as root and there is no postgres user") from error
    return [runuser, "-u", "postgres", "--"]


def _run(command: list[str], what: str, log: Path | None = None) -> None:
    """Run a server command; on failure, say why (with the end of the server log if any)."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        said = done.stderr.strip()
        if log is not None and log.exists():
            said += " | " + " ".join(log.read_text(errors="replace").splitlines()[-3:])
        raise PostgresUnavailableError(f"{what} failed ({done.returncode}): {said}")


@contextmanager
def postgres_url() -> Iterator[str]:
    """A libpq URL of a PostgreSQL server for this session, stopped and removed on exit.

    Raises:
        PostgresUnavailableError: when no server can be started, with the reason.
    """
    given = os.environ.get(URL_VARIABLE)
    if given:
        yield given
        return
    bin_dir = _bin_dir()
    prefix = _as_server_user()
    home = Path(tempfile.mkdtemp(prefix="csc-pg-"))
    data = home / "data"
    if prefix:
        shutil.chown(home, user="postgres")
    pg_ctl = [*prefix, str(bin_dir / "pg_ctl"), "-D", str(data)]
    started = False
    try:
        _run(
            [*prefix, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres",
             "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
            "initdb",
        )  # fmt: skip
        settings = (
            f"-c listen_addresses='' -k {home} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off"
        )
        log = home / "server.log"
        _run([*pg_ctl, "-l", str(log), "-o", settings, "-w", "start"], "pg_ctl start", log)
        started = True
        yield f"postgresql://postgres@/postgres?host={home}"
    finally:
        if started:
            _run([*pg_ctl, "-m", "immediate", "-w", "stop"], "pg_ctl stop")
        shutil.rmtree(home, ignore_errors=True)


class CanonicalTables:
    """The canonical tables in one schema of a PostgreSQL server, refilled for each test.

    Creating thirty tables with their keys costs more than a whole compute, so the schema is
    made once per session and each fill empties only the tables the previous fill wrote.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.schema = f"csc_test_{uuid.uuid4().hex[:12]}"
        self._filled: set[str] = set()
        with psycopg.connect(url, autocommit=True) as con:
            con.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(self.schema)))
            con.execute(self._search_path())
            con.execute(";".join(create_all_sql()).encode())

    def connect(self) -> psycopg.Connection[Any]:
        """A new session whose ``search_path`` finds these tables."""
        con = psycopg.connect(self.url, autocommit=True)
        con.execute(self._search_path())
        return con

    def fill(self, con: psycopg.Connection[Any], source: duckdb.DuckDBPyConnection) -> None:
        """Make the tables hold exactly what ``source``'s canonical tables hold."""
        with con.transaction():
            for table in sorted(self._filled):
                con.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(table)))
            self._filled.clear()
            for table in TABLES:
                frame = source.table(table.name).pl()
                if frame.height:
                    self._filled.add(table.name)
                    copy_frame(con, table.name, frame)

    def drop(self) -> None:
        with psycopg.connect(self.url, autocommit=True) as con:
            con.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(self.schema)))

    def _search_path(self) -> sql.Composed:
        return sql.SQL("SET search_path TO {}").format(sql.Identifier(self.schema))
