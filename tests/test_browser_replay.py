"""The order replay in a real browser: Play on the Process map page moves the dots and the date, and the file of
`python -m o2c animate` plays when opened from disk (file://), offline."""

from __future__ import annotations

import re
import time

import pytest
from conftest import SAMPLE_WORKBOOK
from test_browser import ARTIFACTS, browser, open_page, open_with_sample, page, server  # noqa: F401

from o2c.cli.main import main as cli
from o2c.discover.map_layout import graphviz_available

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not graphviz_available(), reason="Graphviz's dot is installed by make test"),
]


def state(frame) -> dict:
    """What the renderer reports: the replay time, frames drawn, dots on the map and a few dots' positions."""
    return frame.evaluate(
        "({time: o2cReplay.time, frames: o2cReplay.frames, alive: o2cReplay.alive, sample: o2cReplay.sample,"
        " date: document.querySelector('.date').textContent})"
    )


def plays(frame, seconds: float = 3.0) -> tuple[dict, dict]:
    """The renderer's state a moment after Play, and ``seconds`` later."""
    frame.get_by_role("button", name=re.compile("Play")).click()
    time.sleep(0.5)
    before = state(frame)
    time.sleep(seconds)
    return before, state(frame)


def assert_moved(before: dict, after: dict) -> None:
    assert after["time"] > before["time"] and after["date"] != before["date"]
    assert after["frames"] > before["frames"] + 10
    assert before["alive"] > 0 and after["alive"] > 0
    positions = {order: (x, y) for order, x, y in before["sample"]}
    later = {order: (x, y) for order, x, y in after["sample"]}
    moved = [order for order in positions.keys() & later.keys() if positions[order] != later[order]]
    assert moved or positions.keys() != later.keys()


def test_play_on_the_process_map_moves_the_dots(server, page):  # noqa: F811
    open_with_sample(page, server)
    open_page(page, "process-map", "Process map")
    page.get_by_text("Replay the orders", exact=True).click()
    page.frame_locator("iframe").first.locator("canvas").wait_for(state="attached")
    handle = next(f for f in page.frames if f != page.main_frame)
    handle.wait_for_function("window.o2cReplay !== undefined")
    handle.evaluate("o2cReplay.setSpeed(7 * 86400)")  # a week per second: orders flow within seconds
    before, after = plays(handle)
    assert_moved(before, after)
    page.get_by_text(re.compile(r"^2,000 orders from 2024-")).wait_for()
    page.screenshot(path=str(ARTIFACTS / "replay_page.png"), full_page=True)


def test_the_animate_file_plays_from_disk(browser, tmp_path):  # noqa: F811
    out = tmp_path / "replay.html"
    options = ["--out", str(out), "--color-by", "sales_channel", "--speed", "1w"]
    assert cli(["animate", str(SAMPLE_WORKBOOK), *options]) == 0
    context = browser.new_context(viewport={"width": 1400, "height": 800}, offline=True)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    offline = context.new_page()
    offline.goto(out.resolve().as_uri())
    offline.wait_for_function("window.o2cReplay !== undefined")
    assert offline.locator(".legend").inner_text().count("(") == 4  # Direct, Partner, Online, Distributor
    before, after = plays(offline)
    assert_moved(before, after)
    assert after["time"] - before["time"] > 2 * 7 * 86_400  # about a week per second
    assert all(url.startswith("file://") for url in requests)
    context.close()


def test_a_hostile_log_replays_as_text(browser, tmp_path):  # noqa: F811
    from hostile import EVIL_HOST, PAYLOADS, hostile_csv

    source = tmp_path / "hostile.csv"
    source.write_bytes(hostile_csv())
    out = tmp_path / "replay.html"
    assert cli(["animate", str(source), "--out", str(out), "--color-by", "account_name", "--paths", "100"]) == 0
    context = browser.new_context(viewport={"width": 1400, "height": 800})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    hostile = context.new_page()
    hostile.goto(out.resolve().as_uri())
    hostile.wait_for_function("window.o2cReplay !== undefined")
    hostile.get_by_role("button", name=re.compile("Play")).click()
    time.sleep(1)
    assert hostile.locator("img").count() == 0
    legend = hostile.locator(".legend").inner_text()
    assert f"<img src=http://{EVIL_HOST}/html.png>" in legend and PAYLOADS[3] in legend
    assert not [url for url in requests if EVIL_HOST in url]
    context.close()
