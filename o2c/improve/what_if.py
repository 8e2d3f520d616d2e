"""What-if: replay the actual orders with one change and compare end-to-end time, invoice-to-cash and cost.

Each scenario moves events earlier (never later, never past the event before them) and may drop or cheapen
executions; the measures follow ``o2c.discover.measures``: end-to-end is created → first payment (paid orders only),
invoice-to-cash is the first invoice → the first payment after it. How each scenario changes an order:

* **Remove the rework on X** (an activity, or a check family such as "Credit Check (Failed / Passed)"): in
  an order where X happens more than once, the time from the first to the last execution of X is taken out of
  the order's timeline. Events up to the first execution keep their time, events in between collapse onto it,
  and every later event moves earlier by (last − first). One execution remains (the last, which carries the
  final outcome, now at the time of the first); the other executions and their cost are dropped.
* **Cut the wait on A → B by N %**: every step where B directly follows A in an order becomes N % shorter,
  and every later event of the order moves earlier by the time saved (a cumulative sum per order).
* **Automate X**: every execution of X costs ``AUTOMATED_COST_SHARE`` (10 %) of its cost, and the wait
  before it (from the previous event of the order) is at most ``AUTOMATED_WAIT_SECONDS`` (one hour): a system
  acts as soon as its input is there. Later events move earlier by the time saved.

The per-order results of a scenario are computed once per log (vectorised over all events) and kept on it; a
filter change only selects orders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from o2c.discover.measures import events_of, order_measures
from o2c.discover.rework import activity_families
from o2c.improve.cost import CostTable, order_costs, repeated_executions
from o2c.log.eventlog import NS_PER_SECOND, EventLog, LogView
from o2c.log.vocabulary import EXTERNAL, ROLE_BY_KEY, activity_roles, match_role

AUTOMATED_COST_SHARE = 0.10
AUTOMATED_WAIT_SECONDS = 3_600
Kind = Literal["remove_rework", "cut_wait", "automate"]
KINDS: tuple[Kind, ...] = ("remove_rework", "cut_wait", "automate")


@dataclass(frozen=True)
class Scenario:
    """One change: ``kind`` with ``activity`` (remove_rework, automate) or ``source`` → ``target`` and
    ``percent`` (cut_wait)."""

    kind: Kind
    activity: str = ""
    source: str = ""
    target: str = ""
    percent: float = 50.0


@dataclass(frozen=True)
class Outcome:
    """Measures of the selected orders: median / 90th percentile end-to-end and median invoice-to-cash
    (seconds, NaN without paid orders), median and mean cost per order and the total cost."""

    median_end_to_end: float
    p90_end_to_end: float
    median_invoice_to_cash: float
    median_cost: float
    mean_cost: float
    total_cost: float


@dataclass(frozen=True)
class WhatIf:
    """Before and after for the selected orders; ``affected`` orders change at all, ``affected_before`` /
    ``affected_after`` are the median end-to-end times of those orders and ``saved_seconds`` the end-to-end
    time saved summed over the paid ones."""

    scenario: Scenario
    before: Outcome
    after: Outcome
    orders: int
    affected: int
    affected_before: float
    affected_after: float
    saved_seconds: float = 0.0


@dataclass(frozen=True, eq=False)
class _Replay:
    """Per order (all cases): end-to-end and invoice-to-cash seconds and cost, after the change; affected."""

    end_to_end: np.ndarray
    invoice_to_cash: np.ndarray
    cost: np.ndarray
    affected: np.ndarray


def rework_choices(log: EventLog) -> list[str]:
    """Activities that repeat in some order, then check families whose outcomes add up to a repetition."""
    repeated = np.bincount(log.activity[repeated_executions(log)], minlength=len(log.activity_names))
    names = [log.activity_names[k] for k in np.flatnonzero(repeated)]
    families = sorted(set(activity_families(log.activity_names).values()))
    return sorted(names) + families


def what_if(view: LogView, scenario: Scenario, costs: CostTable) -> WhatIf:
    """The scenario's before and after on the selected orders."""
    log = view.log
    measures = order_measures(log)
    replay = _replay(log, scenario, costs)
    mask = view.case_mask
    before_cost = order_costs(log, costs)
    before = _outcome(measures.end_to_end_seconds[mask], measures.invoice_to_cash_seconds[mask], before_cost[mask])
    after = _outcome(replay.end_to_end[mask], replay.invoice_to_cash[mask], replay.cost[mask])
    hit = mask & replay.affected
    saved = measures.end_to_end_seconds[hit] - replay.end_to_end[hit]
    return WhatIf(
        scenario,
        before,
        after,
        view.n_cases,
        int(hit.sum()),
        _nanmedian(measures.end_to_end_seconds[hit]),
        _nanmedian(replay.end_to_end[hit]),
        float(np.nansum(saved)),
    )


