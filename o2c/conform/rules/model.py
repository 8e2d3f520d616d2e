"""The rules vocabulary: ``Rule``, ``RuleSet``, the rule types, severities and units, and the default O2C rules
(each rule type is described in the package docstring, ``o2c.conform.rules``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from o2c.i18n import Language, t
from o2c.log.eventlog import NS_PER_SECOND

RuleType = Literal["precedence", "existence", "absence", "time_limit", "four_eyes", "authorised"]
RULE_TYPES: tuple[RuleType, ...] = ("precedence", "existence", "absence", "time_limit", "four_eyes", "authorised")
SEVERITIES = ("high", "medium", "low")
UNITS = {"hours": 3_600, "days": 86_400}
RULE_COLUMNS = (
    "rule",
    "type",
    "activity",
    "other_activity",
    "limit",
    "unit",
    "date_field",
    "attribute",
    "allowed_values",
    "severity",
    "description",
)
PEOPLE_ATTRIBUTES = ("role", "department")  # what "authorised" checks when no attribute is named
RULES_SHEET = "Rules"
NS_PER_DAY = 86_400 * NS_PER_SECOND


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
        return {
            "rule": self.name,
            "type": self.type,
            "activity": self.activity,
            "other_activity": self.other_activity,
            "limit": self.limit,
            "unit": self.unit,
            "date_field": self.date_field,
            "attribute": self.attribute,
            "allowed_values": ", ".join(self.allowed_values),
            "severity": self.severity,
            "description": self.description,
        }


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


# Their activities are the roles' English names: they resolve to the log's own names (see the package docstring).
DEFAULT_RULES = RuleSet(
    (
        Rule(
            "Credit check before activation",
            "precedence",
            "Credit Check Passed",
            "Order Activated",
            severity="high",
            description="An order is activated only after its credit check has passed.",
        ),
        Rule(
            "Credit check before shipping",
            "existence",
            "Credit Check Passed",
            "Shipped",
            severity="high",
            description="No goods ship without a passed credit check, whatever the order amount.",
        ),
        Rule(
            "Shipped before invoiced",
            "precedence",
            "Shipped",
            "Invoice Created",
            severity="medium",
            description="Invoices are created only for goods that have left the warehouse.",
        ),
        Rule(
            "Invoiced before paid",
            "precedence",
            "Invoice Created",
            "Payment Received",
            severity="medium",
            description="A payment is booked against an existing invoice.",
        ),
        Rule(
            "No change after confirmation",
            "absence",
            "Order Changed",
            "Order Confirmation Sent",
            severity="medium",
            description="Once the customer has the confirmation, the order is not changed.",
        ),
        Rule(
            "Four eyes on credit",
            "four_eyes",
            "Create Sales Order",
            "Credit Check Passed",
            attribute="resource",
            severity="high",
            description="Whoever creates an order must not pass its credit check.",
        ),
        Rule(
            "Credit checks by Credit Control",
            "authorised",
            "Credit Check Passed",
            attribute="department",
            allowed_values=("Credit Control",),
            severity="high",
            description="Only the Credit Control department passes credit checks.",
        ),
        Rule(
            "Activated within 3 days",
            "time_limit",
            "Create Sales Order",
            "Order Activated",
            limit=3,
            unit="days",
            severity="low",
            description="Orders are activated within 3 days of their creation.",
        ),
        Rule(
            "Shipped by promised date",
            "time_limit",
            "Shipped",
            date_field="promised_date",
            severity="medium",
            description="Goods leave the warehouse by the date promised to the customer.",
        ),
        Rule(
            "Delivered by requested date",
            "time_limit",
            "Delivered",
            date_field="requested_delivery_date",
            severity="medium",
            description="The customer has the goods by the date they asked for.",
        ),
        Rule(
            "Paid by due date",
            "time_limit",
            "Payment Received",
            date_field="invoice_due_date",
            severity="medium",
            description="Customers pay by the invoice due date.",
        ),
    )
)


def default_rules() -> RuleSet:
    """The O2C rules shipped with the app (also on the template's Rules sheet)."""
    return DEFAULT_RULES


# The standard rules are ours, so they read in the user's language; a rule the user wrote or changed stays as written.
_DEFAULT_RULE_KEYS = {  # name -> (name key, description key)
    "Credit check before activation": (
        "conformance.default_rule.credit_before_activation",
        "conformance.default_rule.credit_before_activation.description",
    ),
    "Credit check before shipping": (
        "conformance.default_rule.credit_before_shipping",
        "conformance.default_rule.credit_before_shipping.description",
    ),
    "Shipped before invoiced": (
        "conformance.default_rule.shipped_before_invoiced",
        "conformance.default_rule.shipped_before_invoiced.description",
    ),
    "Invoiced before paid": (
        "conformance.default_rule.invoiced_before_paid",
        "conformance.default_rule.invoiced_before_paid.description",
    ),
    "No change after confirmation": (
        "conformance.default_rule.no_change_after_confirmation",
        "conformance.default_rule.no_change_after_confirmation.description",
    ),
    "Four eyes on credit": (
        "conformance.default_rule.four_eyes_on_credit",
        "conformance.default_rule.four_eyes_on_credit.description",
    ),
    "Credit checks by Credit Control": (
        "conformance.default_rule.credit_by_credit_control",
        "conformance.default_rule.credit_by_credit_control.description",
    ),
    "Activated within 3 days": (
        "conformance.default_rule.activated_within_3_days",
        "conformance.default_rule.activated_within_3_days.description",
    ),
    "Shipped by promised date": (
        "conformance.default_rule.shipped_by_promised_date",
        "conformance.default_rule.shipped_by_promised_date.description",
    ),
    "Delivered by requested date": (
        "conformance.default_rule.delivered_by_requested_date",
        "conformance.default_rule.delivered_by_requested_date.description",
    ),
    "Paid by due date": (
        "conformance.default_rule.paid_by_due_date",
        "conformance.default_rule.paid_by_due_date.description",
    ),
}


def rule_text(rule: Rule, lang: Language = "en") -> tuple[str, str]:
    """A rule's name and description as shown: a standard rule unchanged by the user in ``lang``, else as written.

    >>> rule_text(DEFAULT_RULES.rules[0], "zh")
    ('激活前先通过信用检查', '订单只有在信用检查通过后才会激活。')
    """
    standard = next((r for r in DEFAULT_RULES.rules if r.name == rule.name), None)
    if standard is None or standard != rule:
        return rule.name, rule.description
    name_key, description_key = _DEFAULT_RULE_KEYS[rule.name]
    return t(name_key, lang), t(description_key, lang)
