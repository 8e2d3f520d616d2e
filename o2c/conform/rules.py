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
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import numpy as np
import pandas as pd

from o2c.i18n import Language, t
from o2c.ingest.read import workbook_sheet_rows
from o2c.log.eventlog import NS_PER_SECOND, EventLog, LogView
from o2c.log.index import activity_events, first_per_case
from o2c.log.periods import Period, period_codes, period_starts
from o2c.log.vocabulary import codes_of_role, resolve

RuleType = Literal["precedence", "existence", "absence", "time_limit", "four_eyes", "authorised"]
RULE_TYPES: tuple[RuleType, ...] = ("precedence", "existence", "absence", "time_limit", "four_eyes", "authorised")
SEVERITIES = ("high", "medium", "low")
UNITS = {"hours": 3_600, "days": 86_400}
RULE_COLUMNS = ("rule", "type", "activity", "other_activity", "limit", "unit", "date_field", "attribute",
                "allowed_values", "severity", "description")
PEOPLE_ATTRIBUTES = ("role", "department")  # what "authorised" checks when no attribute is named
RULES_SHEET = "Rules"

_NS_PER_DAY = 86_400 * NS_PER_SECOND
_TYPE_ALIASES = {"sla": "time_limit", "timelimit": "time_limit", "time": "time_limit", "deadline": "time_limit",
                 "foureyes": "four_eyes", "4_eyes": "four_eyes", "segregation_of_duties": "four_eyes",
                 "sod": "four_eyes", "authorized": "authorised", "authorisation": "authorised",
                 "authorization": "authorised", "roles": "authorised", "order": "precedence",
                 "must_happen": "existence", "must_not_happen": "absence"}
_UNIT_ALIASES = {"h": "hours", "hour": "hours", "hrs": "hours", "d": "days", "day": "days"}
_COLUMN_ALIASES = {"name": "rule", "rule_name": "rule", "kind": "type", "rule_type": "type", "a": "activity",
                   "activity_a": "activity", "first_activity": "activity", "b": "other_activity",
                   "activity_b": "other_activity", "second_activity": "other_activity", "then": "other_activity",
                   "allowed": "allowed_values", "roles": "allowed_values", "values": "allowed_values",
                   "grace": "limit", "date": "date_field", "field": "date_field"}


@dataclass(frozen=True)
class Rule:
    """One compliance rule, as one row of the rules table (see the module docstring for each type)."""

    name: str
    type: RuleType
    activity: str
    other_activity: str = ""
    limit: float | None = None
    unit: str = ""
    date_field: str = ""
    attribute: str = ""
    allowed_values: tuple[str, ...] = ()
    severity: str = "medium"
    description: str = ""

    @property
    def limit_ns(self) -> int:
        """The limit (or grace) in nanoseconds; 0 when none is set."""
        if self.limit is None:
            return 0
        return int(round(self.limit * UNITS.get(self.unit, UNITS["days"]) * NS_PER_SECOND))

    def to_row(self) -> dict[str, object]:
        """The rule as a row of the rules table."""
        return {"rule": self.name, "type": self.type, "activity": self.activity,
                "other_activity": self.other_activity, "limit": self.limit, "unit": self.unit,
                "date_field": self.date_field, "attribute": self.attribute,
                "allowed_values": ", ".join(self.allowed_values), "severity": self.severity,
                "description": self.description}


@dataclass(frozen=True)
class RuleSet:
    """An ordered, hashable set of rules (hashable so results can be cached per log and rule set)."""

    rules: tuple[Rule, ...]

    def to_frame(self) -> pd.DataFrame:
        """The rules table: one row per rule, columns ``RULE_COLUMNS``."""
        frame = pd.DataFrame([r.to_row() for r in self.rules], columns=list(RULE_COLUMNS))
        return frame.astype({"limit": float})

    def __len__(self) -> int:
        return len(self.rules)