def savings(view: LogView, scenario: Scenario, costs: CostTable) -> tuple[float, float]:
    """The scenario's ``saved_seconds`` and the cost it saves (``before.total_cost - after.total_cost``) on the
    selected orders, as ``what_if`` gives them, without its medians (for the backlog, which only adds up)."""
    log = view.log
    replay = _replay(log, scenario, costs)
    mask = view.case_mask
    hit = mask & replay.affected
    # compress() is several times faster than a boolean index; the sums run over the same values in the same order.
    saved = order_measures(log).end_to_end_seconds.compress(hit) - replay.end_to_end.compress(hit)
    before, after = order_costs(log, costs).compress(mask), replay.cost.compress(mask)
    return float(np.nansum(saved)), float(before.sum()) - float(after.sum())


def _outcome(end_to_end: np.ndarray, invoice_to_cash: np.ndarray, cost: np.ndarray) -> Outcome:
    paid = end_to_end[~np.isnan(end_to_end)]
    return Outcome(
        median_end_to_end=float(np.median(paid)) if paid.size else float("nan"),
        p90_end_to_end=float(np.quantile(paid, 0.9)) if paid.size else float("nan"),
        median_invoice_to_cash=_nanmedian(invoice_to_cash),
        median_cost=float(np.median(cost)) if cost.size else float("nan"),
        mean_cost=float(cost.mean()) if cost.size else float("nan"),
        total_cost=float(cost.sum()),
    )


def _nanmedian(values: np.ndarray) -> float:
    values = values[~np.isnan(values)]
    return float(np.median(values)) if values.size else float("nan")


# ------------------------------------------------------------------------------------------------ replay


def _replay(log: EventLog, scenario: Scenario, costs: CostTable) -> _Replay:
    cache: dict[tuple[Scenario, CostTable], _Replay] = log.memo("what_if", dict)
    key = (scenario, costs)
    if key not in cache:
        if len(cache) >= 8:
            cache.pop(next(iter(cache)))
        cut, saving = _change(log, scenario, costs)
        cache[key] = _measure(log, cut, saving, costs)
    return cache[key]


def _change(log: EventLog, scenario: Scenario, costs: CostTable) -> tuple[np.ndarray, np.ndarray]:
    """Per event: how many ns earlier it happens; per order: the cost saved."""
    if scenario.kind == "remove_rework":
        return _remove_rework(log, scenario.activity, costs)
    if scenario.kind == "cut_wait":
        return _cut_wait(log, scenario.source, scenario.target, scenario.percent), np.zeros(log.n_cases)
    if scenario.kind == "automate":
        return _automate(log, scenario.activity, costs)
    raise ValueError(f"unknown scenario kind {scenario.kind!r}")


def _members(log: EventLog, name: str) -> list[int]:
    """Activity codes of ``name``: the activity itself, or the members of the check family with that label."""
    code = log.activity_code(name)
    if code is not None:
        return [code]
    return [log.activity_names.index(a) for a, label in activity_families(log.activity_names).items() if label == name]


