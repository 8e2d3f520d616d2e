"""Evaluating a rule set on a log: every rule's violating orders, computed once per (log, rule set)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from o2c.conform.rules.checks import CHECKS
from o2c.conform.rules.context import RuleContext
from o2c.conform.rules.model import DEFAULT_RULES, Rule, RuleSet
from o2c.conform.rules.parse import RuleProblem
from o2c.log.eventlog import EventLog


@dataclass(frozen=True)
class RuleOutcome:
    """The orders one rule finds in the whole log.

    ``cases`` are the violating case codes (ascending); per violating case, ``events`` is the offending event
    (-1 when the problem is a step that never happened) and ``when_ns`` when the violation happened (the
    offending event, the passed deadline, or the order's last event).
    """

    rule: Rule
    cases: np.ndarray
    events: np.ndarray
    when_ns: np.ndarray
    evaluated: bool = True


@dataclass(frozen=True, eq=False)
class RuleResults:
    """Every rule's outcome on one log, plus the problems found checking the rules against the log."""

    n_cases: int
    outcomes: tuple[RuleOutcome, ...]
    problems: tuple[RuleProblem, ...] = ()

    @cached_property
    def violations(self) -> np.ndarray:
        """Violating rules per case (all cases of the log)."""
        counts = np.zeros(self.n_cases, dtype=np.int32)
        for outcome in self.outcomes:
            counts[outcome.cases] += 1
        return counts


def rules_fit(log: EventLog, results: RuleResults) -> bool:
    """Whether some rule was checked and names only activities the log has: rules about activities that never
    happen find no violation, and an adherence of 100% from them alone would be a wrong number."""
    names = {name.casefold() for name in log.activity_names}
    return any(o.evaluated and all(a.casefold() in names for a in (o.rule.activity, o.rule.other_activity) if a)
               for o in results.outcomes)


def evaluate_rules(log: EventLog, rules: RuleSet = DEFAULT_RULES) -> RuleResults:
    """Check every rule on every order of ``log``; computed once per (log, rule set) and kept on the log."""
    cache: dict[RuleSet, RuleResults] = log.memo("rule_results", dict)
    if rules not in cache:
        if len(cache) >= 8:  # an edited table creates a new rule set on each edit: keep the recent ones
            oldest = next(iter(cache), None)
            if oldest is not None:
                cache.pop(oldest, None)
        cache[rules] = _evaluate(log, rules)
    return cache[rules]


def _evaluate(log: EventLog, rules: RuleSet) -> RuleResults:
    context = RuleContext(log)
    outcomes, problems = [], []
    for number, rule in enumerate(rules.rules, 1):
        rule_problems = context.check(rule, number)
        problems += rule_problems
        if any(p.skipped for p in rule_problems):
            empty = np.empty(0, dtype=np.int64)
            outcomes.append(RuleOutcome(rule, empty, empty, empty, evaluated=False))
            continue
        cases, events, when = CHECKS[rule.type](context, rule)
        order = np.argsort(cases, kind="stable")
        outcomes.append(RuleOutcome(rule, cases[order], events[order], when[order]))
    return RuleResults(log.n_cases, tuple(outcomes), tuple(problems))

