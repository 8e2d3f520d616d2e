"""The standard O2C reference process: the template's standard path plus the steps a clean order may add.

A clean order follows ``STANDARD_PATH``; large orders get a manager's approval first, a credit check may fail
once before it passes, and overdue invoices get any number of reminders. Everything else (changes after
confirmation, cancellations, repeated or skipped steps) is a deviation.

The steps are roles of the O2C vocabulary: for a log, each step is named as the log names that role (信用检查通过
for a Chinese log), so the same process is checked whatever language the data speaks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from o2c.log.activities import STANDARD_PATH
from o2c.log.eventlog import EventLog
from o2c.log.vocabulary import first_name_of_role, match_role

StepKind = Literal["required", "optional", "repeatable"]

# (activity, kind, the standard step it comes right before)
EXTRA_STEPS: tuple[tuple[str, StepKind, str], ...] = (
    ("Order Approved", "optional", "Credit Check Passed"),
    ("Credit Check Failed", "optional", "Credit Check Passed"),
    ("Payment Reminder Sent", "repeatable", "Payment Received"),
)


@dataclass(frozen=True)
class Step:
    """One step of the reference process: required, optional (at most once) or repeatable (zero or more)."""

    activity: str
    kind: StepKind


def standard_steps(log: EventLog | None = None) -> tuple[Step, ...]:
    """The reference process as a sequence of steps, in process order; with ``log``, named as the log names
    each step's role (the template's name where the log has neither)."""
    steps: list[Step] = []
    for activity in STANDARD_PATH:
        steps += [Step(_named(log, name), kind) for name, kind, before in EXTRA_STEPS if before == activity]
        steps.append(Step(_named(log, activity), "required"))
    return tuple(steps)


def _named(log: EventLog | None, name: str) -> str:
    if log is None or log.activity_code(name) is not None:
        return name
    role = match_role(name)
    return (first_name_of_role(log, role) if role else None) or name


def standard_tree_text(log: EventLog | None = None) -> str:
    """The reference process in pm4py's process-tree notation (a sequence with optional and loop parts).

    >>> standard_tree_text()[:40]
    "->( 'Create Sales Order', X( tau, 'Order"
    """
    parts = []
    for step in standard_steps(log):
        label = "'" + step.activity.replace("'", "") + "'"
        parts.append(
            {"required": label, "optional": f"X( tau, {label} )", "repeatable": f"*( tau, {label} )"}[step.kind]
        )
    return "->( " + ", ".join(parts) + " )"
