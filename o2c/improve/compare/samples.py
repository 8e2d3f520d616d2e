"""Measures ranked once per log for the rank tests of a comparison: end-to-end times, invoice-to-cash, path waits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from o2c.discover.bottlenecks import transition_index
from o2c.discover.cycle_times import segment_times
from o2c.log.eventlog import EventLog, LogView
from o2c.log.vocabulary import first_name_of_role
from o2c.stats import RankedValues, mann_whitney, rank_values, sort_within_groups

INVOICE, PAYMENT = "invoice_created", "payment_received"  # roles
ALPHA = 0.05  # the level of every test of a comparison, before the correction for their number


@dataclass(frozen=True)
class Sample:
    """One measure over the whole log, ranked once: per case (end-to-end time) or per step (waits per path).

    ``case`` is the order each value belongs to; ``sources``/``targets`` name the groups of path waits.
    """

    ranked: RankedValues
    case: np.ndarray
    sources: np.ndarray | None = None
    targets: np.ndarray | None = None

    def members(self, a: LogView, b: LogView) -> tuple[np.ndarray, np.ndarray]:
        """Which values belong to orders of A and of B."""
        return a.case_mask[self.case], b.case_mask[self.case]


def cached_sample(log: EventLog, name: str, build: Callable[[EventLog], Sample]) -> Sample:
    """``build(log)``, computed once per log and kept on it under ``name``."""
    return log.memo(name, lambda: build(log))


def duration_sample(log: EventLog) -> Sample:
    """The end-to-end time of every order of the log, ranked."""

    def build(log: EventLog) -> Sample:
        order = np.argsort(log.case_duration_seconds, kind="stable")
        return Sample(rank_values(log.case_duration_seconds[order]), order)

    return cached_sample(log, "_compare_durations", build)


def invoice_to_cash_sample(log: EventLog) -> Sample:
    """The time from invoice to payment of every order that has both, ranked."""

    def build(log: EventLog) -> Sample:
        invoice, payment = first_name_of_role(log, INVOICE), first_name_of_role(log, PAYMENT)
        segment = segment_times(log.view(), invoice or "", payment or "")  # a missing role measures no order
        order = np.argsort(segment.seconds, kind="stable")
        return Sample(rank_values(segment.seconds[order]), segment.case_codes[order])

    return cached_sample(log, "_compare_invoice_to_cash", build)


def wait_sample(log: EventLog) -> Sample:
    """Every wait between two consecutive events, ranked within its path."""

    def build(log: EventLog) -> Sample:
        index = transition_index(log)
        order = sort_within_groups(index.seconds, index.bounds)
        return Sample(
            rank_values(index.seconds[order], index.bounds),
            log.case[index.events[order]],
            index.sources.astype(np.int64),
            index.targets.astype(np.int64),
        )

    return cached_sample(log, "_compare_waits", build)


def rank_test(sample: Sample, in_a: np.ndarray, in_b: np.ndarray) -> tuple[float, float]:
    """Cliff's delta and the Mann-Whitney p-value of a one-group sample, A against B."""
    test = mann_whitney(sample.ranked, in_a, in_b)
    return float(test.effect[0]), float(test.p_value[0])
