"""One vectorised check per rule type: the violating cases, the offending event and when, for the whole log."""

from __future__ import annotations

import numpy as np
import pandas as pd

from o2c.conform.rules.context import RuleContext
from o2c.conform.rules.model import NS_PER_DAY, Rule
from o2c.log.index import first_per_case

Found = tuple[np.ndarray, np.ndarray, np.ndarray]  # violating cases, offending events, when (ns)


def _found(cases: np.ndarray, events: np.ndarray, when: np.ndarray) -> Found:
    return cases.astype(np.int64), events.astype(np.int64), when.astype(np.int64)


def _precedence(ctx: RuleContext, rule: Rule) -> Found:
    ts = ctx.log.timestamp
    first_a, first_b = ctx.first(rule.activity), ctx.first(rule.other_activity)
    cases = np.flatnonzero(first_b >= 0)
    a, b = first_a[cases], first_b[cases]
    bad = (a < 0) | (ts[np.maximum(a, 0)] > ts[b])
    return _found(cases[bad], b[bad], ts[b[bad]])


def _existence(ctx: RuleContext, rule: Rule) -> Found:
    missing = ctx.first(rule.activity) < 0
    if rule.other_activity:
        first_b = ctx.first(rule.other_activity)
        cases = np.flatnonzero(missing & (first_b >= 0))
        return _found(cases, np.full(cases.size, -1), ctx.log.timestamp[first_b[cases]])
    cases = np.flatnonzero(missing)
    return _found(cases, np.full(cases.size, -1), ctx.log.case_end_ns[cases])


def _absence(ctx: RuleContext, rule: Rule) -> Found:
    ts = ctx.log.timestamp
    events = ctx.events(rule.activity)
    if rule.other_activity:
        first_b = ctx.first(rule.other_activity)[ctx.log.case[events]]
        events = events[(first_b >= 0) & (ts[events] > ts[np.maximum(first_b, 0)])]
    first = first_per_case(ctx.log, events)
    cases = np.flatnonzero(first >= 0)
    return _found(cases, first[cases], ts[first[cases]])


def _time_limit(ctx: RuleContext, rule: Rule) -> Found:
    if rule.date_field:
        return _date_limit(ctx, rule)
    ts = ctx.log.timestamp
    first_a = ctx.first(rule.activity)
    b_events = ctx.events(rule.other_activity)
    start = first_a[ctx.log.case[b_events]]
    b_events = b_events[(start >= 0) & (ts[b_events] >= ts[np.maximum(start, 0)])]
    next_b = first_per_case(ctx.log, b_events)
    cases = np.flatnonzero(first_a >= 0)
    deadline = ts[first_a[cases]] + rule.limit_ns
    return _judge_deadline(ctx, cases, next_b[cases], deadline)


def _date_limit(ctx: RuleContext, rule: Rule) -> Found:
    column = ctx.log.cases[rule.date_field]
    values = (column.dt.tz_convert(None) if column.dt.tz is not None else column).to_numpy()
    known = ~np.isnat(values)
    cases = np.flatnonzero(known)
    day = values[cases].astype("datetime64[ns]").view(np.int64)
    # A date without a time means "by the end of that day" (UTC, as the loader stores dates).
    deadline = day + np.where(day % NS_PER_DAY == 0, NS_PER_DAY - 1, 0) + rule.limit_ns
    return _judge_deadline(ctx, cases, ctx.first(rule.activity)[cases], deadline)


def _judge_deadline(ctx: RuleContext, cases: np.ndarray, done: np.ndarray, deadline: np.ndarray) -> Found:
    """Late when the step happened after the deadline, or has not happened, the deadline has passed by the end
    of the log and the order was not cancelled."""
    ts = ctx.log.timestamp
    happened = done >= 0
    late = happened & (ts[np.maximum(done, 0)] > deadline)
    overdue = ~happened & (deadline < ctx.end_ns) & ~ctx.cancelled[cases]
    bad = late | overdue
    when = np.where(happened, ts[np.maximum(done, 0)], deadline)
    return _found(cases[bad], np.where(happened, done, -1)[bad], when[bad])


def _person_codes(ctx: RuleContext, name: str) -> tuple[np.ndarray, int]:
    """Integer codes of an event attribute (-1 = missing) and how many distinct values there are."""
    values = ctx.log.event_attributes[name]
    if isinstance(values, pd.Categorical):
        return np.asarray(values.codes, dtype=np.int64), len(values.categories)
    codes, uniques = pd.factorize(values)
    return codes.astype(np.int64), len(uniques)


def _four_eyes(ctx: RuleContext, rule: Rule) -> Found:
    codes, width = _person_codes(ctx, ctx.people_attributes(rule)[0])
    a_events, b_events = ctx.events(rule.activity), ctx.events(rule.other_activity)
    a_events, b_events = a_events[codes[a_events] >= 0], b_events[codes[b_events] >= 0]
    a_keys = ctx.log.case[a_events].astype(np.int64) * width + codes[a_events]
    b_keys = ctx.log.case[b_events].astype(np.int64) * width + codes[b_events]
    if ctx.codes(rule.activity) == ctx.codes(rule.other_activity):
        # One activity twice by the same person: every event whose (case, person) came before.
        order = np.argsort(a_keys, kind="stable")
        repeat = np.zeros(a_keys.size, dtype=bool)
        repeat[order[1:]] = a_keys[order[1:]] == a_keys[order[:-1]]
        offending = np.sort(a_events[repeat])
    else:
        offending = b_events[_member(b_keys, a_keys)]
    first = first_per_case(ctx.log, offending)
    cases = np.flatnonzero(first >= 0)
    return _found(cases, first[cases], ctx.log.timestamp[first[cases]])


def _member(keys: np.ndarray, pool: np.ndarray) -> np.ndarray:
    """``np.isin`` for large int64 keys by binary search (np.isin may build a table as large as the key range)."""
    if pool.size == 0:
        return np.zeros(keys.size, dtype=bool)
    pool = np.sort(pool)
    at = np.minimum(np.searchsorted(pool, keys), pool.size - 1)
    return pool[at] == keys


def _authorised(ctx: RuleContext, rule: Rule) -> Found:
    events = ctx.events(rule.activity)
    allowed = {v.casefold() for v in rule.allowed_values}
    known = np.zeros(events.size, dtype=bool)
    ok = np.zeros(events.size, dtype=bool)
    for name in ctx.people_attributes(rule):
        values = ctx.log.event_attributes[name]
        categorical = values if isinstance(values, pd.Categorical) else pd.Categorical(values)
        codes = np.asarray(categorical.codes, dtype=np.int64)[events]
        permitted = np.append(categorical.categories.astype(str).str.strip().str.casefold().isin(allowed), False)
        known |= codes >= 0
        ok |= permitted[codes]  # code -1 picks the appended False
    first = first_per_case(ctx.log, events[known & ~ok])
    cases = np.flatnonzero(first >= 0)
    return _found(cases, first[cases], ctx.log.timestamp[first[cases]])


CHECKS = {
    "precedence": _precedence,
    "existence": _existence,
    "absence": _absence,
    "time_limit": _time_limit,
    "four_eyes": _four_eyes,
    "authorised": _authorised,
}
