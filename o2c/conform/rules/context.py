"""Per-log lookups the rule checks share, and the problems of a valid rule against one log."""

from __future__ import annotations

from functools import cached_property

import numpy as np
import pandas as pd

from o2c.conform.rules.model import PEOPLE_ATTRIBUTES, Rule
from o2c.conform.rules.parse import RuleProblem
from o2c.log.eventlog import EventLog
from o2c.log.index import activity_events, first_per_case
from o2c.log.vocabulary import codes_of_role, resolve


class RuleContext:
    """Per-log lookups shared by the checks: activity codes by name or role, first events per case, the log's
    end."""

    def __init__(self, log: EventLog) -> None:
        self.log = log
        self.end_ns = int(log.timestamp.max()) if log.n_events else 0
        self._first: dict[tuple[int, ...], np.ndarray] = {}

    def codes(self, name: str) -> tuple[int, ...]:
        """The activity codes a rule's activity names: a role of the vocabulary, else the log's own name."""
        return tuple(resolve(self.log, name)) if name else ()

    def events(self, name: str) -> np.ndarray:
        """Positions (ascending) of the events of the named activity or role."""
        codes = self.codes(name)
        if len(codes) == 1:
            return activity_events(self.log, codes[0])
        if not codes:
            return np.empty(0, dtype=np.int64)
        return np.sort(np.concatenate([activity_events(self.log, code) for code in codes]), kind="stable")

    def first(self, name: str) -> np.ndarray:
        """Per case: the first event of the activity (or role), -1 when the order never does it."""
        codes = self.codes(name)
        if codes not in self._first:
            self._first[codes] = first_per_case(self.log, self.events(name))
        return self._first[codes]

    @cached_property
    def cancelled(self) -> np.ndarray:
        """Per case: whether the order was cancelled (such orders are not "still waiting" for a time limit)."""
        codes = codes_of_role(self.log, "cancellation")
        mask = np.zeros(self.log.n_cases, dtype=bool)
        mask[self.log.case[np.isin(self.log.activity, codes)]] = True
        return mask

    def check(self, rule: Rule, number: int) -> list[RuleProblem]:
        """Problems of a valid rule against this log: missing activities or columns, each making the rule not
        applicable (a rule on a step the data never shows would find every order or none, both wrong)."""
        problems = []
        for name in dict.fromkeys((rule.activity, rule.other_activity)):
            if name and not self.codes(name):
                problems.append(
                    RuleProblem(number, rule.name, "conformance.problem.unknown_activity", (("activity", name),))
                )
        if rule.date_field and not _is_date_column(self.log.cases.get(rule.date_field)):
            problems.append(
                RuleProblem(number, rule.name, "conformance.problem.date_field", (("field", rule.date_field),))
            )
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
