"""Root causes: which groups of orders and which behaviours go with a bad outcome more often than the rest.

An **outcome** is a yes/no per order (late payment, late delivery, slow end to end ...), judged only where the
data can tell (a late payment needs a payment). For every value of every order attribute (a **segment**) and
every **behaviour** (repeated credit check ...), the outcome rate inside is set against the rate outside:

* ``lift`` = rate_in / rate_out, ``extra_orders`` = (rate_in - rate_out) x orders_in: the outcome orders the
  segment has beyond what the rest of the orders' rate would give it. Tables rank by it (impact on
  the whole), too small segments included but marked.
* ``extra_days``: the **mean** of the outcome's time (end to end, invoice to cash ...) inside minus outside.
  The mean, not the median, because it adds up: extra days x orders is the time lost in total.
* ``low``/``high``: Newcombe's interval for rate_in - rate_out, widened by Bonferroni over every segment
  tested in the table (``bonferroni_z``), so one false alarm among all of them stays at 5%.
* Segments with fewer than ``MIN_ORDERS`` orders (either side) or fewer than ``MIN_EXPECTED`` outcomes
  expected at the overall rate are ``too_small``: shown, never tested, never significant.

These are associations, not proven causes. Two guards keep consequences out: behaviours (``o2c.improve.behaviours``)
count only when they happen before the outcome's cut-off (the delivery for late delivery, else the invoice), and
attributes known only after the fact (dates, invoices, status columns) are not segments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from o2c.conform.rules import DEFAULT_RULES, RuleSet, evaluate_rules, rules_fit
from o2c.discover.measures import order_measures
from o2c.i18n import Language, t
from o2c.improve.behaviours import behaviour_cases
from o2c.log.attributes import MISSING_LABEL, case_attribute_codes, pool_rare, split_attributes
from o2c.log.columns import column_label
from o2c.log.eventlog import EventLog, LogView
from o2c.stats import bonferroni_z, rate_difference

EXPLAINS = 0.5  # a value inside a segment that carries this share of its extra orders is named with it
MIN_ORDERS = 30
MIN_EXPECTED = 5
MAX_VALUES = 50  # per attribute; rarer values are pooled and not tested
SLOW_QUANTILE = 0.75
PAYMENT_DAYS = 30.0
DAY = 86_400.0
COLUMNS = [
    "factor",
    "value",
    "also",
    "orders",
    "outcomes",
    "rate_in",
    "rate_out",
    "lift",
    "extra_orders",
    "extra_days",
    "low",
    "high",
    "significant",
    "too_small",
]


@dataclass(frozen=True)
class OutcomeInfo:
    """What an outcome needs from the log (keys of ``OrderMeasures.missing``) and the time it is measured in."""

    needs: tuple[str, ...]
    time: str | None  # an OrderMeasures field in seconds


OUTCOMES: dict[str, OutcomeInfo] = {
    "slow": OutcomeInfo(("payment",), "end_to_end_seconds"),
    "late_payment": OutcomeInfo(("payment", "due_date"), "invoice_to_cash_seconds"),
    "late_delivery": OutcomeInfo(("on_time_requested",), "order_to_delivery_seconds"),
    "rework": OutcomeInfo((), "end_to_end_seconds"),
    "rule": OutcomeInfo((), "end_to_end_seconds"),
    "unpaid": OutcomeInfo(("payment",), None),
}


@dataclass(frozen=True)
class Outcome:
    """One outcome with its settings.

    ``days``: slow = end to end over ``days`` (None: the slowest quarter of the judged orders); late payment =
    invoice to cash over ``days`` (None: paid after ``invoice_due_date``, or over ``PAYMENT_DAYS`` when the log
    has no due dates). ``rule``: a rule name of ``rules`` for the rule outcome (None: any rule).
    """

    kind: str
    days: float | None = None
    rule: str | None = None
    rules: RuleSet = DEFAULT_RULES


def available_outcomes(log: EventLog, rules: RuleSet = DEFAULT_RULES) -> dict[str, str | None]:
    """Every outcome kind -> None when the log can judge it, else the column or activity it lacks."""
    missing = order_measures(log).missing
    found: dict[str, str | None] = {}
    for kind, info in OUTCOMES.items():
        lacking = [missing[n] for n in info.needs if n in missing]
        if kind == "late_payment" and "due_date" in missing and "invoice" not in missing and "payment" not in missing:
            lacking = []  # no due date, but invoice to cash over N days still works
        found[kind] = ", ".join(lacking) or None
    if not rules_fit(log, evaluate_rules(log, rules)):
        found["rule"] = "rules"
    return found


def outcome_mask(view: LogView, outcome: Outcome) -> tuple[np.ndarray, np.ndarray]:
    """(judged, positive): masks over all orders of the log, False outside the view. ``positive`` is a subset
    of ``judged``: the orders that have the outcome."""
    m = order_measures(view.log)
    selected = view.case_mask
    if outcome.kind == "slow":
        seconds = m.end_to_end_seconds
        judged = selected & ~np.isnan(seconds)
        if outcome.days is not None:
            limit = outcome.days * DAY
        else:
            limit = np.quantile(seconds[judged], SLOW_QUANTILE) if judged.any() else np.inf
        return judged, judged & (np.nan_to_num(seconds, nan=-np.inf) > limit)
    if outcome.kind == "late_payment":
        if outcome.days is None and "due_date" not in m.missing:
            flag = m.paid_late
        else:
            seconds = m.invoice_to_cash_seconds
            flag = np.where(np.isnan(seconds), np.nan, seconds > (outcome.days or PAYMENT_DAYS) * DAY)
        judged = selected & ~np.isnan(flag)
        return judged, judged & (flag == 1)
    if outcome.kind == "late_delivery":
        judged = selected & ~np.isnan(m.on_time_requested)
        return judged, judged & (m.on_time_requested == 0)
    if outcome.kind == "rework":
        return selected.copy(), selected & m.rework
    if outcome.kind == "rule":
        results = evaluate_rules(view.log, outcome.rules)
        chosen = [o for o in results.outcomes if o.evaluated and outcome.rule in (None, o.rule.name)]
        violating = np.zeros(view.log.n_cases, dtype=bool)
        for found in chosen:
            violating[found.cases] = True
        return selected.copy(), selected & violating
    if outcome.kind == "unpaid":
        # With due dates, only orders past their due date are judged: an order created last week is not
        # "unpaid" yet, and judging it would blame whatever sells most at the end of the data.
        judged = selected & ~m.cancelled & (m.due_passed if "due_date" not in m.missing else True)
        return judged, judged & ~m.paid
    raise ValueError(f"unknown outcome {outcome.kind!r}")


# ---------------------------------------------------------------------------------------------- statistics


def compare_rates(x_in, n_in, x_all: int, n_all: int, tests: int | None = None) -> pd.DataFrame:
    """The statistics of segments with ``x_in`` outcomes among ``n_in`` orders, out of ``x_all`` among
    ``n_all``: columns ``orders`` ... ``too_small`` of ``COLUMNS`` (no factor/value/extra_days).

    ``tests`` is the Bonferroni family size; by default the segments that are not too small.
    """
    x_in, n_in = np.asarray(x_in, dtype=float), np.asarray(n_in, dtype=float)
    x_out, n_out = x_all - x_in, n_all - n_in
    with np.errstate(divide="ignore", invalid="ignore"):
        rate_in, rate_out = x_in / n_in, x_out / n_out
        lift = np.where(rate_out > 0, rate_in / rate_out, np.nan)
    expected = n_in * (x_all / n_all if n_all else 0.0)
    too_small = (n_in < MIN_ORDERS) | (n_out < MIN_ORDERS) | (expected < MIN_EXPECTED)
    z = bonferroni_z(int((~too_small).sum()) if tests is None else tests)
    interval = rate_difference(x_in, n_in, x_out, n_out, z)
    low = np.where(too_small, np.nan, interval.low)
    high = np.where(too_small, np.nan, interval.high)
    return pd.DataFrame(
        {
            "orders": n_in.astype(np.int64),
            "outcomes": x_in.astype(np.int64),
            "rate_in": rate_in,
            "rate_out": rate_out,
            "lift": lift,
            "extra_orders": (rate_in - rate_out) * n_in,
            "low": low,
            "high": high,
            "significant": ~too_small & ((low > 0) | (high < 0)),
            "too_small": too_small,
        }
    )


@dataclass(frozen=True)
class _Judged:
    """An outcome over the selected orders: ``judged`` and ``positive`` (masks over all orders, as
    ``outcome_mask``), and per judged order whether it has the outcome (``hit``) and its time (``seconds``)."""

    judged: np.ndarray
    positive: np.ndarray
    hit: np.ndarray
    seconds: np.ndarray | None


def _judged(view: LogView, outcome: Outcome) -> _Judged:
    judged, positive = outcome_mask(view, outcome)
    seconds = _seconds(view.log, outcome)
    return _Judged(judged, positive, positive.compress(judged), None if seconds is None else seconds.compress(judged))


def _table(bins: np.ndarray, n_groups: int, judged: _Judged) -> pd.DataFrame:
    """Statistics per group from ``bins`` (group id + 1 per factor and judged order, 0 for none; one row per
    factor, one column per judged order)."""
    # Bin 0 collects "no group", so no pass has to drop anything; columns are taken, never masks broadcast.
    n_in = _group_counts(bins, n_groups)
    x_in = _group_counts(bins[:, judged.hit], n_groups)
    table = compare_rates(x_in, n_in, int(judged.hit.sum()), judged.hit.size)
    table["extra_days"] = np.nan
    if judged.seconds is not None:
        values = judged.seconds
        timed = ~np.isnan(values)
        all_count, all_total = int(timed.sum()), float(np.nansum(values))
        count = n_in
        if all_count < values.size:
            bins, values = bins[:, timed], values[timed]
            count = _group_counts(bins, n_groups)
        total = sum((np.bincount(row, weights=values, minlength=n_groups + 1) for row in bins), np.zeros(n_groups + 1))[
            1:
        ]  # one factor at a time: no copy of the values per factor
        with np.errstate(divide="ignore", invalid="ignore"):
            table["extra_days"] = (total / count - (all_total - total) / (all_count - count)) / DAY
    return table


def _group_counts(bins: np.ndarray, n_groups: int) -> np.ndarray:
    return np.bincount(bins.ravel(), minlength=n_groups + 1)[1:]


def _ranked(table: pd.DataFrame) -> pd.DataFrame:
    table = table[(table["orders"] > 0) & table["rate_out"].notna()]  # a segment of all orders compares nothing
    return table.sort_values(
        ["extra_orders", "factor", "value"], ascending=[False, True, True], kind="stable", ignore_index=True
    )[COLUMNS]


# ---------------------------------------------------------------------------------------------- segments


@dataclass(frozen=True)
class _Segments:
    """Per log: segment id + 1 per (factor, order) (0: missing, pooled or a copy of an earlier segment; 16 bits
    when the ids fit, which halves what every table reads), each segment's factor, value and copies
    ("warehouse = DC Singapore" for region APAC), and each row's factor."""

    bins: np.ndarray
    factors: list[str]
    values: list[str]
    also: list[str]
    rows: list[str]


