"""A large source named in O2C_EXPLORER_SOURCES, opened on the Data page and explored through DuckDB in the
browser: Overview with a sidebar filter, Process map, Variants, and a page that needs the in-memory engine."""

from __future__ import annotations

import re

import pytest
from test_browser import (  # noqa: F401 - shared fixtures
    ARTIFACTS,
    browser,
    choose_in_sidebar_multiselect,
    metric_value,
    nav_link,
    page,
    streamlit_server,
)

from o2c.cli.bench import flat_events
from o2c.ingest.sample import generate_sample

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def source_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("source")
    events, orders = generate_sample(300, 5)
    flat_events(events, orders).to_parquet(folder / "events.parquet", index=False)
    with streamlit_server({"O2C_EXPLORER_SOURCES": f"Sample lake={folder / 'events.parquet'}"}) as url:
        yield url


def test_open_a_parquet_source_and_explore_it_through_duckdb(source_server, page):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(source_server)
    page.get_by_text("Large sources").wait_for()
    page.get_by_role("button", name="Open").click()
    page.get_by_text(re.compile(r"Open: Sample lake \(duckdb\)")).wait_for()
    page.screenshot(path=str(ARTIFACTS / "engine-data.png"), full_page=True)

    nav_link(page, "overview").click()
    page.get_by_text(re.compile(r"Orders: 300 of 300 · source Sample lake \(duckdb\)")).wait_for()
    assert metric_value(page, "Orders") == "300"
    page.get_by_text(re.compile(r"the filter stack\) are not in this sidebar for a large source")).wait_for()
    choose_in_sidebar_multiselect(page, "Sales channel", "Partner")
    page.get_by_text(re.compile(r"^Partner orders: [\d,]+ of 300 · source")).wait_for()
    partner = int(metric_value(page, "Orders").replace(",", ""))
    assert 0 < partner < 300
    page.get_by_role("heading", name="Events per activity").wait_for()  # the whole page drew, not only its top
    page.screenshot(path=str(ARTIFACTS / "engine-overview.png"), full_page=True)

    nav_link(page, "process-map").click()
    page.get_by_text("Paths", exact=True).wait_for()
    nav_link(page, "variants").click()
    page.locator('[data-testid="stDataFrame"]').wait_for()
    page.screenshot(path=str(ARTIFACTS / "engine-variants.png"), full_page=True)

    nav_link(page, "rework").click()
    page.get_by_text(re.compile(r"This page needs the in-memory engine")).wait_for()
