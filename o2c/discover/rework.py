"""Rework: activities done more than once in an order, who redid them, and the loops they form.

Definitions (per order; "before" means earlier in the order's event sequence):

* A **repetition** is every execution of an activity after its first one in the order, so extra executions
  per activity = executions - 1. Following bupaR, a repetition is a **repeat** when the resource of the first
  execution does it again and a **redo** when another resource does (repetitions with an unknown resource are
  neither). Unlike bupaR, which keeps immediate repetitions apart as self-loops, every repetition counts here;
  the loop kinds below split them instead.
* A **self-loop** is a repetition directly after the previous execution (A → A); a **back-loop** has other
  activities in between (A → … → A). A **ping-pong** is A → B → A on three consecutive events.
* An order **has rework** when any activity repeats in it (``pm4py.get_rework_cases_per_activity`` counts the
  same orders per activity).
* **Families**: the outcomes of one check ("Credit Check Passed" / "Credit Check Failed") are one step done
  twice when both happen; families get rows of their own next to the activities.

Everything here works on a per-log index of the repetition events (built once with numpy and kept on the log);
a filter change then only selects from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from o2c.log.eventlog import EventLog, LogView

# Outcome words that end the names of check activities; longest first so "未通过" wins over "通过".
_OUTCOMES = (
    "unsuccessful",
    "successful",
    "succeeded",
    "approved",
    "rejected",
    "declined",
    "accepted",
    "passed",
    "failed",
    "未通过",
    "不通过",
    "通过",
    "失败",
    "批准",
    "拒绝",
    "成功",
)
_LATIN = re.compile(r"[a-z]")
BY_ACTIVITY_COLUMNS = (
    "activity",
    "family",
    "orders",
    "share",
    "extra",
    "repeat",
    "redo",
    "orders_repeat",
    "orders_redo",
    "self_loops",
    "orders_self_loop",
    "back_loops",
    "orders_back_loop",
    "median_with_seconds",
    "median_without_seconds",
)


def activity_families(names: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Activity name -> family label, for activities that are outcomes of one check.

    Only stems shared by at least two activities form a family.

    >>> activity_families(["Credit Check Failed", "Credit Check Passed", "Order Approved"])
    {'Credit Check Failed': 'Credit Check (Failed / Passed)', 'Credit Check Passed': 'Credit Check (Failed / Passed)'}
    """
    members: dict[str, list[tuple[str, str]]] = {}
    stems: dict[str, str] = {}  # the stem as the family's first member spells it
    for name in names:
        split = _split_outcome(name)
        if split:
            members.setdefault(split[0].casefold(), []).append((name, split[1]))
            stems.setdefault(split[0].casefold(), split[0])
    families = {}
    for key, found in members.items():
        if len(found) > 1:
            stem = stems[key]
            label = f"{stem} ({' / '.join(sorted((outcome for _, outcome in found), key=str.casefold))})"
            families.update({name: label for name, _ in found})
    return families


def _split_outcome(name: str) -> tuple[str, str] | None:
    text = name.strip()
    lowered = text.casefold()
    for word in _OUTCOMES:
        if lowered.endswith(word) and len(lowered) > len(word):
            stem = text[: -len(word)]
            if _LATIN.match(word) and stem[-1] not in " _-:":
                continue  # "Bypassed" is not an outcome of "Byp"
            stem = stem.rstrip(" _-:")
            if stem:
                return stem, text[len(text) - len(word) :]
    return None


@dataclass(frozen=True)
class Rework:
    """The rework of a view.

    ``by_activity``: one row per activity (``family`` False) or check family (``family`` True) that repeats in
    at least one selected order, most affected orders first; columns ``BY_ACTIVITY_COLUMNS``: ``orders`` in which
    it repeats and their ``share``, ``extra`` executions, ``repeat``/``redo`` repetitions and the orders with
    each, ``self_loops``/``back_loops`` and the orders with each, and the median end-to-end time of the selected
    orders with vs without that repetition. ``ping_pong``: ``pattern`` ("A → B → A"), ``first``, ``second``,
    ``occurrences``, ``orders``. ``has_resource`` is False when the log has no resource column (repeat and redo
    are then 0).
    """

    orders: int
    orders_with_rework: int
    orders_with_any_rework: int
    by_activity: pd.DataFrame
    ping_pong: pd.DataFrame
    has_resource: bool
    median_with_seconds: float | None
    median_without_seconds: float | None

    @property
    def rate(self) -> float:
        """Share of the selected orders in which some activity repeats."""
        return self.orders_with_rework / self.orders if self.orders else 0.0

    @property
    def rate_with_families(self) -> float:
        """Share of the selected orders with a repeated activity or a repeated check (any outcome)."""
        return self.orders_with_any_rework / self.orders if self.orders else 0.0


