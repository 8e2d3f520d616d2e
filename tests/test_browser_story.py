"""Issue #18 in a real browser: the Data page's own path on a fresh server, a finding's evidence link and the
presentation switch. The screenshots of the Overview (English, Chinese) and presentation mode go to
test-artifacts/."""

from __future__ import annotations

import re

import pytest
from test_browser import ARTIFACTS, browser, nav_link, open_page, open_with_sample, page, server  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.browser


def test_data_path_is_a_page_on_a_fresh_server(server, page):  # noqa: F811 - the imported fixtures
    # First in this module: the server's very first request, which Streamlit serves in its legacy folder mode.
    for _ in range(2):  # and again on the warm server
        page.goto(server + "/data")
        page.get_by_role("heading", name="Your order data").wait_for()
        page.wait_for_timeout(1500)  # the dialog comes after the page
        assert not page.get_by_text("Page not found").count()
        assert page.url.endswith("/data")


def test_finding_link_opens_its_evidence_and_presentation_walks_the_story(server, page):  # noqa: F811
    open_with_sample(page, server)
    open_page(page, "overview", "Overview")
    finding = page.locator('[data-testid="stHorizontalBlock"]', has_text="Biggest bottleneck").last
    finding.get_by_text("Credit Check Passed and Order Activated").wait_for()
    page.screenshot(path=str(ARTIFACTS / "overview_en.png"))
    finding.get_by_role("link", name="Show the evidence").click()
    page.get_by_role("heading", name="Process map").wait_for()
    page.wait_for_url(re.compile(r"/process-map\?.*sales_channel=Partner"))
    page.get_by_text("Partner orders: 486 of 2,000").wait_for()
    assert page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]', has_text="Partner").count()

    page.get_by_text("Presentation mode").click()
    page.get_by_role("link", name="Next: Variants").wait_for()
    page.locator('[data-testid="stSidebar"]').wait_for(state="hidden")  # folded into the line above the title
    page.get_by_text("Partner orders: 486 of 2,000").wait_for()
    page.screenshot(path=str(ARTIFACTS / "presentation.png"))
    page.get_by_role("link", name="Next: Variants").click()
    page.get_by_role("heading", name="Variants").wait_for()
    page.get_by_role("button", name="Edit filters").click()
    page.locator('[data-testid="stSidebar"]').wait_for(state="visible")
    page.get_by_role("button", name="Exit").click()
    page.get_by_role("link", name="Next: Variants").wait_for(state="detached")
    nav_link(page, "overview").click()
    page.get_by_role("heading", name="Overview").wait_for()
