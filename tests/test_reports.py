"""The Excel and HTML reports and ``python -m o2c report``."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys

import numpy as np
import openpyxl
import pandas as pd
import pytest
from conftest import ROOT, SAMPLE_WORKBOOK, TINY_EVENTS, TINY_ORDERS

from o2c.cli.main import main
from o2c.conform.rules import DEFAULT_RULES, Rule, RuleSet
from o2c.i18n import t
from o2c.improve.settings import Settings
from o2c.ingest.load import load_event_log
from o2c.log.filters import Filters
from o2c.monitor.kpis import kpi_values
from o2c.monitor.snapshots import SnapshotStore
from o2c.report import html as report_html
from o2c.report.content import DAY, kpi_text, report_content
from o2c.report.html import html_report
from o2c.report.xlsx import excel_report

SHEETS = ["Summary", "Trends", "Variants", "Bottlenecks", "Violations", "Backlog"]
SECTIONS = ["kpis", "trends", "map", "variants", "bottlenecks", "violations", "backlog"]
HOSTILE = {"SO-1": '=HYPERLINK("http://x","click")', "SO-2": "<script>alert(1)</script>", "SO-3": "+Acme"}


def _workbook(events: pd.DataFrame, orders: pd.DataFrame) -> bytes:
    """A workbook whose text cells are stored as text, so "=..." stays an account name, not a formula."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, frame in (("Events", events), ("Orders", orders)):
        sheet = book.create_sheet(name)
        sheet.append(list(frame.columns))
        for row in frame.itertuples(index=False):
            sheet.append(list(row))
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def hostile_log():
    """The tiny log with account names a spreadsheet would run or a browser would execute."""
    orders = TINY_ORDERS.assign(account_name=TINY_ORDERS["case_id"].map(HOSTILE))
    data = _workbook(pd.read_csv(io.StringIO(TINY_EVENTS)), orders)
    result = load_event_log(data, "tiny.xlsx", now=pd.Timestamp("2025-01-01", tz="UTC"))
    assert result.log is not None and sorted(result.log.cases["account_name"]) == sorted(HOSTILE.values())
    return result.log


@pytest.fixture(scope="module")
def sample_excel(sample_log):
    view = Filters().apply(sample_log)
    return openpyxl.load_workbook(io.BytesIO(excel_report(view, source_name="o2c_sample.xlsx")))


@pytest.fixture(scope="module")
def sample_html(sample_log):
    view = Filters().apply(sample_log)
    return html_report(
        view, filter_text=Filters().describe(view.n_cases, sample_log.n_cases), source_name="o2c_sample.xlsx"
    )


def _table(sheet, first_header: str, nth: int = 0) -> pd.DataFrame:
    """The ``nth`` table of ``sheet`` whose header row starts with ``first_header``."""
    rows = list(sheet.iter_rows(values_only=True))
    start = [i for i, row in enumerate(rows) if row[0] == first_header][nth]
    body = []
    for row in rows[start + 1 :]:
        if row[0] is None:
            break
        body.append(row)
    return pd.DataFrame(body, columns=rows[start])


# --- Excel --------------------------------------------------------------------------------------------------------


def test_excel_has_every_section_sheet_with_a_title_block(sample_excel):
    assert sample_excel.sheetnames == SHEETS
    summary = sample_excel["Summary"]
    block = [summary.cell(row, 1).value for row in range(1, 6)]
    assert str(block[0]).startswith("Order-to-cash report")
    assert str(block[1]) == "Source: o2c_sample.xlsx"
    assert "2024-01-01 to 2024-12-31" in str(block[3]) and str(block[4]).startswith("Generated: ")
    assert summary.freeze_panes is not None


def test_excel_kpis_equal_kpi_values_with_times_in_days(sample_log, sample_excel):
    table = _table(sample_excel["Summary"], "KPI")
    expected = kpi_values(Filters().apply(sample_log))
    assert table["KPI"].tolist() == [v.kpi.name() for v in expected]
    for value, row in zip(expected, table.itertuples(index=False)):
        number = value.value / DAY if value.kpi.unit == "seconds" else value.value
        assert row.Value == pytest.approx(number), value.kpi.key
        assert row.Formula == value.kpi.formula()
    days = table.set_index("KPI").loc["Invoice to cash (median)"]
    assert isinstance(days["Value"], float) and days["Unit"] == "days"
    rows = {cell.value: cell.row for cell in sample_excel["Summary"]["A"]}
    assert sample_excel["Summary"].cell(rows["Late payment rate"], 2).number_format == "0.0%"


