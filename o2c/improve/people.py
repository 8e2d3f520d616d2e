"""People and teams: who does the work, how long the next step waits after it, who hands orders to whom, and
which activities rest on a few shoulders.

A **performer** is a value of one event column, the **level**: ``resource`` (a person or system user),
``role`` or ``department``. Events without a value have no performer and are left out of the per-performer
numbers (the balance table counts them as ``unassigned``).

* The **wait after** an event is the time to the next event of the same order; an order's last event has none.
* A **repetition** is an execution of an activity the order has already seen, as ``o2c.discover.rework`` defines it.
* A **handover** is a pair of consecutive events of an order whose performers (at the level) differ; its wait
  is the time between the two events.
* **Workload** counts events per week (weeks start on Monday, UTC); an active week is one with at least one
  event of the performer among the selected orders.
* **Concentration** of an activity: the share of its executions done by the top 1 and top 3 performers and
  the Gini index of executions over the performers who do it (0: evenly shared, towards 1: one does nearly all).

Everything that does not depend on the filters (codes, sort orders, first events) is built once per log and
level and kept on the log (two levels at a time, about 30 bytes per event each, plus 16 bytes per event for
the steps in wait order that the levels share); a filter change only masks those arrays: a few passes over the
events of the selected orders.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd

from o2c.discover.dot import MAX_NAME, quote, shorten
from o2c.format import short_duration
from o2c.i18n import Language, t
from o2c.improve.cost import repeated_executions
from o2c.log.eventlog import NS_PER_SECOND, EventLog, LogView
from o2c.log.periods import period_codes, period_starts

LEVELS = ("resource", "role", "department")
# An activity is flagged when its top 3 performers do at least this share of it while others share the rest ...
CONCENTRATED_TOP3 = 0.8
# ... and at least this many performers do it at all (with three or fewer, the top 3 always do everything).
CONCENTRATED_MIN_PERFORMERS = 5
DEFAULT_HANDOVERS_SHOWN = 15
_DENSE_CELLS = 1 << 24  # (performer, week) and (performer, performer) cells counted densely up to this many
_CACHED_LEVELS = 2  # each kept level costs about 30 bytes per event; asking for a third drops the oldest

PERFORMER_COLUMNS = [
    "performer",
    "events",
    "orders",
    "median_wait_seconds",
    "repetitions",
    "repetition_share",
    "active_weeks",
    "weekly_median",
    "weekly_peak",
    "mean_position",
]
HANDOVER_COLUMNS = ["source", "target", "handovers", "orders", "median_wait_seconds"]
BALANCE_COLUMNS = [
    "activity",
    "executions",
    "unassigned",
    "performers",
    "top_performer",
    "top1_share",
    "top3_share",
    "gini",
    "concentrated",
]

_BLUES = ("#eff5fb", "#d7e6f4", "#b3cfe8", "#84b1d9", "#5590c6", "#2f6fad")
_REDS = ("#9ecae1", "#c9a3a3", "#e08a6b", "#d9533a", "#b52a1c", "#7f0000")
_WRAP = 20
_FONT = "Helvetica"


def people_levels(log: EventLog) -> list[str]:
    """The levels the log can show: the resource, role and department columns that hold at least one value."""
    return log.memo(
        "people:present_levels",
        lambda: [
            level for level in LEVELS if level in log.event_attributes and pd.notna(log.event_attributes[level]).any()
        ],
    )


# --- per performer ---------------------------------------------------------------------------------------------


def performers(view: LogView, level: str) -> pd.DataFrame:
    """One row per performer active in the selected orders, most events first (ties by name).

    Columns: ``performer``, ``events`` handled, ``orders`` touched, ``median_wait_seconds`` (median wait
    after their events until the order's next event; NaN when all their events ended an order),
    ``repetitions`` (their events that repeat an activity of the order) and ``repetition_share`` (of their
    events), ``active_weeks``, ``weekly_median`` and ``weekly_peak`` (events per active week), and
    ``mean_position``: where in their orders their events fall on average (0 = first event, 1 = last), over
    the whole log so that maps keep their layout when the filters change.
    """
    log = view.log
    index = _performers(log, level)
    n = len(index.labels)
    cells = _selected_events(view, index.cell)
    # One count per (performer, repetition?, first event in the order?) gives events, repetitions and orders.
    counts = np.bincount(cells, minlength=(n + 1) * 4).reshape(n + 1, 4)[:n]
    events = counts.sum(axis=1)
    repetitions, orders = counts[:, 2] + counts[:, 3], counts[:, 1] + counts[:, 3]
    weeks, weekly_median, weekly_peak = _weekly(log, cells >> 2, _selected_events(view, _event_weeks(log)), n)
    median_wait = index.waits.medians(view)
    present = np.flatnonzero(events)
    table = pd.DataFrame(
        {
            "performer": [index.labels[p] for p in present],
            "events": events[present],
            "orders": orders[present],
            "median_wait_seconds": median_wait[present],
            "repetitions": repetitions[present],
            "repetition_share": repetitions[present] / events[present],
            "active_weeks": weeks[present],
            "weekly_median": weekly_median[present],
            "weekly_peak": weekly_peak[present],
            "mean_position": index.mean_position[present],
        },
        columns=PERFORMER_COLUMNS,
    )
    return table.iloc[np.lexsort((table["performer"].to_numpy(dtype=str), -table["events"].to_numpy()))].reset_index(
        drop=True
    )


def weekly_workload(view: LogView, level: str, performer: str) -> pd.DataFrame:
    """Events of one performer per week (``week``: Monday, naive UTC; ``events``), over every week from the
    first to the last event of the selected orders, so weeks without their work show as 0."""
    index = _performers(view.log, level)
    empty = pd.DataFrame({"week": pd.Series(dtype="datetime64[ns]"), "events": pd.Series(dtype=np.int64)})
    if performer not in index.labels or view.n_cases == 0:
        return empty
    weeks = _selected_events(view, _event_weeks(view.log))
    first, last = int(weeks.min()), int(weeks.max())
    mine = (_selected_events(view, index.cell) >> 2) == index.labels.index(performer)
    counts = np.bincount(weeks[mine] - first, minlength=last - first + 1)
    return pd.DataFrame({"week": period_starts(np.arange(first, last + 1), "week"), "events": counts})


def _weekly(log: EventLog, codes: np.ndarray, weeks: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Active weeks, median and peak events per active week, per performer code, from the selected events'
    performer ``codes`` (``n`` for none) and ``weeks``."""
    all_weeks = _event_weeks(log)
    first = int(all_weeks.min(initial=0))
    span = int(all_weeks.max(initial=0)) - first + 1
    key = codes.astype(np.int64) * span + (weeks - first)
    # (performer, week) cells: dense when they fit, as for most logs; otherwise only the cells that occur.
    if (n + 1) * span <= _DENSE_CELLS:
        counts = np.bincount(key, minlength=(n + 1) * span)[: n * span]
        cells = np.flatnonzero(counts)
        counts = counts[cells]
    else:
        cells, counts = np.unique(key[codes < n], return_counts=True)
    performer = cells // span
    order = np.lexsort((counts, performer))  # each performer's weeks by count: cells, not events
    counts = counts[order]
    active = np.bincount(performer, minlength=n)
    peak = np.zeros(n, dtype=np.int64)
    peak[active > 0] = counts[np.cumsum(active)[active > 0] - 1]
    return active, run_medians(active, counts.astype(float)), peak


# --- handovers -------------------------------------------------------------------------------------------------


def handovers(view: LogView, level: str) -> pd.DataFrame:
    """Who passes orders to whom: one row per (``source``, ``target``) performer pair with ``handovers``
    (times an event of ``source`` is directly followed in the order by one of ``target``), ``orders`` (with
    at least one such handover) and ``median_wait_seconds`` between the two events. Most frequent first."""
    index = _performers(view.log, level)
    counts, orders, medians = index.handovers.summary(view)
    present = np.flatnonzero(counts)
    labels = np.array(index.labels, dtype=object)
    table = pd.DataFrame(
        {
            "source": labels[index.pair_source[present]],
            "target": labels[index.pair_target[present]],
            "handovers": counts[present],
            "orders": orders[present],
            "median_wait_seconds": medians[present],
        },
        columns=HANDOVER_COLUMNS,
    )
    ranked = np.lexsort(
        (table["target"].to_numpy(dtype=str), table["source"].to_numpy(dtype=str), -table["handovers"].to_numpy())
    )
    return table.iloc[ranked].reset_index(drop=True)


@dataclass(frozen=True)
class HandoverSummary:
    """``handovers`` in the selected orders, ``per_order`` on average, and the ``median_wait_seconds`` over all
    handovers (None without any)."""

    handovers: int
    per_order: float
    median_wait_seconds: float | None


def handover_summary(view: LogView, level: str) -> HandoverSummary:
    """The headline numbers of the handovers between performers at ``level``."""
    waits = _performers(view.log, level).handovers.selected_seconds(view)
    return HandoverSummary(
        int(waits.size), waits.size / max(view.n_cases, 1), float(np.median(waits)) if waits.size else None
    )


def handover_dot(
    table: pd.DataFrame,
    people: pd.DataFrame,
    top: int = DEFAULT_HANDOVERS_SHOWN,
    lang: Language = "en",
    rankdir: str = "TB",
) -> str:
    """DOT for the ``top`` most frequent handovers of a ``handovers`` table: performers as boxes (label: name
    and events handled, from the ``performers`` table ``people``), arrows labelled "count · median wait";
    thicker arrows are more frequent, redder ones wait longer. Names only appear escaped inside quoted labels.

    Performers are declared in the order their work typically comes in an order (``mean_position``), which
    Graphviz follows when it breaks cycles, so the map reads from the start of the process to its end.
    """
    shown = table.head(max(top, 0))
    involved = set(shown["source"]) | set(shown["target"])
    ranked = people.sort_values(["mean_position", "performer"], kind="stable")
    names = [name for name in ranked["performer"] if name in involved]
    names += sorted(involved - set(names))  # performers the table does not know (none when both come from one view)
    events = dict(zip(people["performer"], people["events"]))
    node = {name: f"p{i}" for i, name in enumerate(names)}
    lines = [
        "digraph handovers {",
        f'  graph [rankdir={rankdir if rankdir in ("TB", "LR") else "TB"}, bgcolor="transparent", nodesep=0.3, '
        f'ranksep=0.55, pad=0.15, fontname="{_FONT}"];',
        f'  node [shape=box, style="rounded,filled", fontname="{_FONT}", fontsize=11, margin="0.16,0.07", '
        'color="#5b7083", penwidth=1];',
        f'  edge [fontname="{_FONT}", fontsize=10, fontcolor="#2b2b2b", arrowsize=0.7];',
    ]
    top_events = max([events.get(name, 0) for name in names] + [1])
    for name in names:
        value = int(events.get(name, 0))
        level = _level(value / top_events, len(_BLUES))
        font = "white" if level >= 4 else "#1f1f1f"
        label = quote(_wrap(name), f"\\n{value:,}")
        tip = quote(t("people.map.tip.node", lang, name=name, events=value))
        lines.append(f'  {node[name]} [label={label}, tooltip={tip}, fillcolor="{_BLUES[level]}", fontcolor="{font}"];')
    most = max(int(shown["handovers"].max()), 1) if len(shown) else 1
    slowest = float(np.nanmax(shown["median_wait_seconds"])) if len(shown) else 0.0
    for row in shown.itertuples(index=False):
        wait = float(row.median_wait_seconds)
        width = 1 + 5 * math.sqrt(row.handovers / most)
        color = _REDS[_level(wait / slowest, len(_REDS))] if slowest > 0 else _REDS[0]
        label = f"  {int(row.handovers):,} · {short_duration(wait)}"
        tip = quote(
            t(
                "people.map.tip.edge",
                lang,
                source=row.source,
                target=row.target,
                count=int(row.handovers),
                orders=int(row.orders),
                wait=short_duration(wait),
            )
        )
        lines.append(
            f"  {node[row.source]} -> {node[row.target]} [label={quote(label)}, tooltip={tip}, "
            f'color="{color}", penwidth={width:.2f}];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- workload balance ------------------------------------------------------------------------------------------


def workload_balance(view: LogView, level: str) -> pd.DataFrame:
    """How concentrated each activity's work is among performers, most concentrated first.

    Columns: ``activity``, ``executions`` with a known performer, ``unassigned`` executions (no value at
    ``level``), ``performers`` who do it, ``top_performer``, ``top1_share`` and ``top3_share`` (of the
    executions with a performer), ``gini`` (over the performers who do it; 0 with a single one) and
    ``concentrated``: at least ``CONCENTRATED_MIN_PERFORMERS`` performers and the top 3 do at least
    ``CONCENTRATED_TOP3`` of the work.
    """
    log = view.log
    index = _performers(log, level)
    n, n_activities = len(index.labels), len(log.activity_names)
    matrix = _activity_matrix(view, index, n_activities)
    all_events, unassigned = matrix.sum(axis=1), matrix[:, n]
    present = np.flatnonzero(matrix[:, :n])
    activity, performer, count = present // n, present % n, matrix[:, :n].ravel()[present]
    order = np.lexsort((performer, -count, activity))  # per activity: largest first, ties by performer code
    activity, performer, count = activity[order], performer[order], count[order]
    executions = all_events - unassigned
    people = np.bincount(activity, minlength=n_activities)
    starts = np.cumsum(people) - people
    rank = np.arange(activity.size) - starts[activity]  # 0 for each activity's top performer
    top1 = np.bincount(activity[rank == 0], weights=count[rank == 0], minlength=n_activities)
    top3 = np.bincount(activity[rank < 3], weights=count[rank < 3], minlength=n_activities)
    # Gini from the descending ranks r (0 for the largest): G = (n - 1 - 2 * sum(r * x) / sum(x)) / n,
    # the usual formula over ascending ranks rewritten; ``weighted`` is sum((r + 1) * x) = sum(r * x) + sum(x).
    weighted = np.bincount(activity, weights=(rank + 1) * count, minlength=n_activities)
    with np.errstate(divide="ignore", invalid="ignore"):
        gini = (people + 1 - 2 * weighted / executions) / people
        top1_share, top3_share = top1 / executions, top3 / executions
    shown = np.flatnonzero(all_events)
    top_performer = np.full(n_activities, "", dtype=object)
    top_performer[activity[rank == 0]] = np.array(index.labels, dtype=object)[performer[rank == 0]]
    table = pd.DataFrame(
        {
            "activity": [log.activity_names[a] for a in shown],
            "executions": executions[shown],
            "unassigned": unassigned[shown],
            "performers": people[shown],
            "top_performer": top_performer[shown],
            "top1_share": top1_share[shown],
            "top3_share": top3_share[shown],
            "gini": np.where(people[shown] > 0, np.nan_to_num(gini[shown]), np.nan),
            "concentrated": (people[shown] >= CONCENTRATED_MIN_PERFORMERS) & (top3_share[shown] >= CONCENTRATED_TOP3),
        },
        columns=BALANCE_COLUMNS,
    )
    ranked = np.lexsort(
        (
            table["activity"].to_numpy(dtype=str),
            -table["executions"].to_numpy(),
            -np.nan_to_num(table["top3_share"].to_numpy(dtype=float), nan=-1.0),
            ~table["concentrated"].to_numpy(),
        )
    )
    return table.iloc[ranked].reset_index(drop=True)


def activity_performers(view: LogView, level: str, activity: str) -> pd.DataFrame:
    """Who does one activity in the selected orders: ``performer``, ``executions`` and ``share`` (of the
    executions with a performer), most first (ties by name)."""
    log = view.log
    index = _performers(log, level)
    code = log.activity_code(activity)
    columns = ["performer", "executions", "share"]
    if code is None:
        return pd.DataFrame(columns=columns)
    counts = _activity_matrix(view, index, len(log.activity_names))[code, : len(index.labels)]
    present = np.flatnonzero(counts)
    table = pd.DataFrame(
        {
            "performer": [index.labels[p] for p in present],
            "executions": counts[present],
            "share": counts[present] / max(int(counts.sum()), 1),
        },
        columns=columns,
    )
    return table.iloc[
        np.lexsort((table["performer"].to_numpy(dtype=str), -table["executions"].to_numpy()))
    ].reset_index(drop=True)


def _activity_matrix(view: LogView, index: _PerformerIndex, n_activities: int) -> np.ndarray:
    """Executions per activity (rows) and performer (columns; the last one: no performer) in the selected orders."""
    width = len(index.labels) + 1
    cells = _selected_events(view, index.activity_cell)
    return np.bincount(cells, minlength=n_activities * width).reshape(n_activities, width)


# --- shared numpy helpers ----------------------------------------------------------------------------------------


def run_medians(counts: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The median of each run of ``values`` (sorted within each run; run ``k`` has ``counts[k]`` values and runs
    follow each other), NaN for empty runs: the two middle entries of each run, without a sort or a loop."""
    starts = np.cumsum(counts) - counts
    medians = np.full(counts.size, np.nan)
    has = counts > 0
    low, high = starts[has] + (counts[has] - 1) // 2, starts[has] + counts[has] // 2
    medians[has] = (values[low] + values[high]) / 2
    return medians


def _selected_events(view: LogView, per_event: np.ndarray) -> np.ndarray:
    """A per-event array restricted to the events of the selected orders (no copy when all are selected)."""
    return per_event if view.n_cases == view.log.n_cases else per_event[view.event_mask]


def _level(ratio: float, steps: int) -> int:
    return min(steps - 1, max(0, int(round(math.sqrt(max(ratio, 0.0)) * (steps - 1)))))


def _wrap(name: str) -> str:
    return "\n".join(textwrap.wrap(shorten(name, MAX_NAME), _WRAP) or [""])


# --- the per-log, per-level index --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Waits:
    """Waits grouped by a key (a performer, or a handover's pair of performers) and ascending within each group:
    group ``k`` owns ``bounds[k]:bounds[k + 1]`` of ``case`` (the order of each wait) and ``seconds``;
    ``first_in_order`` marks one wait of each (order, group)."""

    bounds: np.ndarray
    case: np.ndarray
    seconds: np.ndarray
    first_in_order: np.ndarray | None

    def _kept(self, view: LogView) -> np.ndarray | None:
        return None if view.n_cases == view.log.n_cases else view.case_mask[self.case]

    def _counts(self, flags: np.ndarray | None) -> np.ndarray:
        if flags is None:
            return np.diff(self.bounds)
        return np.diff(np.concatenate(([0], np.cumsum(flags)))[self.bounds])

    def selected_seconds(self, view: LogView) -> np.ndarray:
        """The waits of the selected orders, grouped and ascending as stored."""
        kept = self._kept(view)
        return self.seconds if kept is None else self.seconds[kept]

    def medians(self, view: LogView) -> np.ndarray:
        """The median wait per group among the selected orders (NaN for groups without one)."""
        kept = self._kept(view)
        return run_medians(self._counts(kept), self.seconds if kept is None else self.seconds[kept])

    def summary(self, view: LogView) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per group among the selected orders: waits, orders with one, median wait."""
        kept = self._kept(view)
        counts = self._counts(kept)
        orders = self._counts(self.first_in_order if kept is None else self.first_in_order & kept)
        return counts, orders, run_medians(counts, self.seconds if kept is None else self.seconds[kept])


@dataclass(frozen=True)
class _Steps:
    """Every event followed by another of its order, shortest wait first: the event's position (``event``), its
    order (``case``) and the wait to the next event (``seconds``). Shared by the levels, so each one only picks
    and groups them, reading these in wait order rather than gathering from the events again."""

    event: np.ndarray
    case: np.ndarray
    seconds: np.ndarray


def _grouped_waits(
    steps: _Steps, chosen: np.ndarray, group: np.ndarray, n_groups: int, first: np.ndarray | None = None
) -> _Waits:
    """The ``chosen`` steps (a mask over ``steps``) grouped by ``group`` (one per chosen step), keeping the waits
    ascending within each group; ``first`` flags events per position."""
    # A stable sort by group keeps the wait order; 16-bit keys get numpy's radix sort.
    order = np.argsort(group.astype(np.uint16) if n_groups <= 1 << 16 else group, kind="stable")
    bounds = np.concatenate(([0], np.cumsum(np.bincount(group, minlength=n_groups))))
    return _Waits(
        bounds,
        steps.case[chosen][order],
        steps.seconds[chosen][order],
        None if first is None else first[steps.event[chosen][order]],
    )


def _steps_by_wait(log: EventLog) -> _Steps:
    """The ``_Steps`` of the log, kept on it."""

    def build() -> _Steps:
        steps = np.flatnonzero(log.case[1:] == log.case[:-1])
        waits = log.timestamp[steps + 1] - log.timestamp[steps]
        order = _ascending(waits)
        event = steps[order].astype(np.int32 if log.n_events < 2**31 else np.int64)
        return _Steps(event, log.case[event], waits[order] / NS_PER_SECOND)

    return log.memo("people:steps_by_wait", build)


def _ascending(waits: np.ndarray) -> np.ndarray:
    """``np.argsort`` of non-negative waits in ns (ties in any order).

    Timestamps are mostly whole seconds or milliseconds: then each wait in that unit and its position fit
    together in one int64, and sorting those values (numpy's vectorised sort) is about three times faster
    than an argsort; the position is what remains in the low bits.
    """
    bits = max(int(waits.size).bit_length(), 1)
    unit = next((u for u in (NS_PER_SECOND, 1_000_000, 1_000) if not np.any(waits % u)), 1)
    if waits.size == 0 or int(waits.max()) // unit >= 1 << (63 - bits):
        return np.argsort(waits)
    return np.sort((waits // unit) << bits | np.arange(waits.size)) & ((1 << bits) - 1)


@dataclass(frozen=True)
class _PerformerIndex:
    """Filter-independent arrays of one level with ``n`` performers (``labels``).

    Per event: ``cell`` = performer * 4 + 2 * (repeats an activity of its order) + (the performer's first event in
    the order), with performer ``n`` for events without one; ``activity_cell`` = activity * (n + 1) + performer.
    ``waits`` after events grouped by performer; ``handovers`` grouped by pair, pair ``k`` going from
    ``pair_source[k]`` to ``pair_target[k]``; ``mean_position`` per performer over the whole log.
    """

    labels: list[str]
    cell: np.ndarray
    activity_cell: np.ndarray
    waits: _Waits
    handovers: _Waits
    pair_source: np.ndarray
    pair_target: np.ndarray
    mean_position: np.ndarray


def _performers(log: EventLog, level: str) -> _PerformerIndex:
    cache: dict[str, _PerformerIndex] = log.memo("people:levels", dict)
    if level not in cache:
        while len(cache) >= _CACHED_LEVELS:
            cache.pop(next(iter(cache)), None)  # sessions share the log: another one may have dropped it already
        cache[level] = _build(log, level)
    return cache[level]


def _build(log: EventLog, level: str) -> _PerformerIndex:
    codes, labels = _performer_codes(log.event_attributes.get(level), log.n_events)
    n = len(labels)
    known = codes < n
    case = log.case

    # A performer's first event in an order, as events keep time order.
    first_touch = np.zeros(log.n_events, dtype=bool)
    first_touch[_first_per_case(case, codes, n + 1)] = True
    cell = (codes * 4 + repeated_executions(log) * 2 + first_touch).astype(np.int32)
    activity_cell = log.activity.astype(np.int64) * (n + 1) + codes
    if len(log.activity_names) * (n + 1) < 2**31:
        activity_cell = activity_cell.astype(np.int32)

    by_wait = _steps_by_wait(log)
    followed = known[by_wait.event]
    waits = _grouped_waits(by_wait, followed, codes[by_wait.event[followed]], max(n, 1))

    # Handovers: steps whose two events have different known performers; pairs numbered as they occur.
    handover = np.zeros(log.n_events, dtype=bool)
    handover[:-1] = (case[1:] == case[:-1]) & known[:-1] & known[1:] & (codes[:-1] != codes[1:])
    in_order = np.flatnonzero(handover)
    pair = codes[in_order].astype(np.int64) * max(n, 1) + codes[in_order + 1]
    pair_of = np.zeros(log.n_events, dtype=np.int32)
    if n * n <= _DENSE_CELLS:
        present = np.flatnonzero(np.bincount(pair, minlength=n * n))
        number = np.zeros(n * n, dtype=np.int32)
        number[present] = np.arange(present.size)
        pair_of[in_order] = number[pair]
    else:
        present = np.unique(pair)
        pair_of[in_order] = np.searchsorted(present, pair)
    # The first handover of each pair in an order, found in event order (sorted by order already: fast).
    first = np.zeros(log.n_events, dtype=bool)
    first[in_order[_first_per_case(case[in_order], pair_of[in_order], max(present.size, 1))]] = True
    handed = handover[by_wait.event]
    events = np.bincount(codes, minlength=n + 1)[:n]  # bin n: events without a performer
    position = np.bincount(codes, weights=_relative_positions(log), minlength=n + 1)[:n]
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_position = position / events
    return _PerformerIndex(
        labels=labels,
        cell=cell,
        activity_cell=activity_cell,
        waits=waits,
        handovers=_grouped_waits(by_wait, handed, pair_of[by_wait.event[handed]], present.size, first),
        pair_source=present // max(n, 1),
        pair_target=present % max(n, 1),
        mean_position=mean_position,
    )


def _performer_codes(values: pd.Categorical | np.ndarray | None, n_events: int) -> tuple[np.ndarray, list[str]]:
    """Dense performer codes per event (only values that occur, in category order) and their labels; events
    without a performer get code ``len(labels)``."""
    if values is None:
        return np.zeros(n_events, dtype=np.int32), []
    column = values if isinstance(values, pd.Categorical) else pd.Categorical(values)
    raw = np.asarray(column.codes, dtype=np.int64)
    used = np.bincount(raw[raw >= 0], minlength=len(column.categories)) > 0
    dense = np.cumsum(used) - 1
    n = int(used.sum())
    codes = np.where(raw >= 0, dense[np.maximum(raw, 0)] if used.size else n, n).astype(np.int32)  # cache-friendlier
    return codes, [str(c) for c in np.asarray(column.categories)[used]]


def _event_weeks(log: EventLog) -> np.ndarray:
    """Week number of every event (weeks start on Monday, UTC)."""
    return log.memo("people:weeks", lambda: period_codes(log.timestamp, "week").astype(np.int32))


def _relative_positions(log: EventLog) -> np.ndarray:
    """Per event: its place in its order from 0 (first event) to 1 (last); 0 for one-event orders."""
    offsets = log.case_offsets
    sizes = np.diff(offsets)  # events are grouped by order: repeat per order rather than gather per event
    return (np.arange(log.n_events) - np.repeat(offsets[:-1], sizes)) / np.repeat(np.maximum(sizes - 1, 1), sizes)


def _first_per_case(case: np.ndarray, group: np.ndarray, n_groups: int) -> np.ndarray:
    """Positions of the first element of each (case, group) pair, for ``case`` ascending and ``group`` below
    ``n_groups``."""
    key = case.astype(np.int64) * n_groups + group
    # The keys ascend by case already, so timsort (numpy's stable sort) only sorts within each case: a few times
    # faster than a radix sort by group, and far faster than np.unique's full sort.
    order = np.argsort(key, kind="stable")
    key = key[order]
    first = np.ones(order.size, dtype=bool)
    first[1:] = key[1:] != key[:-1]
    return order[first]
