"""Browser journey for the unattended monitoring loop (#17): the job ``python -m o2c monitor`` runs twice on the
sample into workspace "ops"; a sales-ops lead opens /monitoring on a fresh server, uploads nothing, and sees the
series with the breach marked."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from conftest import ROOT
from PIL import Image
from test_browser import ARTIFACTS, SAMPLE, browser, page, streamlit_server  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.browser

BREACH_RED = (0xC6, 0x28, 0x28)  # ui.monitor_runs_view.RED


@pytest.fixture(scope="module")
def monitored_server(tmp_path_factory):
    """A fresh server whose data directory holds two runs of the job, as cron leaves them."""
    data = tmp_path_factory.mktemp("o2c-data")
    env = {"O2C_EXPLORER_DATA": str(data)}
    job = [sys.executable, "-m", "o2c", "monitor", str(SAMPLE), "--workspace", "ops"]
    job += ["--segment", "sales_channel=Partner", "--target", "late_payment_rate<=0.10"]
    for _ in range(2):
        done = subprocess.run(job, cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, check=False)
        assert done.returncode == 1, done.stderr  # 1: a target is breached
        assert "BREACH all: late_payment_rate = 15.6%, target ≤ 10.0%" in done.stdout
    with streamlit_server(env) as url:
        yield url


def red_pixels(png: bytes) -> int:
    """How many pixels of a screenshot are the breach red (anti-aliasing aside)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(1 for pixel in image.get_flattened_data() if all(abs(a - b) <= 12 for a, b in zip(pixel, BREACH_RED)))


def test_monitoring_without_upload_shows_the_job_breach(monitored_server, page):  # noqa: F811 - imported fixtures
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(monitored_server + "/monitoring")
    page.get_by_role("heading", name="KPIs & monitoring").wait_for()
    page.get_by_text("The KPIs, trend, periods and snapshots need loaded data.", exact=False).wait_for()
    page.get_by_text("The last run breached 2 target(s).").wait_for()
    page.get_by_text("Workspace ops: last run", exact=False).wait_for()
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(1000)  # vega draws after the element appears
    assert red_pixels(chart.screenshot()) > 100  # the breached runs' red diamonds
    assert page.locator('[role="tab"]').count() == 0  # the KPI tabs wait for loaded data
    page.screenshot(path=str(ARTIFACTS / "monitoring_scheduled_runs.png"), full_page=True)

    page.get_by_role("link", name="Load data on the Data page").click()
    page.get_by_role("heading", name="Your order data").wait_for()
