"""Per-log lookups the rule checks share, and the problems of a valid rule against one log."""

from __future__ import annotations

from functools import cached_property

import numpy as np
import pandas as pd

from o2c.conform.rules.model import PEOPLE_ATTRIBUTES, Rule
from o2c.conform.rules.parse import RuleProblem
from o2c.log.activities import CANCEL_WORDS
from o2c.log.eventlog import EventLog
from o2c.log.index import activity_events, first_per_case


class RuleContext:
    """Per-log lookups shared by the checks: activity codes by name, first events per case, the log's end."""

    def __init__(self, log: EventLog) -> None:
        self.log = log
        self.names = {name.casefold(): code for code, name in enumerate(log.activity_names)}
        self.end_ns = int(log.timestamp.max()) if log.n_events else 0
        self._first: dict[int, np.ndarray] = {}

    def code(self, name: str) -> int | None:
        return self.names.get(name.strip().casefold())

    def events(self, name: str) -> np.ndarray:
        code = self.code(name)
        return activity_events(self.log, code) if code is not None else np.empty(0, dtype=np.int64)

    def first(self, name: str) -> np.ndarray:
        """Per case: the first event of the activity, -1 when the order never does it."""
        code = self.code(name)
        if code is None:
            return np.full(self.log.n_cases, -1, dtype=np.int64)
        if code not in self._first:
            self._first[code] = first_per_case(self.log, activity_events(self.log, code))
        return self._first[code]

    @cached_property
    def cancelled(self) -> np.ndarray:
        codes = [c for c, n in enumerate(self.log.activity_names) if any(w in n.casefold() for w in CANCEL_WORDS)]
        mask = np.zeros(self.log.n_cases, dtype=bool)
        mask[self.log.case[np.isin(self.log.activity, codes)]] = True
        return mask

    def check(self, rule: Rule, number: int) -> list[RuleProblem]:
        """Problems of a valid rule against this log: unknown activities (warning), missing columns (skip)."""
        problems = []
        for name in (rule.activity, rule.other_activity):
            if name and self.code(name) is None:
                problems.append(RuleProblem(number, rule.name, "conformance.problem.unknown_activity",
                                            (("activity", name),), skipped=False))
        if rule.date_field and not _is_date_column(self.log.cases.get(rule.date_field)):
            problems.append(RuleProblem(number, rule.name, "conformance.problem.date_field", (("field", rule.date_field),)))
        if rule.type in ("four_eyes", "authorised") and not self.people_attributes(rule):
            key = "conformance.problem.attribute" if rule.attribute else "conformance.problem.no_people"
            problems.append(RuleProblem(number, rule.name, key, (("attribute", rule.attribute),)))
        return problems

    def people_attributes(self, rule: Rule) -> list[str]:
        """The event columns that identify who did an event, for four-eyes and authorisation rules."""
        available = self.log.event_attributes
        if rule.attribute:
            return [rule.attribute] if rule.attribute in available else []
        wanted = ("resource",) if rule.type == "four_eyes" else PEOPLE_ATTRIBUTES
        return [name for name in wanted if name in available]


def _is_date_column(column: pd.Series | None) -> bool:
    return column is not None and pd.api.types.is_datetime64_any_dtype(column)

