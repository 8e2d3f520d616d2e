"""What the rules found, as a view sees it: adherence, the rule table, trends, examples and the export."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from o2c.conform.rules.details import violation_details
from o2c.conform.rules.evaluate import RuleOutcome, RuleResults, evaluate_rules
from o2c.conform.rules.model import DEFAULT_RULES, RuleSet, rule_text
from o2c.i18n import Language
from o2c.log.eventlog import EventLog, LogView
from o2c.log.periods import Period, period_codes, period_starts


@dataclass(frozen=True)
class Adherence:
    """Orders in a view, those that break no rule, and their share (None without orders)."""

    orders: int
    adherent: int

    @property
    def rate(self) -> float | None:
        return self.adherent / self.orders if self.orders else None


def adherence(view: LogView, results: RuleResults) -> Adherence:
    """Orders of the view with no violation of any rule."""
    clean = int(np.count_nonzero(results.violations[view.case_mask] == 0))
    return Adherence(view.n_cases, clean)


def rule_table(view: LogView, results: RuleResults, lang: Language = "en", raw_names: bool = False) -> pd.DataFrame:
    """One row per rule: ``rule``, ``type``, ``severity``, ``description``, ``orders`` (violating orders in the
    view), ``share`` (of the view's orders), ``last`` (most recent violation, UTC), ``evaluated`` and
    ``not_applicable`` (why the data cannot show the rule, "" when it was checked)."""
    rows = []
    for outcome in results.outcomes:
        inside = view.case_mask[outcome.cases]
        count = int(np.count_nonzero(inside))
        name, description = rule_text(outcome.rule, lang)
        rows.append(
            {
                "rule": name,
                "type": outcome.rule.type,
                "severity": outcome.rule.severity,
                "description": description,
                "orders": count,
                "share": count / view.n_cases if view.n_cases else 0.0,
                "last": pd.Timestamp(int(outcome.when_ns[inside].max()), tz="UTC") if count else pd.NaT,
                "evaluated": outcome.evaluated,
                "not_applicable": outcome.not_applicable(lang, raw_names) or "",
            }
        )
    columns = ["rule", "type", "severity", "description", "orders", "share", "last", "evaluated", "not_applicable"]
    return pd.DataFrame(rows, columns=columns)


def adherence_trend(
    view: LogView, results: RuleResults, period: Period = "week", groups: tuple[np.ndarray, list[str]] | None = None
) -> pd.DataFrame:
    """Adherence per week or month the orders were created: ``period``, ``group`` (one group "" unless
    ``groups`` = (code per case of the log, labels) is given), ``orders``, ``adherent`` and ``rate``."""
    cases = view.case_codes
    columns = ["period", "group", "orders", "adherent", "rate"]
    if cases.size == 0:
        return pd.DataFrame({c: [] for c in columns})
    period_code = period_codes(view.log.case_start_ns[cases], period)
    first = int(period_code.min())
    n_periods = int(period_code.max()) - first + 1
    group_code, labels = (groups[0][cases], groups[1]) if groups else (np.zeros(cases.size, np.int64), [""])
    slot = group_code * n_periods + (period_code - first)
    size = len(labels) * n_periods
    orders = np.bincount(slot, minlength=size)
    clean = np.bincount(slot, weights=results.violations[cases] == 0, minlength=size)
    present = np.flatnonzero(orders)
    starts = period_starts(np.arange(n_periods) + first, period)
    return pd.DataFrame(
        {
            "period": starts[present % n_periods],
            "group": [labels[g] for g in present // n_periods],
            "orders": orders[present],
            "adherent": clean[present].astype(np.int64),
            "rate": clean[present] / orders[present],
        },
        columns=columns,
    )


def rule_trends(view: LogView, results: RuleResults, period: Period = "week") -> list[list[float]]:
    """Per rule, the share of the view's orders created in each period (oldest first) that violate it."""
    cases = view.case_codes
    if cases.size == 0:
        return [[] for _ in results.outcomes]
    period_code = period_codes(view.log.case_start_ns, period)
    first = int(period_code[cases].min())
    n_periods = int(period_code[cases].max()) - first + 1
    orders = np.bincount(period_code[cases] - first, minlength=n_periods)
    trends = []
    for outcome in results.outcomes:
        hit = outcome.cases[view.case_mask[outcome.cases]]
        bad = np.bincount(period_code[hit] - first, minlength=n_periods)
        trends.append((bad / np.maximum(orders, 1)).tolist())
    return trends


def violating_cases(view: LogView, results: RuleResults, index: int) -> np.ndarray:
    """Positions in ``results.outcomes[index]`` of the violations inside the view."""
    return np.flatnonzero(view.case_mask[results.outcomes[index].cases])


def rule_examples(
    view: LogView, results: RuleResults, index: int, limit: int = 5, lang: Language = "en"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The slowest (longest end to end) and the most recent violations of one rule in the view.

    Each frame has ``case_code``, ``case_id``, ``order_number`` and ``account_name`` (when the log has them),
    ``when`` (UTC), ``duration_seconds`` and ``details``.
    """
    outcome = results.outcomes[index]
    positions = violating_cases(view, results, index)
    durations = view.log.case_duration_seconds[outcome.cases[positions]]
    slowest = positions[np.lexsort((positions, -durations))[:limit]]
    recent = positions[np.lexsort((positions, -outcome.when_ns[positions]))[:limit]]
    return (_examples(view.log, outcome, slowest, lang), _examples(view.log, outcome, recent, lang))


def _examples(log: EventLog, outcome: RuleOutcome, positions: np.ndarray, lang: Language) -> pd.DataFrame:
    cases = outcome.cases[positions]
    frame = pd.DataFrame({"case_code": cases, "case_id": log.cases["case_id"].iloc[cases].to_numpy(dtype=object)})
    for column in ("order_number", "account_name"):
        if column in log.cases:
            frame[column] = log.cases[column].iloc[cases].to_numpy(dtype=object)
    frame["when"] = pd.to_datetime(outcome.when_ns[positions], unit="ns", utc=True)
    frame["duration_seconds"] = log.case_duration_seconds[cases]
    frame["details"] = violation_details(log, outcome, positions, lang)
    return frame


EXPORT_COLUMNS = {
    "case_id": "Salesforce Order Id",
    "order_number": "Order Number",
    "account_name": "Account",
    "account_id": "Account Id",
}


def violations_export(
    view: LogView, results: RuleResults, lang: Language = "en", per_rule: int | None = None
) -> pd.DataFrame:
    """Every violation in the view (the first ``per_rule`` of each rule when given), one row per (order, rule),
    for people to act on in Salesforce: Salesforce Order Id, Order Number, Account, Account Id (those the log
    has), Rule, Severity, When (UTC), Details. Sorted by rule, then order."""
    log = view.log
    parts = []
    for index, outcome in enumerate(results.outcomes):
        positions = violating_cases(view, results, index)[:per_rule]  # details are written only for rows kept
        if positions.size == 0:
            continue
        cases = outcome.cases[positions]
        part = {
            label: log.cases[column].iloc[cases].to_numpy(dtype=object)
            for column, label in EXPORT_COLUMNS.items()
            if column in log.cases
        }
        part.update(
            {
                "Rule": rule_text(outcome.rule, lang)[0],
                "Severity": outcome.rule.severity,
                "When (UTC)": pd.to_datetime(outcome.when_ns[positions], unit="ns").strftime("%Y-%m-%d %H:%M"),
                "Details": violation_details(log, outcome, positions, lang),
            }
        )
        parts.append(pd.DataFrame(part))
    columns = [label for column, label in EXPORT_COLUMNS.items() if column in log.cases]
    columns += ["Rule", "Severity", "When (UTC)", "Details"]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    return pd.concat(parts, ignore_index=True)[columns]


def rules_summary(view: LogView, rules: RuleSet | None = None) -> list[dict]:
    """``[{"name", "violations", "not_applicable"}]`` per rule for ``analyze --json``: violating orders in the
    view, or ``violations`` None and the reason when the data cannot show the rule."""
    results = evaluate_rules(view.log, rules if rules is not None else DEFAULT_RULES)
    table = rule_table(view, results, raw_names=True)
    return [
        {
            "name": row.rule,
            "violations": int(row.orders) if row.evaluated else None,
            "not_applicable": row.not_applicable or None,
        }
        for row in table.itertuples(index=False)
    ]
