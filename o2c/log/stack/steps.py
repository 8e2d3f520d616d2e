"""The filter types of the stack: small frozen objects of plain data (activity names, attribute values, seconds),
each a vectorised boolean mask over the cases of an ``EventLog``.

Activity names are resolved against the log as rules name steps (``o2c.log.vocabulary.resolve``): a role (its
key, English or Chinese name or a synonym) means every activity of that role, otherwise the activity of that name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

import numpy as np
import pandas as pd

from o2c.log.eventlog import NS_PER_SECOND, EventLog
from o2c.log.index import activity_events, first_per_case
from o2c.log.vocabulary import resolve


def activity_table(log: EventLog, names: tuple[str, ...]) -> np.ndarray:
    """Boolean table over the activity codes of ``log``: True for the codes the names refer to."""
    table = np.zeros(len(log.activity_names) + 1, dtype=bool)  # the spare entry keeps an empty log's table valid
    for name in names:
        table[resolve(log, name)] = True
    return table[:-1]


def event_positions(log: EventLog, names: tuple[str, ...]) -> np.ndarray:
    """Positions (ascending) of the events of the named activities."""
    codes = np.flatnonzero(activity_table(log, names))
    if codes.size == 1:
        return activity_events(log, int(codes[0]))
    return np.flatnonzero(activity_table(log, names)[log.activity])


def last_per_case(log: EventLog, events: np.ndarray) -> np.ndarray:
    """Per case: the last of the (ascending) event positions ``events`` in it, -1 when none."""
    last = np.full(log.n_cases, -1, dtype=np.int64)
    last[log.case[events]] = events  # later positions of a case overwrite earlier ones
    return last


def cases_of(log: EventLog, events: np.ndarray) -> np.ndarray:
    """Boolean mask over cases: the cases of the given event positions."""
    mask = np.zeros(log.n_cases, dtype=bool)
    mask[log.case[events]] = True
    return mask


@dataclass(frozen=True)
class Presence:
    """Orders that have any of the activities (``present``), or none of them."""

    kind: ClassVar[str] = "presence"
    names: tuple[str, ...]
    present: bool = True

    def mask(self, log: EventLog, kept: np.ndarray) -> np.ndarray:
        """Boolean mask over the cases of ``log``."""
        has = cases_of(log, event_positions(log, self.names))
        return has if self.present else ~has

    def activities(self) -> tuple[str, ...]:
        """The activity names this filter refers to."""
        return self.names


@dataclass(frozen=True)
class Endpoint:
    """Orders that start (``end`` False) or end with any of the activities (``present``), or do not."""

    kind: ClassVar[str] = "endpoint"
    names: tuple[str, ...]
    end: bool = False
    present: bool = True

    def mask(self, log: EventLog, kept: np.ndarray) -> np.ndarray:
        """Boolean mask over the cases of ``log``."""
        offsets = log.case_offsets
        positions = offsets[1:] - 1 if self.end else offsets[:-1]
        hit = activity_table(log, self.names)[log.activity[positions]] if positions.size else np.zeros(0, bool)
        return hit if self.present else ~hit

    def activities(self) -> tuple[str, ...]:
        """The activity names this filter refers to."""
        return self.names


@dataclass(frozen=True)
class Follows:
    """Orders where A is followed by B, eventually or ``directly`` (the next event), optionally within or beyond
    ``seconds`` between the two; ``present`` False keeps the orders where it never happens."""

    kind: ClassVar[str] = "follows"
    first: str
    then: str
    directly: bool = False
    present: bool = True
    limit: Literal["", "within", "beyond"] = ""
    seconds: float = 0.0

    def mask(self, log: EventLog, kept: np.ndarray) -> np.ndarray:
        """Boolean mask over the cases of ``log``."""
        a_events = event_positions(log, (self.first,))
        if self.directly:
            a_events = a_events[a_events + 1 < log.n_events]
            after = a_events + 1
            is_b = activity_table(log, (self.then,))[log.activity[after]]
            pairs = a_events[(log.case[after] == log.case[a_events]) & is_b]
            gaps = log.timestamp[pairs + 1] - log.timestamp[pairs]
            hit_events = pairs[self._fits(gaps)]
        else:
            hit_events = self._eventually(log, a_events, event_positions(log, (self.then,)))
        hit = cases_of(log, hit_events)
        return hit if self.present else ~hit

    def _eventually(self, log: EventLog, a_events: np.ndarray, b_events: np.ndarray) -> np.ndarray:
        """Positions of the B events with an A before them in the same order (within or beyond the limit); work
        in proportion to the A and B events, not to the log."""
        first_a = first_per_case(log, a_events)
        b_events = b_events[(first_a[log.case[b_events]] >= 0) & (first_a[log.case[b_events]] < b_events)]
        if self.limit == "within":  # the closest A before a B gives its shortest gap; it is in the B's order
            closest = a_events[np.searchsorted(a_events, b_events, side="left") - 1]
            gaps = log.timestamp[b_events] - log.timestamp[closest]
        else:  # the first A gives its longest
            gaps = log.timestamp[b_events] - log.timestamp[first_a[log.case[b_events]]]
        return b_events[self._fits(gaps)]

    def _fits(self, gaps_ns: np.ndarray) -> np.ndarray:
        limit = self.seconds * NS_PER_SECOND
        if self.limit == "within":
            return gaps_ns <= limit
        if self.limit == "beyond":
            return gaps_ns > limit
        return np.ones(gaps_ns.size, dtype=bool)

    def activities(self) -> tuple[str, ...]:
        """The activity names this filter refers to."""
        return (self.first, self.then)


@dataclass(frozen=True)
class Performance:
    """Orders by end-to-end time, or by the time from the first A to the first B after it (``first``/``then``;
    orders without such a pair are left out): at least ``low`` and at most ``high`` seconds, or, with
    ``percentiles``, within that percentile band of the orders kept so far."""

    kind: ClassVar[str] = "performance"
    low: float | None = None
    high: float | None = None
    percentiles: bool = False
    first: str = ""
    then: str = ""

    def mask(self, log: EventLog, kept: np.ndarray) -> np.ndarray:
        """Boolean mask over the cases of ``log``."""
        seconds, measured = self.seconds(log)
        low, high = self.low, self.high
        if self.percentiles:
            values = seconds[measured & kept]
            if values.size == 0:
                return np.zeros(log.n_cases, dtype=bool)
            low = float(np.quantile(values, (low or 0.0) / 100))
            high = float(np.quantile(values, (100.0 if high is None else high) / 100))
        mask = measured.copy()
        if low is not None:
            mask &= seconds >= low
        if high is not None:
            mask &= seconds <= high
        return mask

    def seconds(self, log: EventLog) -> tuple[np.ndarray, np.ndarray]:
        """Per case the measured seconds, and whether the case has the measure at all."""
        if not self.first:
            return log.case_duration_seconds, np.ones(log.n_cases, dtype=bool)
        first_a = first_per_case(log, event_positions(log, (self.first,)))
        b_events = event_positions(log, (self.then,))
        after = b_events[b_events > first_a[log.case[b_events]]]
        b = first_per_case(log, after[first_a[log.case[after]] >= 0])
        measured = b >= 0
        seconds = np.zeros(log.n_cases)
        seconds[measured] = (log.timestamp[b[measured]] - log.timestamp[first_a[measured]]) / NS_PER_SECOND
        return seconds, measured

    def activities(self) -> tuple[str, ...]:
        """The activity names this filter refers to."""
        return (self.first, self.then) if self.first else ()


@dataclass(frozen=True)
class EventAttribute:
    """Orders where an event with the attribute (resource, role, department ...) at any of ``values`` happened,
    of any activity or of ``activity``."""

    kind: ClassVar[str] = "attribute"
    attribute: str
    values: tuple[str, ...]
    activity: str = ""

    def mask(self, log: EventLog, kept: np.ndarray) -> np.ndarray:
        """Boolean mask over the cases of ``log`` (nothing when the log has no such attribute)."""
        column = log.event_attributes.get(self.attribute)
        if column is None:
            return np.zeros(log.n_cases, dtype=bool)
        categorical = column if isinstance(column, pd.Categorical) else pd.Categorical(column)
        allowed = np.append(categorical.categories.astype(str).isin(self.values), False)  # code -1: missing
        hit = allowed[categorical.codes]
        if self.activity:
            hit &= activity_table(log, (self.activity,))[log.activity]
        return cases_of(log, np.flatnonzero(hit))

    def activities(self) -> tuple[str, ...]:
        """The activity names this filter refers to."""
        return (self.activity,) if self.activity else ()


@dataclass(frozen=True)
class Rework:
    """Orders with (``present``) or without a repeated activity: any activity, or ``activity``."""

    kind: ClassVar[str] = "rework"
    present: bool = True
    activity: str = ""

    def mask(self, log: EventLog, kept: np.ndarray) -> np.ndarray:
        """Boolean mask over the cases of ``log``."""
        if self.activity:
            events = event_positions(log, (self.activity,))
            cases = log.case[events]
            hit = cases_of(log, events[1:][cases[1:] == cases[:-1]])
        else:
            hit = log.memo("stack_rework_any", lambda: _any_repeat(log))
        return hit if self.present else ~hit

    def activities(self) -> tuple[str, ...]:
        """The activity names this filter refers to."""
        return (self.activity,) if self.activity else ()


def _any_repeat(log: EventLog) -> np.ndarray:
    """Cases where some activity occurs twice: per activity (not per order), its events' cases side by side."""
    hit = np.zeros(log.n_cases, dtype=bool)
    for code in range(len(log.activity_names)):
        cases = log.case[activity_events(log, code)]
        hit[cases[1:][cases[1:] == cases[:-1]]] = True
    return hit


