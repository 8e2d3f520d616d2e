"""The replay of orders over the process map as one self-contained HTML page: the Graphviz SVG inline, the
timeline as JSON and the renderer ``player.js`` (plain JS kept in this folder). No network reference: the page
opens from disk, and the Process map page shows the same page in a component."""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass
from pathlib import Path

from o2c.discover.dot import process_map_dot
from o2c.discover.map_layout import POINTS_PER_PATH, MapGeometry, inline_svg, map_geometry, render_svg
from o2c.discover.process_map import ProcessMap
from o2c.discover.replay import DAY_SECONDS, Replay, replay
from o2c.i18n import Language, t
from o2c.log.eventlog import LogView

_HERE = Path(__file__).resolve().parent
RENDERER = _HERE / "player.js"
STYLE = _HERE / "player.css"
DEFAULT_SPEED = DAY_SECONDS
MAX_ORDERS = 50_000  # beyond this an evenly spaced sample is replayed (and the page says so)
_SPEEDS = ((3600, "replay.unit.hour", 1), (6 * 3600, "replay.unit.hour", 6), (DAY_SECONDS, "replay.unit.day", 1))
_MORE_SPEEDS = ((3 * DAY_SECONDS, "replay.unit.day", 3), (7 * DAY_SECONDS, "replay.unit.week", 1))
_LONG_SPEEDS = ((14 * DAY_SECONDS, "replay.unit.week", 2), (30 * DAY_SECONDS, "replay.unit.day", 30))


@dataclass(frozen=True)
class ReplayPage:
    """The replay page's HTML and what it shows: the timeline (``replay``) and the number of orders it samples
    from (``orders``, the view's)."""

    html: str
    replay: Replay
    orders: int


def replay_page(
    view: LogView,
    pm: ProcessMap,
    metric: str = "events",
    colour_by: str = "",
    lang: Language = "en",
    speed: int = DEFAULT_SPEED,
    heading: str = "",
    autoplay: bool = False,
    max_orders: int = MAX_ORDERS,
) -> ReplayPage:
    """The replay of ``view``'s orders over the map ``pm`` drawn by ``metric`` (left to right), dots coloured by
    ``colour_by``; ``speed`` is process seconds per second; ``heading`` (user text, escaped) tops the page."""
    timeline = replay(view, pm, colour_by, lang, max_orders=max_orders)
    data = timeline.timeline()
    # Two drawings, top to bottom and left to right: the browser shows the one that fills its window best.
    dots = [process_map_dot(pm, metric, lang, rankdir=rankdir) for rankdir in ("TB", "LR")]
    # Tighter ranks than the page's map: the replay fits the whole map into one window.
    svgs = [render_svg(dot.replace("ranksep=0.42", "ranksep=0.3", 1)) for dot in dots]
    data["layouts"] = [_layout(timeline, map_geometry(svg)) for svg in svgs]
    data["points_per_path"] = POINTS_PER_PATH
    data["jumps"] = bool((~timeline.path_shown[timeline.segment_path]).any())
    data["speed"] = speed
    data["speeds"] = _speeds(speed, timeline.duration, lang)
    data["autoplay"] = autoplay
    data["labels"] = {
        "play": t("replay.play", lang),
        "pause": t("replay.pause", lang),
        "in_flight": t("replay.in_flight", lang, count="{count}"),
        "badge_help": t("replay.badge.help", lang),
        "jump": t("replay.jump", lang),
    }
    page = _document(data, "".join(inline_svg(svg) for svg in svgs), heading, lang)
    return ReplayPage(page, timeline, view.n_cases)


