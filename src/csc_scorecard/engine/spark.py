"""Spark as an engine backend (needs the ``spark`` extra: PySpark 4 and a Java 17+ runtime).

Everything a run makes lives in the Spark session as a TEMP view: helper frames and the
canonical tables are handed over as Arrow, and each source view is computed eagerly once (a
Spark view is only a query, and forty indicators reading one view would otherwise each compute
it again). The canonical tables are found by name, as temp views or in the session's catalog,
so a cluster whose metastore holds them needs nothing loaded.

PySpark 4 is needed (not 3.5): ``createDataFrame`` from an Arrow table and ``toArrow`` move
typed columnar data both ways with no pandas detour, in which whole numbers with a null
become floats and dates become objects.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl
from pyspark.sql import SparkSession
from pyspark.sql import types as st

from csc_scorecard.model import TABLES

_COLUMN_TYPES: dict[type[pl.DataType], st.DataType] = {
    pl.String: st.StringType(),
    pl.Date: st.DateType(),
    pl.Boolean: st.BooleanType(),
    pl.Int8: st.LongType(),
    pl.Int16: st.LongType(),
    pl.Int32: st.LongType(),
    pl.Int64: st.LongType(),
    pl.UInt8: st.LongType(),
    pl.UInt16: st.LongType(),
    pl.UInt32: st.LongType(),
    pl.Float32: st.DoubleType(),
    pl.Float64: st.DoubleType(),
    pl.Null: st.StringType(),
}
"""Polars dtypes a frame may have, and the Spark type each column is loaded as."""

_LOADED_AS: dict[type[st.DataType], pl.DataType] = {
    st.StringType: pl.String(),
    st.DateType: pl.Date(),
    st.BooleanType: pl.Boolean(),
    st.LongType: pl.Int64(),
    st.DoubleType: pl.Float64(),
}
"""The polars dtype each Spark column type is handed over in (what Arrow carries for it)."""

_RESULT_TYPES: dict[type[st.DataType], pl.DataType] = {
    st.ByteType: pl.Int64(),
    st.ShortType: pl.Int64(),
    st.IntegerType: pl.Int64(),
    st.LongType: pl.Int64(),
    st.FloatType: pl.Float64(),
    st.DoubleType: pl.Float64(),
    st.DecimalType: pl.Float64(),
    st.BooleanType: pl.Boolean(),
    st.DateType: pl.Date(),
    st.TimestampType: pl.Datetime("us", "UTC"),
    st.TimestampNTZType: pl.Datetime("us"),
    st.StringType: pl.String(),
}
"""Result column types by Spark type, as the other backends return them; any other type is
returned as its text."""

LOCAL_SETTINGS: dict[str, str] = {
    "spark.sql.shuffle.partitions": "4",
    "spark.default.parallelism": "4",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
}
"""Settings for a session on one machine: a council's rows fit in a few partitions (the default
200 spends most of a query scheduling empty tasks), no web UI, and dates read in UTC so that a
date never shifts with the machine's zone."""


class JavaNotFoundError(FileNotFoundError):
    """No Java runtime to start Spark with (PySpark starts its JVM from ``JAVA_HOME`` or
    ``java`` on PATH); said before PySpark's own, much less clear, gateway error."""