@dataclass(frozen=True)
class Trim:
    """Keeps events, not orders: each order from its first A to its last B after it; orders without that segment
    are left out (see ``o2c.log.stack.trim``). As a plain order filter: the orders that have the segment."""

    kind: ClassVar[str] = "trim"
    first: str
    then: str

    def bounds(self, log: EventLog) -> tuple[np.ndarray, np.ndarray]:
        """Per case the position of the first A and of the last B (-1 when none)."""
        return (
            first_per_case(log, event_positions(log, (self.first,))),
            last_per_case(log, event_positions(log, (self.then,))),
        )

    def mask(self, log: EventLog, kept: np.ndarray) -> np.ndarray:
        """Boolean mask over the cases of ``log``: the orders that have the segment."""
        start, stop = self.bounds(log)
        return (start >= 0) & (stop > start)

    def activities(self) -> tuple[str, ...]:
        """The activity names this filter refers to."""
        return (self.first, self.then)


@dataclass(frozen=True)
class Orders:
    """The orders picked in a list ("filter to these orders"), by their ids."""

    kind: ClassVar[str] = "orders"
    ids: tuple[str, ...]

    def mask(self, log: EventLog, kept: np.ndarray) -> np.ndarray:
        """Boolean mask over the cases of ``log``."""
        return log.cases["case_id"].isin(self.ids).to_numpy(dtype=bool)

    def activities(self) -> tuple[str, ...]:
        """The activity names this filter refers to: none."""
        return ()


StackFilter = Presence | Endpoint | Follows | Performance | EventAttribute | Rework | Trim | Orders