# Their activities are the roles' English names: they resolve to the log's own names (see the module docstring).
DEFAULT_RULES = RuleSet((
    Rule("Credit check before activation", "precedence", "Credit Check Passed", "Order Activated",
         severity="high", description="An order is activated only after its credit check has passed."),
    Rule("Credit check before shipping", "existence", "Credit Check Passed", "Shipped", severity="high",
         description="No goods ship without a passed credit check, whatever the order amount."),
    Rule("Shipped before invoiced", "precedence", "Shipped", "Invoice Created", severity="medium",
         description="Invoices are created only for goods that have left the warehouse."),
    Rule("Invoiced before paid", "precedence", "Invoice Created", "Payment Received", severity="medium",
         description="A payment is booked against an existing invoice."),
    Rule("No change after confirmation", "absence", "Order Changed", "Order Confirmation Sent", severity="medium",
         description="Once the customer has the confirmation, the order is not changed."),
    Rule("Four eyes on credit", "four_eyes", "Create Sales Order", "Credit Check Passed", attribute="resource",
         severity="high", description="Whoever creates an order must not pass its credit check."),
    Rule("Credit checks by Credit Control", "authorised", "Credit Check Passed", attribute="department",
         allowed_values=("Credit Control",), severity="high",
         description="Only the Credit Control department passes credit checks."),
    Rule("Activated within 3 days", "time_limit", "Create Sales Order", "Order Activated", limit=3, unit="days",
         severity="low", description="Orders are activated within 3 days of their creation."),
    Rule("Shipped by promised date", "time_limit", "Shipped", date_field="promised_date", severity="medium",
         description="Goods leave the warehouse by the date promised to the customer."),
    Rule("Delivered by requested date", "time_limit", "Delivered", date_field="requested_delivery_date",
         severity="medium", description="The customer has the goods by the date they asked for."),
    Rule("Paid by due date", "time_limit", "Payment Received", date_field="invoice_due_date", severity="medium",
         description="Customers pay by the invoice due date."),
))


def default_rules() -> RuleSet:
    """The O2C rules shipped with the app (also on the template's Rules sheet)."""
    return DEFAULT_RULES


# ---------------------------------------------------------------------------------------------- problems

@dataclass(frozen=True)
class RuleProblem:
    """Something wrong with one row of the rules table (``row`` as the user numbers it; None: the table).

    ``skipped`` problems drop the rule; the others are warnings and the rule still runs.
    """

    row: int | None
    rule: str
    key: str
    values: tuple[tuple[str, object], ...] = ()
    skipped: bool = True

    def message(self, lang: Language = "en") -> str:
        """The problem as a sentence naming the row, in ``lang``."""
        text = t(self.key, lang, **dict(self.values))
        if self.row is None:
            return text
        return t("conformance.problem.row", lang, row=self.row, rule=self.rule or "–", text=text)


def parse_rules(frame: pd.DataFrame, first_row: int = 1) -> tuple[RuleSet, list[RuleProblem]]:
    """Rules from a table (the Rules sheet or the app's editor) and the problems of the rows left out.

    ``first_row`` is the number the user sees for the table's first row (2 on a sheet under its header).
    Blank rows are ignored; a row with a problem is left out and named in the problems.
    """
    frame = frame.rename(columns=lambda c: _COLUMN_ALIASES.get(_key(c), _key(c)))
    missing = [c for c in ("rule", "type", "activity") if c not in frame.columns]
    if missing:
        return RuleSet(()), [RuleProblem(None, "", "conformance.problem.columns", (("columns", ", ".join(missing)),))]
    rules: list[Rule] = []
    problems: list[RuleProblem] = []
    seen: set[str] = set()
    for number, row in zip(range(first_row, first_row + len(frame)), frame.to_dict("records")):
        cells = {name: _text(row.get(name)) for name in RULE_COLUMNS if name != "limit"}
        if not any(cells.values()) and _blank(row.get("limit")):
            continue
        rule, problem = _parse_row(cells, row.get("limit"), number)
        if problem is None and rule.name.casefold() in seen:
            problem = RuleProblem(number, rule.name, "conformance.problem.duplicate")
        if problem is not None:
            problems.append(problem)
            continue
        seen.add(rule.name.casefold())
        rules.append(rule)
    return RuleSet(tuple(rules)), problems


