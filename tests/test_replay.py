"""The replay of orders over the process map: exact segments on the tiny log, colours, geometry, the HTML page."""

from __future__ import annotations

import re

import numpy as np
import pytest

from o2c.discover.map_layout import graphviz_available, inline_svg, map_geometry, render_svg
from o2c.discover.process_map import detailed_map
from o2c.discover.replay import colour_options, replay, speed_seconds
from o2c.report.replay import caption, replay_page

DAY = 86_400
H = 3_600
# tiny.xlsx: SO-1 2024-01-01 08:00 Create, 10:00 Credit Check Passed, 01-02 08:00 Shipped, 01-05 08:00 Payment;
# SO-2 02-01 08:00 Create, 02-03 08:00 Shipped; SO-3 03-01 08:00 Create, 09:00 Failed, 03-02 09:00 Passed,
# Shipped 03-04 09:00, Payment 03-11 09:00. Time 0 is 2023-12-31 00:00 UTC (the midnight before the first dot).
JAN1 = DAY + 8 * H


def test_segments_of_the_tiny_log(tiny_log):
    view = tiny_log.view()
    shown, _ = detailed_map(view, 1.0, 0.0)  # the fewest paths: Shipped -> End is hidden for SO-2
    rp = replay(view, shown)
    assert rp.nodes == ("start", "end", "a0", "a2", "a1", "a3", "a4")
    assert rp.origin_ns == 1_703_980_800 * 10**9  # 2023-12-31T00:00Z
    segments = rp.segments()
    assert segments[segments["order"] == 0][["source", "target", "start", "end"]].values.tolist() == [
        ["start", "a0", JAN1 - DAY, JAN1],
        ["a0", "a1", JAN1, JAN1 + 2 * H],
        ["a1", "a2", JAN1 + 2 * H, JAN1 + DAY],
        ["a2", "a3", JAN1 + DAY, JAN1 + 4 * DAY],
        ["a3", "end", JAN1 + 4 * DAY, JAN1 + 5 * DAY],
    ]
    so2 = segments[segments["order"] == 1]
    assert so2[["source", "target", "shown"]].values.tolist() == [
        ["start", "a0", True],
        ["a0", "a2", True],
        ["a2", "end", False],  # hidden by the path slider: the dot jumps
    ]
    assert so2["end"].tolist() == [32 * DAY + 8 * H, 34 * DAY + 8 * H, 35 * DAY + 8 * H]
    assert rp.order_offsets.tolist() == [0, 5, 8, 14]
    assert rp.order_start.tolist() == [JAN1 - DAY, 31 * DAY + 8 * H, 60 * DAY + 8 * H]
    assert rp.duration == 71 * DAY + 9 * H + DAY  # SO-3 paid 03-11 09:00, End one day later
    # Shown paths come first in the map's order; the hidden one is appended.
    assert rp.path_shown.tolist() == [True] * len(shown.edges) + [False]


def test_hidden_activities_are_taken_out_of_the_orders(tiny_log):
    view = tiny_log.view()
    shown, _ = detailed_map(view, 0.5, 1.0)  # Create, Shipped, Credit Check Passed
    segments = replay(view, shown).segments()
    assert segments[segments["order"] == 2][["source", "target"]].values.tolist() == [
        ["start", "a0"],
        ["a0", "a1"],  # Credit Check Failed is hidden: Create -> Passed
        ["a1", "a2"],
        ["a2", "end"],  # Payment Received hidden: the order leaves after Shipped (03-04 09:00)
    ]
    assert segments["end"].iloc[-1] == 64 * DAY + 9 * H + DAY


def test_the_timeline_is_json_ready_and_filtered_views_replay_only_their_orders(tiny_log):
    view = tiny_log.view(np.array([False, True, True]))
    shown, _ = detailed_map(view)
    rp = replay(view, shown, "sales_channel")
    data = rp.timeline()
    assert data["orders"]["offsets"] == [0, 3, 9]
    assert data["origin_ms"] == 1_706_659_200_000  # 2024-01-31T00:00Z
    assert data["colours"] == [{"label": "Partner", "colour": "#e69f00", "orders": 2}]
    assert data["orders"]["start"] == [8 * H, 29 * DAY + 8 * H]  # SO-2 02-01 08:00 less a day; SO-3 03-01 08:00
    assert data["segments"]["wait"][:3] == [DAY, 2 * DAY, DAY]  # Start -> Create, Create -> Shipped, -> End
    assert all(isinstance(v, int) for v in data["segments"]["wait"] + data["segments"]["path"])


def test_colours(tiny_log):
    view = tiny_log.view()
    shown, _ = detailed_map(view)
    assert colour_options(view) == ["", "rework", "sales_channel", "account_name", "region", "order_amount"]
    channel = replay(view, shown, "sales_channel").colouring
    assert (channel.order_colour.tolist(), channel.labels, channel.counts) == ([1, 0, 0], ("Partner", "Direct"), (2, 1))
    single = replay(view, shown, "", "zh").colouring
    assert (single.labels, single.counts) == (("全部订单",), (3,))
    rework = replay(view, shown, "rework").colouring
    assert (rework.labels, rework.counts) == (("No rework",), (3,))


