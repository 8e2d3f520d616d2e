"""An SAP SD-shaped log (tests/fixtures/sap_o2c.csv): column mapping on the command line, ERP steps, a log that
ends at goods issue, and the automatic job as system work."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

from o2c.cli.main import main
from o2c.discover.measures import order_measures
from o2c.improve.automation import default_system_resources, looks_like_system, system_events
from o2c.ingest.load import LoadOptions, load_event_log
from o2c.ingest.recognise import guess_columns
from o2c.ingest.sample import generate_sample
from o2c.log.vocabulary import match_role
from o2c.monitor.kpis import kpi_values

SAP = ROOT / "tests" / "fixtures" / "sap_o2c.csv"


@pytest.fixture(scope="module")
def summary() -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "o2c", "analyze", str(SAP), "--column", "case_id=Key", "--column", "timestamp=Date"]
        + ["--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_counts_after_repeated_rows_and_trailing_spaces(summary):
    assert (summary["cases"], summary["events"]) == (6, 25)
    assert summary["activities"]["Good Issue"] == 3 and summary["activities"]["Delivery"] == 4
    codes = [row["code"] for row in summary["validation"]]
    assert codes == ["duplicate_event", "columns_used"]
    used = summary["validation"][1]["message"]
    assert "Key → case_id" in used and "Date → timestamp" in used and "User → resource" in used


def test_key_is_a_case_id_only_without_a_better_header():
    assert guess_columns(["Key", "Date", "Activity"]).columns["case_id"] == "Key"
    assert guess_columns(["Key", "Order ID", "Date", "Activity"]).columns["case_id"] == "Order ID"
    assert "case_id" not in guess_columns(["Event_ID", "Date", "Activity"]).columns
    assert "case_id" not in guess_columns(["event id", "Date", "Activity"]).columns


def test_mapping_overrides_the_guess():
    data = SAP.read_bytes()
    result = load_event_log(data, SAP.name, LoadOptions(columns={"case_id": "User"}))
    assert result.log is not None and result.log.n_cases == 4  # jmeier, kwong, lpark, BATCH_JOB


def test_column_file_json_and_csv(tmp_path, capsys):
    as_json = tmp_path / "columns.json"
    as_json.write_text(json.dumps({"case_id": "Key", "timestamp": "Date"}))
    as_csv = tmp_path / "columns.csv"
    as_csv.write_text("role,header\ncase_id,Key\ntimestamp,Date\n")
    for path in (as_json, as_csv):
        assert main(["analyze", str(SAP), "--columns", str(path), "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["cases"] == 6


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--column", "case=Key"], "case_id, activity, timestamp"),
        (["--column", "case_id=Kee"], "Key, Date, User, Activity, Role, User_Type"),
        (["--column", "case_id"], "ROLE=HEADER"),
    ],
)
def test_unknown_role_or_header_is_a_usage_error(args, named, capsys, tmp_path):
    assert main(["analyze", str(SAP), *args]) == 2
    assert named in capsys.readouterr().err
    assert main(["report", str(SAP), "--out", str(tmp_path / "r.html"), *args]) == 2
    assert named in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Line Creation", "order_created"),
        ("Order Creation", "order_created"),
        ("Create Sales Order Item", "order_created"),
        ("Document blocked for credit", "credit_check_started"),
        ("Document released for credit", "credit_check_passed"),
        ("Header Block Set", "change"),
        ("Header Block Removed", "change"),
        ("Delivery Block", "change"),
        ("Sched.Line Changed Delivery Date ", "change"),
        ("Delivery", "allocation"),
        ("Picking", "pick"),
        ("Good Issue ", "ship"),
        ("Goods Issue", "ship"),
        ("Invoice", "invoice_created"),
        ("Billing Document", "invoice_created"),
        ("Clearing", "payment_received"),
        ("Payment", "payment_received"),
    ],
)
def test_sap_sd_steps_have_their_o2c_roles(name, role):
    assert match_role(name) == role


def test_the_fixture_has_no_unmatched_activity(summary):
    assert summary["unmatched"] == []


def sap_log():
    result = load_event_log(SAP.read_bytes(), SAP.name)
    assert result.log is not None
    return result.log


def test_open_orders_are_those_without_goods_issue(summary):
    assert summary["final_milestone"] == {"role": "ship", "name": "Shipped", "open_orders": 2}
    log = sap_log()
    measures = order_measures(log)
    assert (measures.milestone, measures.partial) == ("ship", True)
    assert set(log.cases["case_id"][measures.open]) == {"0000500004_10", "0000500005_10"}


def test_end_to_end_kpis_name_the_span_the_log_has(summary):
    kpis = summary["kpis"]
    # created to the first goods issue: 7,200 s, 2d 5h, 3d 6h, 4d 6h
    assert kpis["end_to_end_median"] == {
        "value": 235_800.0,
        "unit": "seconds",
        "judged_orders": 4,
        "missing": None,
        "span": "created to Shipped",
    }
    assert kpis["open_orders"]["value"] == 2.0 and kpis["open_orders"]["span"] == "not yet Shipped"
    assert kpis["open_order_age"]["value"] == 363_600.0  # 5d 5h and 3d 5h before the log's last event
    assert kpis["invoice_to_cash"]["missing"] == "needs Invoice Created"
    values = {value.kpi.key: value for value in kpi_values(sap_log().view())}
    assert values["end_to_end_median"].label() == "Created to Shipped (median)"
    assert values["end_to_end_p90"].label("zh") == "创建到发货(第 90 百分位)"
    assert values["open_orders"].label() == "Open orders (not yet Shipped)"


def test_a_log_with_payments_keeps_created_to_paid(summary):
    events, orders = generate_sample(50, 3)
    log = load_event_log(events.to_csv(index=False).encode(), "sample.csv").log
    assert log is not None
    measures = order_measures(log)
    assert (measures.milestone, measures.partial) == ("payment_received", False)
    assert all(value.span is None for value in kpi_values(log.view()))


def test_the_automatic_job_is_system_work(summary):
    log = sap_log()
    assert default_system_resources(log) == ("BATCH_JOB",)
    flags = system_events(log, ("BATCH_JOB",))
    assert flags is not None and (int(flags[0].sum()), int(flags[1].sum())) == (9, 16)
    assert summary["kpis"]["touchless_rate"]["value"] == pytest.approx(1 / 6)  # order 0000500002_10


def test_system_users_from_their_user_type_or_name():
    csv = (
        "Key,Date,User,Activity,User Type\n"
        "A,2024-01-01 08:00,svc-orders,Line Creation,AutomatedProcess\n"
        "A,2024-01-02 08:00,Jane,Good Issue,Standard\n"
        "B,2024-01-01 09:00,SD_RFC_USER,Line Creation,Standard\n"
        "B,2024-01-01 09:30,Bob Jobson,Good Issue,Human\n"
        "C,2024-01-01 10:00,robo7,Line Creation,Robot\n"
        "C,2024-01-03 10:00,Jane,Good Issue,Standard\n"
    )
    log = load_event_log(csv.encode(), "users.csv").log
    assert log is not None
    assert default_system_resources(log) == ("SD_RFC_USER", "robo7", "svc-orders")


@pytest.mark.parametrize(
    ("name", "system"),
    [("BATCH_JOB", True), ("RFC_USER", True), ("integration.user", True), ("SAP Automation", True)]
    + [("jmeier", False), ("Bob Jobson", False), ("Rebecca", False)],
)
def test_system_user_names(name, system):
    assert looks_like_system(name) is system


def test_a_missing_column_points_to_the_option():
    csv = "Order Line,Date,Activity\nA,2024-01-01,Line Creation\n"
    result = load_event_log(csv.encode(), "lines.csv")
    assert result.log is None and "--column case_id=HEADER" in result.report.issues[0].fix


def test_the_report_names_the_span(tmp_path):
    out = tmp_path / "report.html"
    assert main(["report", str(SAP), "--out", str(out), "--column", "case_id=Key"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Created to Shipped (median)" in page and "Open orders (not yet Shipped)" in page
