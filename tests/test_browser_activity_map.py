"""Browser journey for the activity vocabulary (#13): a Salesforce field-history report (title rows, Field / Event,
Old and New Value, a Grand Totals footer) is read as events whose statuses are matched to the O2C steps on the Data
page; the user corrects one step with a mapping CSV, and the Overview's KPIs follow."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from test_browser import ARTIFACTS, browser, metric_value, nav_link, open_page, page, server  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.browser

REPORT = ROOT / "tests" / "fixtures" / "sf_order_history_report.csv"


def test_activity_mapping_step_changes_the_kpis(server, page, tmp_path):  # noqa: F811 - the imported fixtures
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server)
    page.locator('[data-testid="stFileUploader"] input[type=file]').first.set_input_files(str(REPORT))
    page.get_by_text(re.compile(r"^Loaded 3 orders and 12 events")).wait_for()
    page.get_by_text(re.compile(r"3 · Your steps as O2C steps: 9 activity names, 0 without a step")).click()
    page.screenshot(path=str(ARTIFACTS / "activity_map.png"), full_page=True)

    open_page(page, "overview", "Overview")
    assert metric_value(page, "Orders paid") == "33%"  # one of three orders reached "Paid"

    # The user says the org's "Paid" status is not the payment step after all: no order counts as paid any more.
    mapping = tmp_path / "mapping.csv"
    mapping.write_text("activity,role\nPaid,\n", encoding="utf-8")
    nav_link(page, "data").click()
    page.get_by_role("heading", name="Your order data").wait_for()
    page.locator('[data-testid="stExpander"]', has=page.get_by_text("3 · Your steps as O2C steps")).locator(
        "input[type=file]"
    ).set_input_files(str(mapping))
    page.get_by_text(re.compile(r"9 activity names, 1 without a step")).wait_for()

    open_page(page, "overview", "Overview")
    page.get_by_text("no payment step").wait_for()
    assert metric_value(page, "Orders paid") == "–"  # the reason stands under it, waited for above
