"""Compliance rules anyone can edit: a table of named rules, checked against the whole log with numpy.

Six rule types, one row each (columns ``RULE_COLUMNS``):

- ``precedence``: ``activity`` must happen before ``other_activity`` (an order with the second step but no
  earlier first step violates it; equal timestamps count as "before", since same-second order is arbitrary).
- ``existence``: ``activity`` must happen; with ``other_activity``, only in orders that reach that step.
- ``absence``: ``activity`` must not happen; with ``other_activity``, not after (strictly later than) the first
  ``other_activity``.
- ``time_limit``: from the first ``activity`` to the next ``other_activity`` at most ``limit`` ``unit``; or, with
  ``date_field``, the first ``activity`` must happen by the end of that order date (plus ``limit`` grace). An
  order still waiting after the deadline (at the end of the log) violates it too, unless it was cancelled.
- ``four_eyes``: the same person (``attribute``, default ``resource``) must not do both ``activity`` and
  ``other_activity`` in one order (with one activity named twice: must not do it twice).
- ``authorised``: ``activity`` only by people whose ``attribute`` (role, department or resource; empty means
  role or department) is one of ``allowed_values``. Events with no value are not judged.

A rule's activity names a *role* of the O2C vocabulary (its English or Chinese name, key or a synonym, e.g.
"Payment Received", 收到付款 or payment_received: every activity of that role in the log) or, failing that, an
activity of the log by its own name. A rule whose activities, date column or people columns the data lacks is
*not applicable* (``RuleOutcome.not_applicable`` says why): it finds no violations and counts in no adherence.

Rules are evaluated once per log (cached on it); a filtered view only masks the results.

The package, in the order its modules build on each other: ``model`` (the vocabulary and the default rules),
``parse`` (the rules table and the Rules sheet, with their problems), ``context`` (per-log lookups), ``checks``
(one check per rule type), ``evaluate`` (a rule set on a log), ``details`` (violations in words) and ``results``
(what a view sees: adherence, the rule table, trends, examples, the export). The public names are re-exported
here, so ``from o2c.conform.rules import X`` works for each of them.
"""

from o2c.conform.rules.details import violation_details
from o2c.conform.rules.evaluate import RuleOutcome, RuleResults, evaluate_rules, no_fit_reason, rules_fit
from o2c.conform.rules.model import (
    DEFAULT_RULES,
    PEOPLE_ATTRIBUTES,
    RULE_COLUMNS,
    RULE_TYPES,
    RULES_SHEET,
    SEVERITIES,
    UNITS,
    Rule,
    RuleSet,
    RuleType,
    default_rules,
    rule_text,
)
from o2c.conform.rules.parse import RuleProblem, parse_rules, read_rules_sheet
from o2c.conform.rules.results import (
    EXPORT_COLUMNS,
    Adherence,
    adherence,
    adherence_trend,
    rule_examples,
    rule_table,
    rule_trends,
    rules_summary,
    violating_cases,
    violations_export,
)

__all__ = [
    "DEFAULT_RULES",
    "EXPORT_COLUMNS",
    "PEOPLE_ATTRIBUTES",
    "RULE_COLUMNS",
    "RULE_TYPES",
    "RULES_SHEET",
    "SEVERITIES",
    "UNITS",
    "Adherence",
    "Rule",
    "RuleOutcome",
    "RuleProblem",
    "RuleResults",
    "RuleSet",
    "RuleType",
    "adherence",
    "adherence_trend",
    "default_rules",
    "rule_text",
    "evaluate_rules",
    "parse_rules",
    "read_rules_sheet",
    "rule_examples",
    "rule_table",
    "rule_trends",
    "rules_fit",
    "no_fit_reason",
    "rules_summary",
    "violating_cases",
    "violation_details",
    "violations_export",
]
