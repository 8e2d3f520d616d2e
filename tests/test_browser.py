"""The main journey in a real browser: Playwright driving Debian's chromium against `streamlit run`."""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest
from chromium import CHROMIUM, CHROMIUM_ARGS
from conftest import ROOT

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"
SAMPLE = ROOT / "sample_data" / "o2c_sample.xlsx"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(env: dict[str, str] | None = None) -> Iterator[str]:
    """A fresh ``streamlit run app.py`` on a free port (with ``env`` added to its environment); yields its URL."""
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("streamlit did not start: " + process.stdout.read().decode(errors="replace")[-2000:])
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def metric_value(page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]', has=page.get_by_text(label, exact=True)).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def choose_in_sidebar_multiselect(page, label: str, option: str) -> None:
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]', has=page.get_by_text(label))
    box.scroll_into_view_if_needed()  # as a user scrolls first: a click that scrolls the sidebar closes the list
    box.locator("input").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def test_template_upload_filter_journey(server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server)
    page.get_by_role("heading", name="Your order data").wait_for()

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download template").click()
    workbook = openpyxl.load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()), read_only=True)
    assert workbook.sheetnames[:3] == ["Instructions", "Events", "Orders"]

    page.locator('[data-testid="stFileUploader"] input[type=file]').first.set_input_files(str(SAMPLE))
    page.get_by_text(re.compile(r"Loaded 2,000 orders")).wait_for()
    page.screenshot(path=str(ARTIFACTS / "data.png"), full_page=True)

    page.get_by_role("link", name="Go to the overview").click()
    page.get_by_role("heading", name="Overview").wait_for()
    page.get_by_text("Orders: 2,000 of 2,000").wait_for()
    assert metric_value(page, "Orders") == "2,000"

    choose_in_sidebar_multiselect(page, "Sales channel", "Partner")
    page.get_by_text(re.compile(r"^Partner orders: [\d,]+ of 2,000$")).wait_for()
    settled(page)
    partner_orders = metric_value(page, "Orders")
    assert partner_orders != "2,000" and 0 < int(partner_orders.replace(",", "")) < 2000
    assert "sales_channel=Partner" in page.url
    page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)


