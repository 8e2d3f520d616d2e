"""Large sources the operator names for the app: ``O2C_EXPLORER_SOURCES``, opened through DuckDB or Spark.

The variable holds ``name=location`` pairs separated by ``;``. A location is a Parquet file or folder, a CSV file
or a ``.duckdb`` file (with ``#table`` when it holds several tables), read by DuckDB; ``spark:`` before it (a
path or a table name) reads it with Spark on ``O2C_EXPLORER_SPARK_MASTER`` (default ``local[2]``).

>>> [s.engine for s in parse_sources("orders=/data/orders/; lake=spark:sales.o2c_events")]
['duckdb', 'spark']
"""

from __future__ import annotations

import os
from dataclasses import dataclass

SOURCES_VARIABLE = "O2C_EXPLORER_SOURCES"
MASTER_VARIABLE = "O2C_EXPLORER_SPARK_MASTER"


@dataclass(frozen=True)
class SourceSpec:
    """One named source: the engine that reads it and where it is."""

    name: str
    engine: str  # "duckdb" or "spark"
    location: str


def parse_sources(text: str) -> list[SourceSpec]:
    """The sources in ``text`` (``name=location;...``); entries without a name or location are skipped."""
    found = []
    for entry in text.split(";"):
        name, _, location = entry.partition("=")
        name, location = name.strip(), location.strip()
        if not name or not location:
            continue
        engine = "spark" if location.startswith("spark:") else "duckdb"
        found.append(SourceSpec(name, engine, location.removeprefix("spark:")))
    return found


def configured_sources() -> list[SourceSpec]:
    """The sources named in the environment (none when the variable is not set)."""
    return parse_sources(os.environ.get(SOURCES_VARIABLE, ""))


def spark_master() -> str:
    """The Spark master for ``spark:`` sources."""
    return os.environ.get(MASTER_VARIABLE, "local[2]")
