"""The DuckDB engine: embedded, reads Parquet files or folders, CSV and DuckDB databases, and spills to disk."""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from o2c.engines.sql import SEPARATOR, Source, SqlEngine
from o2c.errors import FixableError

# DuckDB would take 80% of the machine by default; the app shares it with its users' sessions.
DEFAULT_MEMORY_LIMIT = os.environ.get("O2C_DUCKDB_MEMORY_LIMIT", "6GB")
TEXT_SUFFIXES = (".csv", ".csv.gz", ".txt", ".tsv")


class DuckDBEngine(SqlEngine):
    """One source prepared into a private DuckDB database in a temporary folder (deleted on ``close``)."""

    name = "duckdb"

    def __init__(self, path: str | Path, memory_limit: str = DEFAULT_MEMORY_LIMIT, threads: int | None = None):
        import duckdb  # noqa: PLC0415 - only the DuckDB engine needs it

        self.folder = tempfile.mkdtemp(prefix="o2c-duckdb-")
        # An engine the app caches is never closed: its folder goes when the process ends.
        weakref.finalize(self, shutil.rmtree, self.folder, True)
        self.con = duckdb.connect(os.path.join(self.folder, "prepared.duckdb"))
        self.con.execute("SET TimeZone = 'UTC'")
        self.con.execute("SET enable_progress_bar = false")
        self.con.execute(f"SET memory_limit = '{_setting(memory_limit)}'")
        self.con.execute(f"SET temp_directory = '{_setting(os.path.join(self.folder, 'spill'))}'")
        self.con.execute(f"SET threads = {int(threads or os.cpu_count() or 1)}")
        try:
            self.prepare(self._source(str(path)))
        except BaseException:
            self.close()
            raise
        self.con.execute("SET preserve_insertion_order = false")

    def _source(self, path: str) -> Source:
        table = None
        if "#" in path and path.split("#")[0].endswith(".duckdb"):
            path, table = path.split("#", 1)
        target = Path(path)
        if target.suffix == ".duckdb":
            return self._database_source(target, table)
        if target.is_dir():
            files = sorted(str(p) for p in target.rglob("*.parquet"))
            texts = sorted(str(p) for p in target.rglob("*") if str(p).lower().endswith(TEXT_SUFFIXES))
        else:
            files = sorted(str(p) for p in Path().glob(path)) if any(c in path for c in "*?[") else [path]
            texts = [f for f in files if f.lower().endswith(TEXT_SUFFIXES)]
            files = [f for f in files if f not in texts]
            if not target.exists() and not files and not texts:
                raise FixableError("engines.no_source", path=path)
        if files:
            relation = (
                f"(SELECT *, file_index AS f, file_row_number AS r FROM read_parquet({_list(files)}, "
                "file_row_number = true, union_by_name = true))"
            )
        elif texts:
            # Text as text, as the upload reads it; the row id keeps the file order for ties.
            self.con.execute(
                f"CREATE TABLE raw_text AS SELECT * FROM read_csv({_list(texts)}, header = true, "
                "all_varchar = true, union_by_name = true)"
            )
            relation = "(SELECT *, 0 AS f, rowid AS r FROM raw_text)"
        else:
            raise FixableError("engines.no_source", path=path)
        return Source(relation, self._headers(relation))

    def _database_source(self, path: Path, table: str | None) -> Source:
        self.con.execute(f"ATTACH '{_setting(str(path))}' AS src (READ_ONLY)")
        tables = [
            row[0]
            for row in self.con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'src'").fetchall()
        ]
        if table is None:
            if len(tables) != 1:
                raise FixableError("engines.pick_table", path=str(path), tables=", ".join(tables))
            table = tables[0]
        relation = f"(SELECT *, 0 AS f, rowid AS r FROM src.{self.ident(table)})"
        return Source(relation, self._headers(relation))

    def _headers(self, relation: str) -> list[str]:
        names = [row[0] for row in self.con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()]
        return [n for n in names if n not in ("f", "r")]

    # --- dialect ----------------------------------------------------------------------------------------------
    def quantile(self, column: str, q: float) -> str:
        """``quantile_cont``: linear interpolation between the two nearest values, as numpy."""
        return f"quantile_cont({column}, {q!r})"

    def epoch_us(self, expression: str) -> str:
        """Text in ISO 8601 (with or without an offset) and typed timestamps; naive times are UTC."""
        return f"epoch_us(TRY_CAST({expression} AS TIMESTAMPTZ))"

    def sequence(self) -> str:
        """``string_agg`` in ``pos`` order."""
        return f"string_agg(activity, '{SEPARATOR}' ORDER BY pos)"

    def first_by(self, column: str, place: str) -> str:
        """``arg_min`` (which skips NULL places)."""
        return f"arg_min({column}, {place})"

    def pair(self, f: str, r: str) -> str:
        """One integer (file index x 2^40 + row): sorts and aggregates far faster than a struct."""
        return f"(CAST({f} AS BIGINT) * 1099511627776 + {r})"

    def sequence_key(self) -> str:
        """Two sums of per-step hashes of (activity, position) and the step count: an ordered ``string_agg`` per
        order costs most of the preparation time, these sums a fraction of it."""
        return (
            "CAST(sum(hash(activity, pos)) AS VARCHAR) || ':' || CAST(sum(hash(pos, activity, 'o2c')) AS VARCHAR)"
            " || ':' || CAST(count(*) AS VARCHAR)"
        )

    def row_code(self) -> str:
        """``row_number()`` over the whole query."""
        return "row_number() OVER ()"

    def text(self, column: str) -> str:
        """Trimmed text, NULL when empty."""
        return f"NULLIF(trim(CAST({column} AS VARCHAR)), '')"

    def ident(self, name: str) -> str:
        """Double-quoted."""
        return '"' + name.replace('"', '""') + '"'

    def materialize(self, name: str, select: str, params: Sequence[object] = ()) -> None:
        """A table in the private database (DuckDB spills what does not fit in ``memory_limit``)."""
        self.con.execute(f"CREATE OR REPLACE TABLE {name} AS {select}", list(params))

    def forget(self, name: str) -> None:
        """Drop the table."""
        self.con.execute(f"DROP TABLE IF EXISTS {name}")

    def register(self, name: str, frame: pd.DataFrame) -> None:
        """A small frame as a table."""
        self.con.register("_frame", frame)
        self.con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM _frame")
        self.con.unregister("_frame")

    def drop(self, names: list[str]) -> None:
        """Drop intermediate tables (and the raw text copy)."""
        for name in [*names, "raw_text"]:
            self.con.execute(f"DROP TABLE IF EXISTS {name}")
        self.con.execute("CHECKPOINT")

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        """Rows of a parameterised query, on a cursor of its own: the app shares one engine between sessions, and a
        DuckDB connection refuses a second call while one runs (a user changing a filter during a slow query)."""
        cursor = self.con.cursor()
        try:
            return cursor.execute(sql, list(params)).fetchall()
        finally:
            cursor.close()

    def close(self) -> None:
        """Close the connection and delete the private database."""
        try:
            self.con.close()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _setting(value: str) -> str:
    return value.replace("'", "''")


def _list(paths: list[str]) -> str:
    return "[" + ", ".join(f"'{_setting(p)}'" for p in paths) + "]"