def open_with_sample(page, server: str) -> None:
    """A fresh session on the Data page with the sample loaded."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server)
    page.get_by_role("button", name="Try the sample data").click()
    page.get_by_text(re.compile(r"Loaded 2,000 orders")).wait_for()


def nav_link(page, url_path: str):
    """The top bar's link to a page: Data and Overview stand in the bar, the others in their stage's drop-down,
    which is opened first."""
    from o2c.i18n import t
    from ui.navigation import BY_PATH, PAGES

    if url_path == PAGES[0].url_path:  # the default page's link is the app's root
        return page.locator('[data-testid="stTopNavLink"]').first
    stage = BY_PATH[url_path].stage
    if stage:
        page.locator('[data-testid="stTopNavSection"]', has_text=t(stage, "en")).click()
        return page.locator(f'[data-testid="stTopNavDropdownLink"][href$="/{url_path}"]')
    return page.locator(f'[data-testid="stTopNavLink"][href$="/{url_path}"]')


def settled(page) -> None:
    """Waits until the app has finished its run: until then a page shows the last run's elements next to the new
    ones, and a busy machine (CI) makes that window long."""
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden")


def open_page(page, url_path: str, heading: str) -> None:
    nav_link(page, url_path).click()
    page.get_by_role("heading", name=heading).wait_for()
    settled(page)


def map_caption(page) -> str:
    return page.get_by_text(re.compile(r"^\d+ of \d+ activities, \d+ of \d+ paths\.$")).inner_text()


def test_process_map_and_variant_selection(server, page):
    open_with_sample(page, server)

    open_page(page, "process-map", "Process map")
    page.locator('[data-testid="stGraphVizChart"] svg').first.wait_for()
    before = map_caption(page)
    assert before.startswith("16 of 16 activities")
    nodes_before = page.locator('[data-testid="stGraphVizChart"] svg g.node').count()
    page.screenshot(path=str(ARTIFACTS / "process_map.png"))

    open_page(page, "variants", "Variants")
    table = page.locator('[data-testid="stDataFrame"]').first
    table.wait_for()
    settled(page)
    box = table.bounding_box()
    # The grid is a canvas: click the first row's selection checkbox (header and rows are 35 px high).
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)
    page.get_by_role("button", name="Filter the app to these variants").click()
    page.get_by_text("Variants: 1 selected on the Variants page").wait_for()
    assert "variant=" in page.url

    open_page(page, "process-map", "Process map")
    page.get_by_text(re.compile(r"^Orders in 1 selected variant: [\d,]+ of 2,000$")).wait_for()
    page.locator('[data-testid="stGraphVizChart"] svg').first.wait_for()
    after = map_caption(page)
    assert after != before
    assert page.locator('[data-testid="stGraphVizChart"] svg g.node').count() < nodes_before
    page.screenshot(path=str(ARTIFACTS / "process_map_variant.png"))


def test_comparison_from_a_shared_link_and_violations_export(server, page):
    # Run alone (-k comparison) this is the server's first request: the deep link must still get the router.
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server + "/compare?_preset=value&_a.sales_channel=Partner&_b=rest")
    page.get_by_role("link", name="Overview").wait_for()
    nav_link(page, "data").click()
    page.get_by_role("button", name="Try the sample data").click()
    page.get_by_text(re.compile(r"Loaded 2,000 orders")).wait_for()
    open_page(page, "compare", "Compare")
    page.get_by_text(re.compile(r"Partner orders wait [\d.]+ d on Credit Check Passed")).first.wait_for()
    assert "_a.sales_channel=Partner" in page.url
    page.screenshot(path=str(ARTIFACTS / "compare.png"))

    open_page(page, "conformance", "Conformance")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Violations (Excel)").click()
    workbook = openpyxl.load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    header = [str(c).lower() for c in rows[0]]
    assert any("order" in c for c in header) and len(rows) > 100
    page.screenshot(path=str(ARTIFACTS / "conformance.png"))


def test_html_report_download_opens_offline_with_the_process_map(server, page, tmp_path):
    open_with_sample(page, server)
    open_page(page, "reports", "Reports")
    page.screenshot(path=str(ARTIFACTS / "reports.png"))

    with page.expect_download() as download_info:
        page.get_by_role("button", name="HTML report").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".html")
    report = tmp_path / download.suggested_filename
    download.save_as(report)

    page.goto(report.as_uri())
    page.get_by_role("heading", name="Order-to-cash report").wait_for()
    process_map = page.locator("#map svg.process-map")
    process_map.wait_for(state="visible")
    assert process_map.locator("g.graph").count() == 1
    assert process_map.locator("g.node text", has_text="Create Sales Order").first.is_visible()
    assert page.locator("#kpis .card").count() >= 10
    page.screenshot(path=str(ARTIFACTS / "report_html.png"), full_page=True)


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the main-area selectbox called ``label``."""
    page.locator(
        '[data-testid="stMain"] [data-testid="stSelectbox"]', has=page.get_by_text(label, exact=True)
    ).first.click()
    page.keyboard.type(option)  # the list shows a window of its options; typing narrows it to the one wanted
    page.get_by_role("option", name=option).first.click()


def test_act_on_insights_root_cause_to_backlog_orders(server, page):
    open_with_sample(page, server)
    open_page(page, "root-causes", "Root causes")
    choose(page, "Outcome", "Late delivery")
    page.get_by_text(re.compile(r"^Late delivery: 321 of 1,900 ")).wait_for()
    page.screenshot(path=str(ARTIFACTS / "root_causes.png"), full_page=True)

    open_page(page, "backlog", "Improvement backlog")
    choose(page, "Opportunity", "Late delivery: look into carrier = Atlas Freight")
    page.get_by_text(re.compile(r"^187 orders\. The Id column is the Salesforce Order Id")).wait_for()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download orders (CSV)").click()
    lines = Path(download_info.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].split(",")[:2] == ["Id", "order_number"]
    assert len(lines) == 1 + 187 and all(line.startswith("801") for line in lines[1:])
    page.screenshot(path=str(ARTIFACTS / "backlog.png"), full_page=True)
