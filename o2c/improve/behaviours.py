"""Process behaviours per order that may explain a bad outcome: a repeated or skipped credit check, a change after
the confirmation, many people handling the order.

A behaviour is a cause candidate only if it happens before the outcome is decided, so each outcome has a cut-off
per order (``cutoff_ns``) and a behaviour counts only when it happened before it. Payment reminders are no
behaviour at all: they follow a late payment by construction. Everything is built once per log and cut-off
(``log.memo``); a filter change only masks.
"""

from __future__ import annotations

import numpy as np

from o2c.discover.measures import distinct_people, events_of, order_measures
from o2c.log.eventlog import EventLog
from o2c.log.index import first_per_case
from o2c.log.vocabulary import codes_of_role

BEHAVIOURS = ("repeated_credit_check", "changed_after_confirmation", "skipped_credit_check", "many_people")
CREDIT_CHECKS = ("credit_check_started", "credit_check_passed", "credit_check_failed")  # roles
ACTIVATION_STEPS = ("activation", "ship")  # roles; the first present: where a skipped credit check shows
MANY_PEOPLE_QUANTILE = 0.75  # "many people" by default: more than this quantile (people counts are tight)


def cutoff_ns(log: EventLog, kind: str) -> np.ndarray:
    """Per order: behaviours count only before this time: the first delivery for late delivery (``kind``), else
    the first invoice (reminders, collection calls and the people doing them are the outcome's own story); the
    log's end when the order has no such event."""
    m = order_measures(log)
    cut = m.delivered_ns if kind == "late_delivery" else m.invoiced_ns
    return np.where(cut >= 0, cut, np.int64(m.log_end_ns + 1))


def behaviour_cases(log: EventLog, kind: str, people: int | None = None) -> dict[str, np.ndarray]:
    """Behaviour -> mask over all orders of the log: it happened before the cut-off of outcome ``kind``.

    * repeated credit check: a second credit-check event (any result: failed then passed, passed twice).
    * changed after confirmation: "Order Changed" after the first "Order Confirmation Sent".
    * skipped credit check: activated (else shipped) with no credit-check event before.
    * many people: more than ``people`` distinct resources (None: ``default_people``).

    Behaviours the log cannot show (no such activity, no resource column) are left out.
    """
    cut_key = _cut_key(kind)
    found = dict(log.memo(f"behaviours_{cut_key}", lambda: _build(log, kind)))
    if "resource" in log.event_attributes:
        limit = people if people is not None else default_people(log, kind)
        found["many_people"] = _people_before(log, kind) > limit
    return found


def default_people(log: EventLog, kind: str) -> int:
    """The default "many people" threshold: the 75th percentile of the people per order before the cut-off, so
    at most a quarter of the orders count as handled by many. People per order vary little: the median plus
    two often catches no one."""
    return log.memo(
        f"behaviours_default_people_{_cut_key(kind)}",
        lambda: int(np.quantile(_people_before(log, kind), MANY_PEOPLE_QUANTILE)) if log.n_cases else 0,
    )


def _cut_key(kind: str) -> str:
    return "delivery" if kind == "late_delivery" else "invoice"


def _build(log: EventLog, kind: str) -> dict[str, np.ndarray]:
    cut = cutoff_ns(log, kind)
    found: dict[str, np.ndarray] = {}
    checks = events_of(log, [code for role in CREDIT_CHECKS for code in codes_of_role(log, role)])
    if checks.size:
        found["repeated_credit_check"] = _before(log, _nth_per_case(log, checks, 2), cut)
        step = next((codes_of_role(log, s) for s in ACTIVATION_STEPS if codes_of_role(log, s)), None)
        if step is not None:
            first_step = first_per_case(log, events_of(log, step))
            first_check = first_per_case(log, checks)
            skipped = np.where((first_step >= 0) & ((first_check < 0) | (first_check > first_step)), first_step, -1)
            found["skipped_credit_check"] = _before(log, skipped, cut)
    confirmed, changed = codes_of_role(log, "confirmation"), codes_of_role(log, "change")
    if confirmed and changed:
        first_confirmation = first_per_case(log, events_of(log, confirmed))
        changes = events_of(log, changed)
        confirmed_at = np.where(first_confirmation >= 0, first_confirmation, log.n_events)
        after = changes[changes > confirmed_at[log.case[changes]]]
        found["changed_after_confirmation"] = _before(log, first_per_case(log, after), cut)
    return found


def _people_before(log: EventLog, kind: str) -> np.ndarray:
    """Distinct resources per order on events before the cut-off."""

    def count() -> np.ndarray:
        return distinct_people(log, log.timestamp < cutoff_ns(log, kind)[log.case])

    return log.memo(f"behaviours_people_{_cut_key(kind)}", count)


def _nth_per_case(log: EventLog, events: np.ndarray, nth: int) -> np.ndarray:
    """Per case: the ``nth`` of the ascending ``events`` in it, -1 when fewer."""
    cases = log.case[events]
    rank = np.arange(events.size) - np.searchsorted(cases, cases, side="left") + 1
    found = np.full(log.n_cases, -1, dtype=np.int64)
    found[cases[rank == nth]] = events[rank == nth]
    return found


def _before(log: EventLog, events: np.ndarray, cut: np.ndarray) -> np.ndarray:
    return (events >= 0) & (log.timestamp[np.maximum(events, 0)] < cut)