def rework(view: LogView) -> Rework:
    """Rework per activity and family, loops and the rework rate of the selected orders."""
    index = _rework_index(view.log)
    durations = view.log.case_duration_seconds
    ranked = _ranked(view, index.by_duration)
    tables = [
        _key_table(index.activities, view, ranked, index.activity_labels, family=False),
        _key_table(index.families, view, ranked, index.family_labels, family=True),
    ]
    by_activity = pd.concat([t for t in tables if not t.empty] or [tables[0]], ignore_index=True)
    by_activity = by_activity.sort_values(
        ["orders", "family", "activity"], ascending=[False, True, True], kind="stable", ignore_index=True
    )
    reworked = _cases_with(index.activities, view.case_mask)
    any_rework = reworked | _cases_with(index.families, view.case_mask)
    with_times = durations[reworked]
    without_times = durations[view.case_mask & ~reworked]
    return Rework(
        orders=view.n_cases,
        orders_with_rework=int(reworked.sum()),
        orders_with_any_rework=int(any_rework.sum()),
        by_activity=by_activity,
        ping_pong=_ping_pong_table(index, view),
        has_resource=index.has_resource,
        median_with_seconds=float(np.median(with_times)) if with_times.size else None,
        median_without_seconds=float(np.median(without_times)) if without_times.size else None,
    )


def rework_cases(log: EventLog) -> np.ndarray:
    """Boolean mask over all orders of ``log``: some activity repeats in them."""
    return _cases_with(_rework_index(log).activities, np.ones(log.n_cases, dtype=bool))


def rework_case_mask(log: EventLog, label: str) -> np.ndarray:
    """Boolean mask over all orders: the activity or check family called ``label`` repeats in them."""
    return _cases_repeating(_rework_index(log), label, log.n_cases)


def rework_summary(view: LogView) -> dict:
    """``analyze --json``: ``rate`` (share of orders with a repeated activity) and ``by_activity`` (orders in
    which each activity repeats, most first; activities that never repeat are left out)."""
    result = rework(view)
    activities = result.by_activity[~result.by_activity["family"]]
    return {
        "rate": result.rate,
        "by_activity": {str(a): int(n) for a, n in zip(activities["activity"], activities["orders"])},
    }


def affected_orders(view: LogView, activity: str | None = None) -> pd.DataFrame:
    """The selected orders with rework (a repeated activity or check family), or only those in which
    ``activity`` (an activity name or a family label) repeats.

    Columns: ``case_id``, ``order_number`` and ``account_name`` when the log has them, and ``rework`` such as
    "Credit Check (Failed / Passed) ×2; Inventory Allocated ×2" (families first, then activities in the log's
    activity order).
    """
    index = _rework_index(view.log)
    mask = view.case_mask if activity is None else view.case_mask & _cases_repeating(index, activity, view.log.n_cases)
    case, key, times = _repeated_groups(index, mask)
    cases = np.unique(case)
    columns = [c for c in ("case_id", "order_number", "account_name") if c in view.log.cases.columns]
    table = view.log.cases.iloc[cases][columns].reset_index(drop=True)
    table["rework"] = _describe(case, key, times, index.family_labels + index.activity_labels)
    return table


# --- the per-log index of repetition events ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Repetitions:
    """The repetition events of one grouping key (activity or family), in (key, case, time) order.

    ``case``/``key``/``nth`` (1 for the second execution ...) of each repetition, ``adjacent`` (the previous
    execution is the event right before: a self-loop) and ``same``/``other`` resource as the first execution.
    """

    case: np.ndarray
    key: np.ndarray
    nth: np.ndarray
    adjacent: np.ndarray
    same: np.ndarray
    other: np.ndarray
    n_keys: int


