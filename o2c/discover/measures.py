"""Per-order measures that KPIs, root causes, what-if and reports share: one array per measure over all orders
of a log, computed once per log and kept on it. A view selects from them with its case mask.

Times are float seconds with NaN where an order cannot be measured (not paid, not delivered, no due date ...);
yes/no measures that cannot always be judged are floats 1.0 / 0.0 / NaN, so ``np.nanmean`` gives the rate over
the orders that can be judged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from o2c.discover.rework import rework_cases
from o2c.log.eventlog import NS_PER_SECOND, EventLog
from o2c.log.index import activity_events, first_per_case
from o2c.log.vocabulary import ROLE_BY_KEY, codes_of_role

NS_PER_DAY = 86_400 * NS_PER_SECOND
# The O2C milestones, last first: a log that stops earlier (an ERP log ending at goods issue) judges its orders by
# the last milestone it has, so they are not all open for lack of a payment step.
MILESTONES = ("payment_received", "invoice_sent", "invoice_created", "deliver", "ship", "pick", "allocation")
DUE_DATE, REQUESTED_DATE, PROMISED_DATE, ACTUAL_DATE = (
    "invoice_due_date",
    "requested_delivery_date",
    "promised_date",
    "actual_delivery_date",
)


@dataclass(frozen=True, eq=False)
class OrderMeasures:
    """One value per order (case code order) of a log.

    * ``created_ns``: the order's first event; ``paid_ns``/``delivered_ns``/``invoiced_ns``: the first payment,
      delivery and invoice event (-1 when none); ``paid_event``/``invoiced_event``/``paid_after_invoice_event``:
      the positions of the events the times are read from (-1 when none), for analyses that move events.
    * ``end_to_end_seconds``: created to the first payment received (NaN while unpaid).
    * ``order_to_delivery_seconds``: created to the first delivery (role deliver).
    * ``invoice_to_cash_seconds``: first invoice to the first payment after it.
    * ``paid_late``: payment day after ``invoice_due_date`` (NaN when unpaid or without a due date).
    * ``on_time_requested`` / ``on_time_promised``: delivered by ``requested_delivery_date`` / ``promised_date``;
      the delivery day is ``actual_delivery_date``, else the day of the first "Delivered" event.
    * ``due_passed``: the due date is known and passed before the log's last event; ``overdue``: that, unpaid
      and not cancelled.
    * ``rework``: some activity repeats (as ``pm4py.get_rework_cases_per_activity`` counts).
    * ``people``: distinct resources that worked on the order (0 without a resource column).
    * ``milestone``: the log's final milestone (``MILESTONES``; None when it has none); ``reached``: the order has
      it; ``milestone_seconds``: created to its first event (NaN before).
    * ``missing``: measure name -> the column or activity that would enable it, for measures the log cannot
      give at all.
    """

    created_ns: np.ndarray
    paid_event: np.ndarray
    invoiced_event: np.ndarray
    paid_after_invoice_event: np.ndarray
    paid_ns: np.ndarray
    delivered_ns: np.ndarray
    invoiced_ns: np.ndarray
    end_to_end_seconds: np.ndarray
    order_to_delivery_seconds: np.ndarray
    invoice_to_cash_seconds: np.ndarray
    paid: np.ndarray
    cancelled: np.ndarray
    paid_late: np.ndarray
    on_time_requested: np.ndarray
    on_time_promised: np.ndarray
    due_passed: np.ndarray
    overdue: np.ndarray
    rework: np.ndarray
    people: np.ndarray
    log_end_ns: int
    missing: dict[str, str]
    milestone: str | None
    reached: np.ndarray
    milestone_seconds: np.ndarray

    @property
    def open(self) -> np.ndarray:
        """Orders that have not reached the log's final milestone (paid, for a log with payments) nor are
        cancelled."""
        return ~self.reached & ~self.cancelled

    @property
    def partial(self) -> bool:
        """The log ends before payment: it has no payment step but another milestone."""
        return self.milestone not in (None, "payment_received")


def order_measures(log: EventLog) -> OrderMeasures:
    """The per-order measures of ``log``, computed on first use and kept on the log."""
    return log.memo("order_measures", lambda: _measure(log))


def _measure(log: EventLog) -> OrderMeasures:
    missing: dict[str, str] = {}
    created = log.case_start_ns
    paid_event = first_per_case(log, events_of(log, payment_codes(log)))
    invoiced_event = first_per_case(log, events_of(log, codes_of_role(log, "invoice_created")))
    paid_ns, invoiced_ns = _time_of(log, paid_event), _time_of(log, invoiced_event)
    delivered_ns = _time_of(log, first_per_case(log, events_of(log, codes_of_role(log, "deliver"))))
    paid_after_invoice_event = _first_payment_after(log, invoiced_ns)
    # What is missing is named by the step's English name, as the template calls it.
    for key, present, role in (
        ("payment", paid_ns, "payment_received"),
        ("delivery", delivered_ns, "deliver"),
        ("invoice", invoiced_ns, "invoice_created"),
    ):
        if not (present >= 0).any():
            missing[key] = ROLE_BY_KEY[role].name
    cancelled = _has_any(log, codes_of_role(log, "cancellation"))
    paid = paid_ns >= 0
    milestone = next((role for role in MILESTONES if codes_of_role(log, role)), None)
    milestone_ns = paid_ns
    if milestone not in (None, "payment_received"):
        milestone_ns = _time_of(log, first_per_case(log, events_of(log, codes_of_role(log, milestone))))
    log_end = int(log.timestamp.max()) if log.n_events else 0

    due = day_numbers(log.cases.get(DUE_DATE))
    if due is None:
        missing["due_date"] = DUE_DATE
        due = np.full(log.n_cases, np.nan)
    paid_day = np.where(paid, np.floor(paid_ns / NS_PER_DAY), np.nan)
    paid_late = np.where(np.isnan(due) | ~paid, np.nan, (paid_day > due).astype(float))
    due_passed = ~np.isnan(due) & ((due + 1) * NS_PER_DAY <= log_end)
    overdue = ~paid & ~cancelled & due_passed

    delivered_day = day_numbers(log.cases.get(ACTUAL_DATE))
    from_events = np.where(delivered_ns >= 0, np.floor(delivered_ns / NS_PER_DAY), np.nan)
    delivered_day = (
        from_events if delivered_day is None else np.where(np.isnan(delivered_day), from_events, delivered_day)
    )
    on_time = {}
    no_delivery = bool(np.isnan(delivered_day).all())
    for key, column in (("on_time_requested", REQUESTED_DATE), ("on_time_promised", PROMISED_DATE)):
        target = day_numbers(log.cases.get(column))
        if target is None or no_delivery:
            missing[key] = column if target is None else ACTUAL_DATE
            target = np.full(log.n_cases, np.nan)
        judged = ~np.isnan(target) & ~np.isnan(delivered_day)
        on_time[key] = np.where(judged, (delivered_day <= target).astype(float), np.nan)

    return OrderMeasures(
        created_ns=created,
        paid_event=paid_event,
        invoiced_event=invoiced_event,
        paid_after_invoice_event=paid_after_invoice_event,
        paid_ns=paid_ns,
        delivered_ns=delivered_ns,
        invoiced_ns=invoiced_ns,
        end_to_end_seconds=_between(created, paid_ns),
        order_to_delivery_seconds=_between(created, delivered_ns),
        invoice_to_cash_seconds=_between(invoiced_ns, _time_of(log, paid_after_invoice_event)),
        paid=paid,
        cancelled=cancelled,
        paid_late=paid_late,
        on_time_requested=on_time["on_time_requested"],
        on_time_promised=on_time["on_time_promised"],
        due_passed=due_passed,
        overdue=overdue,
        rework=rework_cases(log),
        people=distinct_people(log),
        log_end_ns=log_end,
        missing=missing,
        milestone=milestone,
        reached=milestone_ns >= 0,
        milestone_seconds=_between(created, milestone_ns),
    )


def payment_codes(log: EventLog) -> list[int]:
    """Codes of the activities that mean "the customer paid" (the role payment_received)."""
    return codes_of_role(log, "payment_received")


def events_of(log: EventLog, codes: list[int]) -> np.ndarray:
    """Positions (ascending) of the events of any of the activity ``codes``."""
    if not codes:
        return np.empty(0, dtype=np.int64)
    # Each activity's positions ascend already: timsort (the stable sort) merges those runs instead of sorting.
    return np.sort(np.concatenate([activity_events(log, code) for code in codes]), kind="stable")


def _time_of(log: EventLog, events: np.ndarray) -> np.ndarray:
    """The timestamps of per-order event positions, -1 where there is no event."""
    return np.where(events >= 0, log.timestamp[np.maximum(events, 0)], -1)


def _has_any(log: EventLog, codes: list[int]) -> np.ndarray:
    flags = np.zeros(log.n_cases, dtype=bool)
    flags[log.case[events_of(log, codes)]] = True
    return flags


def _between(start_ns: np.ndarray, end_ns: np.ndarray) -> np.ndarray:
    return np.where((start_ns >= 0) & (end_ns >= 0), (end_ns - start_ns) / NS_PER_SECOND, np.nan)


def _first_payment_after(log: EventLog, invoiced_ns: np.ndarray) -> np.ndarray:
    """Per order: the first payment at or after its first invoice (by time; a payment before the invoice is not
    one), -1 when none."""
    payments = events_of(log, payment_codes(log))
    invoiced = invoiced_ns[log.case[payments]]
    return first_per_case(log, payments[(invoiced >= 0) & (log.timestamp[payments] >= invoiced)])


def distinct_people(log: EventLog, events: np.ndarray | None = None) -> np.ndarray:
    """Distinct resources per order (all orders) over the events where ``events`` (a mask) is True, all events
    when None; zeros when the log has no resource column."""
    resource = log.event_attributes.get("resource")
    if resource is None:
        return np.zeros(log.n_cases, dtype=np.int64)
    codes = np.asarray(pd.Categorical(resource).codes, dtype=np.int64)
    keep = codes >= 0 if events is None else (codes >= 0) & events
    width = int(codes.max()) + 1
    # Sorting the (order, resource) keys and counting changes is several times faster than np.unique here; the
    # keys already ascend by order, so timsort (the stable sort) only has to sort within each order.
    pairs = np.sort(log.case[keep].astype(np.int64) * width + codes[keep], kind="stable")
    first = np.ones(pairs.size, dtype=bool)
    first[1:] = pairs[1:] != pairs[:-1]
    return np.bincount(pairs[first] // width, minlength=log.n_cases)


def day_numbers(column: pd.Series | None) -> np.ndarray | None:
    """Days since the epoch (UTC) as floats, NaN where missing; None when the column is absent or not dates."""
    if column is None or not pd.api.types.is_datetime64_any_dtype(column):
        return None
    naive = column.dt.tz_convert(None) if column.dt.tz is not None else column
    ns = naive.to_numpy().astype("datetime64[ns]")
    days = np.floor(ns.view(np.int64) / NS_PER_DAY)
    return np.where(np.isnat(ns), np.nan, days)
