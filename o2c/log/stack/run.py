"""Applying a stack of filters in order, counting the orders each one keeps, and checking the names it uses."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from o2c.errors import FixableError
from o2c.log.eventlog import EventLog
from o2c.log.stack.steps import EventAttribute, StackFilter, Trim
from o2c.log.stack.trim import trimmed
from o2c.log.vocabulary import resolve


def run_stack(log: EventLog, mask: np.ndarray, steps: Sequence[StackFilter]) -> tuple[EventLog, np.ndarray, list[int]]:
    """``steps`` applied in order to the cases ``mask`` of ``log``: the log they end on (a trimmed one after a
    trim), the mask of the kept cases over it, and the number of orders kept after each step."""
    counts = []
    for step in steps:
        if isinstance(step, Trim):
            log, source = trimmed(log, step)
            mask = mask[source]
        else:
            mask = mask & step.mask(log, mask)
        counts.append(int(np.count_nonzero(mask)))
    return log, mask, counts


def stack_case_mask(log: EventLog, mask: np.ndarray, steps: Sequence[StackFilter]) -> np.ndarray:
    """The steps as one order filter over the cases ``mask`` of ``log`` (a trim keeps the orders that have its
    segment): how a comparison group uses them."""
    mask = mask.copy()
    for step in steps:
        mask &= step.mask(log, mask)
    return mask


def unknown_names(log: EventLog, steps: Sequence[StackFilter]) -> list[str]:
    """The activity names of ``steps`` that the log has neither as an activity nor as a role."""
    names = (name for step in steps for name in step.activities())
    return list(dict.fromkeys(name for name in names if not resolve(log, name)))


def check_steps(log: EventLog, steps: Sequence[StackFilter]) -> None:
    """Raises ``FixableError`` naming the known activities (or event attributes) when a step names one the log
    does not have."""
    unknown = unknown_names(log, steps)
    if unknown:
        raise FixableError(
            "stack.error.activity", name=", ".join(unknown), known=", ".join(sorted(set(log.activity_names)))
        )
    for step in steps:
        if isinstance(step, EventAttribute) and step.attribute not in log.event_attributes:
            known = ", ".join(log.event_attributes) or "–"
            raise FixableError("stack.error.attribute", name=step.attribute, known=known)
