"""The replay of a process map: every order as a dot travelling the paths it took, in compressed time.

The core computes, the browser draws. Per order the dot appears on the Start -> first activity path
``boundary_seconds`` before its first event, travels each path A -> B from the time of A's event to the time of
B's event (single timestamps: the wait is the time on the path), and leaves on the last activity -> End path,
reaching End ``boundary_seconds`` after its last event. The events are those of the map: with an activity subset
the order is projected onto the shown activities, as the map is. A path the detail slider hid is still in the
timeline, marked not shown: the dot waits at its source and jumps, as in Disco.

Everything is numpy over the engine's arrays; the timeline is integer seconds relative to ``origin_ns``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from o2c.discover.measures import order_measures
from o2c.discover.process_map import END, START, ProcessMap
from o2c.i18n import Language, t
from o2c.log.attributes import case_attribute_codes, split_attributes
from o2c.log.eventlog import NS_PER_SECOND, EventLog, LogView

DAY_SECONDS = 86_400
MAX_COLOURS = 8  # colours a room can tell apart; further values are pooled into "other"
# Okabe-Ito, reordered so the first colours stand out on the blue (frequency) and red (performance) maps.
PALETTE = ("#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#0072b2", "#f0e442", "#7a5195")
OTHER_COLOUR = "#8c8c8c"
SINGLE_COLOUR = "#e69f00"
# Derived colourings (key -> measure): whether each order was on time, and whether it repeated a step.
DERIVED = ("on_time_delivery", "on_time_payment", "rework")
_GOOD, _BAD = "#1a9850", "#d73027"


@dataclass(frozen=True)
class Colouring:
    """Per order of the replay a colour index into ``labels``/``colours``; ``counts`` orders per colour."""

    order_colour: np.ndarray
    labels: tuple[str, ...]
    colours: tuple[str, ...]
    counts: tuple[int, ...]


@dataclass(frozen=True)
class Replay:
    """The timeline of a map's replay.

    Nodes: ``nodes`` are the DOT node ids (``start``, ``end``, ``a<code>``) and ``node_names`` their names.
    Paths: ``path_source``/``path_target`` are node indexes; ``path_shown`` is False for a path the map does not
    draw (the dot jumps). The first paths are the map's edges, in the map's order.
    Orders: ``order_codes`` (case codes of the log), ``order_offsets`` (order ``i``'s segments are
    ``order_offsets[i]:order_offsets[i + 1]``), ``order_start`` (seconds when the dot appears at Start).
    Segments: ``segment_path`` (path index) and ``segment_end`` (seconds when the dot reaches the path's target;
    a segment starts where the order's previous one ended). Seconds count from ``origin_ns`` (epoch ns, the
    UTC midnight before the first dot appears); ``duration`` is the last arrival.
    """

    nodes: tuple[str, ...]
    node_names: tuple[str, ...]
    path_source: np.ndarray
    path_target: np.ndarray
    path_shown: np.ndarray
    order_codes: np.ndarray
    order_offsets: np.ndarray
    order_start: np.ndarray
    segment_path: np.ndarray
    segment_end: np.ndarray
    origin_ns: int
    duration: int
    colouring: Colouring

    @property
    def n_orders(self) -> int:
        """Number of orders replayed."""
        return int(self.order_codes.size)

    def segments(self) -> pd.DataFrame:
        """One row per segment: ``order`` (position in the replay), ``source`` and ``target`` (node ids),
        ``shown``, ``start`` and ``end`` (seconds from ``origin_ns``)."""
        order = np.repeat(np.arange(self.n_orders), np.diff(self.order_offsets))
        starts = self.segment_end - self.segment_waits()
        nodes = np.array(self.nodes, dtype=object)
        return pd.DataFrame(
            {
                "order": order,
                "source": nodes[self.path_source[self.segment_path]],
                "target": nodes[self.path_target[self.segment_path]],
                "shown": self.path_shown[self.segment_path],
                "start": starts,
                "end": self.segment_end,
            }
        )

    def segment_waits(self) -> np.ndarray:
        """Seconds each segment lasts (its end minus the order's previous arrival, or minus ``order_start``)."""
        previous = np.concatenate(([0], self.segment_end[:-1])) if self.segment_end.size else self.segment_end.copy()
        firsts = self.order_offsets[:-1][np.diff(self.order_offsets) > 0]
        previous[firsts] = self.order_start
        return self.segment_end - previous

    def timeline(self) -> dict:
        """The timeline as JSON-serialisable lists of ints and strings, as the browser's renderer reads it:
        segments carry their ``wait`` (seconds) rather than their end, which keeps the numbers short."""
        return {
            "origin_ms": self.origin_ns // 1_000_000,
            "duration": self.duration,
            "nodes": list(self.nodes),
            "node_names": list(self.node_names),
            "paths": {
                "source": self.path_source.tolist(),
                "target": self.path_target.tolist(),
                "shown": self.path_shown.astype(int).tolist(),
            },
            "orders": {
                "offsets": self.order_offsets.tolist(),
                "start": self.order_start.tolist(),
                "colour": self.colouring.order_colour.tolist(),
            },
            "segments": {"path": self.segment_path.tolist(), "wait": self.segment_waits().tolist()},
            "colours": [
                {"label": label, "colour": colour, "orders": count}
                for label, colour, count in zip(self.colouring.labels, self.colouring.colours, self.colouring.counts)
            ],
        }


def colour_options(view: LogView) -> list[str]:
    """What the dots can be coloured by: ``""`` (one colour), the derived on-time and rework colourings the log
    can judge, then the order attributes that form groups (channel, region, ...)."""
    measures = order_measures(view.log)
    derived = {
        "on_time_delivery": not np.isnan(measures.on_time_requested).all(),
        "on_time_payment": not np.isnan(measures.paid_late).all(),
        "rework": True,
    }
    return ["", *(key for key in DERIVED if derived[key]), *split_attributes(view.log)]


def replay(
    view: LogView,
    pm: ProcessMap,
    colour_by: str = "",
    lang: Language = "en",
    boundary_seconds: int = DAY_SECONDS,
    max_orders: int | None = None,
) -> Replay:
    """The replay of the orders of ``view`` over the map ``pm`` (drawn from the same view), dots coloured by
    ``colour_by`` (a key of :func:`colour_options`). ``max_orders`` replays an evenly spaced sample of the
    orders (every k-th by case code) when the view has more."""
    log = view.log
    cases = view.case_codes
    if max_orders is not None and cases.size > max_orders:
        cases = cases[np.linspace(0, cases.size - 1, max_orders).round().astype(np.int64)]
    shown_codes = pm.activities["code"].to_numpy(dtype=np.int64)
    n = len(log.activity_names)
    node_of = np.full(n, -1, dtype=np.int64)
    node_of[shown_codes] = np.arange(2, shown_codes.size + 2)
    nodes = ("start", "end", *(f"a{c}" for c in shown_codes))
    names = (t("process_map.start", lang), t("process_map.end", lang), *pm.activities["name"].astype(str))

    offsets, source, target, start_ns, end_ns = _order_segments(log, cases, node_of, boundary_seconds * NS_PER_SECOND)
    total = int(offsets[-1])
    path_source, path_target, path_shown, segment_path = _paths(pm, node_of, source, target, len(nodes))
    origin_ns = int(start_ns.min() // (DAY_SECONDS * NS_PER_SECOND) * DAY_SECONDS * NS_PER_SECOND) if total else 0
    order_start = (start_ns - origin_ns) // NS_PER_SECOND
    segment_end = (end_ns - origin_ns) // NS_PER_SECOND
    return Replay(
        nodes=nodes,
        node_names=names,
        path_source=path_source,
        path_target=path_target,
        path_shown=path_shown,
        order_codes=cases,
        order_offsets=offsets,
        order_start=order_start,
        segment_path=segment_path,
        segment_end=segment_end,
        origin_ns=origin_ns,
        duration=int(segment_end.max()) if total else 0,
        colouring=colouring(view, cases, colour_by, lang),
    )


def _order_segments(
    log: EventLog, cases: np.ndarray, node_of: np.ndarray, boundary_ns: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per order of ``cases`` its segments Start -> its shown events' nodes -> End (Start -> End for an order
    without shown events): segment offsets per order, source and target node per segment, the ns each order's
    dot appears and the ns each segment ends."""
    # The orders' events on the map: the selected cases' events of shown activities, in log order.
    selected = np.zeros(log.n_cases, dtype=bool)
    selected[cases] = True
    events = np.flatnonzero(selected[log.case] & (node_of[log.activity] >= 0))
    case, node, when = log.case[events], node_of[log.activity[events]], log.timestamp[events]
    shown_per_case = np.bincount(case, minlength=log.n_cases)[cases]

    # Each order: Start -> its events' nodes -> End; an order without shown events goes Start -> End directly.
    lengths = shown_per_case + 1
    offsets = np.concatenate(([0], np.cumsum(lengths)))
    total = int(offsets[-1])
    source = np.empty(total, dtype=np.int64)
    target = np.empty(total, dtype=np.int64)
    end_ns = np.empty(total, dtype=np.int64)
    # Event j of the order sits at segment index offsets[order] + rank: it is the target of that segment and the
    # source of the next one.
    rank = np.arange(events.size) - np.repeat(np.concatenate(([0], np.cumsum(shown_per_case)[:-1])), shown_per_case)
    at = np.repeat(offsets[:-1], shown_per_case) + rank
    target[at], end_ns[at] = node, when
    source[at + 1] = node
    first, last = offsets[:-1], offsets[1:] - 1
    source[first] = 0
    target[last] = 1
    empty = shown_per_case == 0
    first_ns = np.where(empty, log.case_start_ns[cases], end_ns[np.minimum(first, total - 1)] if total else 0)
    last_ns = np.where(empty, log.case_end_ns[cases], end_ns[np.maximum(last - 1, 0)] if total else 0)
    end_ns[last] = last_ns + boundary_ns
    return offsets, source, target, first_ns - boundary_ns, end_ns


def _paths(
    pm: ProcessMap, node_of: np.ndarray, source: np.ndarray, target: np.ndarray, n_nodes: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The map's edges as node pairs, then the pairs the orders take that the map hides; each segment's path."""

    def as_node(codes: np.ndarray) -> np.ndarray:
        return np.select([codes == START, codes == END], [0, 1], node_of[np.maximum(codes, 0)])

    edge_key = as_node(pm.edges["source"].to_numpy()) * n_nodes + as_node(pm.edges["target"].to_numpy())
    key = source * n_nodes + target
    hidden = np.setdiff1d(np.unique(key), edge_key)
    all_keys = np.concatenate((edge_key, hidden))
    order = np.argsort(all_keys, kind="stable")
    segment_path = order[np.searchsorted(all_keys[order], key)]
    shown = np.concatenate((np.ones(edge_key.size, dtype=bool), np.zeros(hidden.size, dtype=bool)))
    return all_keys // n_nodes, all_keys % n_nodes, shown, segment_path


def colouring(view: LogView, cases: np.ndarray, colour_by: str, lang: Language = "en") -> Colouring:
    """Colours of the orders ``cases`` (case codes) by ``colour_by``; labels of derived colourings and of the
    "other" and "not known" groups in ``lang``."""
    if not colour_by:
        return Colouring(
            np.zeros(cases.size, dtype=np.int64), (t("replay.colour.all", lang),), (SINGLE_COLOUR,), (int(cases.size),)
        )
    if colour_by in DERIVED:
        return _derived(view, cases, colour_by, lang)
    codes, labels = case_attribute_codes(view.log, colour_by)
    return _ranked(codes[cases], labels, lang)


def _derived(view: LogView, cases: np.ndarray, colour_by: str, lang: Language) -> Colouring:
    measures = order_measures(view.log)
    if colour_by == "rework":
        value = measures.rework[cases].astype(float)
        names = (t("replay.colour.rework", lang), t("replay.colour.no_rework", lang))
    else:
        late = 1.0 - measures.on_time_requested[cases] if colour_by == "on_time_delivery" else measures.paid_late[cases]
        value = late
        names = (t("replay.colour.late", lang), t("replay.colour.on_time", lang))
    # 0: bad (late, rework), 1: good, 2: cannot be judged.
    code = np.where(np.isnan(value), 2, np.where(value >= 0.5, 0, 1)).astype(np.int64)
    counts = np.bincount(code, minlength=3)
    keep = [i for i in range(3) if counts[i] > 0]
    remap = np.full(3, -1, dtype=np.int64)
    remap[keep] = np.arange(len(keep))
    labels = (*names, t("replay.colour.unknown", lang))
    colours = (_BAD, _GOOD, OTHER_COLOUR)
    return Colouring(
        remap[code],
        tuple(labels[i] for i in keep),
        tuple(colours[i] for i in keep),
        tuple(int(counts[i]) for i in keep),
    )


def _ranked(codes: np.ndarray, labels: list[str], lang: Language) -> Colouring:
    """The most frequent values get a colour each (ties by label order); the rest and missing values are grey."""
    counts = np.bincount(codes[codes >= 0], minlength=len(labels))
    present = np.flatnonzero(counts)
    ranked = present[np.lexsort((present, -counts[present]))]
    room = MAX_COLOURS if ranked.size <= MAX_COLOURS else MAX_COLOURS - 1
    kept = ranked[:room]
    remap = np.full(len(labels) + 1, -1, dtype=np.int64)
    remap[kept] = np.arange(kept.size)
    out_labels = [labels[k] for k in kept]
    out_colours = list(PALETTE[: kept.size])
    out_counts = [int(counts[k]) for k in kept]
    grey = int((codes >= 0).sum()) - sum(out_counts)
    if grey:
        out_labels.append(t("replay.colour.other", lang, values=int(ranked.size - kept.size)))
        out_colours.append(OTHER_COLOUR)
        out_counts.append(grey)
        remap[np.setdiff1d(ranked, kept)] = len(out_labels) - 1
    missing = int((codes < 0).sum())
    if missing:
        out_labels.append(t("replay.colour.unknown", lang))
        out_colours.append("#bdbdbd")
        out_counts.append(missing)
        remap[-1] = len(out_labels) - 1
    return Colouring(remap[codes], tuple(out_labels), tuple(out_colours), tuple(out_counts))


def speed_seconds(text: str) -> int:
    """Process seconds per second of replay from ``"6h"``, ``"1d"``, ``"2w"`` (or plain seconds); ValueError for
    anything else.

    >>> speed_seconds("1d"), speed_seconds("6h"), speed_seconds("1w")
    (86400, 21600, 604800)
    """
    units = {"s": 1, "m": 60, "h": 3600, "d": DAY_SECONDS, "w": 7 * DAY_SECONDS}
    text = text.strip().lower()
    number, unit = (text[:-1], text[-1]) if text[-1:] in units else (text, "s")
    value = float(number)
    if not value > 0:
        raise ValueError(text)
    return max(1, round(value * units[unit]))
