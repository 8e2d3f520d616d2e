"""A large source named in O2C_EXPLORER_SOURCES, opened on the Data page and explored through DuckDB in the
browser: Overview with a sidebar filter, Process map, Variants, and a page that needs the in-memory engine."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import ROOT
from test_browser import (  # noqa: F401
    ARTIFACTS,
    _free_port,
    browser,
    choose_in_sidebar_multiselect,
    metric_value,
    nav_link,
    page,
)

from o2c.cli.bench import flat_events
from o2c.ingest.sample import generate_sample

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def source_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("source")
    events, orders = generate_sample(300, 5)
    flat_events(events, orders).to_parquet(folder / "events.parquet", index=False)
    port = _free_port()
    env = {**os.environ, "O2C_EXPLORER_SOURCES": f"Sample lake={folder / 'events.parquet'}"}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port)]
        + ["--server.headless", "true", "--server.fileWatcherType", "none"],
        cwd=ROOT,
        env=env,
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
    yield url
    process.terminate()
    process.wait(timeout=10)


def test_open_a_parquet_source_and_explore_it_through_duckdb(source_server, page):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(source_server)
    page.get_by_text("Large sources").wait_for()
    page.get_by_role("button", name="Open").click()
    page.get_by_text(re.compile(r"Open: Sample lake \(duckdb\)")).wait_for()
    page.screenshot(path=str(ARTIFACTS / "engine-data.png"), full_page=True)

    page.get_by_role("link", name="Overview").click()
    page.get_by_text(re.compile(r"Orders: 300 of 300 · source Sample lake \(duckdb\)")).wait_for()
    assert metric_value(page, "Orders") == "300"
    choose_in_sidebar_multiselect(page, "Sales channel", "Partner")
    page.get_by_text(re.compile(r"^Partner orders: [\d,]+ of 300 · source")).wait_for()
    partner = int(metric_value(page, "Orders").replace(",", ""))
    assert 0 < partner < 300
    page.get_by_role("heading", name="Events per activity").wait_for()  # the whole page drew, not only its top
    page.screenshot(path=str(ARTIFACTS / "engine-overview.png"), full_page=True)

    nav_link(page, "process-map").click()  # in the Discover menu of the top bar
    page.get_by_text("Paths", exact=True).wait_for()
    nav_link(page, "variants").click()  # in the Discover menu of the top bar
    page.locator('[data-testid="stDataFrame"]').wait_for()
    page.screenshot(path=str(ARTIFACTS / "engine-variants.png"), full_page=True)

    nav_link(page, "rework").click()  # in the Discover menu of the top bar
    page.get_by_text(re.compile(r"This page needs the in-memory engine")).wait_for()