def test_a_sample_of_a_large_view(tiny_log):
    view = tiny_log.view()
    shown, _ = detailed_map(view)
    rp = replay(view, shown, max_orders=2)
    assert rp.order_codes.tolist() == [0, 2]  # evenly spaced: first and last
    assert rp.order_offsets.tolist() == [0, 5, 11]


def test_speed_seconds():
    assert speed_seconds("12h") == 43_200
    assert speed_seconds("0.5d") == 43_200
    assert speed_seconds("90") == 90
    with pytest.raises(ValueError):
        speed_seconds("fast")
    with pytest.raises(ValueError):
        speed_seconds("0d")


needs_dot = pytest.mark.skipif(not graphviz_available(), reason="Graphviz's dot is installed by make test")


@needs_dot
def test_geometry_read_back_from_the_svg(tiny_log):
    view = tiny_log.view()
    shown, _ = detailed_map(view)
    from o2c.discover.dot import process_map_dot

    svg = render_svg(process_map_dot(shown))
    geometry = map_geometry(svg)
    assert set(geometry.nodes) == {"start", "end", "a0", "a1", "a2", "a3", "a4"}
    assert len(geometry.paths) == len(shown.edges)
    start, create = geometry.nodes["start"], geometry.nodes["a0"]
    assert start.half_width == start.half_height == 20  # width=0.55in circles: 19.8 pt, drawn as r=20
    line = geometry.paths[("start", "a0")]
    assert line.shape == (32, 2)
    # The line leaves Start's border and ends at the arrow's tip on Create Sales Order's top border.
    assert np.hypot(*(line[0] - (start.x, start.y))) == pytest.approx(20, abs=1.5)
    assert line[-1][1] == pytest.approx(create.y - create.half_height, abs=0.6)
    steps = np.hypot(*np.diff(line, axis=0).T)
    assert steps.max() - steps.min() < 0.01 * steps.sum()  # equally spaced
    assert line[:, 0].min() >= 0 and line[:, 0].max() <= geometry.width


@needs_dot
def test_the_page_names_no_outside_address(tiny_log):
    view = tiny_log.view()
    shown, _ = detailed_map(view, 1.0, 0.0)
    page = replay_page(view, shown, colour_by="account_name", heading="</script><b>x</b>")
    assert not re.search(r"https?://", page.html)
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?!#)""", page.html)
    assert "</script><b>" not in page.html and "&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in page.html
    assert page.html.count("<svg") == 2  # top to bottom and left to right
    assert "3 orders from 2024-01-01 to 2024-03-11" in caption(page)


def test_inline_svg_drops_the_prolog_and_namespaces():
    svg = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/x.dtd">\n'
        '<!-- Generated -->\n<svg width="1pt" viewBox="0 0 1 1" xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink">\n<!-- a0 -->\n'
        '<g><title>a0</title>\n<a xlink:title="x"/></g></svg>\n'
    )
    assert inline_svg(svg) == '<svg width="1pt" viewBox="0 0 1 1">\n\n<g><a xlink:title="x"/></g></svg>'


@needs_dot
def test_animate_writes_one_offline_file(tmp_path, capsys):
    from conftest import TINY_EVENTS

    from o2c.cli.main import main

    source = tmp_path / "tiny.csv"
    source.write_text(TINY_EVENTS, encoding="utf-8")
    out = tmp_path / "replay.html"
    options = ["--filter", "from=2024-02-01", "--speed", "6h", "--paths", "100", "--lang", "zh"]
    assert main(["animate", str(source), "--out", str(out), *options]) == 0
    assert capsys.readouterr().out.startswith(f"已写入 {out}:回放 2 个订单")
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"https?://", page)
    assert "订单回放:tiny.csv" in page and '"speed":21600' in page and "▶ 播放" in page


def test_animate_explains_unusable_options(tmp_path, capsys):
    from conftest import TINY_EVENTS

    from o2c.cli.main import main

    source = tmp_path / "tiny.csv"
    source.write_text(TINY_EVENTS, encoding="utf-8")
    out = tmp_path / "replay.html"
    assert main(["animate", str(source), "--out", str(out), "--speed", "soon"]) == 2
    assert "Cannot read the speed 'soon'" in capsys.readouterr().err
    if graphviz_available():
        assert main(["animate", str(source), "--out", str(out), "--color-by", "region"]) == 2
        assert capsys.readouterr().err == "Cannot colour by 'region': choose one of rework.\n"
    assert main(["animate", str(tmp_path / "missing.csv"), "--out", str(out)]) == 2
    assert not out.exists()


@needs_dot
def test_animate_takes_the_filter_stack(tmp_path, capsys):
    from conftest import TINY_EVENTS

    from o2c.cli.main import main

    source = tmp_path / "tiny.csv"
    source.write_text(TINY_EVENTS, encoding="utf-8")
    out = tmp_path / "replay.html"
    assert main(["animate", str(source), "--out", str(out), "--filter", "has=Credit Check Failed"]) == 0
    assert "1 orders replayed" in capsys.readouterr().out
    assert main(["animate", str(source), "--out", str(out), "--filter", "has=Nope"]) == 2
    assert "No activity or O2C step is called Nope" in capsys.readouterr().err
