"""Evaluating a rule set on a log: every rule's violating orders, computed once per (log, rule set)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from o2c.conform.rules.checks import CHECKS
from o2c.conform.rules.context import RuleContext
from o2c.conform.rules.model import DEFAULT_RULES, Rule, RuleSet
from o2c.conform.rules.parse import RuleProblem
from o2c.i18n import Language, t
from o2c.log.columns import column_label
from o2c.log.eventlog import EventLog
from o2c.log.vocabulary import step_label

# A problem that makes a rule not applicable, and how the reason reads in a sentence.
_NOT_APPLICABLE = {
    "conformance.problem.unknown_activity": "conformance.na.unknown_activity",
    "conformance.problem.date_field": "conformance.na.date_field",
    "conformance.problem.attribute": "conformance.na.attribute",
    "conformance.problem.no_people": "conformance.na.no_people",
}


def _named(values: dict[str, object], lang: Language) -> dict[str, object]:
    """A problem's values as a sentence names them: a standard step and a template column in ``lang``."""
    named = dict(values)
    if isinstance(named.get("activity"), str):
        named["activity"] = step_label(str(named["activity"]), lang)
    for column in ("field", "attribute"):
        if isinstance(named.get(column), str) and named[column]:
            named[column] = column_label(str(named[column]), lang)
    return named


@dataclass(frozen=True)
class RuleOutcome:
    """The orders one rule finds in the whole log.

    ``cases`` are the violating case codes (ascending); per violating case, ``events`` is the offending event
    (-1 when the problem is a step that never happened) and ``when_ns`` when the violation happened (the
    offending event, the passed deadline, or the order's last event). A rule the data cannot check is not
    ``evaluated``; ``reasons`` are the problems that make it not applicable.
    """

    rule: Rule
    cases: np.ndarray
    events: np.ndarray
    when_ns: np.ndarray
    evaluated: bool = True
    reasons: tuple[RuleProblem, ...] = ()

    def not_applicable(self, lang: Language = "en", raw_names: bool = False) -> str | None:
        """Why the rule cannot be checked on this data (None when it was checked); steps and template columns by
        their names in ``lang``, or as the data names them with ``raw_names`` (for machines reading JSON)."""
        if self.evaluated:
            return None
        reasons = [
            t(_NOT_APPLICABLE[p.key], lang, **(dict(p.values) if raw_names else _named(dict(p.values), lang)))
            for p in self.reasons
        ]
        if not reasons:
            return t("conformance.not_applicable", lang)
        return t("conformance.na", lang, reasons="; ".join(reasons))


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
    """Whether some rule is applicable to ``log``: without one, adherence and first-time-right would be 100%
    from rules that cannot find anything, a wrong number."""
    return any(o.evaluated for o in results.outcomes)


def no_fit_reason(results: RuleResults, lang: Language = "en", raw: bool = False) -> str:
    """Why no rule applies, for a KPI that needs one: what the data lacks (activities, columns), once each; with
    ``raw`` the steps and columns keep the names the data would have (as ``analyze --json`` writes them)."""
    if not results.outcomes:
        return t("conformance.no_rules", lang)
    lacking = dict.fromkeys(
        (str(dict(p.values)["activity"]) if raw else step_label(str(dict(p.values)["activity"]), lang))
        if dict(p.values).get("activity")
        else (lambda name: name if raw else column_label(name, lang))(
            str(dict(p.values).get("field") or dict(p.values).get("attribute"))
        )
        if dict(p.values).get("field") or dict(p.values).get("attribute")
        else t("conformance.lacks.people", lang)
        for o in results.outcomes
        for p in o.reasons
    )
    return t("conformance.none_applicable", lang, n=len(results.outcomes), lacking=", ".join(lacking))


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
            outcomes.append(
                RuleOutcome(
                    rule, empty, empty, empty, evaluated=False, reasons=tuple(p for p in rule_problems if p.skipped)
                )
            )
            continue
        cases, events, when = CHECKS[rule.type](context, rule)
        order = np.argsort(cases, kind="stable")
        outcomes.append(RuleOutcome(rule, cases[order], events[order], when[order]))
    return RuleResults(log.n_cases, tuple(outcomes), tuple(problems))
