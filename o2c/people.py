"""People and teams: who does the work, how long the next step waits after it, who hands orders to whom, and
which activities rest on a few shoulders.

A **performer** is a value of one event column, the **level**: ``resource`` (a person or system user),
``role`` or ``department``. Events without a value have no performer and are left out of the per-performer
numbers (the balance table counts them as ``unassigned``).

* The **wait after** an event is the time to the next event of the same order; an order's last event has none.
* A **repetition** is an execution of an activity the order has already seen, as ``o2c.rework`` defines it.
* A **handover** is a pair of consecutive events of an order whose performers (at the level) differ; its wait
  is the time between the two events.
* **Workload** counts events per week (weeks start on Monday, UTC); an active week is one with at least one
  event of the performer among the selected orders.
* **Concentration** of an activity: the share of its executions done by the top 1 and top 3 performers and
  the Gini index of executions over the performers who do it (0: evenly shared, towards 1: one does nearly all).

Everything that does not depend on the filters (codes, sort orders, distinct pairs) is built once per log and
level and kept on the log; a filter change only masks those arrays.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd

from o2c.cycle_times import period_codes, period_starts
from o2c.dot import quote, short_duration
from o2c.eventlog import NS_PER_SECOND, EventLog, LogView
from o2c.i18n import Language, t

LEVELS = ("resource", "role", "department")
# An activity is flagged when its top 3 performers do at least this share of it while others share the rest ...
CONCENTRATED_TOP3 = 0.8
# ... and at least this many performers do it at all (with three or fewer, the top 3 always do everything).
CONCENTRATED_MIN_PERFORMERS = 5
DEFAULT_HANDOVERS_SHOWN = 15

PERFORMER_COLUMNS = ["performer", "events", "orders", "median_wait_seconds", "repetitions", "repetition_share",
                     "active_weeks", "weekly_median", "weekly_peak", "mean_position"]
HANDOVER_COLUMNS = ["source", "target", "handovers", "orders", "median_wait_seconds"]
BALANCE_COLUMNS = ["activity", "executions", "unassigned", "performers", "top_performer", "top1_share",
                   "top3_share", "gini", "concentrated"]

_BLUES = ("#eff5fb", "#d7e6f4", "#b3cfe8", "#84b1d9", "#5590c6", "#2f6fad")
_REDS = ("#9ecae1", "#c9a3a3", "#e08a6b", "#d9533a", "#b52a1c", "#7f0000")
_WRAP = 20
_FONT = "Helvetica"


def people_levels(log: EventLog) -> list[str]:
    """The levels the log can show: the resource, role and department columns that hold at least one value."""
    return [level for level in LEVELS if level in log.event_attributes and _performers(log, level).labels]


# --- per performer ---------------------------------------------------------------------------------------------

def performers(view: LogView, level: str) -> pd.DataFrame:
    """One row per performer active in the selected orders, most events first (ties by name).

    Columns: ``performer``, ``events`` handled, ``orders`` touched, ``median_wait_seconds`` (median wait
    after their events until the order's next event; NaN when all their events ended an order),
    ``repetitions`` (their events that repeat an activity of the order) and ``repetition_share`` (of their
    events), ``active_weeks``, ``weekly_median`` and ``weekly_peak`` (events per active week) and
    ``mean_position`` (where in their orders their events fall on average: 0 = first event, 1 = last).
    """
    index = _performers(view.log, level)
    n = len(index.labels)
    known = _events_in(view, index.known)
    codes = index.codes[known]
    events = np.bincount(codes, minlength=n)
    repetitions = np.bincount(codes[_repetitions(view.log)[known]], minlength=n)
    orders = np.bincount(_selected(view, index.touched_case, index.touched_performer), minlength=n)
    wait_groups = _selected(view, index.wait_events, index.codes[index.wait_events])
    wait_values = _selected(view, index.wait_events, index.wait_seconds)
    median_wait = sorted_group_medians(wait_groups, wait_values, n)
    weeks, weekly_median, weekly_peak = _weekly(view, index, known, n)
    position = np.bincount(codes, weights=_relative_positions(view.log)[known], minlength=n)
    present = np.flatnonzero(events)
    table = pd.DataFrame({
        "performer": [index.labels[p] for p in present],
        "events": events[present],
        "orders": orders[present],
        "median_wait_seconds": median_wait[present],
        "repetitions": repetitions[present],
        "repetition_share": repetitions[present] / events[present],
        "active_weeks": weeks[present],
        "weekly_median": weekly_median[present],
        "weekly_peak": weekly_peak[present],
        "mean_position": position[present] / events[present],
    }, columns=PERFORMER_COLUMNS)
    return table.iloc[np.lexsort((table["performer"].to_numpy(dtype=str), -table["events"].to_numpy()))
                      ].reset_index(drop=True)


def weekly_workload(view: LogView, level: str, performer: str) -> pd.DataFrame:
    """Events of one performer per week (``week``: Monday, naive UTC; ``events``), over every week from the
    first to the last event of the selected orders, so weeks without their work show as 0."""
    index = _performers(view.log, level)
    empty = pd.DataFrame({"week": pd.Series(dtype="datetime64[ns]"), "events": pd.Series(dtype=np.int64)})
    if performer not in index.labels or view.n_cases == 0:
        return empty
    week = _event_weeks(view.log)
    selected = week[view.event_mask] if view.n_cases < view.log.n_cases else week
    first, last = int(selected.min()), int(selected.max())
    mine = view.event_mask & (index.codes == index.labels.index(performer))
    counts = np.bincount(week[mine] - first, minlength=last - first + 1)
    return pd.DataFrame({"week": period_starts(np.arange(first, last + 1), "week"), "events": counts})


def _weekly(view: LogView, index: _PerformerIndex, known: np.ndarray,
            n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Active weeks, median and peak events per active week, per performer code."""
    counts = np.bincount(index.week_pair[known], minlength=index.week_pair_performer.size)
    active = np.flatnonzero(counts)
    performer, counts = index.week_pair_performer[active], counts[active]
    order = np.lexsort((counts, performer))  # pairs ascend by performer already; sort each one's counts
    performer, counts = performer[order], counts[order]
    weeks = np.bincount(performer, minlength=n)
    ends = np.cumsum(weeks)
    peak = np.zeros(n, dtype=np.int64)
    peak[weeks > 0] = counts[ends[weeks > 0] - 1]
    return weeks, sorted_group_medians(performer, counts.astype(float), n), peak


# --- handovers -------------------------------------------------------------------------------------------------

def handovers(view: LogView, level: str) -> pd.DataFrame:
    """Who passes orders to whom: one row per (``source``, ``target``) performer pair with ``handovers``
    (times an event of ``source`` is directly followed in the order by one of ``target``), ``orders`` (with
    at least one such handover) and ``median_wait_seconds`` between the two events. Most frequent first."""
    index = _performers(view.log, level)
    n = max(len(index.labels), 1)  # as the index numbers the pairs
    pairs = _selected(view, index.handover_events, index.handover_pair)
    waits = _selected(view, index.handover_events, index.handover_seconds)
    counts = np.bincount(pairs, minlength=n * n)
    orders = np.bincount(_selected(view, index.handover_order_case, index.handover_order_pair),
                         minlength=n * n)
    medians = sorted_group_medians(pairs, waits, n * n)
    present = np.flatnonzero(counts)
    labels = np.array(index.labels, dtype=object)
    table = pd.DataFrame({
        "source": labels[present // n] if present.size else [],
        "target": labels[present % n] if present.size else [],
        "handovers": counts[present],
        "orders": orders[present],
        "median_wait_seconds": medians[present],
    }, columns=HANDOVER_COLUMNS)
    ranked = np.lexsort((table["target"].to_numpy(dtype=str), table["source"].to_numpy(dtype=str),
                         -table["handovers"].to_numpy()))
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
    index = _performers(view.log, level)
    waits = _selected(view, index.handover_events, index.handover_seconds)
    return HandoverSummary(int(waits.size), waits.size / max(view.n_cases, 1),
                           float(np.median(waits)) if waits.size else None)


def handover_dot(table: pd.DataFrame, people: pd.DataFrame, top: int = DEFAULT_HANDOVERS_SHOWN,
                 lang: Language = "en", rankdir: str = "TB") -> str:
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
        lines.append(f'  {node[name]} [label={label}, tooltip={tip}, fillcolor="{_BLUES[level]}", '
                     f'fontcolor="{font}"];')
    most = max(int(shown["handovers"].max()), 1) if len(shown) else 1
    slowest = float(np.nanmax(shown["median_wait_seconds"])) if len(shown) else 0.0
    for row in shown.itertuples(index=False):
        wait = float(row.median_wait_seconds)
        width = 1 + 5 * math.sqrt(row.handovers / most)
        color = _REDS[_level(wait / slowest, len(_REDS))] if slowest > 0 else _REDS[0]
        label = f"  {int(row.handovers):,} · {short_duration(wait)}"
        tip = quote(t("people.map.tip.edge", lang, source=row.source, target=row.target, count=int(row.handovers),
                      orders=int(row.orders), wait=short_duration(wait)))
        lines.append(f"  {node[row.source]} -> {node[row.target]} [label={quote(label)}, tooltip={tip}, "
                     f'color="{color}", penwidth={width:.2f}];')
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
    all_events = np.bincount(log.activity[_events_in(view, np.ones(log.n_events, dtype=bool))],
                             minlength=n_activities)
    known = _events_in(view, index.known)
    cells = np.bincount(log.activity[known].astype(np.int64) * n + index.codes[known], minlength=n_activities * n)
    present = np.flatnonzero(cells)
    activity, performer, count = present // max(n, 1), present % max(n, 1), cells[present]
    order = np.lexsort((performer, -count, activity))  # per activity: largest first, ties by performer code
    activity, performer, count = activity[order], performer[order], count[order]
    executions = np.bincount(activity, weights=count, minlength=n_activities).astype(np.int64)
    people = np.bincount(activity, minlength=n_activities)
    starts = np.concatenate(([0], np.cumsum(people)[:-1]))
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
    table = pd.DataFrame({
        "activity": [log.activity_names[a] for a in shown],
        "executions": executions[shown],
        "unassigned": all_events[shown] - executions[shown],
        "performers": people[shown],
        "top_performer": top_performer[shown],
        "top1_share": top1_share[shown],
        "top3_share": top3_share[shown],
        "gini": np.where(people[shown] > 0, np.nan_to_num(gini[shown]), np.nan),
        "concentrated": (people[shown] >= CONCENTRATED_MIN_PERFORMERS) & (top3_share[shown] >= CONCENTRATED_TOP3),
    }, columns=BALANCE_COLUMNS)
    ranked = np.lexsort((table["activity"].to_numpy(dtype=str), -table["executions"].to_numpy(),
                         -np.nan_to_num(table["top3_share"].to_numpy(dtype=float), nan=-1.0),
                         ~table["concentrated"].to_numpy()))
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
    mine = _events_in(view, index.known & (log.activity == code))
    counts = np.bincount(index.codes[mine], minlength=len(index.labels))
    present = np.flatnonzero(counts)
    table = pd.DataFrame({"performer": [index.labels[p] for p in present], "executions": counts[present],
                          "share": counts[present] / max(int(counts.sum()), 1)}, columns=columns)
    return table.iloc[np.lexsort((table["performer"].to_numpy(dtype=str), -table["executions"].to_numpy()))
                      ].reset_index(drop=True)


# --- shared numpy helpers ----------------------------------------------------------------------------------------

def sorted_group_medians(groups: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    """Median of ``values`` per group code (NaN for empty groups), for input sorted by group and then by value
    within each group: the two middle entries of each run, without a sort or a loop."""
    counts = np.bincount(groups, minlength=n_groups)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    medians = np.full(n_groups, np.nan)
    has = counts > 0
    low, high = starts[has] + (counts[has] - 1) // 2, starts[has] + counts[has] // 2
    medians[has] = (values[low] + values[high]) / 2
    return medians


def _events_in(view: LogView, flags: np.ndarray) -> np.ndarray:
    """The per-event ``flags`` restricted to the selected orders (no copy when every order is selected)."""
    return flags if view.n_cases == view.log.n_cases else flags & view.event_mask


def _selected(view: LogView, events: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The ``values`` whose event (a position in ``events``) belongs to a selected order, in their order."""
    return values if view.n_cases == view.log.n_cases else values[view.event_mask[events]]


def _level(ratio: float, steps: int) -> int:
    return min(steps - 1, max(0, int(round(math.sqrt(max(ratio, 0.0)) * (steps - 1)))))


def _wrap(name: str) -> str:
    return "\n".join(textwrap.wrap(name, _WRAP) or [""])


# --- the per-log, per-level index --------------------------------------------------------------------------------

@dataclass(frozen=True)
class _PerformerIndex:
    """Filter-independent arrays of one level.

    ``codes`` per event (-1 without a performer) and ``known``; ``touched_*``: the distinct (order, performer)
    pairs as an event of the order (its first one) and the performer; ``wait_*``: events followed by another
    event of their order, sorted by performer and then wait; ``week_pair`` per event: its (performer, week)
    pair number (-1 unknown), with ``week_pair_performer`` per pair (pairs ascend by performer);
    ``handover_*``: the first event of each handover, its (source, target) pair code and wait, sorted by pair
    and then wait; ``handover_order_*``: the distinct (order, pair) combinations.
    """

    labels: list[str]
    codes: np.ndarray
    known: np.ndarray
    touched_case: np.ndarray
    touched_performer: np.ndarray
    wait_events: np.ndarray
    wait_seconds: np.ndarray
    week_pair: np.ndarray
    week_pair_performer: np.ndarray
    handover_events: np.ndarray
    handover_pair: np.ndarray
    handover_seconds: np.ndarray
    handover_order_case: np.ndarray
    handover_order_pair: np.ndarray


def _performers(log: EventLog, level: str) -> _PerformerIndex:
    return log.memo(f"people:{level}", lambda: _build(log, level))


def _build(log: EventLog, level: str) -> _PerformerIndex:
    values = log.event_attributes.get(level)
    if values is None:
        column = pd.Categorical([], categories=[])
        codes = np.full(log.n_events, -1, dtype=np.int64)
    else:
        column = values if isinstance(values, pd.Categorical) else pd.Categorical(values)
        codes = np.asarray(column.codes, dtype=np.int64)
    used = np.bincount(codes[codes >= 0], minlength=len(column.categories)) > 0
    # Only categories that occur become performers; codes are renumbered densely in category order.
    dense = np.cumsum(used) - 1
    codes = np.where(codes >= 0, dense[np.maximum(codes, 0)] if used.size else -1, -1)
    labels = [str(c) for c in np.asarray(column.categories)[used]]
    n = max(len(labels), 1)
    known = codes >= 0
    case = log.case.astype(np.int64)

    first_touch = np.unique(case[known] * n + codes[known], return_index=True)[1]
    touched = np.flatnonzero(known)[first_touch]

    followed = np.flatnonzero((log.case[1:] == log.case[:-1]) & known[:-1])
    waits = (log.timestamp[followed + 1] - log.timestamp[followed]) / NS_PER_SECOND
    by_wait = np.lexsort((waits, codes[followed]))

    week = _event_weeks(log)
    week_key = codes[known] * (int(week.max(initial=0)) + 1) + week[known]
    pair_keys, pair_of_event = np.unique(week_key, return_inverse=True)
    week_pair = np.full(log.n_events, -1, dtype=np.int64)
    week_pair[known] = pair_of_event
    week_pair_performer = pair_keys // (int(week.max(initial=0)) + 1)

    steps = followed[codes[followed + 1] >= 0]
    steps = steps[codes[steps] != codes[steps + 1]]
    pair = codes[steps] * n + codes[steps + 1]
    seconds = (log.timestamp[steps + 1] - log.timestamp[steps]) / NS_PER_SECOND
    ranked = np.lexsort((seconds, pair))
    order_pairs, first_of_pair = np.unique(case[steps] * (n * n) + pair, return_index=True)
    return _PerformerIndex(
        labels=labels, codes=codes, known=known,
        touched_case=touched, touched_performer=codes[touched],
        wait_events=followed[by_wait], wait_seconds=waits[by_wait],
        week_pair=week_pair, week_pair_performer=week_pair_performer,
        handover_events=steps[ranked], handover_pair=pair[ranked], handover_seconds=seconds[ranked],
        handover_order_case=steps[first_of_pair], handover_order_pair=order_pairs % (n * n),
    )


def _event_weeks(log: EventLog) -> np.ndarray:
    """Week number of every event (weeks start on Monday, UTC)."""
    return log.memo("people:weeks", lambda: period_codes(log.timestamp, "week").astype(np.int64))


def _relative_positions(log: EventLog) -> np.ndarray:
    """Per event: its place in its order from 0 (first event) to 1 (last); 0 for one-event orders."""
    def build() -> np.ndarray:
        offsets = log.case_offsets
        place = np.arange(log.n_events) - offsets[log.case]
        last = np.maximum(np.diff(offsets) - 1, 1)[log.case]
        return (place / last).astype(np.float32)
    return log.memo("people:positions", build)


def _repetitions(log: EventLog) -> np.ndarray:
    """Per event: the order already had this activity (the repetitions of ``o2c.rework``)."""
    def build() -> np.ndarray:
        key = log.case.astype(np.int64) * max(len(log.activity_names), 1) + log.activity
        # Events are in order within each case, so the first index of each key is the first execution.
        repeated = np.ones(log.n_events, dtype=bool)
        repeated[np.unique(key, return_index=True)[1]] = False
        return repeated
    return log.memo("people:repetitions", build)
