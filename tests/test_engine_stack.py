"""The filter stack through DuckDB and Spark SQL gives the in-memory orders and numbers: every filter type with
its negations on a hand-made log with ties (exact orders), on a generated log (the whole ``analyze --json``
summary), percentile bands over the orders kept so far, and a trim refused with the error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from o2c.cli.main import analysis_summary, main
from o2c.engines.duck import DuckDBEngine
from o2c.engines.spark import SparkEngine
from o2c.engines.sql import STACK_CACHE
from o2c.engines.summary import ENGINE_KEYS, engine_summary
from o2c.engines.where import Context, where_clause
from o2c.errors import FixableError
from o2c.ingest.load import load_event_log
from o2c.log.filters import Filters
from o2c.log.vocabulary import ActivityMap
from tests.test_engines import _folder_bytes, assert_same, generated, spark  # noqa: F401

# Ties keep their file order: SO-1's credit events at 09:00 and Pick/Pack at 10:00, SO-2's Pack/Pick at 09:00,
# SO-3's three events at 08:00 (so it starts with Pick and ends with Pack). "Document released for credit" plays
# the role credit_check_passed, as "Credit Check Passed" does. End to end: SO-1 50 h, SO-2 49 h, SO-3 0.
TIES = """Order ID,Activity,Timestamp,Resource,Role,Sales Channel
SO-1,Create Sales Order,2024-01-01T08:00:00Z,Ann,Sales Rep,Direct
SO-1,Credit Check Passed,2024-01-01T09:00:00Z,Bob,Credit Controller,Direct
SO-1,Document released for credit,2024-01-01T09:00:00Z,,Credit Controller,Direct
SO-1,Pick,2024-01-01T10:00:00Z,Cy,Warehouse Operator,Direct
SO-1,Pack,2024-01-01T10:00:00Z,Cy,Warehouse Operator,Direct
SO-1,Pick,2024-01-03T10:00:00Z,Dee,Warehouse Operator,Direct
SO-2,Create Sales Order,2024-01-02T08:00:00Z,Ann,Sales Rep,Partner
SO-2,Pack,2024-01-02T09:00:00Z,Cy,Warehouse Operator,Partner
SO-2,Pick,2024-01-02T09:00:00Z, Cy ,Warehouse Operator,Partner
SO-2,Pack,2024-01-04T09:00:00Z,Dee,Warehouse Operator,Partner
SO-3,Pick,2024-01-03T08:00:00Z,Dee,Warehouse Operator,Direct
SO-3,Create Sales Order,2024-01-03T08:00:00Z,Ann,Sales Rep,Direct
SO-3,Pack,2024-01-03T08:00:00Z,Cy,Warehouse Operator,Direct
"""

# (the --filter values, the orders kept)
TIE_CASES = [
    (["has:Document released for credit|Credit Check Passed"], {"SO-1"}),
    (["lacks:Credit Check Passed"], {"SO-2", "SO-3"}),
    (["has:credit_check_passed"], {"SO-1"}),  # a role: every activity playing it
    (["starts:Pick"], {"SO-3"}),
    (["notstarts:Pick"], {"SO-1", "SO-2"}),
    (["ends:Pack"], {"SO-2", "SO-3"}),
    (["notends:pack"], {"SO-1"}),  # names ignore case, as in memory
    (["rework:yes"], {"SO-1", "SO-2"}),
    (["rework:no"], {"SO-3"}),
    (["rework:Pack"], {"SO-2"}),
    (["norework:Pack"], {"SO-1", "SO-3"}),
    (["rework:credit_check_passed"], {"SO-1"}),  # two events of the role count as a repeat, as in memory
    (["duration>49h"], {"SO-1", "SO-2"}),
    (["duration:1h-49h"], {"SO-2"}),
    (["duration<1h"], {"SO-3"}),
    (["duration:p50-p100"], {"SO-1", "SO-2"}),  # of 0, 49 h, 50 h the median is 49 h
    (["rework:yes", "duration:p50-p100"], {"SO-1"}),  # of the orders kept so far: 49 h and 50 h, median 49.5 h
    (["duration:p50-p100", "rework:yes"], {"SO-1", "SO-2"}),
    (["sales_channel=Partner", "duration:p0-p50"], {"SO-2"}),  # the sidebar's filters come first
    (["time:Create Sales Order>Pick>1h"], {"SO-1", "SO-2"}),  # SO-3 has no Pick after its Create
    (["time:Create Sales Order>Pick<1h"], {"SO-2"}),
    (["time:Create Sales Order>Pick:p0-p0"], {"SO-2"}),
    (["follows:Pick>Create Sales Order"], {"SO-3"}),  # the tie's file order decides
    (["notfollows:Pick>Create Sales Order"], {"SO-1", "SO-2"}),
    (["directly:Pick>Pack"], {"SO-1", "SO-2"}),
    (["directly:Pick>Pack<1h"], {"SO-1"}),
    (["directly:Pick>Pack>1d"], {"SO-2"}),
    (["notdirectly:Pick>Pack"], {"SO-3"}),
    (["follows:Create Sales Order>Pick<1h"], {"SO-2"}),
    (["follows:Pick>Pack<1h"], {"SO-1", "SO-3"}),  # the closest Pick before a Pack
    (["follows:Pick>Pack>1d"], {"SO-2"}),  # from the first Pick
    (["notfollows:Pick>Pack>1d"], {"SO-1", "SO-3"}),
    (["resource:Cy"], {"SO-1", "SO-2", "SO-3"}),  # " Cy " is trimmed
    (["resource@Pick:Dee"], {"SO-1", "SO-3"}),
    (["role@Create Sales Order:Credit Controller"], set()),
    (["orders:SO-2|SO-9"], {"SO-2"}),
    (["has:Pick", "lacks:Credit Check Passed", "follows:Create Sales Order>Pack", "duration:p50-p100"], {"SO-2"}),
]


@pytest.fixture(scope="module")
def ties(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("stack_ties") / "ties.csv"
    path.write_text(TIES, encoding="utf-8")
    return path


def filters_of(arguments: list[str]) -> Filters:
    """``--filter`` values as ``analyze`` reads them."""
    from o2c.cli.main import _parse_filters

    return Filters.from_query(_parse_filters(arguments))


class Memory:
    """A source loaded once in memory: its summary and its kept orders under any filters."""

    def __init__(self, path: Path) -> None:
        data, name = (path.read_bytes(), path.name) if path.is_file() else (_folder_bytes(path), "events.parquet")
        result = load_event_log(data, name, max_bytes=None)
        assert result.log is not None
        self.log, self.report = result.log, result.report

    def summary(self, filters: Filters) -> dict:
        summary = analysis_summary(self.log, self.report, filters, skip=frozenset({"conformance"}))
        return {key: summary[key] for key in ENGINE_KEYS}

    def orders(self, filters: Filters) -> set[str]:
        return set(self.log.cases["case_id"][filters.case_mask(self.log)])


@pytest.mark.parametrize(("arguments", "expected"), TIE_CASES, ids=[" ".join(a) for a, _ in TIE_CASES])
def test_duckdb_keeps_the_in_memory_orders_on_ties(ties, arguments, expected):
    memory = Memory(ties)
    filters = filters_of(arguments)
    assert memory.orders(filters) == expected
    engine = DuckDBEngine(ties)
    try:
        assert engine.counts(filters).orders == len(expected)
        assert_same(engine_summary(engine, filters), memory.summary(filters))
    finally:
        engine.close()


GENERATED_STACKS = [
    ["has:Credit Check Failed|Order Changed"],
    ["lacks:payment_received"],
    ["notends:Payment Received"],
    ["starts:Create Sales Order", "ends:Payment Received"],
    ["rework:yes"],
    ["norework:Inventory Allocated"],
    ["duration>20d"],
    ["duration:5d-15d"],
    ["duration:p90-p100"],
    ["region=EMEA", "has:Credit Check Passed", "duration:p25-p75"],
    ["time:Create Sales Order>Shipped>5d"],
    ["time:Order Activated>Payment Received:p50-p100"],
    ["notfollows:Order Activated>Payment Received"],
    ["directly:Picked>Shipped<1d"],
    ["notdirectly:Picked>Shipped>1d"],
    ["follows:Create Sales Order>Shipped<3d"],
    ["follows:Create Sales Order>Shipped>10d"],
    ["resource:Ryan Cooper"],
    ["role@Credit Check Passed:Credit Controller", "department:Sales|Finance"],
    ["orders:8015g00000AbCdKAAV|nope"],
]


def test_duckdb_equals_memory_on_a_generated_log(generated):  # noqa: F811
    memory = Memory(generated["csv"])
    engine = DuckDBEngine(generated["csv"])
    try:
        for arguments in GENERATED_STACKS:
            filters = filters_of(arguments)
            ours, expected = engine_summary(engine, filters), memory.summary(filters)
            assert ours["cases"] > 0, arguments
            assert_same(ours, expected, rel=1e-15)
        # The variants chosen after a stack are those of the orders it keeps.
        stack = filters_of(["has:Credit Check Failed", "duration:p50-p100"])
        first = engine.variant_table(stack)["variant_id"].iloc[0]
        chosen = Filters(steps=stack.steps, variants=(first,))
        assert_same(engine_summary(engine, chosen), memory.summary(chosen), rel=1e-15)
        with pytest.raises(FixableError, match="does not apply these filters yet: event.source_object:Order"):
            engine.counts(filters_of(["event.source_object:Order"]))  # only the people attributes go to SQL
        # The orders of the last few stacks are kept as tables; older ones are dropped.
        kept = engine.query("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'kept_%'")[0][0]
        assert kept == len(engine._stacks) == STACK_CACHE
    finally:
        engine.close()


def test_spark_equals_memory_with_a_stack_of_every_type(generated, spark):  # noqa: F811
    arguments = [
        "has:Inventory Allocated",
        "notends:Order Cancelled",
        "rework:no",
        "follows:Create Sales Order>Shipped<20d",
        "notdirectly:Picked>Shipped>1d",
        "resource@Create Sales Order:Ryan Cooper|Jason Brooks|Emily Chen",
        "duration:p10-p90",
        "time:Order Activated>Shipped>1d",
    ]
    filters = filters_of(arguments)
    expected = Memory(generated["parquet"]).summary(filters)
    assert 0 < expected["cases"] < 400
    engine = SparkEngine(str(generated["parquet"]), spark)
    try:
        assert_same(engine_summary(engine, filters), expected)
    finally:
        engine.close()


def test_analyze_with_duckdb_applies_the_stack(generated, capsys):  # noqa: F811
    arguments = ["--filter", "has:Credit Check Failed", "--filter", "duration:p50-p100"]
    assert main(["analyze", str(generated["csv"]), "--engine", "duckdb", "--json", *arguments]) == 0
    ours = json.loads(capsys.readouterr().out)
    filters = filters_of(["has:Credit Check Failed", "duration:p50-p100"])
    assert_same(ours, Memory(generated["csv"]).summary(filters), rel=1e-15)


def test_a_trim_and_unknown_names_are_refused(ties):
    engine = DuckDBEngine(ties)
    try:
        with pytest.raises(FixableError, match="does not apply these filters yet: trim:Create Sales Order>Pack"):
            engine.counts(filters_of(["has:Pick", "trim:Create Sales Order>Pack"]))
        with pytest.raises(FixableError, match="Nope"):
            engine.counts(filters_of(["has:Nope"]))
        with pytest.raises(FixableError, match="department"):
            engine.counts(filters_of(["department:Sales"]))
    finally:
        engine.close()


def test_user_text_stays_a_parameter():
    context = Context({}, {}, ActivityMap.match(["A", "B"]), {"resource": "e_0"})
    where = where_clause(filters_of(["resource@B:x') OR TRUE --", "orders:'; DROP TABLE ev"]), context)
    assert "DROP" not in where.sql and "TRUE --" not in where.sql
    assert where.params == ("x') OR TRUE --", 1, "'; DROP TABLE ev")
    with pytest.raises(FixableError, match="does not apply these filters yet: duration:p90-p100"):
        where_clause(filters_of(["duration:p90-p100"]), context)  # a band needs the engine's quantiles
