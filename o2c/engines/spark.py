"""The Spark SQL engine: the same tables and queries on a ``SparkSession`` (local, a cluster or Spark Connect)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import pandas as pd

from o2c.engines.sql import SEPARATOR, Source, SqlEngine
from o2c.errors import FixableError

TEXT_SUFFIXES = (".csv", ".csv.gz", ".txt", ".tsv")


def spark_session(master: str = "local[2]", driver_memory: str | None = None) -> Any:
    """A session on ``master``: ``local[N]``, a cluster URL (spark://, yarn, k8s://) or a Spark Connect URL
    (sc://host:15002). Times are read and written in UTC. ``driver_memory`` (e.g. "6g") only takes effect when
    this call starts the JVM; in ``local`` mode the driver does all the work."""
    from pyspark.sql import SparkSession  # noqa: PLC0415 - pyspark (and its JVM) only for the Spark engine

    builder = SparkSession.builder.appName("o2c-explorer")
    builder = builder.remote(master) if master.startswith("sc://") else builder.master(master)
    if not master.startswith("sc://"):
        builder = (
            builder.config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            # A few partitions per core: Spark's default of 200 costs seconds per query on small logs.
            .config("spark.sql.shuffle.partitions", os.environ.get("O2C_SPARK_SHUFFLE_PARTITIONS", "4"))
        )
    if driver_memory and not master.startswith("sc://"):
        builder = builder.config("spark.driver.memory", driver_memory)
    session = builder.config("spark.sql.session.timeZone", "UTC").getOrCreate()
    session.conf.set("spark.sql.session.timeZone", "UTC")
    if not master.startswith("sc://"):
        session.sparkContext.setLogLevel("ERROR")
    return session


class SparkEngine(SqlEngine):
    """A source (Parquet or CSV path, or a table name in the session's catalog) prepared as cached views."""

    name = "spark"

    def __init__(self, source: str, session: Any) -> None:
        self.spark = session
        self.cached: list[Any] = []
        self.frames: dict[str, Any] = {}
        self.views: list[str] = []
        self.prefix = f"o2c_{id(self):x}_"
        self.prepare(self._source(source))

    def _source(self, source: str) -> Source:
        from pyspark.sql import functions as F  # noqa: PLC0415 - pyspark only for the Spark engine

        reader = self.spark.read
        lowered = source.lower()
        if lowered.endswith(TEXT_SUFFIXES):
            frame = reader.option("header", True).csv(source)  # text as text, as the upload reads it
            frame = frame.select(
                "*", F.col("_metadata.file_path").alias("f"), F.monotonically_increasing_id().alias("r")
            )
        elif lowered.endswith(".parquet") or "/" in source:
            try:
                frame = reader.parquet(source)
            except Exception as error:
                raise FixableError("engines.no_source", path=source) from error
            frame = frame.select("*", F.col("_metadata.file_path").alias("f"), F.col("_metadata.row_index").alias("r"))
        else:
            frame = self.spark.table(source).select(
                "*", F.lit("").alias("f"), F.monotonically_increasing_id().alias("r")
            )
        headers = [c for c in frame.columns if c not in ("f", "r")]
        name = self.prefix + "raw"
        frame.createOrReplaceTempView(name)
        self.views.append(name)
        return Source(name, headers)

    # --- dialect ----------------------------------------------------------------------------------------------
    def quantile(self, column: str, q: float) -> str:
        """``percentile``: exact, linear interpolation (``percentile_approx`` would not be)."""
        return f"percentile({column}, {q!r})"

    def epoch_us(self, expression: str) -> str:
        """ISO 8601 text (with or without an offset) and typed timestamps; naive times are UTC."""
        return f"unix_micros(try_cast({expression} AS TIMESTAMP))"

    def sequence(self) -> str:
        """The activities sorted by position."""
        return f"concat_ws('{SEPARATOR}', transform(array_sort(collect_list(struct(pos, activity))), x -> x.activity))"

    def first_by(self, column: str, place: str) -> str:
        """``min_by`` (which skips NULL places)."""
        return f"min_by({column}, {place})"

    def pair(self, f: str, r: str) -> str:
        """A named struct."""
        return f"named_struct('f', {f}, 'r', {r})"

    def row_code(self) -> str:
        """``monotonically_increasing_id()``: distinct without moving every row to one partition (the view is
        cached, so the codes stay as first computed)."""
        return "monotonically_increasing_id()"

    def text(self, column: str) -> str:
        """Trimmed text, NULL when empty."""
        return f"NULLIF(trim(CAST({column} AS STRING)), '')"

    def ident(self, name: str) -> str:
        """Backquoted."""
        return "`" + name.replace("`", "``") + "`"

    def _name(self, sql: str) -> str:
        # Views are private to this engine: several engines may share one session.
        for table in (
            "clean",
            "steps",
            "cases0",
            "case_first",
            "repeats0",
            "examples",
            "acodes",
            "vmap",
            "cases",
            "ev",
            "repeats",
        ):
            sql = _replace_word(sql, table, self.prefix + table)
        return _replace_word(sql, r"(kept_\d+)", self.prefix + r"\1")  # the tables of filter stacks

    def materialize(self, name: str, select: str, params: Sequence[object] = ()) -> None:
        """A cached temporary view (memory, then disk)."""
        frame = self.spark.sql(self._name(select), args=list(params)).persist()
        frame.count()
        frame.createOrReplaceTempView(self.prefix + name)
        self.cached.append(frame)
        self.views.append(self.prefix + name)
        self.frames[name] = frame

    def forget(self, name: str) -> None:
        """Drop the view and its cached data."""
        frame = self.frames.pop(name)
        frame.unpersist()
        self.cached.remove(frame)
        self.views.remove(self.prefix + name)
        self.spark.catalog.dropTempView(self.prefix + name)

    def register(self, name: str, frame: pd.DataFrame) -> None:
        """A small frame as a cached view."""
        rows = list(frame.itertuples(index=False, name=None))
        data = self.spark.createDataFrame(rows, list(frame.columns)).persist()
        data.createOrReplaceTempView(self.prefix + name)
        self.cached.append(data)
        self.views.append(self.prefix + name)

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        """Rows of a query with positional ``?`` parameters."""
        rows = self.spark.sql(self._name(sql), args=list(params)).collect()
        return [tuple(row) for row in rows]

    def close(self) -> None:
        """Drop this engine's views and cached data; the session stays (it may be shared)."""
        for frame in self.cached:
            frame.unpersist()
        for view in self.views:
            self.spark.catalog.dropTempView(view)


def _replace_word(sql: str, word: str, replacement: str) -> str:
    import re  # noqa: PLC0415 - tiny; kept next to its one use

    return re.sub(rf"(?<![\w.`]){word}(?![\w`])", replacement, sql)