def test_excel_trends_variants_bottlenecks_and_violations(sample_log, sample_excel):
    trend = _table(sample_excel["Trends"], "Month")
    assert len(trend) == 12 and trend["Orders (orders)"].sum() == 2000
    variants = _table(sample_excel["Variants"], "Rank")
    assert variants["Orders"].iloc[0] == 946 and variants["Path"].iloc[0].startswith("Create Sales Order → ")
    bottlenecks = _table(sample_excel["Bottlenecks"], "From")
    assert (bottlenecks["From"].iloc[0], bottlenecks["To"].iloc[0]) == ("Invoice Sent", "Payment Received")
    assert isinstance(bottlenecks["Total wait (days)"].iloc[0], float)
    rules = _table(sample_excel["Violations"], "Rule")
    assert rules.set_index("Rule").loc["Four eyes on credit", "Orders"] == 57
    orders = _table(sample_excel["Violations"], "Rule", nth=1)
    assert orders.columns[-1] == "Details" and "Salesforce Order Id" in orders.columns
    assert len(orders) > 0 and orders.groupby("Rule").size().max() == 100
    assert pd.api.types.is_datetime64_any_dtype(orders["When (UTC)"])  # dates, not text
    backlog = _table(sample_excel["Backlog"], "Rank")
    assert backlog["Rank"].tolist() == list(range(1, len(backlog) + 1)) and len(backlog) > 0


def test_excel_never_holds_a_formula(hostile_log):
    view = Filters().apply(hostile_log)
    # Every hostile account must show up in the violations: SO-2 ships without a credit check, and a rule
    # against credit checks catches SO-1 and SO-3 (the default rules on steps the tiny log lacks do not apply).
    rules = RuleSet((*DEFAULT_RULES.rules, Rule("No credit checks", "absence", "Credit Check Passed")))
    data = excel_report(view, Settings(rules=rules), filter_text="=1+1", source_name="@SUM(A1).xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    texts = []
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    assert not cell.value.startswith(("=", "+", "-", "@")), cell.value
    assert "'+Acme" in texts and any(text.startswith("'=HYPERLINK") for text in texts)


def test_excel_in_chinese(hostile_log):
    book = openpyxl.load_workbook(io.BytesIO(excel_report(Filters().apply(hostile_log), lang="zh")))
    assert book.sheetnames == [
        t(f"report.sheet.{key}", "zh")
        for key in ("summary", "trends", "variants", "bottlenecks", "violations", "backlog")
    ]


# --- content ------------------------------------------------------------------------------------------------------


def test_content_of_the_tiny_log(hostile_log):
    content = report_content(Filters().apply(hostile_log))
    kpis = {v.kpi.key: v for v in content.kpis}
    # Paid orders SO-1 (4 d) and SO-3 (10 d 1 h): median end to end 7 d 30 min.
    assert kpis["end_to_end_median"].value == pytest.approx(7 * DAY + 1800)
    assert kpis["order_to_delivery"].missing == "Delivered"
    assert kpi_text(kpis["order_to_delivery"], "en", "EUR") == "needs Delivered"
    assert content.variants["orders"].sum() == 3 and content.n_variants == 3
    assert content.n_violations == int(content.rules["orders"].sum())
    assert set(content.violations["Account"]) <= set(HOSTILE.values())


# --- HTML ---------------------------------------------------------------------------------------------------------


def test_html_has_every_section_and_the_kpi_values(sample_log, sample_html):
    for key in SECTIONS:
        assert f'<section id="{key}"><h2>{t(f"report.section.{key}")}</h2>' in sample_html
    for value in kpi_values(Filters().apply(sample_log)):
        assert f'<div class="kpi-value">{kpi_text(value, "en", "EUR")}</div>' in sample_html
    assert "Orders: 2,000 of 2,000" in sample_html and "o2c_sample.xlsx" in sample_html
    assert sample_html.count('<svg class="spark"') >= 10


def test_html_is_self_contained(sample_html):
    assert not re.search(r"https?:", sample_html)
    assert not re.search(r"<(script|link|img|iframe)\b|\bsrc=|@import|url\(", sample_html)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_html_process_map_is_inline_graphviz_svg(sample_html):
    start = sample_html.index('<section id="map">')
    section = sample_html[start : sample_html.index("</section>", start)]
    assert '<svg class="process-map"' in section and 'class="graph"' in section
    assert "Create Sales Order" in section and "<?xml" not in section and "<!DOCTYPE svg" not in section


def test_html_without_dot_lists_the_busiest_paths(hostile_log, monkeypatch):
    monkeypatch.setattr(report_html.shutil, "which", lambda name: None)
    html = html_report(Filters().apply(hostile_log))
    start = html.index('<section id="map">')
    section = html[start : html.index("</section>", start)]
    assert "<svg" not in section and t("report.map.fallback") in section
    assert "<td>Create Sales Order</td><td>Shipped</td>" in section


def test_html_escapes_user_text(hostile_log):
    html = html_report(Filters().apply(hostile_log), filter_text="<b>x</b>", source_name="<img src=x onerror=alert(1)>")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_html_in_chinese(hostile_log):
    html = html_report(Filters().apply(hostile_log), lang="zh")
    assert '<html lang="zh-Hans">' in html and t("report.section.kpis", "zh") in html


def test_line_chart_leaves_gaps_at_missing_months():
    svg = report_html.line_chart(
        ["2024-01", "2024-02", "2024-03", "2024-04"], np.array([1.0, np.nan, 2.0, 3.0]), lambda v: f"{v:.0f}"
    )
    # Only March -> April is joined: February is missing.
    assert svg.count('class="line"') == 1 and svg.count("<circle") == 3


def test_line_chart_marks_months_that_will_still_change():
    svg = report_html.line_chart(
        ["2024-01", "2024-02", "2024-03"],
        np.array([1.0, 2.0, 3.0]),
        lambda v: f"{v:.0f}",
        unsettled=np.array([False, False, True]),
    )
    assert svg.count('class="line"') == 1 and svg.count('class="line open"') == 1
    assert svg.count('class="dot open"') == 1 and svg.count('class="dot"') == 2


def test_a_flat_share_keeps_its_axis_at_or_above_zero():
    svg = report_html.line_chart(["2024-01", "2024-02"], np.array([0.0, 0.0]), lambda v: f"{v:.0%}")
    assert (
        ">0%</text>" in svg
        and ">100%</text>" in svg
        and "-" not in "".join(part.split("<")[0] for part in svg.split('class="ylab">')[1:])
    )


def test_excel_trends_say_how_many_orders_are_still_open(sample_log):
    sheet = openpyxl.load_workbook(io.BytesIO(excel_report(sample_log.view())))["Trends"]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == "Month")
    column = rows[header].index("Orders still open (%)")
    december = rows[-1]
    assert december[0].month == 12 and december[column] == pytest.approx(0.949, abs=0.001)