def _parse_row(cells: dict[str, str], limit_cell: object, number: int) -> tuple[Rule | None, RuleProblem | None]:
    name = cells["rule"]

    def problem(key: str, **values: object) -> tuple[None, RuleProblem]:
        return None, RuleProblem(number, name, key, tuple(values.items()))

    if not name:
        return problem("conformance.problem.name")
    kind = _TYPE_ALIASES.get(_key(cells["type"]), _key(cells["type"]))
    if kind not in RULE_TYPES:
        return problem("conformance.problem.type", value=cells["type"], types=", ".join(RULE_TYPES))
    severity = cells["severity"].casefold() or "medium"
    if severity not in SEVERITIES:
        return problem("conformance.problem.severity", value=cells["severity"])
    activity, other = cells["activity"], cells["other_activity"]
    if not activity:
        return problem("conformance.problem.activity")
    limit, unit = None, ""
    if kind == "time_limit":  # other types have no use for a limit: ignore one left in the row
        limit = None if _blank(limit_cell) else _number(limit_cell)
        if limit is not None and (math.isnan(limit) or limit < 0):
            return problem("conformance.problem.limit", value=_text(limit_cell))
        unit = _UNIT_ALIASES.get(cells["unit"].casefold(), cells["unit"].casefold())
        if unit and unit not in UNITS:
            return problem("conformance.problem.unit", value=cells["unit"])
        if limit is not None and not unit:
            return problem("conformance.problem.unit_missing")
    if kind in ("precedence", "four_eyes") and not other:
        return problem("conformance.problem.other")
    if kind == "precedence" and other.casefold() == activity.casefold():
        return problem("conformance.problem.same")
    if kind == "time_limit":
        if cells["date_field"] and other:
            return problem("conformance.problem.both")
        if not cells["date_field"] and (not other or limit is None):
            return problem("conformance.problem.time_limit")
    allowed = tuple(v.strip() for v in cells["allowed_values"].replace(";", ",").split(",") if v.strip())
    if kind == "authorised" and not allowed:
        return problem("conformance.problem.allowed")
    return Rule(name, kind, activity, other, limit, unit, cells["date_field"], cells["attribute"], allowed,
                severity, cells["description"]), None


def _key(value: object) -> str:
    return str(value).strip().casefold().replace(" ", "_").replace("-", "_")


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _blank(value: object) -> bool:
    return _text(value) == ""


def _number(value: object) -> float:
    try:
        return float(str(value).strip().replace(",", "."))
    except ValueError:
        return float("nan")


def apply_editor_changes(table: pd.DataFrame, changes: dict) -> pd.DataFrame:
    """A rules table with the changes of a table editor applied, in ``st.data_editor``'s format:
    ``{"edited_rows": {row: {column: value}}, "deleted_rows": [row], "added_rows": [{column: value}]}``
    (row numbers count the table's rows from 0, before anything is deleted)."""
    frame = table.reset_index(drop=True).copy()
    for row, values in (changes.get("edited_rows") or {}).items():
        for column, value in values.items():
            frame.loc[int(row), column] = value
    frame = frame.drop(index=[int(r) for r in changes.get("deleted_rows") or []])
    added = [row for row in changes.get("added_rows") or [] if row]
    if added:
        frame = pd.concat([frame, pd.DataFrame(added).reindex(columns=frame.columns)], ignore_index=True)
    return frame.reset_index(drop=True)


def read_rules_sheet(data: bytes, filename: str) -> tuple[RuleSet | None, list[RuleProblem]]:
    """The rules on the ``Rules`` sheet of an uploaded workbook; ``(None, [])`` when there is none (CSV,
    another format, or a workbook without that sheet). Problems name the Excel row."""
    rows = workbook_sheet_rows(data, filename, RULES_SHEET)
    if rows is None:
        return None, []
    if not rows or not any(rows[0]):
        return RuleSet(()), []
    frame = pd.DataFrame(rows[1:], columns=[str(c) for c in rows[0]]).replace("", None)
    return parse_rules(frame, first_row=2)


# ---------------------------------------------------------------------------------------------- evaluation

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

    def not_applicable(self, lang: Language = "en") -> str | None:
        """Why the rule cannot be checked on this data (None when it was checked)."""
        if self.evaluated:
            return None
        reasons = [t(p.key.replace("conformance.problem.", "conformance.na."), lang, **dict(p.values)) for p in self.reasons]
        return t("conformance.na", lang, reasons="; ".join(reasons)) if reasons else t("conformance.not_applicable", lang)


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


def no_fit_reason(results: RuleResults, lang: Language = "en") -> str:
    """Why no rule applies, for a KPI that needs one: what the data lacks (activities, columns), once each."""
    if not results.outcomes:
        return t("conformance.no_rules", lang)
    lacking = dict.fromkeys(str(dict(p.values).get("activity") or dict(p.values).get("field")
                                or dict(p.values).get("attribute") or t("conformance.lacks.people", lang))
                            for o in results.outcomes for p in o.reasons)
    return t("conformance.none_applicable", lang, n=len(results.outcomes), lacking=", ".join(lacking))


