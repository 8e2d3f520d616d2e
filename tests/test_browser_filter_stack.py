"""Browser journey for the filter stack (#19): three filters added by clicking (a path on the process map, a
variant, a duration in the sidebar's Add filter form), then the link opened in a fresh session shows the same."""

from __future__ import annotations

import re

import pytest
from test_browser import (  # noqa: F401 - shared fixtures
    ARTIFACTS,
    browser,
    metric_value,
    nav_link,
    open_page,
    open_with_sample,
    page,
    server,
)

pytestmark = pytest.mark.browser
PATH = "Create Sales Order → Credit Check Failed"
SENTENCE = re.compile(
    r"^Orders in 1 selected variant, Create Sales Order directly followed by Credit Check Failed; "
    r"end-to-end time over 30d: ([\d,]+) of 2,000$"
)


def _pick(tab, scope, label: str, option: str) -> None:
    scope.locator('[data-testid="stSelectbox"]', has=tab.get_by_text(label, exact=True)).click()
    tab.keyboard.type(option[:20])  # the list shows a few options at a time: narrow it as a user would
    tab.get_by_role("option", name=option, exact=True).click()


def test_stack_of_three_by_clicking_and_shared_link(server, page, browser):  # noqa: F811 - the imported fixtures
    open_with_sample(page, server)
    open_page(page, "process-map", "Process map")
    _pick(page, page.locator('[data-testid="stMain"]'), "Orders with this path or activity", PATH)
    page.get_by_role("button", name="Filter to these orders").click()
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("1. Create Sales Order directly followed by Credit Check Failed · 209 orders").wait_for()

    open_page(page, "variants", "Variants")
    table = page.locator('[data-testid="stDataFrame"]').first
    table.wait_for()
    box = table.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)  # the first row's checkbox (the grid is a canvas)
    page.get_by_role("button", name="Filter the app to these variants").click()
    page.get_by_text("Variants: 1 selected on the Variants page").wait_for()

    sidebar.get_by_text("Add filter").click()
    _pick(page, sidebar, "Filter on", "Time")
    sidebar.get_by_role("button", name="Add", exact=True).click()
    sidebar.get_by_text(re.compile(r"^2\. end-to-end time over 30d · [\d,]+ orders$")).wait_for()

    open_page(page, "overview", "Overview")
    caption = page.get_by_text(SENTENCE)
    caption.wait_for()
    orders = SENTENCE.match(caption.inner_text()).group(1)
    assert metric_value(page, "Orders") == orders
    assert int(orders.replace(",", "")) > 0
    assert "f=directly" in page.url and "variant=" in page.url
    page.screenshot(path=str(ARTIFACTS / "filter_stack.png"))

    shared = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    shared.set_default_timeout(60_000)
    shared.goto(page.url)
    nav_link(shared, "data").click()
    shared.get_by_role("button", name="Try the sample data").click()
    shared.get_by_text(re.compile(r"Loaded 2,000 orders")).wait_for()
    open_page(shared, "overview", "Overview")
    assert SENTENCE.match(shared.get_by_text(SENTENCE).inner_text()).group(1) == orders
    assert metric_value(shared, "Orders") == orders
    shared.locator('[data-testid="stSidebar"]').get_by_text(
        re.compile(r"^2\. end-to-end time over 30d · [\d,]+ orders$")
    ).wait_for()
    shared.context.close()