def test_html_trends_flag_the_months_still_open(sample_log):
    html = html_report(sample_log.view())
    assert "latest settled month (2024-10)" in html  # Nov and Dec still have 29% and 95% of orders open
    assert 'class="dot open"' in html


# --- CLI ----------------------------------------------------------------------------------------------------------


def test_cli_writes_both_reports_with_filters(tmp_path, capsys):
    html, xlsx = tmp_path / "report.html", tmp_path / "report.xlsx"
    assert main(["report", str(SAMPLE_WORKBOOK), "--out", str(html), "--filter", "sales_channel=Partner"]) == 0
    assert (
        main(["report", str(SAMPLE_WORKBOOK), "--out", str(xlsx), "--filter", "sales_channel=Partner", "--lang", "zh"])
        == 0
    )
    out = capsys.readouterr().out
    orders = int(re.search(r"([\d,]+) orders", out).group(1).replace(",", ""))
    assert 0 < orders < 2000
    assert f"Partner orders: {orders:,} of 2,000" in html.read_text(encoding="utf-8")
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames[0] == t("report.sheet.summary", "zh")
    assert _table(book.worksheets[0], t("report.col.kpi", "zh")).iloc[0, 1] == orders


def test_cli_snapshot_goes_to_the_store(tmp_path):
    store = tmp_path / "snapshots.sqlite3"
    assert (
        main(["report", str(SAMPLE_WORKBOOK), "--out", str(tmp_path / "r.html"), "--snapshot", "--store", str(store)])
        == 0
    )
    saved = SnapshotStore(store).list()
    assert len(saved) == 1 and int(saved["orders"].iloc[0]) == 2000


def test_cli_snapshot_goes_to_a_workspace(tmp_path, monkeypatch):
    """The command line saves where the Monitoring page's workspace of that name reads (issue #14)."""
    from o2c.monitor.snapshots import workspace_path

    monkeypatch.setenv("O2C_EXPLORER_DATA", str(tmp_path))
    assert (
        main(
            [
                "report",
                str(SAMPLE_WORKBOOK),
                "--out",
                str(tmp_path / "r.html"),
                "--snapshot",
                "--workspace",
                "Finance team",
            ]
        )
        == 0
    )
    assert len(SnapshotStore(workspace_path("finance-team", tmp_path)).list()) == 1
    assert (
        main(["report", str(SAMPLE_WORKBOOK), "--out", str(tmp_path / "r.html"), "--snapshot", "--workspace", "../.."])
        == 2
    )


def test_cli_bad_input_fails_with_a_message(tmp_path):
    bad = tmp_path / "orders.xlsx"
    bad.write_text("not a workbook")
    run = subprocess.run(
        [sys.executable, "-m", "o2c", "report", str(bad), "--out", str(tmp_path / "r.html")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode != 0 and "not a workbook" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "r.html").exists()
    assert main(["report", str(tmp_path / "missing.xlsx"), "--out", str(tmp_path / "r.html")]) == 2
    assert main(["report", str(bad), "--out", str(tmp_path / "r.pdf")]) == 2
