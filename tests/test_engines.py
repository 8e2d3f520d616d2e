"""DuckDB and Spark SQL give the in-memory numbers: on hand-made logs (exact values), the public data sets and
generated logs (the whole ``analyze --json`` summary, with filters of every type). One Spark session per run."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import threading
from pathlib import Path

import pandas as pd
import pytest

from o2c.cli.bench import flat_events
from o2c.cli.main import analysis_summary, main
from o2c.engines.duck import DuckDBEngine
from o2c.engines.memory import MemoryEngine
from o2c.engines.spark import SparkEngine, spark_session
from o2c.engines.summary import ENGINE_KEYS, engine_summary
from o2c.engines.where import Context, where_clause
from o2c.errors import FixableError
from o2c.ingest.load import load_event_log
from o2c.ingest.sample import generate_sample
from o2c.log.filters import Filters
from o2c.log.index import variant_id
from tests.conftest import DATASETS

ORDERS_LIFECYCLE = DATASETS / "order_management" / "orders_lifecycle_flat.csv.gz"
ORDERS_FLAT = DATASETS / "order_management" / "orders_flat.csv.gz"

# Ties: SO-2's two events at 09:00 keep their file order (Pick before Pack); row 4 repeats row 3 exactly and is
# dropped; row 8 has no order id and row 9 no time (both dropped, as on upload).
TIES = """Order ID,Activity,Timestamp,Sales Channel
SO-2,Create Sales Order,2024-01-01T08:00:00Z, Partner
SO-2,Pick,2024-01-01T09:00:00Z,Partner
SO-2,Pack,2024-01-01T09:00:00Z,Partner
SO-2,Pack,2024-01-01T09:00:00Z,Partner
SO-1,Create Sales Order,2024-01-02T08:00:00Z,Direct
SO-1,Pack,2024-01-02T12:00:00Z,Direct
SO-1,Pick,2024-01-02T12:00:00Z,Direct
,Pick,2024-01-02T13:00:00Z,Direct
SO-1,Pick,,Direct
SO-1,Pick,2024-01-03T08:00:00Z,Direct
"""

FILTERS = (
    Filters(),
    Filters({"sales_channel": ("Partner", "Online")}),
    Filters(date_from=dt.date(2024, 3, 1), date_to=dt.date(2024, 5, 31), date_mode="started"),
    Filters(date_from=dt.date(2024, 3, 1), date_to=dt.date(2024, 5, 31), date_mode="completed"),
    Filters(date_from=dt.date(2024, 3, 1), date_to=dt.date(2024, 5, 31), date_mode="intersecting"),
    Filters({"sales_channel": ("Direct",)}, date_to=dt.date(2024, 6, 30)),
)


@pytest.fixture(scope="session")
def spark():
    session = spark_session("local[2]")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> dict[str, Path]:
    """A generated log of 400 orders as Parquet (a folder of two files) and as CSV."""
    folder = tmp_path_factory.mktemp("generated")
    events, orders = generate_sample(400, 11)
    flat = flat_events(events, orders)
    (folder / "parquet").mkdir()
    half = len(flat) // 2
    flat.iloc[:half].to_parquet(folder / "parquet" / "part-0.parquet", index=False)
    flat.iloc[half:].to_parquet(folder / "parquet" / "part-1.parquet", index=False)
    flat.to_csv(folder / "events.csv", index=False)
    return {"parquet": folder / "parquet", "csv": folder / "events.csv"}


def memory_summary(path: Path, filters: Filters) -> dict:
    data = path.read_bytes() if path.is_file() else _folder_bytes(path)
    result = load_event_log(data, path.name if path.is_file() else "events.parquet", max_bytes=None)
    assert result.log is not None
    summary = analysis_summary(result.log, result.report, filters, skip=frozenset({"conformance"}))
    return {key: summary[key] for key in ENGINE_KEYS}


def _folder_bytes(folder: Path) -> bytes:
    frame = pd.concat([pd.read_parquet(p) for p in sorted(folder.glob("*.parquet"))], ignore_index=True)
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def assert_same(ours: dict, expected: dict, rel: float = 0.0) -> None:
    """Equal summaries; ``rel`` allows DuckDB's interpolation its last-bit rounding (numpy rounds a + (b - a) * g
    from the upper end when g >= 0.5)."""
    for key in ENGINE_KEYS:
        assert _close(ours[key], expected[key], rel), key


def _close(a, b, rel: float) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or math.isclose(a, b, rel_tol=rel)
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_close(a[k], b[k], rel) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y, rel) for x, y in zip(a, b))
    return a == b


# --- the WHERE fragments --------------------------------------------------------------------------------------


def test_filters_become_one_parameterised_where():
    context = Context({"sales_channel": "a_0"}, {variant_id(("A", "B")): 3})
    where = where_clause(
        Filters(
            {"sales_channel": ("Partner", "x') OR TRUE --"), "unknown": ("y",)},
            dt.date(2024, 1, 1),
            dt.date(2024, 1, 31),
            "intersecting",
            (variant_id(("A", "B")), "nope"),
        ),
        context,
    )
    assert where.sql == "((a_0 IN (?, ?)) AND (end_us >= ? AND start_us < ?)) AND (vcode IN (?))"
    assert where.params == ("Partner", "x') OR TRUE --", 1704067200000000, 1706745600000000, 3)
    assert where_clause(Filters(), context).sql == "TRUE"
    assert where_clause(Filters(variants=("nope",)), context).sql == "FALSE"


# --- exact values on a hand-made log ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ties(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ties") / "ties.csv"
    path.write_text(TIES, encoding="utf-8")
    return path


def _ties_checks(engine) -> None:
    assert engine.counts(Filters()).orders == 2
    assert engine.counts(Filters()).events == 7
    assert engine.start_activities(Filters()) == {"Create Sales Order": 2}
    assert engine.end_activities(Filters()) == {"Pack": 1, "Pick": 1}
    variants = engine.variant_table(Filters())
    # SO-2 appears first in the file, so its variant ranks first among the two single-order variants.
    assert variants["activities"].tolist() == [
        ["Create Sales Order", "Pick", "Pack"],
        ["Create Sales Order", "Pack", "Pick", "Pick"],
    ]
    assert variants["median_seconds"].tolist() == [3600.0, 86400.0]
    dfg = engine.dfg(Filters())
    # Ties in count follow the activities' first appearance in the file (Create, Pick, Pack), as in memory.
    assert list(zip(dfg["source"], dfg["target"], dfg["count"], dfg["median_seconds"])) == [
        ("Create Sales Order", "Pick", 1, 3600.0),
        ("Create Sales Order", "Pack", 1, 14400.0),
        ("Pick", "Pick", 1, 72000.0),
        ("Pick", "Pack", 1, 0.0),
        ("Pack", "Pick", 1, 0.0),
    ]
    assert engine.rework(Filters()).by_activity == {"Pick": 1}
    assert engine.counts(Filters({"sales_channel": ("Partner",)})).orders == 1  # " Partner" trimmed


def test_duckdb_on_ties_and_duplicates(ties):
    engine = DuckDBEngine(ties)
    try:
        _ties_checks(engine)
    finally:
        engine.close()
    result = load_event_log(ties.read_bytes(), "ties.csv")
    assert result.log is not None
    _ties_checks(MemoryEngine(result.log))


def test_duckdb_answers_while_another_query_runs(ties):
    # The app shares one engine between sessions: a query must not fail while another session's query runs.
    engine = DuckDBEngine(ties)
    running, release = threading.Event(), threading.Event()

    def block(value: int) -> int:
        running.set()
        release.wait(30)
        return value

    engine.con.create_function("block", block, [int], int)
    slow: list[list[tuple]] = []
    worker = threading.Thread(target=lambda: slow.append(engine.query("SELECT block(1)")))
    worker.start()
    try:
        assert running.wait(30)
        assert engine.counts(Filters()).orders == 2
    finally:
        release.set()
        worker.join()
        engine.close()
    assert slow == [[(1,)]]


def test_spark_on_ties_and_duplicates(ties, spark):
    engine = SparkEngine(str(ties), spark)
    try:
        _ties_checks(engine)
    finally:
        engine.close()


# --- whole summaries against the in-memory engine ----------------------------------------------------------


@pytest.mark.parametrize("dataset", [ORDERS_FLAT, ORDERS_LIFECYCLE], ids=["orders_flat", "orders_lifecycle"])
def test_duckdb_equals_memory_on_the_public_data_sets(dataset):
    engine = DuckDBEngine(dataset)
    try:
        for filters in (Filters(), Filters(date_from=dt.date(2023, 9, 1), date_mode="completed")):
            assert_same(engine_summary(engine, filters), memory_summary(dataset, filters), rel=1e-15)
    finally:
        engine.close()


@pytest.mark.parametrize("kind", ["parquet", "csv"])
def test_duckdb_equals_memory_on_a_generated_log(generated, kind):
    engine = DuckDBEngine(generated[kind])
    try:
        for filters in FILTERS:
            assert_same(engine_summary(engine, filters), memory_summary(generated[kind], filters), rel=1e-15)
        first = engine.variant_table(Filters())["variant_id"].iloc[0]
        chosen = Filters(variants=(first,))
        assert_same(engine_summary(engine, chosen), memory_summary(generated[kind], chosen), rel=1e-15)
    finally:
        engine.close()


def test_spark_equals_memory_on_a_generated_log(generated, spark):
    # The public data set goes through Spark in test_analyze_with_spark_uses_the_session.
    engine = SparkEngine(str(generated["parquet"]), spark)
    try:
        for chosen in (FILTERS[1], FILTERS[4]):
            assert_same(engine_summary(engine, chosen), memory_summary(generated["parquet"], chosen))
    finally:
        engine.close()


# --- the command line -----------------------------------------------------------------------------------------


def test_analyze_with_duckdb_prints_the_in_memory_keys(generated, capsys):
    assert main(["analyze", str(generated["csv"]), "--engine", "duckdb", "--json", "--filter", "region=EMEA"]) == 0
    ours = json.loads(capsys.readouterr().out)
    assert_same(ours, memory_summary(generated["csv"], Filters({"region": ("EMEA",)})), rel=1e-15)
    assert ours["engine"] == "duckdb"


def test_a_filter_stack_the_engine_cannot_apply_is_refused_not_ignored(generated, capsys):
    args = ["analyze", str(generated["csv"]), "--engine", "duckdb", "--json", "--filter", "rework=yes"]
    args += ["--filter", "trim:Create Sales Order>Shipped"]
    assert main(args) == 2
    error = capsys.readouterr().err
    assert "The duckdb engine does not apply these filters yet: trim:Create Sales Order>Shipped." in error


def test_analyze_with_spark_uses_the_session(generated, spark, capsys):
    assert main(["analyze", str(ORDERS_FLAT), "--engine", "spark", "--json"]) == 0
    ours = json.loads(capsys.readouterr().out)
    assert_same(ours, memory_summary(ORDERS_FLAT, Filters()))


def test_a_source_without_the_columns_is_explained(tmp_path, capsys):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(FixableError, match="No column was recognised as case_id, activity, timestamp"):
        DuckDBEngine(path)
    assert main(["analyze", str(path), "--engine", "duckdb"]) == 2
    assert "Name the columns as in the template" in capsys.readouterr().err


def test_sources_are_named_in_the_environment(monkeypatch):
    from o2c.engines.sources import SourceSpec, configured_sources, parse_sources

    assert parse_sources(" A = /d/x.parquet ;; =nope; B=spark:db.events ; C=/d/e.duckdb#t") == [
        SourceSpec("A", "duckdb", "/d/x.parquet"),
        SourceSpec("B", "spark", "db.events"),
        SourceSpec("C", "duckdb", "/d/e.duckdb#t"),
    ]
    monkeypatch.delenv("O2C_EXPLORER_SOURCES", raising=False)
    assert configured_sources() == []


def test_a_duckdb_file_table_is_a_source(ties, tmp_path):
    import duckdb

    database = tmp_path / "events.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute(f"CREATE TABLE order_events AS SELECT * FROM read_csv('{ties}', all_varchar = true)")
        con.execute("CREATE TABLE other AS SELECT 1 AS x")
    with pytest.raises(FixableError, match="holds several tables: order_events, other"):
        DuckDBEngine(database)
    engine = DuckDBEngine(f"{database}#order_events")
    try:
        _ties_checks(engine)
    finally:
        engine.close()
