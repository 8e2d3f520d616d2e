"""An SAP SD-shaped log (tests/fixtures/sap_o2c.csv): column mapping on the command line, ERP steps, a log that
ends at goods issue, and the automatic job as system work."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

from o2c.cli.main import main
from o2c.ingest.load import LoadOptions, load_event_log
from o2c.ingest.recognise import guess_columns
from o2c.log.vocabulary import match_role

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