def evaluate_rules(log: EventLog, rules: RuleSet = DEFAULT_RULES) -> RuleResults:
    """Check every rule on every order of ``log``; computed once per (log, rule set) and kept on the log."""
    cache = log.memo("rule_results", dict)
    if rules not in cache:
        if len(cache) >= 8:  # an edited table creates a new rule set on each edit: keep the recent ones
            cache.pop(next(iter(cache), None), None)
        cache[rules] = _evaluate(log, rules)
    return cache[rules]


def _evaluate(log: EventLog, rules: RuleSet) -> RuleResults:
    context = _Context(log)
    outcomes, problems = [], []
    for number, rule in enumerate(rules.rules, 1):
        rule_problems = context.check(rule, number)
        problems += rule_problems
        if any(p.skipped for p in rule_problems):
            empty = np.empty(0, dtype=np.int64)
            outcomes.append(RuleOutcome(rule, empty, empty, empty, evaluated=False,
                                        reasons=tuple(p for p in rule_problems if p.skipped)))
            continue
        cases, events, when = _CHECKS[rule.type](context, rule)
        order = np.argsort(cases, kind="stable")
        outcomes.append(RuleOutcome(rule, cases[order], events[order], when[order]))
    return RuleResults(log.n_cases, tuple(outcomes), tuple(problems))


class _Context:
    """Per-log lookups shared by the checks: activity codes by name or role, first events per case, the log's
    end."""

    def __init__(self, log: EventLog) -> None:
        self.log = log
        self.end_ns = int(log.timestamp.max()) if log.n_events else 0
        self._first: dict[tuple[int, ...], np.ndarray] = {}

    def codes(self, name: str) -> tuple[int, ...]:
        """The activity codes a rule's activity names (see the module docstring)."""
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
                problems.append(RuleProblem(number, rule.name, "conformance.problem.unknown_activity",
                                            (("activity", name),)))
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


Found = tuple[np.ndarray, np.ndarray, np.ndarray]  # violating cases, offending events, when (ns)


def _found(cases: np.ndarray, events: np.ndarray, when: np.ndarray) -> Found:
    return cases.astype(np.int64), events.astype(np.int64), when.astype(np.int64)


def _precedence(ctx: _Context, rule: Rule) -> Found:
    ts = ctx.log.timestamp
    first_a, first_b = ctx.first(rule.activity), ctx.first(rule.other_activity)
    cases = np.flatnonzero(first_b >= 0)
    a, b = first_a[cases], first_b[cases]
    bad = (a < 0) | (ts[np.maximum(a, 0)] > ts[b])
    return _found(cases[bad], b[bad], ts[b[bad]])


def _existence(ctx: _Context, rule: Rule) -> Found:
    missing = ctx.first(rule.activity) < 0
    if rule.other_activity:
        first_b = ctx.first(rule.other_activity)
        cases = np.flatnonzero(missing & (first_b >= 0))
        return _found(cases, np.full(cases.size, -1), ctx.log.timestamp[first_b[cases]])
    cases = np.flatnonzero(missing)
    return _found(cases, np.full(cases.size, -1), ctx.log.case_end_ns[cases])


def _absence(ctx: _Context, rule: Rule) -> Found:
    ts = ctx.log.timestamp
    events = ctx.events(rule.activity)
    if rule.other_activity:
        first_b = ctx.first(rule.other_activity)[ctx.log.case[events]]
        events = events[(first_b >= 0) & (ts[events] > ts[np.maximum(first_b, 0)])]
    first = first_per_case(ctx.log, events)
    cases = np.flatnonzero(first >= 0)
    return _found(cases, first[cases], ts[first[cases]])


def _time_limit(ctx: _Context, rule: Rule) -> Found:
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


def _date_limit(ctx: _Context, rule: Rule) -> Found:
    column = ctx.log.cases[rule.date_field]
    values = (column.dt.tz_convert(None) if column.dt.tz is not None else column).to_numpy()
    known = ~np.isnat(values)
    cases = np.flatnonzero(known)
    day = values[cases].astype("datetime64[ns]").view(np.int64)
    # A date without a time means "by the end of that day" (UTC, as the loader stores dates).
    deadline = day + np.where(day % _NS_PER_DAY == 0, _NS_PER_DAY - 1, 0) + rule.limit_ns
    return _judge_deadline(ctx, cases, ctx.first(rule.activity)[cases], deadline)


