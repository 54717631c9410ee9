"""SSD tables read where they live: a council's PostgreSQL warehouse, by connection URL.

``postgresql://user@host/db?schema=ssd`` (or libpq's ``options=-csearch_path=ssd``) names the
warehouse; each ``ssd_*`` table the model holds is streamed out with one ``COPY ... TO STDOUT``
(PostgreSQL sends it in blocks, written to an owner-only temporary file, so no table is ever held
twice in memory as Python objects) and mapped as an SSD export is (``ssd.ssd_frame``). Every
value travels as text; the canonical validator types it. Needs the ``postgres`` extra (psycopg).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv

from csc_scorecard.ingest.reader import LOCATION, ROW, RawTable, ReadResult
from csc_scorecard.ingest.report import Note, Reason, Rejection
from csc_scorecard.ingest.ssd import ssd_frame
from csc_scorecard.model import TABLES, Table
from csc_scorecard.model.schema import LA_CODE

_SCHEMES = ("postgresql", "postgres")
_COLUMNS = (
    "SELECT table_name, column_name FROM information_schema.columns "
    "WHERE table_schema = %s AND table_name LIKE 'ssd\\_%%' ORDER BY table_name, ordinal_position"
)


def redact_url(url: str) -> str:
    """The URL without its password or query: what reports and the run log may show."""
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0] + "@" if len(netloc) == 2 else ""
    return urlunsplit((parts.scheme, user + netloc[-1], parts.path, "", ""))


def _split_schema(url: str) -> tuple[str, str | None]:
    """The libpq URL without our ``schema`` parameter (libpq rejects it), and the schema."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schema = next((v for k, v in query if k == "schema"), None)
    kept = urlencode([(k, v) for k, v in query if k != "schema"])
    return urlunsplit(parts._replace(query=kept)), schema or None


class SsdWarehouseReader:
    """Reads the ``ssd_*`` tables of a PostgreSQL database; ``la_code`` is required."""

    name = "ssd-warehouse"

    def detect(self, path: Path) -> bool:
        """Never: a warehouse is named by a URL, not a file."""
        return False

    def read(self, path: Path, la_code: str | None) -> ReadResult:
        """A file given with ``--format ssd-warehouse`` cannot be read: say what is expected."""
        why = f"{path.name}: ssd-warehouse reads a postgresql:// connection URL, not a file"
        return _unusable(str(path), Reason.UNSUPPORTED_FORMAT, why)

    def detect_url(self, url: str) -> bool:
        """True for a ``postgresql://`` (or ``postgres://``) URL."""
        return urlsplit(url).scheme in _SCHEMES

    def source_of(self, url: str) -> str:
        """How the warehouse is named in reports: without password or options."""
        return redact_url(url)

    def read_url(self, url: str, la_code: str | None) -> ReadResult:
        """Stream each model table present in the warehouse schema."""
        source = redact_url(url)
        if not la_code:
            why = "SSD tables carry no council code: give it with --la-code"
            return _unusable(source, Reason.MALFORMED_FILE, why)
        import psycopg  # noqa: PLC0415 - the optional postgres extra, needed only here

        conninfo, schema = _split_schema(url)
        try:
            with psycopg.connect(conninfo) as con:
                return _read_schema(con, source, schema, la_code)
        except psycopg.Error as exc:  # the server's own text may quote data: name the kind only
            why = f"could not read the warehouse ({type(exc).__name__})"
            return _unusable(source, Reason.MALFORMED_FILE, why)


def _unusable(source: str, reason: Reason, why: str) -> ReadResult:
    return ReadResult([], [Rejection(source, "", None, None, reason, why)])


def _read_schema(con: Any, source: str, schema: str | None, la_code: str) -> ReadResult:
    if schema is None:
        schema = con.execute("SELECT current_schema()").fetchone()[0]
    found: dict[str, list[str]] = {}
    for table_name, column in con.execute(_COLUMNS, [schema]).fetchall():
        found.setdefault(table_name, []).append(column.lower())
    tables, rejections, notes = [], [], []
    model = {t.name: t for t in TABLES}
    for name, columns in found.items():
        table = model.get(name)
        if table is None:
            notes.append(Note(source, name, f"{name} is not a table the model uses; not read"))
            continue
        missing = [c.name for c in table.columns if c.required and c.name not in columns]
        if missing:
            why = f"{schema}.{name} lacks required column(s): {', '.join(missing)}"
            rejections.append(Rejection(source, name, None, None, Reason.MALFORMED_FILE, why))
            continue
        extra = [c for c in columns if c not in table.column_names]
        if extra:
            ignored = f"ignored {len(extra)} column(s) not in {name}: {', '.join(extra)}"
            notes.append(Note(source, name, ignored))
        wanted = [c.name for c in table.columns if c.name in columns]
        frame = _copy_out(con, schema, table, wanted).with_columns(
            pl.lit(la_code, pl.String).alias(LA_CODE),
            pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias(ROW),
            pl.lit(f"{schema}.{name}", pl.String).alias(LOCATION),
        )
        tables.append(RawTable(name, source, ssd_frame(table, frame)))
    return ReadResult(tables, rejections, notes)


def _copy_out(con: Any, schema: str, table: Table, columns: list[str]) -> pl.DataFrame:
    """The table's columns as text, in key order, streamed through a temporary CSV file."""
    from psycopg import sql  # noqa: PLC0415 - the optional postgres extra

    statement = sql.SQL("COPY (SELECT {} FROM {}.{} ORDER BY {}) TO STDOUT (FORMAT csv)").format(
        sql.SQL(", ").join(sql.SQL("{}::text").format(sql.Identifier(c)) for c in columns),
        sql.Identifier(schema),
        sql.Identifier(table.name),
        sql.SQL(", ").join(sql.Identifier(k) for k in table.primary_key),
    )
    with tempfile.TemporaryFile() as spool:
        with con.cursor() as cursor, cursor.copy(statement) as copy:
            for block in copy:
                spool.write(block)
        spool.seek(0)
        if spool.read(1) == b"":
            return pl.DataFrame(schema=dict.fromkeys(columns, pl.String))
        spool.seek(0)
        arrow = pacsv.read_csv(
            spool,
            read_options=pacsv.ReadOptions(column_names=columns),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(columns, pa.string()),
                strings_can_be_null=True,
                quoted_strings_can_be_null=False,
            ),
        )
    frame = pl.from_arrow(arrow)
    assert isinstance(frame, pl.DataFrame)
    return frame
