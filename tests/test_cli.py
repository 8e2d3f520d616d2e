"""`python -m o2c` as a scheduled job would run it: real subprocesses, real files."""

from __future__ import annotations

import json
import subprocess
import sys

import openpyxl
import pytest
from conftest import ORDERS_FLAT, ROOT, SAMPLE_WORKBOOK


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "o2c", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def orders_flat_summary() -> dict:
    done = run("analyze", str(ORDERS_FLAT), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_analyze_recognises_the_public_log(orders_flat_summary):
    summary = orders_flat_summary
    assert (summary["cases"], summary["events"]) == (2000, 6566)
    assert summary["activities"] == {
        "place order": 2000,
        "confirm order": 2000,
        "pay order": 2000,
        "payment reminder": 566,
    }
    assert summary["start"] == "2023-04-03T10:08:18+00:00" and summary["end"] == "2024-06-04T18:12:07+00:00"
    assert summary["validation"] == []


def test_analyze_matches_pm4py_reference_numbers(orders_flat_summary):
    # ../shared/datasets/README.md, computed with pm4py 2.7.23.11
    summary = orders_flat_summary
    assert [v["cases"] for v in summary["variants"]] == [1557, 344, 78, 18, 3]
    assert summary["variants"][0]["activities"] == ["place order", "confirm order", "pay order"]
    assert summary["case_duration_seconds"]["median"] == 689776.5
    assert round(summary["case_duration_seconds"]["mean"], 2) == 1118963.69
    assert summary["rework"]["by_activity"] == {"payment reminder": 99}
    assert summary["rework"]["rate"] == 99 / 2000
    assert summary["start_activities"] == {"place order": 2000}
    assert summary["end_activities"] == {"pay order": 2000}
    assert {(e["from"], e["to"]): e["count"] for e in summary["dfg"]} == {
        ("place order", "confirm order"): 2000,
        ("confirm order", "pay order"): 1557,
        ("confirm order", "payment reminder"): 443,
        ("payment reminder", "pay order"): 443,
        ("payment reminder", "payment reminder"): 123,
    }


def test_analyze_with_filters():
    done = run(
        "analyze",
        str(SAMPLE_WORKBOOK),
        "--json",
        "--filter",
        "sales_channel=Partner",
        "--filter",
        "from=2024-01-01",
        "--filter",
        "to=2024-03-31",
    )
    summary = json.loads(done.stdout)
    assert summary["filter"] == f"Partner orders created in Q1 2024: {summary['cases']:,} of 2,000"
    assert 0 < summary["cases"] < 2000


def test_analyze_reports_a_broken_file_and_fails(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("order,when\nA,2024-01-01\n")
    done = run("analyze", str(bad), "--json")
    assert done.returncode == 1
    summary = json.loads(done.stdout)
    assert summary["cases"] is None
    assert summary["validation"][0]["code"] == "missing_column"
    assert run("analyze", str(tmp_path / "missing.csv")).returncode == 2


def test_template_and_sample_commands(tmp_path):
    template = tmp_path / "t.xlsx"
    assert run("template", str(template)).returncode == 0
    assert openpyxl.load_workbook(template, read_only=True).sheetnames == [
        "Instructions",
        "Events",
        "Orders",
        "Activities",
        "Rules",
        "Mapping",
        "Dictionary",
    ]
    sample = tmp_path / "s.xlsx"
    done = run("sample", "--orders", "50", "--seed", "3", str(sample))
    assert done.returncode == 0 and "50 orders" in done.stdout
    summary = json.loads(run("analyze", str(sample), "--json").stdout)
    assert summary["cases"] == 50


def test_analyze_checks_conformance_with_the_default_rules():
    summary = json.loads(run("analyze", str(SAMPLE_WORKBOOK), "--json").stdout)
    conformance = summary["conformance"]
    assert conformance["fitting_cases"] == 1265  # token replay on the standard model, equal to pm4py's
    rules = {r["name"]: r["violations"] for r in conformance["rules"]}
    assert rules["Four eyes on credit"] == 57  # the two reps planted by o2c.ingest.sample
    assert rules["No change after confirmation"] == 164


def test_analyze_compares_a_group_with_the_rest():
    summary = json.loads(run("analyze", str(SAMPLE_WORKBOOK), "--json", "--compare", "sales_channel=Partner").stdout)
    compare = summary["compare"]
    assert compare["differences"][0].startswith(
        "Partner orders wait 5.0 d on Credit Check Passed → Order Activated (median)"
    )
    assert compare["orders"] == {"group": 486, "rest": 1514}
    assert compare["group"] == "Partner"
    assert {"from", "to", "group_share", "rest_share", "significant"} <= set(compare["paths"][0])


def test_analyze_reports_the_kpi_catalogue(orders_flat_summary):
    summary = json.loads(run("analyze", str(SAMPLE_WORKBOOK), "--json").stdout)
    kpis = summary["kpis"]
    assert list(kpis)[:3] == ["orders", "end_to_end_median", "end_to_end_p90"]
    assert kpis["orders"] == {"value": 2000.0, "unit": "orders", "judged_orders": 2000, "missing": None}
    assert kpis["late_payment_rate"]["value"] == 269 / 1722  # paid after the due date, of the paid orders
    assert kpis["on_time_delivery_rate"]["value"] == 1579 / 1900
    assert kpis["rework_rate"]["value"] == 270 / 2000
    assert kpis["cost_per_order"]["unit"] == "money" and kpis["cost_per_order"]["value"] > 0
    # The public log: every order ends with its payment, so created-to-paid is pm4py's case duration;
    # without due dates or deliveries those KPIs say what they need.
    public = orders_flat_summary["kpis"]
    assert public["end_to_end_median"]["value"] == 689776.5
    assert public["late_payment_rate"] == {
        "value": None,
        "unit": "share",
        "judged_orders": 0,
        "missing": "needs invoice_due_date",
    }
    assert public["order_to_delivery"]["missing"] == "needs Delivered"
