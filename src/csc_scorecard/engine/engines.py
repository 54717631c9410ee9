"""Choosing the engine a run computes on, from one text (the CLI's ``--engine``).

- ``duckdb`` (the default): the store file built by ingest, opened read-only.
- ``postgres://...`` or ``postgresql://...``: a PostgreSQL database whose ``search_path`` finds
  the canonical tables (a council warehouse); they are read where they are, never copied.
  Needs the ``postgres`` extra.
- ``spark``: Spark on this machine (``local[*]``), with the store's canonical tables handed to
  it; for trying Spark on a store, and for the tests.
- ``spark://host:port``: a Spark cluster's master, whose session already sees the canonical
  tables by their names (in the catalog that ``spark-defaults.conf`` configures, e.g. a Hive
  metastore); nothing is read from the store. Needs the ``spark`` extra.

The optional back ends are imported only when chosen, so the embedded default needs neither.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from csc_scorecard.engine.backends import Backend, DuckDBBackend

DUCKDB = "duckdb"
SPARK = "spark"
POSTGRES_SCHEMES = ("postgres://", "postgresql://")
SPARK_SCHEME = "spark://"
LOCAL_SPARK_MASTER = "local[*]"

ENGINE_HELP = (
    "Where to compute: duckdb (the --db store), postgres://... (a database holding the "
    "canonical tables), spark (Spark on this machine, fed the --db store) or spark://host:port "
    "(a Spark cluster whose catalog holds the canonical tables)."
)


@contextmanager
def open_engine(engine: str, db: Path) -> Iterator[Backend]:
    """The backend ``engine`` names (see the module docstring), closed on exit.

    Args:
        engine: ``duckdb``, a PostgreSQL URL, ``spark`` or a ``spark://`` master URL.
        db: the DuckDB store, read by ``duckdb`` and ``spark``.

    Raises:
        ValueError: for an engine text naming none of these, or whose extra is not installed.
        ConnectionError: when the PostgreSQL server cannot be reached.
        FileNotFoundError: when the engine reads the store and there is none at ``db``, or
            Spark finds no Java runtime.
    """
    if engine == DUCKDB:
        with _store(db) as con:
            yield DuckDBBackend(con)
    elif engine.startswith(POSTGRES_SCHEMES):
        with _postgres(engine) as backend:
            yield backend
    elif engine == SPARK or engine.startswith(SPARK_SCHEME):
        with _spark(LOCAL_SPARK_MASTER if engine == SPARK else engine, db) as backend:
            yield backend
    else:
        raise ValueError(
            f"unknown engine {engine!r}: use duckdb, postgres://..., spark or spark://host:port"
        )


@contextmanager
def _postgres(url: str) -> Iterator[Backend]:
    try:
        import psycopg  # noqa: PLC0415 - the postgres extra, only when chosen

        from csc_scorecard.engine.postgres import PostgresBackend  # noqa: PLC0415
    except ImportError as error:
        raise ValueError(_missing_extra("postgres")) from error
    try:
        backend = PostgresBackend.from_url(url)
    except psycopg.OperationalError as error:
        # psycopg's message names the host and the reason, never the password.
        raise ConnectionError(f"cannot connect to PostgreSQL: {error}") from error
    try:
        yield backend
    finally:
        backend.close()


@contextmanager
def _spark(master: str, db: Path) -> Iterator[Backend]:
    """Spark on ``master``; on this machine, fed the store's tables (copied into Spark, so the
    store is closed again before computing)."""
    try:
        from csc_scorecard.engine.spark import spark_backend  # noqa: PLC0415 - the spark extra
    except ImportError as error:
        raise ValueError(_missing_extra("spark")) from error
    with spark_backend(master) as backend:
        if not master.startswith(SPARK_SCHEME):
            with _store(db) as con:
                backend.load_store(con)
        yield backend


def _missing_extra(extra: str) -> str:
    return f"the {extra} engine needs the {extra} extra: pip install 'csc-scorecard[{extra}]'"


@contextmanager
def _store(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The store opened read-only: computing never changes it."""
    if not db.exists():
        raise FileNotFoundError(f"no store at {db}: run csc-scorecard ingest first")
    con = duckdb.connect(str(db), read_only=True)
    try:
        bound_memory(con, db)
        yield con
    finally:
        con.close()


COMPUTE_MEMORY_LIMIT = "5GB"
"""DuckDB's working memory while computing. Its default (80% of the machine) would take a
shared analysis server; past the limit it spills to a folder beside the store instead. Python's
share (the result frames) comes on top: a national run (153 councils, 25 million figures) peaks
at 8.4 GB; at 3 GB and 4 GB the looked-after views run out of memory (docs/performance.md)."""


def bound_memory(con: duckdb.DuckDBPyConnection, db: Path) -> None:
    """Cap the connection's memory, spilling to ``<store>.tmp`` (owner-only: spilled rows are
    child-level data), let queries return rows in any order, and keep DuckDB's own progress
    bar off (the CLI draws its own)."""
    spill = db.with_name(f"{db.name}.tmp")
    spill.mkdir(mode=0o700, exist_ok=True)
    quoted = str(spill).replace("'", "''")
    con.execute(f"SET temp_directory = '{quoted}'")
    con.execute(f"SET memory_limit = '{COMPUTE_MEMORY_LIMIT}'")
    # Results are sorted after computing: row order inside queries may be whatever is cheapest,
    # which lets DuckDB stream and spill instead of holding rows to keep their order.
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