def segment_factors(log: EventLog) -> list[str]:
    """The order attributes that become segments: ``split_attributes`` without dates, status and invoice
    columns (known only after the fact) and without copies of another attribute (account id = account name)."""
    return _segments(log).rows


def _segments(log: EventLog) -> _Segments:
    return log.memo("root_cause_segments", lambda: _build_segments(log))


def _build_segments(log: EventLog) -> _Segments:
    rows: list[np.ndarray] = []
    factors: list[str] = []
    values: list[str] = []
    kept: list[np.ndarray] = []
    names: list[str] = []
    for name in split_attributes(log):
        column = log.cases[name]
        if (
            pd.api.types.is_datetime64_any_dtype(column)
            or "status" in name.casefold()
            or name.casefold().startswith("invoice")
        ):
            continue
        # Bands are the whole log's quartiles, so a filter change only masks (no re-banding per view).
        codes, labels = case_attribute_codes(log, name)
        codes = np.where(codes < 0, len(labels), codes)
        codes, labels = pool_rare(codes, [*labels, MISSING_LABEL], MAX_VALUES)
        if any(_same_partition(codes, other) for other in kept):
            continue
        kept.append(codes)
        names.append(name)
        tested = len(labels) - (2 if labels[-2].startswith("Other (") else 1)  # pooled and missing: not tested
        rows.append(np.where(codes < tested, codes + len(values), -1).astype(np.int32))
        factors += [name] * tested
        values += labels[:tested]
    ids = np.vstack(rows) if rows else np.empty((0, log.n_cases), dtype=np.int32)
    ids, also = _merge_copies(ids, factors, values)
    return _Segments((ids + 1).astype(np.uint16 if len(values) < 1 << 16 else np.int32), factors, values, also, names)