@dataclass(frozen=True)
class _ReworkIndex:
    activities: _Repetitions
    families: _Repetitions
    activity_labels: list[str]
    family_labels: list[str]
    ping_case: np.ndarray
    ping_pair: np.ndarray  # first * n_activities + second
    has_resource: bool
    family_of: np.ndarray  # family code per activity code, -1 outside families
    by_duration: np.ndarray  # case codes by end-to-end time


def _rework_index(log: EventLog) -> _ReworkIndex:
    return log.memo("rework_index", lambda: _build_index(log))


def _build_index(log: EventLog) -> _ReworkIndex:
    resource = log.event_attributes.get("resource")
    if resource is None:
        codes = None
    else:
        codes = np.asarray((resource if isinstance(resource, pd.Categorical) else pd.Categorical(resource)).codes)
    names = list(log.activity_names)
    positions = np.arange(log.n_events, dtype=np.int64)
    activities = _repetitions(log.case, log.activity, positions, codes, len(names))
    families = activity_families(names)
    family_labels = list(dict.fromkeys(families.values()))
    family_of = np.array([family_labels.index(families[n]) if n in families else -1 for n in names], dtype=np.int64)
    event_family = family_of[log.activity] if names else np.empty(0, dtype=np.int64)
    in_family = np.flatnonzero(event_family >= 0)
    family_reps = _repetitions(
        log.case[in_family],
        event_family[in_family],
        in_family,
        codes[in_family] if codes is not None else None,
        len(family_labels),
    )
    ping_case, ping_pair = _ping_pong_events(log)
    return _ReworkIndex(
        activities,
        family_reps,
        names,
        family_labels,
        ping_case,
        ping_pair,
        codes is not None,
        family_of,
        np.argsort(log.case_duration_seconds, kind="stable"),
    )


def _repetitions(
    case: np.ndarray, key: np.ndarray, position: np.ndarray, resource: np.ndarray | None, n_keys: int
) -> _Repetitions:
    """Group the events by (key, case) keeping time order, and keep the second and later executions."""
    small = key.astype(np.int16) if n_keys < 2**15 else key
    order = np.argsort(small, kind="stable")  # events are sorted by case and time, so groups stay in time order
    sorted_key, sorted_case = key[order], case[order]
    new_group = np.ones(order.size, dtype=bool)
    new_group[1:] = (sorted_key[1:] != sorted_key[:-1]) | (sorted_case[1:] != sorted_case[:-1])
    group_start = np.maximum.accumulate(np.where(new_group, np.arange(order.size), 0))
    later = np.flatnonzero(~new_group)
    nth = later - group_start[later]
    event, previous, first = order[later], order[later - 1], order[group_start[later]]
    if resource is None:
        same = other = np.zeros(later.size, dtype=bool)
    else:
        mine, theirs = resource[event], resource[first]
        known = (mine >= 0) & (theirs >= 0)
        same, other = known & (mine == theirs), known & (mine != theirs)
    return _Repetitions(
        case=sorted_case[later],
        key=sorted_key[later].astype(np.int64),
        nth=nth,
        adjacent=position[event] == position[previous] + 1,
        same=same,
        other=other,
        n_keys=n_keys,
    )


def _ping_pong_events(log: EventLog) -> tuple[np.ndarray, np.ndarray]:
    case, activity = log.case, log.activity
    if case.size < 3:
        return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.int64)
    hit = np.flatnonzero((case[2:] == case[:-2]) & (activity[2:] == activity[:-2]) & (activity[1:-1] != activity[2:]))
    first, second = activity[hit + 2].astype(np.int64), activity[hit + 1].astype(np.int64)
    return case[hit + 2], first * len(log.activity_names) + second


# --- per view ------------------------------------------------------------------------------------------------------


