"""Reading rules: the rules table (from the Rules sheet or the app's editor) into a ``RuleSet``, and its problems."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from o2c.conform.rules.model import RULE_COLUMNS, RULE_TYPES, RULES_SHEET, SEVERITIES, UNITS, Rule, RuleSet
from o2c.i18n import Language, t
from o2c.ingest.read import workbook_sheet_rows

_TYPE_ALIASES = {
    "sla": "time_limit",
    "timelimit": "time_limit",
    "time": "time_limit",
    "deadline": "time_limit",
    "foureyes": "four_eyes",
    "4_eyes": "four_eyes",
    "segregation_of_duties": "four_eyes",
    "sod": "four_eyes",
    "authorized": "authorised",
    "authorisation": "authorised",
    "authorization": "authorised",
    "roles": "authorised",
    "order": "precedence",
    "must_happen": "existence",
    "must_not_happen": "absence",
}
_UNIT_ALIASES = {"h": "hours", "hour": "hours", "hrs": "hours", "d": "days", "day": "days"}
_COLUMN_ALIASES = {
    "name": "rule",
    "rule_name": "rule",
    "kind": "type",
    "rule_type": "type",
    "a": "activity",
    "activity_a": "activity",
    "first_activity": "activity",
    "b": "other_activity",
    "activity_b": "other_activity",
    "second_activity": "other_activity",
    "then": "other_activity",
    "allowed": "allowed_values",
    "roles": "allowed_values",
    "values": "allowed_values",
    "grace": "limit",
    "date": "date_field",
    "field": "date_field",
}


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
        if rule is None or problem is not None:  # _parse_row returns a rule or a problem
            if problem is not None:
                problems.append(problem)
            continue
        if rule.name.casefold() in seen:
            problems.append(RuleProblem(number, rule.name, "conformance.problem.duplicate"))
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
    return Rule(
        name,
        kind,
        activity,
        other,
        limit,
        unit,
        cells["date_field"],
        cells["attribute"],
        allowed,
        severity,
        cells["description"],
    ), None


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
