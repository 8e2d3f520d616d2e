"""The editable Mapping table: which Salesforce record becomes which activity.

Each row: ``source_object | source_field | match | value | activity | include``. For every candidate record
(an Order date, an OrderHistory change, a Task, an invoice ...) the first matching row wins; ``include = N``
drops the record. ``match`` is ``equals`` (case-insensitive), ``regex`` (Python, searched) or ``any``;
``source_field = *`` matches every field. ``activity`` may contain ``{Field}``, ``{NewValue}`` and ``{Step}``: the
new value as an O2C step, i.e. the vocabulary role's English name when the value is one of its names
("Payment Received", "Credit Review" -> "Credit Check Started"), else the value as written.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from o2c.errors import Note
from o2c.log.vocabulary import ROLE_BY_KEY, match_role

MAPPING_COLUMNS = ("source_object", "source_field", "match", "value", "activity", "include")
MATCH_KINDS = ("equals", "regex", "any")


@dataclass(frozen=True)
class MappingRule:
    """One row of the Mapping sheet."""

    source_object: str
    source_field: str
    match: str
    value: str
    activity: str
    include: bool = True


def _status(value: str, activity: str, include: bool = True) -> MappingRule:
    return MappingRule("OrderHistory", "Status", "equals", value, activity, include)


DEFAULT_RULES: tuple[MappingRule, ...] = (
    MappingRule("Order", "CreatedDate", "any", "", "Create Sales Order"),
    MappingRule("Order", "ActivatedDate", "any", "", "Order Activated"),
    MappingRule("OrderHistory", "created", "any", "", "Create Sales Order"),
    _status("Draft", "", include=False),
    _status("Credit Check Passed", "Credit Check Passed"),
    _status("Credit Approved", "Credit Check Passed"),
    _status("Credit Check Failed", "Credit Check Failed"),
    _status("Credit Hold", "Credit Check Failed"),
    _status("On Hold", "Credit Check Failed"),
    _status("Approved", "Order Approved"),
    _status("Activated", "Order Activated"),
    _status("Allocated", "Inventory Allocated"),
    _status("Picked", "Picked"),
    _status("Shipped", "Shipped"),
    _status("Delivered", "Delivered"),
    _status("Invoiced", "Invoice Created"),
    _status("Paid", "Payment Received"),
    _status("Cancelled", "Order Cancelled"),
    _status("Canceled", "Order Cancelled"),
    MappingRule("OrderHistory", "Status", "any", "", "{Step}"),
    MappingRule("OrderHistory", "Credit_Check_Status__c", "regex", r"(?i)pass|approv", "Credit Check Passed"),
    MappingRule("OrderHistory", "Credit_Check_Status__c", "regex", r"(?i)fail|reject|hold", "Credit Check Failed"),
    MappingRule("OrderHistory", "locked", "any", "", "", include=False),
    MappingRule("OrderHistory", "unlocked", "any", "", "", include=False),
    MappingRule("OrderHistory", "*", "any", "", "Change {Field}"),
    MappingRule("Task", "Subject", "regex", r"(?i)remind|dunning|overdue", "Payment Reminder Sent"),
    MappingRule("Task", "Subject", "regex", r"(?i)confirm", "Order Confirmation Sent"),
    MappingRule("Task", "Subject", "regex", r"(?i)credit.*(pass|approv|ok)", "Credit Check Passed"),
    MappingRule("Task", "Subject", "regex", r"(?i)credit.*(fail|reject|block)", "Credit Check Failed"),
    MappingRule("Task", "Subject", "any", "", "", include=False),
    MappingRule("Invoice", "CreatedDate", "any", "", "Invoice Created"),
    MappingRule("Invoice", "Status", "regex", r"(?i)^posted$", "Invoice Sent"),
    MappingRule("Invoice", "Status", "any", "", "", include=False),
    MappingRule("Payment", "PaymentDate", "any", "", "Payment Received"),
)


def default_mapping() -> pd.DataFrame:
    """The default rules as the editable table (what the Data page shows and ``--mapping`` files contain)."""
    return rules_frame(DEFAULT_RULES)


def rules_frame(rules: tuple[MappingRule, ...] | list[MappingRule]) -> pd.DataFrame:
    """Rules as a table with the Mapping columns; ``include`` as ``Y``/``N``."""
    return pd.DataFrame(
        [(r.source_object, r.source_field, r.match, r.value, r.activity, "Y" if r.include else "N") for r in rules],
        columns=list(MAPPING_COLUMNS),
    )


def rules_from_frame(frame: pd.DataFrame) -> tuple[list[MappingRule], list[Note]]:
    """Rules read from an edited table, plus one problem text per row that was skipped."""
    frame = frame.rename(columns=lambda c: str(c).strip().lower())
    missing = [c for c in MAPPING_COLUMNS if c not in frame.columns and c != "include"]
    if missing:
        return list(DEFAULT_RULES), [Note.of("validation.mapping.columns", columns=", ".join(missing))]
    rules: list[MappingRule] = []
    problems: list[Note] = []
    for number, row in enumerate(frame.to_dict("records"), start=2):
        text = {c: "" if pd.isna(row.get(c)) else str(row.get(c)).strip() for c in MAPPING_COLUMNS}
        if not text["source_object"]:
            continue
        match = text["match"].lower() or "equals"
        if match not in MATCH_KINDS:
            problems.append(
                Note.of("validation.mapping.match", row=number, match=text["match"], kinds=", ".join(MATCH_KINDS))
            )
            continue
        if match == "regex":
            try:
                re.compile(text["value"])
            except re.error as error:
                problems.append(
                    Note.of("validation.mapping.pattern", row=number, pattern=text["value"], error=str(error))
                )
                continue
        include = text["include"].upper() not in ("N", "NO", "FALSE", "0")
        if include and not text["activity"]:
            problems.append(Note.of("validation.mapping.no_activity", row=number))
            continue
        rules.append(
            MappingRule(
                text["source_object"], text["source_field"] or "*", match, text["value"], text["activity"], include
            )
        )
    return rules, problems


def read_mapping(data: bytes, filename: str) -> tuple[list[MappingRule], list[Note]]:
    """Rules from a CSV or an xlsx (its ``Mapping`` sheet, else the first sheet)."""
    if filename.lower().endswith(".xlsx"):
        sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, dtype=str, engine="calamine")
        frame = sheets.get("Mapping", next(iter(sheets.values())))
    else:
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    return rules_from_frame(frame)


def apply_rules(candidates: pd.DataFrame, rules: list[MappingRule] | tuple[MappingRule, ...]) -> pd.Series:
    """The activity of each candidate record (``None`` when no rule includes it).

    ``candidates`` needs ``family`` (or ``source_object``: Order, OrderHistory, Task, Invoice, Payment),
    ``source_field`` and ``new_value``. Vectorised per rule: the first rule that matches a row decides.
    """
    activity = pd.Series([None] * len(candidates), index=candidates.index, dtype=object)
    decided = np.zeros(len(candidates), dtype=bool)
    family = candidates["family" if "family" in candidates else "source_object"].astype(str).str.lower().to_numpy()
    field = candidates["source_field"].fillna("").astype(str)
    value = candidates["new_value"].fillna("").astype(str)
    for rule in rules:
        mask = ~decided & (family == rule.source_object.lower())
        if rule.source_field != "*":
            mask &= (field.str.lower() == rule.source_field.lower()).to_numpy()
        if rule.match == "equals":
            mask &= (value.str.strip().str.lower() == rule.value.strip().lower()).to_numpy()
        elif rule.match == "regex":
            with warnings.catch_warnings():  # groups in a user's pattern are fine: we only test for a match
                warnings.simplefilter("ignore", UserWarning)
                mask &= value.str.contains(rule.value, regex=True, na=False).to_numpy()
        if not mask.any():
            continue
        decided |= mask
        if rule.include:
            activity[mask] = _render(rule.activity, field[mask], value[mask])
    return activity


def _render(template: str, field: pd.Series, value: pd.Series) -> pd.Series | str:
    if "{" not in template:
        return template
    return pd.Series(
        [
            template.replace("{Field}", f).replace("{NewValue}", v).replace("{Step}", step_name(v))
            for f, v in zip(field, value)
        ],
        index=field.index,
    )


def step_name(value: str) -> str:
    """A status value as an O2C step: the role's English name when the vocabulary knows the value, else the value
    as written (never prefixed, so the vocabulary and the user's activity mapping still see it)."""
    role = match_role(value.strip())
    return ROLE_BY_KEY[role].name if role else value.strip()
