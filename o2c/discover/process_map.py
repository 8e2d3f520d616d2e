"""The directly-follows map of a view: activities, paths between them, Start and End, and the detail sliders.

A path A -> B counts every pair of consecutive events of the same order where A is followed by B. Its waiting
time is the time between the two events. With an activity subset the log is first projected onto it (the
hidden events are removed, as Disco does), so the map stays connected. Everything is numpy over the event
arrays; order counts per path come from the variants (all orders of a variant share the same paths).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from o2c.i18n import Language
from o2c.log.eventlog import NS_PER_SECOND, EventLog, LogView
from o2c.log.index import variant_index

START = -1
END = -2
STATISTICS = ("median", "mean", "p90")
_DENSE_LIMIT = 1 << 22  # edge codes beyond this are counted sparsely (logs with thousands of activities)
_STRUCTURE_CACHE_SIZE = 8


@dataclass(frozen=True)
class ProcessMap:
    """A directly-follows map.

    ``activities``: one row per shown activity, most frequent first: ``code`` (the log's activity code),
    ``name``, ``events``, ``cases``. ``edges``: one row per path: ``source`` and ``target`` (activity codes, or
    ``START``/``END``), ``count`` (times the path is taken), ``cases`` (orders taking it at least once) and
    waiting times in seconds ``median_seconds``, ``mean_seconds``, ``p90_seconds`` (NaN for Start/End paths
    and for statistics not computed). ``n_cases`` is the number of orders of the view.
    """

    activities: pd.DataFrame
    edges: pd.DataFrame
    n_cases: int

    def name(self, code: int) -> str:
        """The activity name of a node code (``START``/``END`` give "Start"/"End")."""
        if code == START:
            return "Start"
        if code == END:
            return "End"
        return str(self.activities.set_index("code").at[code, "name"])


def process_map(
    view: LogView, activities: Collection[int] | None = None, statistics: Iterable[str] = STATISTICS
) -> ProcessMap:
    """The directly-follows map of ``view``, projected onto the activity codes ``activities`` when given.

    ``statistics`` names the waiting-time statistics to compute (any of "median", "mean", "p90"); leaving
    some out saves time on large logs.
    """
    log = view.log
    n = len(log.activity_names)
    kept = np.ones(n, dtype=bool) if activities is None else np.isin(np.arange(n), list(activities))
    size = (n + 2) ** 2
    pairs = _directly_follows(view, kept)
    inner = _count(pairs.codes, size)
    counts = inner + _count(_boundary_codes(view, pairs), size)
    cases_per_edge, cases_per_activity = _case_counts(view, kept)
    stats = _waiting_statistics(pairs, inner, set(statistics))
    edges = _edge_table(counts, cases_per_edge, stats, n)
    events = (
        np.bincount(pairs.activity[pairs.shown], minlength=n)
        if pairs.shown is not None
        else np.bincount(pairs.activity, minlength=n)
    )
    table = _activity_table(log, events, cases_per_activity)
    return ProcessMap(table, edges, view.n_cases)


def top_activities(view: LogView, share: float) -> list[int]:
    """Codes of the most frequent activities of ``view``: ``ceil(share x present)``, at least one."""
    counts = np.bincount(view.log.activity[view.event_mask], minlength=len(view.log.activity_names))
    present = np.flatnonzero(counts)
    if present.size == 0:
        return []
    keep = max(1, math.ceil(share * present.size - 1e-9))
    names = np.array(view.log.activity_names, dtype=object)[present]
    order = sorted(range(present.size), key=lambda i: (-counts[present[i]], names[i]))
    return sorted(int(present[i]) for i in order[:keep])


def required_edges(pm: ProcessMap) -> set[int]:
    """Row positions of the paths that keep every activity reachable from Start and able to reach End.

    For each activity, the path from Start whose weakest edge is strongest (a widest-path tree), and the
    same towards End; the union of the two trees.
    """
    sources = pm.edges["source"].to_numpy()
    targets = pm.edges["target"].to_numpy()
    weights = pm.edges["count"].to_numpy()
    # Each tree leaves out the other terminal: Start reaches End through any activity of both trees.
    forward = _widest_tree(sources, targets, weights, START, skip=END)
    backward = _widest_tree(targets, sources, weights, END, skip=START)
    direct = set(np.flatnonzero((sources == START) & (targets == END)).tolist())
    return forward | backward | (direct if len(pm.activities) == 0 else set())


def simplify(pm: ProcessMap, path_share: float) -> ProcessMap:
    """Keep the required paths plus the ``ceil(path_share x paths)`` most frequent ones (Disco's path slider)."""
    n_edges = len(pm.edges)
    keep_top = math.ceil(path_share * n_edges - 1e-9)
    ranked = np.lexsort((pm.edges["target"].to_numpy(), pm.edges["source"].to_numpy(), -pm.edges["count"].to_numpy()))
    keep = required_edges(pm) | {int(i) for i in ranked[:keep_top]}
    edges = pm.edges.iloc[sorted(keep)].reset_index(drop=True)
    return ProcessMap(pm.activities, edges, pm.n_cases)


def detailed_map(
    view: LogView, activity_share: float = 1.0, path_share: float = 1.0, statistics: Iterable[str] = STATISTICS
) -> tuple[ProcessMap, ProcessMap]:
    """The map at the chosen detail and the full map it was taken from (for "x of y paths" captions)."""
    activities = None if activity_share >= 1 else top_activities(view, activity_share)
    full = process_map(view, activities, statistics)
    return simplify(full, path_share), full


def dfg_records(view: LogView) -> list[dict]:
    """Every directly-follows pair of ``view``: ``{"from", "to", "count", "median_seconds"}``, most frequent first."""
    pm = process_map(view, statistics=("median",))
    inner = pm.edges[(pm.edges["source"] >= 0) & (pm.edges["target"] >= 0)]
    inner = inner.sort_values(["count", "source", "target"], ascending=[False, True, True], kind="stable")
    names = view.log.activity_names
    return [
        {"from": names[s], "to": names[t], "count": int(c), "median_seconds": float(m)}
        for s, t, c, m in zip(inner["source"], inner["target"], inner["count"], inner["median_seconds"])
    ]


def start_activities(view: LogView) -> dict[str, int]:
    """First activity of each selected order -> number of orders, most frequent first."""
    return _boundary_activities(view, view.log.case_offsets[:-1])


def end_activities(view: LogView) -> dict[str, int]:
    """Last activity of each selected order -> number of orders, most frequent first."""
    return _boundary_activities(view, view.log.case_offsets[1:] - 1)


def _boundary_activities(view: LogView, positions: np.ndarray) -> dict[str, int]:
    log = view.log
    codes = log.activity[positions[view.case_codes]]
    counts = np.bincount(codes, minlength=len(log.activity_names))
    order = sorted(np.flatnonzero(counts), key=lambda c: (-counts[c], log.activity_names[c]))
    return {log.activity_names[c]: int(counts[c]) for c in order}


@dataclass(frozen=True)
class _Pairs:
    """Consecutive event pairs over an event sequence (the log's, or its projection onto shown activities).

    ``codes[i]`` is the path code of events ``i`` and ``i + 1`` (source x width + target), or ``trash`` when they
    are not a directly-follows pair of the view. ``shown`` masks the events of the view (None when the
    sequence holds exactly the view's events).
    """

    n: int
    case: np.ndarray
    activity: np.ndarray
    timestamp: np.ndarray
    codes: np.ndarray
    shown: np.ndarray | None

    @property
    def width(self) -> int:
        return self.n + 2

    @property
    def trash(self) -> int:
        return self.width**2


def _directly_follows(view: LogView, kept: np.ndarray) -> _Pairs:
    log = view.log
    n = len(log.activity_names)
    case, activity, timestamp, shown = log.case, log.activity, log.timestamp, None
    if not kept.all():
        # Projection: drop hidden events so their neighbours become directly-follows pairs.
        mask = view.event_mask & kept[log.activity]
        case, activity, timestamp = case[mask], activity[mask], timestamp[mask]
    elif not view.case_mask.all():
        shown = view.event_mask  # views remove whole cases, so pairs inside a shown case stay valid
    dtype = np.int32 if (n + 2) ** 2 < np.iinfo(np.int32).max else np.int64
    codes = activity[:-1].astype(dtype) * (n + 2) + activity[1:]
    invalid = case[1:] != case[:-1]
    if shown is not None:
        invalid |= ~shown[1:]
    codes[invalid] = (n + 2) ** 2
    return _Pairs(n, case, activity, timestamp, codes, shown)


def _boundary_codes(view: LogView, pairs: _Pairs) -> np.ndarray:
    """Codes of the Start -> first and last -> End paths, plus Start -> End for orders with no shown event."""
    n, width = pairs.n, pairs.width
    if pairs.case.size == 0:
        return np.full(view.n_cases, n * width + n + 1, dtype=np.int64)
    if pairs.case is view.log.case:  # no projection: first and last events come from the case offsets
        first = view.log.case_offsets[view.case_codes]
        last = view.log.case_offsets[view.case_codes + 1] - 1
    else:
        first = np.flatnonzero(np.concatenate(([True], pairs.case[1:] != pairs.case[:-1])))
        last = np.concatenate((first[1:] - 1, [pairs.case.size - 1]))
    empty = view.n_cases - first.size
    return np.concatenate(
        (
            n * width + pairs.activity[first].astype(np.int64),
            pairs.activity[last].astype(np.int64) * width + n + 1,
            np.full(empty, n * width + n + 1, dtype=np.int64),
        )
    )


def _count(codes: np.ndarray, size: int) -> np.ndarray:
    """Occurrences of each code below ``size``; codes equal to ``size`` (trash) are ignored."""
    if size <= _DENSE_LIMIT:
        return np.bincount(codes, minlength=size + 1)[:size].astype(np.int64)
    counts = np.zeros(size + 1, dtype=np.int64)  # sparse fallback pays only for the codes present
    present, found = np.unique(codes, return_counts=True)
    counts[present] = found
    return counts[:size]


def _waiting_statistics(pairs: _Pairs, inner: np.ndarray, wanted: set[str]) -> dict[str, np.ndarray]:
    """Per path code: waiting-time statistics in seconds over the ``inner[code]`` pairs (NaN elsewhere)."""
    size = pairs.trash
    stats = {name: np.full(size, np.nan) for name in STATISTICS}
    present = np.flatnonzero(inner)
    if present.size == 0 or not wanted:
        return stats
    waits = np.diff(pairs.timestamp)  # ns, exact; converted to seconds only where used
    if "mean" in wanted:
        totals: np.ndarray
        if size <= _DENSE_LIMIT:
            totals = np.bincount(pairs.codes, weights=waits, minlength=size + 1)
        else:
            totals = np.zeros(size + 1)
            np.add.at(totals, pairs.codes, waits)
        stats["mean"][present] = totals[present] / NS_PER_SECOND / inner[present]
    quantiles = {name: q for name, q in (("median", 0.5), ("p90", 0.9)) if name in wanted}
    if quantiles:
        order = _group_order(pairs.codes, present)
        grouped = waits[order[: int(inner[present].sum())]]  # trash pairs sort last
        bounds = np.concatenate(([0], np.cumsum(inner[present])))
        # One partition per path (a handful to a few hundred), each linear in its own waits.
        for i, code in enumerate(present):
            values = _quantiles(grouped[bounds[i] : bounds[i + 1]], tuple(quantiles.values()))
            for name, value in zip(quantiles, values):
                stats[name][code] = value
    return stats


def _quantiles(waits_ns: np.ndarray, qs: tuple[float, ...]) -> list[float]:
    """Quantiles in seconds as numpy takes them on the waits in seconds (linear); reorders ``waits_ns``.

    Partitioning the integer nanoseconds orders them exactly; only the two neighbours of each quantile
    are converted, so results match pandas and pm4py (which work on float seconds) to the last digit.
    """
    last = waits_ns.size - 1
    positions = [q * last for q in qs]
    ks = sorted({int(math.floor(p)) for p in positions} | {min(int(math.floor(p)) + 1, last) for p in positions})
    part = waits_ns
    part.partition(ks)  # in place: the caller's array is a scratch copy
    result = []
    for q, position in zip(qs, positions):
        low = int(math.floor(position))
        high = min(low + 1, last)
        a, b = part[low] / NS_PER_SECOND, part[high] / NS_PER_SECOND
        # The median as np.median and pandas take it (mean of the middle two), other quantiles as np.quantile.
        t = position - low
        result.append((a + b) / 2 if q == 0.5 and t == 0.5 else float(_lerp(a, b, t)))
    return result


def _lerp(a: float, b: float, t: float) -> float:
    # numpy's formula for quantile interpolation, including its symmetric form above t = 0.5.
    diff = b - a
    return b - diff * (1 - t) if t >= 0.5 else a + diff * t


def _group_order(codes: np.ndarray, present: np.ndarray) -> np.ndarray:
    """A stable order of ``codes`` grouped by code, trash last; dense 16-bit ranks let numpy radix-sort."""
    if present.size < np.iinfo(np.uint16).max and codes.max() <= _DENSE_LIMIT:
        rank = np.full(int(codes.max()) + 1, present.size, dtype=np.uint16)
        rank[present] = np.arange(present.size, dtype=np.uint16)
        return np.argsort(rank[codes], kind="stable")
    return np.argsort(codes, kind="stable")


def _edge_table(counts: np.ndarray, cases: np.ndarray, stats: dict[str, np.ndarray], n: int) -> pd.DataFrame:
    present = np.flatnonzero(counts)
    width = n + 2
    # Internal codes put Start at n and End at n + 1; list paths from Start first and into End last.
    rank = np.concatenate((np.arange(1, n + 1), [0, n + 1]))
    present = present[np.lexsort((rank[present % width], rank[present // width]))]
    source, target = present // width, present % width
    return pd.DataFrame(
        {
            "source": _public_codes(source, n),
            "target": _public_codes(target, n),
            "count": counts[present],
            "cases": cases[present],
            "median_seconds": stats["median"][present],
            "mean_seconds": stats["mean"][present],
            "p90_seconds": stats["p90"][present],
        }
    )


def _public_codes(codes: np.ndarray, n: int) -> np.ndarray:
    return np.select([codes == n, codes == n + 1], [START, END], codes).astype(np.int64)


def _activity_table(log: EventLog, events: np.ndarray, cases: np.ndarray) -> pd.DataFrame:
    present = np.flatnonzero(events)
    names = [log.activity_names[c] for c in present]
    table = pd.DataFrame(
        {
            "code": present.astype(np.int64),
            "name": names,
            "events": events[present].astype(np.int64),
            "cases": cases[present],
        }
    )
    return table.sort_values(["events", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


# --- order counts through the variants -------------------------------------------------------------------


@dataclass(frozen=True)
class _VariantStructure:
    """Which paths and activities each variant contains (each at most once), after projection."""

    edge_variant: np.ndarray
    edge_code: np.ndarray
    activity_variant: np.ndarray
    activity_code: np.ndarray


def _case_counts(view: LogView, kept: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    log = view.log
    n = len(log.activity_names)
    index = variant_index(log)
    weights = np.bincount(index.case_variant[view.case_mask], minlength=len(index.ids)).astype(np.int64)
    structure = _variant_structure(log, kept)
    per_edge = _weighted_count(structure.edge_code, weights[structure.edge_variant], (n + 2) ** 2)
    per_activity = _weighted_count(structure.activity_code, weights[structure.activity_variant], n)
    return per_edge, per_activity


def _weighted_count(codes: np.ndarray, weights: np.ndarray, size: int) -> np.ndarray:
    if size <= _DENSE_LIMIT:
        # Float sums of whole numbers below 2**53 are exact.
        return np.rint(np.bincount(codes, weights=weights, minlength=size)).astype(np.int64)
    totals = np.zeros(size, dtype=np.int64)
    np.add.at(totals, codes, weights)
    return totals


def _variant_structure(log: EventLog, kept: np.ndarray) -> _VariantStructure:
    cache: dict[bytes, _VariantStructure] = log.memo("process_map_structures", dict)
    key = kept.tobytes()
    if key not in cache:
        if len(cache) >= _STRUCTURE_CACHE_SIZE:
            cache.pop(next(iter(cache)))
        cache[key] = _build_variant_structure(log, kept)
    return cache[key]


def _build_variant_structure(log: EventLog, kept: np.ndarray) -> _VariantStructure:
    index = variant_index(log)
    n = len(log.activity_names)
    width = n + 2
    _, representative = np.unique(index.case_variant, return_index=True)  # first case of each variant code
    offsets = log.case_offsets
    lengths = offsets[representative + 1] - offsets[representative]
    variant = np.repeat(np.arange(representative.size), lengths)
    positions = np.repeat(offsets[representative] - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    positions += np.arange(positions.size)
    activity = log.activity[positions]
    shown = kept[activity]
    variant, activity = variant[shown], activity[shown]
    same = variant[1:] == variant[:-1]
    inner = activity[:-1][same].astype(np.int64) * width + activity[1:][same]
    first = np.flatnonzero(np.concatenate(([True], variant[1:] != variant[:-1]))) if variant.size else variant
    last = np.concatenate((first[1:] - 1, [variant.size - 1])) if variant.size else variant
    empty = np.setdiff1d(np.arange(representative.size), variant)
    edge_variant = np.concatenate((variant[1:][same], variant[first], variant[last], empty))
    edge_code = np.concatenate(
        (
            inner,
            n * width + activity[first].astype(np.int64),
            activity[last].astype(np.int64) * width + n + 1,
            np.full(empty.size, n * width + n + 1, dtype=np.int64),
        )
    )
    edge_variant, edge_code = _distinct(edge_variant, edge_code, width * width)
    activity_variant, activity_code = _distinct(variant, activity.astype(np.int64), n)
    return _VariantStructure(edge_variant, edge_code, activity_variant, activity_code)


def _distinct(groups: np.ndarray, codes: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    keys = np.unique(groups.astype(np.int64) * size + codes)
    return keys // size, keys % size


# --- the widest-path trees behind the path slider --------------------------------------------------------


def _widest_tree(sources: np.ndarray, targets: np.ndarray, weights: np.ndarray, root: int, skip: int) -> set[int]:
    """Edge positions of a tree from ``root`` to every node but ``skip``, maximising the weakest edge on each path."""
    outgoing: dict[int, list[tuple[int, int, int]]] = {}
    for position, (source, target, weight) in enumerate(zip(sources.tolist(), targets.tolist(), weights.tolist())):
        if target != skip:
            outgoing.setdefault(source, []).append((weight, target, position))
    best = {root: math.inf}
    chosen: dict[int, int] = {}
    heap = [(-math.inf, root)]
    done: set[int] = set()
    while heap:
        _, node = heapq.heappop(heap)
        if node in done:
            continue
        done.add(node)
        for weight, other, position in sorted(outgoing.get(node, []), key=lambda e: (-e[0], e[1])):
            width = min(best[node], weight)
            if other not in done and width > best.get(other, -math.inf):
                best[other] = width
                chosen[other] = position
                heapq.heappush(heap, (-width, other))
    return set(chosen.values())


DEFAULT_PATH_PERCENT = 30  # with the required paths, the main flow plus the strongest detours stays legible


@dataclass(frozen=True)
class MapPage:
    """What the Process map page shows: the map at the chosen detail, the full map it was taken from, how many
    activities occur in the view, and the map as Graphviz DOT."""

    shown: ProcessMap
    full: ProcessMap
    all_activities: int
    dot: str


def map_page(
    view: LogView,
    activity_share: float = 1.0,
    path_share: float = DEFAULT_PATH_PERCENT / 100,
    statistics: Iterable[str] = (),
    metric: str = "events",
    lang: Language = "en",
) -> MapPage:
    """Everything the Process map page computes for its sliders (shares 0 to 1), its waiting-time ``statistics``
    (none in the frequency view) and the ``metric`` drawn; the defaults are the page's defaults (the BPMN model
    is computed only when it is opened)."""
    from o2c.discover.dot import process_map_dot  # noqa: PLC0415 - dot.py draws this module's maps

    shown, full = detailed_map(view, activity_share, path_share, statistics)
    all_activities = int((view.activity_counts() > 0).sum())
    return MapPage(shown, full, all_activities, process_map_dot(shown, metric, lang))