def _key_table(reps: _Repetitions, view: LogView, ranked: _Ranked, labels: list[str], family: bool) -> pd.DataFrame:
    keep = view.case_mask[reps.case]
    case, key, nth = reps.case[keep], reps.key[keep], reps.nth[keep]
    adjacent, same, other = reps.adjacent[keep], reps.same[keep], reps.other[keep]
    n = reps.n_keys

    def count(flags: np.ndarray) -> np.ndarray:
        return np.bincount(key[flags], minlength=n)

    def orders_with(flags: np.ndarray) -> np.ndarray:
        # Repetitions come sorted by (key, case): count where the pair changes.
        picked_key, picked_case = key[flags], case[flags]
        new = np.ones(picked_key.size, dtype=bool)
        new[1:] = (picked_key[1:] != picked_key[:-1]) | (picked_case[1:] != picked_case[:-1])
        return np.bincount(picked_key[new], minlength=n)

    everything = np.ones(key.size, dtype=bool)
    orders = count(nth == 1)
    present = np.flatnonzero(orders)
    with_median, without_median = _medians_with_without(case[nth == 1], key[nth == 1], present, ranked)
    per_key = {
        "orders": orders,
        "share": orders / max(view.n_cases, 1),
        "extra": count(everything),
        "repeat": count(same),
        "redo": count(other),
        "orders_repeat": orders_with(same),
        "orders_redo": orders_with(other),
        "self_loops": count(adjacent),
        "orders_self_loop": orders_with(adjacent),
        "back_loops": count(~adjacent),
        "orders_back_loop": orders_with(~adjacent),
    }
    table = pd.DataFrame(
        {
            "activity": [labels[k] for k in present],
            "family": np.full(present.size, family),
            **{name: values[present] for name, values in per_key.items()},
        }
    )
    table["median_with_seconds"] = with_median
    table["median_without_seconds"] = without_median
    return table[list(BY_ACTIVITY_COLUMNS)]


@dataclass(frozen=True)
class _Ranked:
    """The selected orders' end-to-end times in ascending order, and each case's place in that order."""

    durations: np.ndarray
    rank_of_case: np.ndarray


def _ranked(view: LogView, by_duration: np.ndarray) -> _Ranked:
    cases = by_duration[view.case_mask[by_duration]]  # the log-wide order, restricted to the view
    rank_of_case = np.zeros(view.log.n_cases, dtype=np.int64)
    rank_of_case[cases] = np.arange(cases.size)
    return _Ranked(view.log.case_duration_seconds[cases], rank_of_case)


