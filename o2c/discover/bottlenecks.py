"""Bottlenecks: the directly-follows transitions A -> B ranked by the total waiting time they add."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from o2c.log.eventlog import NS_PER_SECOND, EventLog, LogView
from o2c.stats import longest_first

# Order attributes shown next to the case id in the slowest-orders table, when the log has them.
ORDER_LABEL_COLUMNS = ("order_number", "account_name")
RANKING_COLUMNS = ["source", "target", "count", "total_seconds", "share", "median_seconds", "p90_seconds"]


@dataclass(frozen=True)
class TransitionIndex:
    """Every step from an event to the next event of the same order, grouped by transition.

    Transition ``k`` (activity codes ``sources[k] -> targets[k]``) owns positions ``bounds[k]:bounds[k + 1]``
    of ``events`` (the position of the step's first event, ascending) and ``seconds`` (the wait).
    """

    sources: np.ndarray
    targets: np.ndarray
    bounds: np.ndarray
    events: np.ndarray
    seconds: np.ndarray

    def find(self, source: int, target: int) -> int | None:
        """The transition number of ``source -> target``, or None when no order makes that step."""
        hits = np.flatnonzero((self.sources == source) & (self.targets == target))
        return int(hits[0]) if hits.size else None


def transition_index(log: EventLog) -> TransitionIndex:
    """The transitions of ``log``, grouped once per log (a radix sort) and kept on it; views only mask them."""
    return log.memo("transition_index", lambda: _index(log))


def _index(log: EventLog) -> TransitionIndex:
    n = len(log.activity_names)
    steps = np.flatnonzero(log.case[1:] == log.case[:-1])
    pair = log.activity[steps].astype(np.int64) * n + log.activity[steps + 1]
    counts = np.bincount(pair, minlength=n * n)
    present = np.flatnonzero(counts)
    compact = np.zeros(n * n, dtype=np.int64)
    compact[present] = np.arange(present.size)
    keys = compact[pair]
    # 16-bit keys let numpy use its radix sort; a stable sort keeps each transition's steps in event order.
    order = np.argsort(keys.astype(np.uint16) if present.size <= 1 << 16 else keys, kind="stable")
    events = steps[order]
    seconds = (log.timestamp[events + 1] - log.timestamp[events]) / NS_PER_SECOND
    return TransitionIndex(
        present // n, present % n, np.concatenate(([0], np.cumsum(counts[present]))), events, seconds
    )


def _selected(view: LogView, index: TransitionIndex) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The steps of the selected orders: their bounds per transition, event positions and waits."""
    if view.n_cases == view.log.n_cases:
        return index.bounds, index.events, index.seconds
    keep = view.event_mask[index.events]
    kept = np.concatenate(([0], np.cumsum(keep)))
    return kept[index.bounds], index.events[keep], index.seconds[keep]


def transition_ranking(view: LogView) -> pd.DataFrame:
    """Transitions ranked by total waiting time: ``source``, ``target``, ``count``, ``total_seconds``,
    ``share`` (of all waiting between consecutive events), ``median_seconds``, ``p90_seconds``.

    Ties on the total keep activity-name order, so the ranking is stable.
    """
    index = transition_index(view.log)
    bounds, _, seconds = _selected(view, index)
    counts = np.diff(bounds)
    present = np.flatnonzero(counts)
    if present.size == 0:
        return pd.DataFrame(columns=RANKING_COLUMNS)
    totals = np.add.reduceat(seconds, bounds[present])
    # One quantile call per transition (tens of them), never per case or event.
    quantiles = np.array([np.quantile(seconds[bounds[k] : bounds[k + 1]], (0.5, 0.9)) for k in present])
    overall = totals.sum()
    names = view.log.activity_names
    table = pd.DataFrame(
        {
            "source": [names[a] for a in index.sources[present]],
            "target": [names[b] for b in index.targets[present]],
            "count": counts[present],
            "total_seconds": totals,
            "share": totals / overall if overall > 0 else np.zeros(present.size),
            "median_seconds": quantiles[:, 0],
            "p90_seconds": quantiles[:, 1],
        }
    )
    return table.iloc[np.lexsort((present, -totals))].reset_index(drop=True)


def slowest_on_transition(view: LogView, source: str, target: str, limit: int = 10) -> pd.DataFrame:
    """The orders that wait longest on ``source -> target``: ``case_code``, ``case_id``, the order number
    and account when the log has them, ``times`` (how often the order makes this step) and
    ``wait_seconds`` (its total wait on the step). Longest first; ties by case id.
    """
    log = view.log
    columns = ["case_code", "case_id", *[c for c in ORDER_LABEL_COLUMNS if c in log.cases], "times", "wait_seconds"]
    a, b = log.activity_code(source), log.activity_code(target)
    index = transition_index(log)
    k = index.find(a, b) if a is not None and b is not None else None
    if k is None:
        return pd.DataFrame(columns=columns)
    events = index.events[index.bounds[k] : index.bounds[k + 1]]
    seconds = index.seconds[index.bounds[k] : index.bounds[k + 1]]
    keep = view.event_mask[events]
    cases = log.case[events[keep]]
    if cases.size == 0:
        return pd.DataFrame(columns=columns)
    # Steps are in event order, so each order's steps are contiguous: sum them per run of equal cases.
    starts = np.flatnonzero(np.concatenate(([True], cases[1:] != cases[:-1])))
    codes = cases[starts].astype(np.int64)
    waits = np.add.reduceat(seconds[keep], starts)
    times = np.diff(np.append(starts, cases.size))
    top = longest_first(waits, limit)  # codes ascend, so ties break by case id
    table = log.cases.iloc[codes[top]][columns[1:-2]].reset_index(drop=True)
    table.insert(0, "case_code", codes[top])
    table["times"] = times[top]
    table["wait_seconds"] = waits[top]
    return table