class SparkBackend:
    """A Spark session in which the canonical tables can be read by name.

    Queries run as Spark SQL rendered by sqlglot; a failing one raises pyspark's
    ``AnalysisException`` (or another ``PySparkException``) and leaves the session usable.
    """

    dialect = "spark"
    materialises_stages = True
    """Spark inlines a CTE wherever it is read: the distinct-count stages, read several times
    each, made plans too large to plan; each stage is made a table instead."""

    def __init__(self, session: SparkSession) -> None:
        self._spark = session

    def load_frame(self, name: str, frame: pl.DataFrame) -> None:
        """Replace the TEMP view ``name`` by ``frame``'s rows, handed over as one Arrow table.

        Raises:
            TypeError: for a column type with no Spark counterpart here.
        """
        schema = st.StructType(
            [st.StructField(column, _column_type(dtype)) for column, dtype in frame.schema.items()]
        )
        typed = frame.cast(
            {field.name: _LOADED_AS[type(field.dataType)] for field in schema.fields}
        )
        table = typed.to_arrow(compat_level=pl.CompatLevel.oldest())
        self._spark.createDataFrame(table, schema=schema).createOrReplaceTempView(name)

    def create_view(self, name: str, sql: str) -> None:
        """Create or replace the TEMP view ``name`` from Spark SQL."""
        self._spark.sql(f"CREATE OR REPLACE TEMPORARY VIEW `{name}` AS {sql}")

    def create_table(self, name: str, sql: str) -> None:
        """Replace the TEMP view ``name`` by the result of Spark SQL, computed now and kept as
        a local checkpoint: without its lineage, so a stage built on stages has a plan of its
        own size (a cached table carries the plans beneath it, and printing those for each
        query grew past the driver's memory)."""
        self._spark.sql(sql).localCheckpoint(eager=True).createOrReplaceTempView(name)

    def drop_table(self, name: str) -> None:
        """Drop the TEMP view ``name`` (and so its checkpointed rows) if there is one."""
        self._spark.catalog.dropTempView(name)

    def query(self, sql: str) -> pl.DataFrame:
        """Run one query; columns come back as Int64, Float64, Boolean, Date, Datetime or
        String by their Spark type (DECIMAL, which Spark's division of decimals gives, as
        Float64)."""
        result = self._spark.sql(sql)
        other = [f.name for f in result.schema.fields if type(f.dataType) not in _RESULT_TYPES]
        if other:
            result = result.withColumns({name: result[name].cast("string") for name in other})
        frame = pl.from_arrow(result.toArrow())
        assert isinstance(frame, pl.DataFrame)
        return frame.cast({f.name: _RESULT_TYPES[type(f.dataType)] for f in result.schema.fields})

    def load_tables(self, source: duckdb.DuckDBPyConnection, names: Iterable[str]) -> None:
        """Hand the named tables of a DuckDB connection (a store) to Spark under their names."""
        for name in names:
            self.load_frame(name, source.table(name).pl())

    def load_store(self, source: duckdb.DuckDBPyConnection) -> None:
        """Hand every canonical table of a DuckDB store to Spark under its canonical name."""
        self.load_tables(source, (table.name for table in TABLES))


def session(master: str = "local[2]", settings: dict[str, str] | None = None) -> SparkSession:
    """A Spark session on ``master`` (``local[N]``, ``spark://host:port``...), created or the
    running one reused: the JVM starts once per process, which is most of a small run's time.

    Args:
        master: where Spark runs.
        settings: Spark settings (default: :data:`LOCAL_SETTINGS` for a ``local`` master).

    Raises:
        JavaNotFoundError: when there is no Java runtime to start Spark with.
    """
    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and (Path(java_home) / "bin" / "java").exists()) and not shutil.which("java"):
        raise JavaNotFoundError("Spark needs a Java 17+ runtime: none on JAVA_HOME or PATH")
    chosen = LOCAL_SETTINGS if settings is None and master.startswith("local") else settings
    builder = SparkSession.builder.master(master).appName("csc-scorecard")
    for key, value in (chosen or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


@contextmanager
def spark_backend(master: str = "local[2]") -> Iterator[SparkBackend]:
    """A backend on its own session of the Spark application: its temp views and cached tables
    are dropped on exit, and the application (the JVM) is kept for the next run.

    Raises:
        JavaNotFoundError: when there is no Java runtime to start Spark with.
    """
    spark = session(master).newSession()
    try:
        yield SparkBackend(spark)
    finally:
        for table in spark.catalog.listTables():
            if table.isTemporary:
                spark.catalog.uncacheTable(table.name)
                spark.catalog.dropTempView(table.name)


def _column_type(dtype: pl.DataType) -> st.DataType:
    found = _COLUMN_TYPES.get(dtype.base_type())
    if found is None:
        raise TypeError(f"cannot load a {dtype} column into Spark")
    return found