def _medians_with_without(
    case: np.ndarray, key: np.ndarray, keys: np.ndarray, ranked: _Ranked
) -> tuple[np.ndarray, np.ndarray]:
    """Median end-to-end time of the selected orders in which each key repeats, and of the other selected orders.

    ``case``/``key`` hold one entry per (order, key) that repeats. Both medians come from ranks in the sorted
    durations of the view, so each key costs the size of its own group rather than a pass over all orders.
    """
    selected = ranked.durations
    ranks = ranked.rank_of_case[case]
    order = np.lexsort((ranks, key))
    ranks, key = ranks[order], key[order]
    bounds = np.searchsorted(key, np.stack([keys, keys + 1]))
    with_median, without_median = np.full(keys.size, np.nan), np.full(keys.size, np.nan)
    for i in range(keys.size):  # one step per activity, each over that activity's orders
        group = ranks[bounds[0, i] : bounds[1, i]]
        with_median[i] = _median_at(selected, group)
        gaps = group - np.arange(group.size)  # how many other orders lie before each of the group
        others = selected.size - group.size
        if others:
            picks = [(others - 1) // 2, others // 2]
            positions = [p + np.searchsorted(gaps, p, side="right") for p in picks]
            without_median[i] = (selected[positions[0]] + selected[positions[1]]) / 2
    return with_median, without_median


def _median_at(values: np.ndarray, ranks: np.ndarray) -> float:
    if ranks.size == 0:
        return float("nan")
    return float((values[ranks[(ranks.size - 1) // 2]] + values[ranks[ranks.size // 2]]) / 2)


def _cases_repeating(index: _ReworkIndex, label: str, n_cases: int) -> np.ndarray:
    """Boolean mask over all cases: the activity or family called ``label`` repeats in them."""
    flags = np.zeros(n_cases, dtype=bool)
    for reps, labels in ((index.activities, index.activity_labels), (index.families, index.family_labels)):
        if label in labels:
            flags[reps.case[reps.key == labels.index(label)]] = True
    return flags


def _cases_with(reps: _Repetitions, case_mask: np.ndarray) -> np.ndarray:
    flags = np.zeros(case_mask.size, dtype=bool)
    flags[reps.case] = True
    return flags & case_mask


def _ping_pong_table(index: _ReworkIndex, view: LogView) -> pd.DataFrame:
    keep = view.case_mask[index.ping_case]
    case, pair = index.ping_case[keep], index.ping_pair[keep]
    n = len(index.activity_labels)
    pairs, occurrences = np.unique(pair, return_counts=True)
    # Same pairs in the same order: every pair seen in some order.
    _, orders = np.unique(np.unique(case.astype(np.int64) * max(n * n, 1) + pair) % max(n * n, 1), return_counts=True)
    first = [index.activity_labels[p // n] for p in pairs]
    second = [index.activity_labels[p % n] for p in pairs]
    table = pd.DataFrame(
        {
            "pattern": [f"{a} → {b} → {a}" for a, b in zip(first, second)],
            "first": first,
            "second": second,
            "occurrences": occurrences.astype(np.int64),
            "orders": orders.astype(np.int64),
        }
    )
    table["share"] = table["orders"] / max(view.n_cases, 1)
    return table.sort_values(["orders", "pattern"], ascending=[False, True], kind="stable", ignore_index=True)


def _repeated_groups(index: _ReworkIndex, case_mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One entry per (order, family or activity) that repeats: case, key (families first, then activities) and
    executions, ordered by case then key."""
    parts = []
    for reps in (index.families, index.activities):
        keep = case_mask[reps.case]
        case, key, nth = reps.case[keep], reps.key[keep], reps.nth[keep]
        last = np.ones(case.size, dtype=bool)  # the last repetition of a group carries its count
        last[:-1] = (case[1:] != case[:-1]) | (key[1:] != key[:-1])
        parts.append((case[last].astype(np.int64), key[last], nth[last] + 1))
    (family_case, family, family_times), (case, activity, times) = parts
    # A family repeated only through one of its activities (Passed, Passed) says nothing new: leave it out.
    member = index.family_of[activity] >= 0
    levels = (max(len(index.family_labels), 1), int(max(family_times.max(initial=0), times.max(initial=0))) + 1)
    same_as_activity = np.isin(
        _triple_key(family_case, family, family_times, levels),
        _triple_key(case[member], index.family_of[activity[member]], times[member], levels),
    )
    keep = ~same_as_activity
    case = np.concatenate([family_case[keep], case])
    key = np.concatenate([family[keep], activity + len(index.family_labels)])
    times = np.concatenate([family_times[keep], times])
    order = np.lexsort((key, case))
    return case[order], key[order], times[order]


def _triple_key(case: np.ndarray, family: np.ndarray, times: np.ndarray, levels: tuple[int, int]) -> np.ndarray:
    return (case.astype(np.int64) * levels[0] + family) * levels[1] + times


def _describe(case: np.ndarray, key: np.ndarray, times: np.ndarray, labels: list[str]) -> np.ndarray:
    """ "A ×2; B ×3" per distinct order in ``case`` (sorted); text is built once per distinct pattern."""
    if case.size == 0:
        return np.empty(0, dtype=object)
    starts = np.flatnonzero(np.r_[True, case[1:] != case[:-1]])
    # An order-independent hash of the (key, times) pairs names each order's pattern.
    with np.errstate(over="ignore"):
        mixed = (key.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) ^ (
            times.astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F)
        )
        mixed = mixed * np.uint64(0xFF51AFD7ED558CCD)
        signature = np.add.reduceat(mixed ^ (mixed >> np.uint64(29)), starts)
    _, example, inverse = np.unique(signature, return_index=True, return_inverse=True)
    ends = np.r_[starts[1:], case.size]
    texts = np.array(
        [
            "; ".join(f"{labels[k]} ×{n}" for k, n in zip(key[starts[e] : ends[e]], times[starts[e] : ends[e]]))
            for e in example
        ],
        dtype=object,
    )
    return texts[inverse.ravel()]


# --- The Rework page ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReworkPage:
    """What the Rework page shows: the rework of the view, the check families that repeat (their labels) and the
    affected orders, all of them or those in which ``focus`` repeats."""

    result: Rework
    families: list[str]
    focus: str | None
    affected: pd.DataFrame


def rework_page(view: LogView, focus: str | None = None) -> ReworkPage:
    """Everything the Rework page computes for the activity or family picked in its orders tab (``focus``; None,
    the page's default, for any rework). A focus that does not repeat in the view counts as None, as the page's
    picker offers only those that do."""
    result = rework(view)
    table = result.by_activity
    focus = focus if focus in set(table["activity"]) else None
    return ReworkPage(result, table.loc[table["family"], "activity"].tolist(), focus, affected_orders(view, focus))