def _merge_copies(ids: np.ndarray, factors: list[str], values: list[str]) -> tuple[np.ndarray, list[str]]:
    """Segments with the same orders as an earlier one (one region, one warehouse) become a note on it."""
    # Same orders <=> same count and same sum of random weights per order (a collision is vanishingly unlikely).
    weights = np.broadcast_to(np.random.default_rng(0).random(ids.shape[1]), ids.shape)
    known = ids >= 0
    count = np.bincount(ids[known], minlength=len(values))
    signature = np.bincount(ids[known], weights=weights[known], minlength=len(values))
    first = pd.DataFrame({"c": count, "s": signature}).groupby(["c", "s"], sort=False).ngroup().to_numpy()
    keeper = np.unique(first, return_index=True)[1][first]  # the first segment with the same orders
    also: list[list[str]] = [[] for _ in values]
    for copy in np.flatnonzero(keeper != np.arange(len(values))):
        also[keeper[copy]].append(f"{factors[copy]} = {values[copy]}")
    remap = np.where(keeper == np.arange(len(values)), np.arange(len(values)), -1).astype(np.int32)
    return np.where(known, remap[np.maximum(ids, 0)], -1).astype(np.int32), ["; ".join(a) for a in also]


def _same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    """Codes (0 .. a few dozen) that split the orders alike: as many value pairs as values on either side."""
    distinct_a, distinct_b = np.count_nonzero(np.bincount(a)), np.count_nonzero(np.bincount(b))
    return distinct_a == distinct_b and np.count_nonzero(np.bincount(a * (int(b.max()) + 1) + b)) == distinct_a


