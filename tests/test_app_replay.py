"""Play on the Process map page through AppTest: the replay replaces the still map, colours follow the choice,
the download is the self-contained page; Chinese labels and pseudonyms follow the session."""

from __future__ import annotations

import json
import re

import pytest
from conftest import open_app_with_sample

from o2c.discover.map_layout import graphviz_available

PAGE = "pages/process_map.py"
pytestmark = pytest.mark.skipif(not graphviz_available(), reason="Graphviz's dot is installed by make test")


def replay_html(at) -> str:
    [frame] = at.get("iframe")
    return frame.proto.srcdoc


def replay_data(at) -> dict:
    text = re.search(r'<script id="replay-data" type="application/json">(.*?)</script>', replay_html(at), re.S)
    return json.loads(text.group(1))


def test_play_replays_the_orders_over_the_map():
    at = open_app_with_sample(PAGE)
    assert len(at.get("graphviz_chart")) == 1
    at.toggle(key="map_replay").set_value(True).run()
    assert not at.exception
    assert not at.get("graphviz_chart")  # the replay draws the same map, moving
    data = replay_data(at)
    assert len(data["orders"]["start"]) == 2_000
    assert data["colours"] == [{"label": "All orders", "colour": "#e69f00", "orders": 2_000}]
    assert any(c.value.startswith("2,000 orders from 2024-") for c in at.caption)
    assert "Download the replay (HTML)" in [b.label for b in at.get("download_button")]

    at.selectbox(key="map_replay_colour_en").select("sales_channel").run()
    labels = [c["label"] for c in replay_data(at)["colours"]]
    assert labels == ["Direct", "Partner", "Online", "Distributor"]
    assert not re.search(r"https?://", replay_html(at))


def test_play_in_chinese_with_pseudonyms():
    at = open_app_with_sample(PAGE)
    at.sidebar.toggle(key="pseudonymise").set_value(True).run()
    # Widgets are set through the session: AppTest formats the page's other choices outside the run, in English.
    at.session_state["map_replay"] = True
    at.session_state["map_replay_colour_zh"] = "account_name"
    at.session_state["lang_choice"] = "zh"
    at.run()
    assert not at.exception
    page = replay_html(at)
    assert "▶ 播放" in page and "Create Sales Order" in page
    labels = [c["label"] for c in replay_data(at)["colours"]]
    assert all(label.startswith("Account ") for label in labels[:-1]) and labels[-1].startswith("其他")


def test_play_on_the_performance_map_at_low_detail():
    at = open_app_with_sample(PAGE)
    at.button_group(key="map_view").set_value("performance").run()
    at.slider(key="map_activities").set_value(50).run()
    at.slider(key="map_paths").set_value(0).run()
    at.toggle(key="map_replay").set_value(True).run()
    assert not at.exception
    data = replay_data(at)
    assert len(data["nodes"]) == 2 + 8  # Start, End and half of the 16 activities
    assert data["jumps"] is True  # the path slider hides paths some orders take
    waits = re.findall(r"&#160;([\d.]+ (?:s|min|h|d))</text>", replay_html(at))
    assert len(waits) >= 4  # the median waits label the paths (in both drawings)
