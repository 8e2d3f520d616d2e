"""The standard O2C reference process: the template's standard path plus the steps a clean order may add.

A clean order follows ``STANDARD_PATH``; large orders get a manager's approval first, a credit check may fail
once before it passes, and overdue invoices get any number of reminders. Everything else (changes after
confirmation, cancellations, repeated or skipped steps) is a deviation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from o2c.log.activities import STANDARD_PATH

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


def standard_steps() -> tuple[Step, ...]:
    """The reference process as a sequence of steps, in process order."""
    steps: list[Step] = []
    for activity in STANDARD_PATH:
        steps += [Step(name, kind) for name, kind, before in EXTRA_STEPS if before == activity]
        steps.append(Step(activity, "required"))
    return tuple(steps)


def standard_tree_text() -> str:
    """The reference process in pm4py's process-tree notation (a sequence with optional and loop parts).

    >>> standard_tree_text()[:40]
    "->( 'Create Sales Order', X( tau, 'Order"
    """
    parts = []
    for step in standard_steps():
        label = f"'{step.activity}'"
        parts.append({"required": label, "optional": f"X( tau, {label} )",
                      "repeatable": f"*( tau, {label} )"}[step.kind])
    return "->( " + ", ".join(parts) + " )"
