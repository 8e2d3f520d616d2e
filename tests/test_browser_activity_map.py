"""Browser journey for the activity vocabulary (#13): a log with German step names is matched to the O2C steps on
the Data page, the user corrects one step with a mapping CSV, and the Overview's KPIs follow."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from test_browser import ARTIFACTS, browser, metric_value, open_page, page, server  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.browser

GERMAN = ROOT / "tests" / "fixtures" / "o2c_de.csv"


def test_activity_mapping_step_changes_the_kpis(server, page, tmp_path):  # noqa: F811 - the imported fixtures
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server)
    page.locator('[data-testid="stFileUploader"] input[type=file]').first.set_input_files(str(GERMAN))
    page.get_by_text(re.compile(r"^Loaded \d+ orders")).wait_for()
    step = page.get_by_text(re.compile(r"3 · Your steps as O2C steps: 8 activity names, 1 without a step"))
    step.wait_for()
    page.get_by_text(re.compile(r"Without an O2C step \(1\): Sonderfreigabe")).wait_for()
    page.screenshot(path=str(ARTIFACTS / "activity_map.png"), full_page=True)

    open_page(page, "overview", "Overview")
    paid_before = metric_value(page, "Orders paid")
    assert re.fullmatch(r"\d+%", paid_before) and paid_before != "0%"

    # The user says "Zahlung eingegangen" is not the payment step after all: no order counts as paid any more.
    mapping = tmp_path / "mapping.csv"
    mapping.write_text("activity,role\nZahlung eingegangen,\n", encoding="utf-8")
    page.locator('[data-testid="stSidebarNav"] a').first.click()  # the Data page, first in the navigation
    page.get_by_role("heading", name="Your order data").wait_for()
    page.locator('[data-testid="stExpander"]', has=page.get_by_text("3 · Your steps as O2C steps")).locator(
        "input[type=file]"
    ).set_input_files(str(mapping))
    page.get_by_text(re.compile(r"8 activity names, 2 without a step")).wait_for()

    open_page(page, "overview", "Overview")
    page.get_by_text("no payment step").wait_for()
    assert metric_value(page, "Orders paid") == "no payment step"