def _remove_rework(log: EventLog, name: str, costs: CostTable) -> tuple[np.ndarray, np.ndarray]:
    events = events_of(log, _members(log, name))
    cut = np.zeros(log.n_events, dtype=np.int64)
    saving: np.ndarray = np.zeros(log.n_cases)
    if events.size == 0:
        return cut, saving
    case = log.case[events]
    last = np.r_[case[1:] != case[:-1], True]  # the last execution in its order (events are in time order)
    first = np.r_[True, case[:-1] != case[1:]]
    first_ns = np.full(log.n_cases, -1, dtype=np.int64)
    last_ns = np.full(log.n_cases, -1, dtype=np.int64)
    first_ns[case[first]] = log.timestamp[events[first]]
    last_ns[case[last]] = log.timestamp[events[last]]
    repeats = (first_ns >= 0) & (last_ns > first_ns)
    in_case = repeats[log.case]
    t, c = log.timestamp[in_case], log.case[in_case]
    cut[in_case] = np.clip(t - first_ns[c], 0, last_ns[c] - first_ns[c])
    dropped = events[~last]  # every execution but the last of its order
    prices = costs.per_code(log.activity_names)
    saving = np.bincount(log.case[dropped], weights=prices[log.activity[dropped]], minlength=log.n_cases)
    return cut, saving


def _cumulative(log: EventLog, delta: np.ndarray) -> np.ndarray:
    """Per event: the sum of ``delta`` over its order's events up to and including it."""
    total = np.cumsum(delta)
    starts = log.case_offsets[:-1]
    before_case = total[starts] - delta[starts]
    return total - before_case[log.case]


def _cut_wait(log: EventLog, source: str, target: str, percent: float) -> np.ndarray:
    a, b = log.activity_code(source), log.activity_code(target)
    delta = np.zeros(log.n_events, dtype=np.int64)
    if a is None or b is None or log.n_events < 2:
        return delta
    steps = np.flatnonzero((log.case[1:] == log.case[:-1]) & (log.activity[:-1] == a) & (log.activity[1:] == b))
    share = min(max(percent, 0.0), 100.0) / 100
    delta[steps + 1] = np.round((log.timestamp[steps + 1] - log.timestamp[steps]) * share).astype(np.int64)
    return _cumulative(log, delta)


def _automate(log: EventLog, name: str, costs: CostTable) -> tuple[np.ndarray, np.ndarray]:
    events = events_of(log, _members(log, name))
    delta = np.zeros(log.n_events, dtype=np.int64)
    with_previous = events[(events > 0) & (log.case[np.maximum(events - 1, 0)] == log.case[events])]
    wait = log.timestamp[with_previous] - log.timestamp[with_previous - 1]
    if not is_external(name, log):
        delta[with_previous] = np.maximum(wait - AUTOMATED_WAIT_SECONDS * NS_PER_SECOND, 0)
    prices = costs.per_code(log.activity_names)
    saving = np.bincount(
        log.case[events], weights=prices[log.activity[events]] * (1 - AUTOMATED_COST_SHARE), minlength=log.n_cases
    )
    return _cumulative(log, delta), saving


def is_external(name: str, log: EventLog | None = None) -> bool:
    """Whether a step waits on customers or carriers (its waiting time stays when it is automated): its role's
    kind of work is customer or partner. With ``log``, by the log's activity mapping (a check family is external
    when all its members are)."""
    if log is None:
        roles = [match_role(name)]
    else:
        all_roles = activity_roles(log)
        roles = [all_roles[code] for code in _members(log, name)] or [match_role(name)]
    return all(role is not None and ROLE_BY_KEY[role].kind in EXTERNAL for role in roles)


def _measure(log: EventLog, cut: np.ndarray, saving: np.ndarray, costs: CostTable) -> _Replay:
    measures = order_measures(log)  # the events its times come from move here
    paid, invoice, paid_after = measures.paid_event, measures.invoiced_event, measures.paid_after_invoice_event

    def moved(events: np.ndarray) -> np.ndarray:
        """New time (ns, float) of one event per order; NaN where there is none."""
        safe = np.maximum(events, 0)
        return np.where(events >= 0, (log.timestamp[safe] - cut[safe]).astype(float), np.nan)

    created = log.case_start_ns.astype(float)  # the first event never moves
    end_to_end = (moved(paid) - created) / NS_PER_SECOND
    invoice_to_cash = (moved(paid_after) - moved(invoice)) / NS_PER_SECOND
    affected = (cut[log.case_offsets[1:] - 1] > 0) | (saving > 0) if log.n_events else np.zeros(0, dtype=bool)
    return _Replay(end_to_end, invoice_to_cash, order_costs(log, costs) - saving, affected)