def segment_table(view: LogView, outcome: Outcome) -> pd.DataFrame:
    """One row per attribute value (columns ``COLUMNS``), ranked by ``extra_orders``; too small ones last."""
    return _segment_table(view, _judged(view, outcome))


def _segment_table(view: LogView, judged: _Judged) -> pd.DataFrame:
    segments = _segments(view.log)
    table = _table(segments.bins.compress(judged.judged, axis=1), len(segments.values), judged)
    table.insert(0, "factor", segments.factors)
    table.insert(1, "value", segments.values)
    table.insert(2, "also", segments.also)
    return _ranked(table)


def segment_cases(view: LogView, factor: str, value: str) -> np.ndarray:
    """Mask over all orders of the log: selected orders in the segment ``factor`` = ``value``."""
    segments = _segments(view.log)
    found = [i for i, (f, v) in enumerate(zip(segments.factors, segments.values)) if (f, v) == (factor, value)]
    if not found:
        return np.zeros(view.log.n_cases, dtype=bool)
    return view.case_mask & (segments.bins[segments.rows.index(factor)] == found[0] + 1)


def explained_by(
    view: LogView, outcome: Outcome, segments: Sequence[tuple[str, str]]
) -> list[tuple[str, str, float] | None]:
    """For each segment ``(factor, value)``: the value of another attribute inside it that explains its outcome
    rate, as ``(factor, value, share)`` with ``share`` the part of the segment's extra outcome orders that its
    orders carry; None when no single value does.

    A broad segment often stands out only because a narrower one inside it does (a country because of one
    account). A value explains the segment when the segment's other orders keep at most ``1 - EXPLAINS`` of its
    excess rate over the other orders, and at least ``MIN_ORDERS`` of them are left to tell. Values that hold the
    whole segment (its region) are not candidates.
    """
    index = _segments(view.log)
    judged = _judged(view, outcome)
    bins = index.bins.compress(judged.judged, axis=1)
    ids = {(f, v): i for i, (f, v) in enumerate(zip(index.factors, index.values))}
    factors = np.asarray(index.factors)
    found: list[tuple[str, str, float] | None] = []
    for factor, value in segments:
        i = ids.get((factor, value))
        inside = bins[index.rows.index(factor)] == i + 1 if i is not None else None
        found.append(None if inside is None else _explanation(index, factors, factor, bins, inside, judged.hit))
    return found