def _judge_deadline(ctx: _Context, cases: np.ndarray, done: np.ndarray, deadline: np.ndarray) -> Found:
    """Late when the step happened after the deadline, or has not happened, the deadline has passed by the end
    of the log and the order was not cancelled."""
    ts = ctx.log.timestamp
    happened = done >= 0
    late = happened & (ts[np.maximum(done, 0)] > deadline)
    overdue = ~happened & (deadline < ctx.end_ns) & ~ctx.cancelled[cases]
    bad = late | overdue
    when = np.where(happened, ts[np.maximum(done, 0)], deadline)
    return _found(cases[bad], np.where(happened, done, -1)[bad], when[bad])


def _person_codes(ctx: _Context, name: str) -> tuple[np.ndarray, int]:
    """Integer codes of an event attribute (-1 = missing) and how many distinct values there are."""
    values = ctx.log.event_attributes[name]
    if isinstance(values, pd.Categorical):
        return np.asarray(values.codes, dtype=np.int64), len(values.categories)
    codes, uniques = pd.factorize(values)
    return codes.astype(np.int64), len(uniques)


def _four_eyes(ctx: _Context, rule: Rule) -> Found:
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


def _authorised(ctx: _Context, rule: Rule) -> Found:
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


_CHECKS = {"precedence": _precedence, "existence": _existence, "absence": _absence, "time_limit": _time_limit,
           "four_eyes": _four_eyes, "authorised": _authorised}


# ---------------------------------------------------------------------------------------------- views

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


def rule_table(view: LogView, results: RuleResults, lang: Language = "en") -> pd.DataFrame:
    """One row per rule: ``rule``, ``type``, ``severity``, ``description``, ``orders`` (violating orders in the
    view), ``share`` (of the view's orders), ``last`` (most recent violation, UTC), ``evaluated`` and
    ``not_applicable`` (why the data cannot show the rule, "" when it was checked)."""
    rows = []
    for outcome in results.outcomes:
        inside = view.case_mask[outcome.cases]
        count = int(np.count_nonzero(inside))
        rows.append({"rule": outcome.rule.name, "type": outcome.rule.type, "severity": outcome.rule.severity,
                     "description": outcome.rule.description, "orders": count,
                     "share": count / view.n_cases if view.n_cases else 0.0,
                     "last": pd.Timestamp(int(outcome.when_ns[inside].max()), tz="UTC") if count else pd.NaT,
                     "evaluated": outcome.evaluated, "not_applicable": outcome.not_applicable(lang) or ""})
    columns = ["rule", "type", "severity", "description", "orders", "share", "last", "evaluated", "not_applicable"]
    return pd.DataFrame(rows, columns=columns)


