"""Plain-language explanations of violations, built with vectorised string operations."""

from __future__ import annotations

import numpy as np
import pandas as pd

from o2c.conform.rules.context import RuleContext
from o2c.conform.rules.evaluate import RuleOutcome
from o2c.conform.rules.model import NS_PER_DAY
from o2c.i18n import Language, t
from o2c.log.eventlog import NS_PER_SECOND, EventLog


def violation_details(log: EventLog, outcome: RuleOutcome, positions: np.ndarray, lang: Language = "en") -> np.ndarray:
    """A short plain-language explanation for each violation ``outcome.cases[positions]``, built with
    vectorised string operations (one pass per rule, not per order)."""
    rule = outcome.rule
    cases, events = outcome.cases[positions], outcome.events[positions]
    when = outcome.when_ns[positions]
    names = {"a": rule.activity, "b": rule.other_activity}
    if positions.size == 0:
        return np.empty(0, dtype=object)
    if rule.type == "precedence":
        first_a = RuleContext(log).first(rule.activity)[cases]
        has_a = first_a >= 0
        late = _render(
            t("conformance.detail.precedence.late", lang, **names, tb="\0tb\0", ta="\0ta\0"),
            tb=_stamps(when),
            ta=_stamps(log.timestamp[np.maximum(first_a, 0)]),
        )
        missing = _render(t("conformance.detail.precedence.missing", lang, **names, tb="\0tb\0"), tb=_stamps(when))
        return np.where(has_a, late, missing)
    if rule.type == "existence":
        return np.full(cases.size, t("conformance.detail.existence", lang, **names), dtype=object)
    if rule.type == "absence":
        if rule.other_activity:
            first_b = RuleContext(log).first(rule.other_activity)[cases]
            return _render(
                t("conformance.detail.absence.after", lang, **names, ta="\0ta\0", tb="\0tb\0"),
                ta=_stamps(when),
                tb=_stamps(log.timestamp[first_b]),
            )
        return _render(t("conformance.detail.absence", lang, **names, ta="\0ta\0"), ta=_stamps(when))
    if rule.type == "time_limit":
        return _time_details(log, outcome, cases, events, when, lang)
    people = RuleContext(log).people_attributes(rule)
    who = _attribute_text(log, "resource" if "resource" in log.event_attributes else people[0], events)
    if rule.type == "four_eyes":
        return _render(t("conformance.detail.four_eyes", lang, **names, who="\0who\0"), who=who)
    values = [_attribute_text(log, name, events) for name in people]
    joined = values[0]
    for more in values[1:]:
        joined = joined + ", " + more
    return _render(
        t("conformance.detail.authorised", lang, **names, who="\0who\0", value="\0value\0"), who=who, value=joined
    )


def _time_details(
    log: EventLog, outcome: RuleOutcome, cases: np.ndarray, events: np.ndarray, when: np.ndarray, lang: Language
) -> np.ndarray:
    rule = outcome.rule
    happened = events >= 0
    limit = _durations(np.array([rule.limit_ns / NS_PER_SECOND]))[0] if rule.limit is not None else ""
    if rule.date_field:
        column = log.cases[rule.date_field]
        dates = (column.dt.tz_convert(None) if column.dt.tz is not None else column).to_numpy()[cases]
        date_text = pd.DatetimeIndex(dates).strftime("%Y-%m-%d").to_numpy(dtype=object)
        start_ns = dates.astype("datetime64[ns]").view(np.int64)
        start_ns = start_ns + np.where(start_ns % NS_PER_DAY == 0, NS_PER_DAY, 0)  # end of that day
        names = {"a": rule.activity, "field": rule.date_field.replace("_", " ")}
        late = _render(
            t("conformance.detail.date.late", lang, **names, ta="\0ta\0", late="\0late\0", date="\0date\0"),
            ta=_stamps(when),
            late=_durations((when - start_ns) / NS_PER_SECOND),
            date=date_text,
        )
        waiting = _render(t("conformance.detail.date.open", lang, **names, date="\0date\0"), date=date_text)
        return np.where(happened, late, waiting)
    start = RuleContext(log).first(rule.activity)[cases]
    elapsed = _durations((np.where(happened, when, log.timestamp.max()) - log.timestamp[start]) / NS_PER_SECOND)
    names = {"a": rule.activity, "b": rule.other_activity, "limit": limit}
    late = _render(t("conformance.detail.limit.late", lang, **names, elapsed="\0elapsed\0"), elapsed=elapsed)
    waiting = _render(t("conformance.detail.limit.open", lang, **names, elapsed="\0elapsed\0"), elapsed=elapsed)
    return np.where(happened, late, waiting)


def _render(template: str, **columns: np.ndarray) -> np.ndarray:
    """Fill a template whose per-row fields are marked ``\\0name\\0`` with arrays of text, column-wise."""
    parts = template.split("\0")
    size = len(next(iter(columns.values())))
    text = pd.Series([""] * size, dtype=object)
    for i, part in enumerate(parts):
        text = text + (pd.Series(columns[part], dtype=object).astype(str) if i % 2 else part)
    return text.to_numpy(dtype=object)


def _stamps(ns: np.ndarray) -> np.ndarray:
    return pd.to_datetime(ns, unit="ns").strftime("%Y-%m-%d %H:%M").to_numpy(dtype=object)


def _durations(seconds: np.ndarray) -> np.ndarray:
    """Durations as the app writes them ('45 min', '5.2 h', '3.4 d'), vectorised."""
    seconds = np.asarray(seconds, dtype=float)
    minutes = np.char.add(np.char.mod("%.0f", seconds / 60), " min")
    hours = np.char.add(np.char.mod("%.1f", seconds / 3_600), " h")
    days = np.char.add(np.char.mod("%.1f", seconds / 86_400), " d")
    return np.where(seconds < 3_600, minutes, np.where(seconds < 2 * 86_400, hours, days)).astype(object)


def _attribute_text(log: EventLog, name: str, events: np.ndarray) -> np.ndarray:
    values = log.event_attributes[name]
    categorical = values if isinstance(values, pd.Categorical) else pd.Categorical(values)
    labels = np.append(categorical.categories.astype(str).to_numpy(dtype=object), "–")
    codes = np.asarray(categorical.codes, dtype=np.int64)[np.maximum(events, 0)]
    return labels[np.where((codes >= 0) & (events >= 0), codes, -1)]