def _layout(timeline: Replay, geometry: MapGeometry) -> dict:
    """One drawing's geometry in the timeline's node and path order: node centres and sizes, path points."""
    nodes = [geometry.nodes.get(node) for node in timeline.nodes]
    return {
        "width": geometry.width,
        "height": geometry.height,
        "x": [_round(n.x) if n else 0 for n in nodes],
        "y": [_round(n.y) if n else 0 for n in nodes],
        "half_width": [_round(n.half_width) if n else 0 for n in nodes],
        "half_height": [_round(n.half_height) if n else 0 for n in nodes],
        "points": [
            _flat(geometry.paths.get((timeline.nodes[s], timeline.nodes[e]))) if shown else []
            for s, e, shown in zip(timeline.path_source, timeline.path_target, timeline.path_shown)
        ],
    }


def caption(page: ReplayPage, lang: Language = "en") -> str:
    """What the replay shows in a sentence (orders, dates) and, for a sample, how it was taken."""
    rp = page.replay
    first = _day(rp.origin_ns + int(rp.order_start.min()) * 1_000_000_000 + DAY_SECONDS * 1_000_000_000)
    last = _day(rp.origin_ns + rp.duration * 1_000_000_000 - DAY_SECONDS * 1_000_000_000)
    text = t("replay.caption", lang, orders=rp.n_orders, start=first, end=last) if rp.n_orders else ""
    if rp.n_orders < page.orders:
        step = round(page.orders / max(rp.n_orders, 1))
        text += " " + t("replay.sample", lang, shown=rp.n_orders, orders=page.orders, step=step)
    return text


def _day(ns: int) -> str:
    return dt.datetime.fromtimestamp(ns / 1e9, dt.UTC).date().isoformat()


def _speeds(default: int, duration: int, lang: Language) -> list[list]:
    """The speed choices: hours to weeks per second (longer ones for logs over a year), plus ``default``."""
    choices = [*_SPEEDS, *_MORE_SPEEDS, *(_LONG_SPEEDS if duration > 365 * DAY_SECONDS else ())]
    speeds = [[seconds, t("replay.speed.per_second", lang, amount=t(unit, lang, n=n))] for seconds, unit, n in choices]
    if default not in {s for s, _ in speeds}:
        amount = t("replay.unit.hour", lang, n=f"{default / 3600:g}")
        speeds.append([default, t("replay.speed.per_second", lang, amount=amount)])
        speeds.sort()
    return speeds


def _round(value: float) -> float:
    return round(float(value), 2)


def _flat(points) -> list[float]:
    return [] if points is None else [_round(v) for v in points.ravel()]


def _script_json(data: dict) -> str:
    """JSON safe inside ``<script>``: every ``<`` (so no ``</script>`` or ``<!--``) and the line separators are
    escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _document(data: dict, svg: str, heading: str, lang: Language) -> str:
    title = html.escape(heading or t("replay.legend", lang))
    top = f'<h1 class="heading">{html.escape(heading)}</h1>' if heading else ""
    speed_label = html.escape(t("replay.speed", lang))
    return f"""<!DOCTYPE html>
<html lang="{t("replay.html_lang", lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{STYLE.read_text(encoding="utf-8")}
</style>
</head>
<body>
<div id="replay">
{top}
<div class="bar">
<button class="play" type="button" aria-pressed="false">▶ {html.escape(t("replay.play", lang))}</button>
<label class="speed-label">{speed_label} <select class="speed"></select></label>
<input class="time" type="range" min="0" max="1" step="60" value="0" aria-label="{html.escape(t("replay.time", lang))}">
<span class="date"></span>
<span class="flight"></span>
</div>
<div class="main">
<div class="stage">{svg}<canvas></canvas></div>
<div class="side">
<div class="legend"><div class="side-title">{html.escape(t("replay.legend", lang))}</div></div>
<div class="side-title">{html.escape(t("replay.queue", lang))}</div><div class="queue-rows"></div>
<div class="notes"></div>
</div>
</div>
</div>
<script id="replay-data" type="application/json">{_script_json(data)}</script>
<script>
{RENDERER.read_text(encoding="utf-8")}
</script>
</body>
</html>
"""