def adherence_trend(view: LogView, results: RuleResults, period: Period = "week",
                    groups: tuple[np.ndarray, list[str]] | None = None) -> pd.DataFrame:
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
    return pd.DataFrame({"period": starts[present % n_periods],
                         "group": [labels[g] for g in present // n_periods],
                         "orders": orders[present], "adherent": clean[present].astype(np.int64),
                         "rate": clean[present] / orders[present]}, columns=columns)


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


def rule_examples(view: LogView, results: RuleResults, index: int, limit: int = 5,
                  lang: Language = "en") -> tuple[pd.DataFrame, pd.DataFrame]:
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


EXPORT_COLUMNS = {"case_id": "Salesforce Order Id", "order_number": "Order Number", "account_name": "Account",
                  "account_id": "Account Id"}


def violations_export(view: LogView, results: RuleResults, lang: Language = "en",
                      per_rule: int | None = None) -> pd.DataFrame:
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
        part = {label: log.cases[column].iloc[cases].to_numpy(dtype=object) for column, label in EXPORT_COLUMNS.items()
                if column in log.cases}
        part.update({"Rule": outcome.rule.name, "Severity": outcome.rule.severity,
                     "When (UTC)": pd.to_datetime(outcome.when_ns[positions], unit="ns").strftime("%Y-%m-%d %H:%M"),
                     "Details": violation_details(log, outcome, positions, lang)})
        parts.append(pd.DataFrame(part))
    columns = [label for column, label in EXPORT_COLUMNS.items() if column in log.cases]
    columns += ["Rule", "Severity", "When (UTC)", "Details"]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    return pd.concat(parts, ignore_index=True)[columns]


# ---------------------------------------------------------------------------------------------- details

def violation_details(log: EventLog, outcome: RuleOutcome, positions: np.ndarray,
                      lang: Language = "en") -> np.ndarray:
    """A short plain-language explanation for each violation ``outcome.cases[positions]``, built with
    vectorised string operations (one pass per rule, not per order)."""
    rule = outcome.rule
    cases, events = outcome.cases[positions], outcome.events[positions]
    when = outcome.when_ns[positions]
    names = {"a": rule.activity, "b": rule.other_activity}
    if positions.size == 0:
        return np.empty(0, dtype=object)
    if rule.type == "precedence":
        first_a = _Context(log).first(rule.activity)[cases]
        has_a = first_a >= 0
        late = _render(t("conformance.detail.precedence.late", lang, **names, tb="\0tb\0", ta="\0ta\0"),
                       tb=_stamps(when), ta=_stamps(log.timestamp[np.maximum(first_a, 0)]))
        missing = _render(t("conformance.detail.precedence.missing", lang, **names, tb="\0tb\0"), tb=_stamps(when))
        return np.where(has_a, late, missing)
    if rule.type == "existence":
        return np.full(cases.size, t("conformance.detail.existence", lang, **names), dtype=object)
    if rule.type == "absence":
        if rule.other_activity:
            first_b = _Context(log).first(rule.other_activity)[cases]
            return _render(t("conformance.detail.absence.after", lang, **names, ta="\0ta\0", tb="\0tb\0"),
                           ta=_stamps(when), tb=_stamps(log.timestamp[first_b]))
        return _render(t("conformance.detail.absence", lang, **names, ta="\0ta\0"), ta=_stamps(when))
    if rule.type == "time_limit":
        return _time_details(log, outcome, cases, events, when, lang)
    people = _Context(log).people_attributes(rule)
    who = _attribute_text(log, "resource" if "resource" in log.event_attributes else people[0], events)
    if rule.type == "four_eyes":
        return _render(t("conformance.detail.four_eyes", lang, **names, who="\0who\0"), who=who)
    values = [_attribute_text(log, name, events) for name in people]
    joined = values[0]
    for more in values[1:]:
        joined = joined + ", " + more
    return _render(t("conformance.detail.authorised", lang, **names, who="\0who\0", value="\0value\0"),
                   who=who, value=joined)


def _time_details(log: EventLog, outcome: RuleOutcome, cases: np.ndarray, events: np.ndarray, when: np.ndarray,
                  lang: Language) -> np.ndarray:
    rule = outcome.rule
    happened = events >= 0
    limit = _durations(np.array([rule.limit_ns / NS_PER_SECOND]))[0] if rule.limit is not None else ""
    if rule.date_field:
        column = log.cases[rule.date_field]
        dates = (column.dt.tz_convert(None) if column.dt.tz is not None else column).to_numpy()[cases]
        date_text = pd.DatetimeIndex(dates).strftime("%Y-%m-%d").to_numpy(dtype=object)
        start_ns = dates.astype("datetime64[ns]").view(np.int64)
        start_ns = start_ns + np.where(start_ns % _NS_PER_DAY == 0, _NS_PER_DAY, 0)  # end of that day
        names = {"a": rule.activity, "field": rule.date_field.replace("_", " ")}
        late = _render(t("conformance.detail.date.late", lang, **names, ta="\0ta\0", late="\0late\0", date="\0date\0"),
                       ta=_stamps(when), late=_durations((when - start_ns) / NS_PER_SECOND), date=date_text)
        waiting = _render(t("conformance.detail.date.open", lang, **names, date="\0date\0"), date=date_text)
        return np.where(happened, late, waiting)
    start = _Context(log).first(rule.activity)[cases]
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


# ---------------------------------------------------------------------------------------------- summary

def rules_summary(view: LogView, rules: RuleSet | None = None) -> list[dict]:
    """``[{"name", "violations", "not_applicable"}]`` per rule for ``analyze --json``: violating orders in the
    view, or ``violations`` None and the reason when the data cannot show the rule."""
    results = evaluate_rules(view.log, rules if rules is not None else DEFAULT_RULES)
    table = rule_table(view, results)
    return [{"name": row.rule, "violations": int(row.orders) if row.evaluated else None,
             "not_applicable": row.not_applicable or None} for row in table.itertuples(index=False)]

