"""The benchmark at a tiny size: its output structure, and our results equal pm4py's in the same run.

No timing is asserted; the figures live in docs/benchmarks.md.
"""

from __future__ import annotations

import json

import pytest

from o2c.cli import bench
from o2c.cli.main import main

COMPARED = ["directly-follows + performance", "variants", "case durations", "filter change: case filter + all three"]
PAGES = [
    "page: Overview",
    "page: Process map + DOT",
    "page: Variants",
    "page: Rework",
    "page: Cycle times",
    "all five pages",
    "filter stack of five",
    "stack of five + all five pages",
    "trim + all five pages",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> bench.Report:
    return bench.run_bench(
        [200], seed=3, ingest_orders=200, xlsx_events=2_000, workdir=tmp_path_factory.mktemp("bench")
    )


def test_every_step_is_timed_once_per_size(report):
    assert [s.name for s in report.steps] == COMPARED + PAGES
    assert all(s.size == 200 for s in report.steps)
    assert all(s.ours_cold >= 0 and s.ours_warm >= 0 for s in report.steps)
    assert report.sizes[0]["orders"] == 200 and report.sizes[0]["events"] > 200


def test_our_results_equal_pm4py_in_the_same_run(report):
    compared = [s for s in report.steps if s.name in COMPARED]
    assert all(s.pm4py is not None and s.ratio is not None for s in compared)
    assert [s.matches for s in compared] == [True] * 4
    assert report.mismatches == []
    assert all(s.pm4py is None and s.matches is None for s in report.steps if s.name in PAGES)


def test_uploads_load_in_a_fresh_process(report):
    assert [i.fmt for i in report.ingest] == ["xlsx", "parquet", "csv"]
    parquet, csv = report.ingest[1], report.ingest[2]
    assert parquet.orders == csv.orders == 200
    assert parquet.events == csv.events == report.sizes[0]["events"]
    assert all(i.megabytes > 0 and i.peak_rss_mb > 0 for i in report.ingest)


def test_report_is_json_and_a_table(report):
    data = json.loads(json.dumps(report.to_dict()))
    assert {"machine", "sizes", "steps", "ingest", "mismatches"} <= set(data)
    assert data["machine"]["cores"] >= 1 and data["machine"]["pm4py"]
    text = bench.format_report(report)
    assert "filter change: case filter + all three" in text and "MISMATCH" not in text
    assert "peak RSS" in text


def test_a_difference_from_pm4py_is_reported(sample_like_view):
    assert bench._duration_differences(sample_like_view, [1.0]) == [
        f"{sample_like_view.n_cases:,} case durations here, 1 in pm4py"
    ]
    assert bench._variant_differences(sample_like_view, {("Create Sales Order",): 3})[0].startswith("variants differ")


def test_cli_prints_json(capsys):
    assert main(["bench", "--orders", "120", "--no-pm4py", "--ingest-orders", "0", "--xlsx-events", "0", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sizes"][0]["orders"] == 120 and data["ingest"] == [] and data["mismatches"] == []
    assert all(step["pm4py"] is None for step in data["steps"])


@pytest.fixture
def sample_like_view():
    return bench.generated_log(50, seed=1).view()
