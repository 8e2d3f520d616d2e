"""The activity mapping a workbook brings on its Activities sheet (the template's ``role`` column)."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import openpyxl
import pandas as pd
from conftest import ROOT

from o2c.ingest.activity_sheet import read_activity_map_sheet
from o2c.workbook.template import build_template

GERMAN = ROOT / "tests" / "fixtures" / "o2c_de.csv"


def workbook(activities: list[list[object]]) -> bytes:
    """The German fixture's events and an Activities sheet with ``activities`` rows under activity, role."""
    events = pd.read_csv(GERMAN)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Events"
    sheet.append(list(events.columns))
    for row in events.itertuples(index=False):
        sheet.append(list(row))
    steps = book.create_sheet("Activities")
    steps.append(["activity", "role"])
    for row in activities:
        steps.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_roles_on_the_activities_sheet_become_corrections():
    data = workbook([["Sonderfreigabe", "approval"], ["Geliefert", "none"], ["Versandt", ""], ["Rechnung", "开具发票"]])
    overrides, problems = read_activity_map_sheet(data, "orders.xlsx")
    assert problems == []
    assert overrides == {"Sonderfreigabe": "approval", "Geliefert": None, "Rechnung": "invoice_created"}


def test_an_unknown_role_is_reported_with_its_row_and_changes_nothing():
    overrides, problems = read_activity_map_sheet(workbook([["A", "approval"], ["B", "teleport"]]), "orders.xlsx")
    assert overrides == {}
    assert [p.message for p in problems] == ["orders.xlsx (Activities), row 3: unknown role 'teleport'."]


def test_the_template_names_the_step_of_each_of_its_activities():
    overrides, problems = read_activity_map_sheet(build_template(), "o2c_template.xlsx")
    assert problems == []
    assert overrides["Payment Received"] == "payment_received" and overrides["Invoice Created"] == "invoice_created"
    assert None not in overrides.values()


def test_analyze_applies_the_sheet(tmp_path):
    path = tmp_path / "orders.xlsx"
    path.write_bytes(workbook([["Sonderfreigabe", "approval"], ["Zahlung eingegangen", "none"]]))
    out = subprocess.run(
        [sys.executable, "-m", "o2c", "analyze", str(path), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    roles = {r["activity"]: r["role"] for r in json.loads(out.stdout)["activity_map"]}
    assert roles["Sonderfreigabe"] == "approval" and roles["Zahlung eingegangen"] is None
    assert roles["Rechnung erstellt"] == "invoice_created"  # untouched names keep their automatic match