def _explanation(
    index: _Segments, factors: np.ndarray, factor: str, bins: np.ndarray, inside: np.ndarray, hit: np.ndarray
) -> tuple[str, str, float] | None:
    n_s, x_s = int(inside.sum()), int((inside & hit).sum())
    n_out, x_out = hit.size - n_s, int(hit.sum()) - x_s
    if n_s == 0 or n_out == 0 or x_s / n_s <= x_out / n_out:
        return None
    rate_out = x_out / n_out
    n_t = _group_counts(bins.compress(inside, axis=1), len(index.values))
    x_t = _group_counts(bins.compress(inside & hit, axis=1), len(index.values))
    n_rest = n_s - n_t
    with np.errstate(divide="ignore", invalid="ignore"):
        excess_left = ((x_s - x_t) / n_rest - rate_out) / (x_s / n_s - rate_out)
    candidate = (n_t > 0) & (n_rest >= MIN_ORDERS) & (factors != factor)
    if not candidate.any():
        return None
    best = int(np.argmin(np.where(candidate, excess_left, np.inf)))
    if excess_left[best] > 1 - EXPLAINS:
        return None
    carried, extra = x_t[best] - rate_out * n_t[best], x_s - rate_out * n_s
    return index.factors[best], index.values[best], float(carried / extra)


def _seconds(log: EventLog, outcome: Outcome) -> np.ndarray | None:
    field = OUTCOMES[outcome.kind].time
    return None if field is None else getattr(order_measures(log), field)


# ---------------------------------------------------------------------------------------------- behaviours


def behaviour_table(view: LogView, outcome: Outcome, people: int | None = None) -> pd.DataFrame:
    """One row per behaviour (``factor`` = the behaviour, ``value`` "yes"), ``COLUMNS``, ranked as segments.

    "Repeated credit check" and "many people" are not offered for rework (a repeated activity is rework by
    definition, and whoever redoes it adds a person). For rule
    outcomes, a behaviour whose every order violates the rule is the rule itself, re-phrased, and is left out.
    """
    return _behaviour_table(_judged(view, outcome), outcome.kind, behaviour_cases(view.log, outcome.kind, people))


def _behaviour_table(judged: _Judged, kind: str, found: dict[str, np.ndarray]) -> pd.DataFrame:
    found = dict(found)
    if kind == "rework":
        found.pop("repeated_credit_check", None)
        found.pop("many_people", None)
    names = list(found)
    # compress() along an axis is several times faster than a boolean index here.
    rows = (
        np.vstack([found[n] for n in names]).compress(judged.judged, axis=1)
        if names
        else np.zeros((0, judged.hit.size), dtype=bool)
    )
    table = _table(rows * np.arange(1, len(names) + 1, dtype=np.uint16)[:, None], len(names), judged)
    table.insert(0, "factor", names)
    table.insert(1, "value", "yes")
    table.insert(2, "also", "")
    if kind == "rule":
        table = table[~((table["rate_in"] == 1) & (table["orders"] >= MIN_ORDERS))]
    return _ranked(table)


# ---------------------------------------------------------------------------------------------- for the backlog


def top_root_causes(view: LogView, outcome: Outcome, limit: int = 5, lang: Language = "en") -> list[dict]:
    """The significant segments and behaviours that add the most outcome orders, most first.

    Each: ``factor``, ``value``, ``kind`` ("segment"/"behaviour"), ``orders`` (judged orders in the segment),
    ``extra_orders``, ``extra_days``, ``lift``,
    ``evidence`` (one sentence) and ``cases`` (mask over all orders of the log: the segment's orders that have
    the outcome).
    """
    judged = _judged(view, outcome)
    behaviours = behaviour_cases(view.log, outcome.kind)
    rows = [(r, "segment") for r in _segment_table(view, judged).itertuples()]
    rows += [(r, "behaviour") for r in _behaviour_table(judged, outcome.kind, behaviours).itertuples()]
    rows = sorted((p for p in rows if p[0].significant and p[0].extra_orders > 0), key=lambda p: -p[0].extra_orders)
    causes = []
    for row, kind in rows[:limit]:
        members = behaviours[row.factor] if kind == "behaviour" else segment_cases(view, row.factor, row.value)
        label = (
            t(f"root_causes.behaviour.{row.factor}", lang)
            if kind == "behaviour"
            else f"{column_label(row.factor, lang)} = {row.value}"
        )
        evidence = t(
            "root_causes.evidence",
            lang,
            outcome=t(f"root_causes.outcome.{outcome.kind}", lang),
            segment=label,
            rate_in=row.rate_in,
            rate_out=row.rate_out,
            outcomes=row.outcomes,
            orders=row.orders,
            extra=row.extra_orders,
            lift=row.lift,
        )
        causes.append(
            {
                "factor": row.factor,
                "value": row.value,
                "kind": kind,
                "orders": int(row.orders),
                "extra_orders": row.extra_orders,
                "extra_days": row.extra_days,
                "lift": row.lift,
                "evidence": evidence,
                "cases": members & judged.positive,
            }
        )
    return causes
