"""The event-log engine: one immutable log sorted by case and time, held as numpy arrays of codes.

Everything the pages compute is vectorised over these arrays. A filtered view is a boolean mask over
cases (``LogView``), never a copy of the events.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

import numpy as np
import pandas as pd

NS_PER_SECOND = 1_000_000_000
T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class EventLog:
    """An event log sorted by case, timestamp and original row.

    Per event (length ``n_events``): ``case`` (case code), ``activity`` (activity code), ``timestamp``
    (int64 nanoseconds since the epoch, UTC) and ``row`` (the row number the user sees in the upload).
    Optional event attributes (resource, role, department ...) are ``pd.Categorical`` in ``event_attributes``.
    ``cases`` is the case table: one row per case, in case-code order, with ``case_id``, ``n_events``,
    ``start``, ``end`` and the order attributes.
    """

    case: np.ndarray
    activity: np.ndarray
    timestamp: np.ndarray
    row: np.ndarray
    activity_names: tuple[str, ...]
    cases: pd.DataFrame
    event_attributes: dict[str, pd.Categorical | np.ndarray] = field(default_factory=dict)

    @property
    def n_events(self) -> int:
        """Number of events."""
        return len(self.case)

    @property
    def n_cases(self) -> int:
        """Number of cases (orders)."""
        return len(self.cases)

    @cached_property
    def case_offsets(self) -> np.ndarray:
        """``case_offsets[c]:case_offsets[c + 1]`` are the events of case ``c``."""
        counts = np.bincount(self.case, minlength=self.n_cases)
        return np.concatenate(([0], np.cumsum(counts)))

    @cached_property
    def case_start_ns(self) -> np.ndarray:
        """First timestamp of each case (ns)."""
        return self.timestamp[self.case_offsets[:-1]]

    @cached_property
    def case_end_ns(self) -> np.ndarray:
        """Last timestamp of each case (ns)."""
        return self.timestamp[self.case_offsets[1:] - 1]

    @cached_property
    def case_duration_seconds(self) -> np.ndarray:
        """End-to-end time of each case in seconds (last minus first event)."""
        return (self.case_end_ns - self.case_start_ns) / NS_PER_SECOND

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """A value derived from this log, built on first use and kept: the log never changes, so it never goes
        stale. Analyses keep their per-log indexes here, and filtered views only mask them."""
        cache = self.__dict__.setdefault("_memo", {})
        if key not in cache:
            cache[key] = build()
        return cache[key]

    def activity_code(self, name: str) -> int | None:
        """The code of an activity name, or None when the log does not contain it."""
        try:
            return self.activity_names.index(name)
        except ValueError:
            return None

    def case_attribute_names(self) -> list[str]:
        """Names of the order attributes in the case table (without the computed columns)."""
        return [c for c in self.cases.columns if c not in _COMPUTED_CASE_COLUMNS]

    def view(self, case_mask: np.ndarray | None = None) -> LogView:
        """A filtered view over this log; no mask means all cases."""
        if case_mask is None:
            case_mask = np.ones(self.n_cases, dtype=bool)
        return LogView(self, case_mask)

    def to_frame(self) -> pd.DataFrame:
        """The events as a DataFrame with case_id, activity, timestamp (UTC) and the event attributes."""
        frame = pd.DataFrame(
            {
                "case_id": self.cases["case_id"].to_numpy()[self.case],
                "activity": pd.Categorical.from_codes(self.activity, categories=list(self.activity_names)),
                "timestamp": pd.to_datetime(self.timestamp, unit="ns", utc=True),
            }
        )
        for name, values in self.event_attributes.items():
            frame[name] = values
        return frame


_COMPUTED_CASE_COLUMNS = ("case_id", "n_events", "start", "end")


@dataclass(frozen=True, eq=False)
class LogView:
    """A subset of the cases of an ``EventLog``, as a boolean mask over cases."""

    log: EventLog
    case_mask: np.ndarray

    @cached_property
    def event_mask(self) -> np.ndarray:
        """Boolean mask over events: the events of the selected cases."""
        return self.case_mask[self.log.case]

    @cached_property
    def case_codes(self) -> np.ndarray:
        """Codes of the selected cases, ascending."""
        return np.flatnonzero(self.case_mask)

    @property
    def n_cases(self) -> int:
        """Number of selected cases."""
        return int(self.case_codes.size)

    @cached_property
    def n_events(self) -> int:
        """Number of events of the selected cases."""
        return int(self.log.cases["n_events"].to_numpy()[self.case_mask].sum())

    @property
    def cases(self) -> pd.DataFrame:
        """The case table rows of the selected cases."""
        return self.log.cases.iloc[self.case_codes]

    def durations_seconds(self) -> np.ndarray:
        """End-to-end time of each selected case, in seconds."""
        return self.log.case_duration_seconds[self.case_mask]

    @cached_property
    def _activity_bincount(self) -> np.ndarray:
        # Several pages ask for the counts of one view; they are counted once.
        activity = self.log.activity if self.n_cases == self.log.n_cases else self.log.activity[self.event_mask]
        return np.bincount(activity, minlength=len(self.log.activity_names))

    def activity_counts(self) -> pd.Series:
        """Events per activity in the selected cases, most frequent first."""
        series = pd.Series(self._activity_bincount, index=list(self.log.activity_names), name="events")
        return series[series > 0].sort_values(ascending=False, kind="stable")

    def cases_with_activity(self, name: str) -> np.ndarray:
        """Boolean mask over all cases: selected cases that contain the activity at least once."""
        code = self.log.activity_code(name)
        has = np.zeros(self.log.n_cases, dtype=bool)
        if code is not None:
            has[self.log.case[self.log.activity == code]] = True
        return has & self.case_mask


def build_event_log(events: pd.DataFrame, orders: pd.DataFrame | None = None) -> EventLog:
    """Build the engine from clean columns.

    ``events`` needs ``case_id`` (str), ``activity`` (str), ``timestamp`` (tz-aware UTC datetimes) and
    ``row`` (the user's row number); other columns become event attributes. ``orders`` (optional) has
    ``case_id`` plus order attributes; orders without events are ignored here (validation reports them).
    """
    case_codes, case_ids = _codes(events["case_id"])
    activity_codes, activity_names = _codes(events["activity"])
    timestamp = _as_utc_ns(events["timestamp"])
    row = events["row"].to_numpy(dtype=np.int64)

    order = event_order(case_codes, timestamp)
    case = _take(case_codes, order).astype(np.int32)
    timestamp = _take(timestamp, order)
    attributes = {
        name: _reordered(events[name], order)
        for name in events.columns
        if name not in ("case_id", "activity", "timestamp", "row")
    }
    counts = np.bincount(case, minlength=len(case_ids))
    offsets = np.concatenate(([0], np.cumsum(counts)))
    cases = pd.DataFrame(
        {
            "case_id": pd.Index(case_ids).astype(str),
            "n_events": counts,
            "start": pd.to_datetime(timestamp[offsets[:-1]], unit="ns", utc=True),
            "end": pd.to_datetime(timestamp[offsets[1:] - 1], unit="ns", utc=True),
        }
    )
    if orders is not None and len(orders.columns) > 1:
        attributes_table = orders.drop_duplicates("case_id").set_index("case_id")
        attributes_table = attributes_table.drop(columns=[c for c in _COMPUTED_CASE_COLUMNS if c in attributes_table])
        cases = cases.join(attributes_table, on="case_id")
    return EventLog(
        case=case,
        activity=_take(activity_codes, order).astype(np.int32),
        timestamp=timestamp,
        row=_take(row, order),
        activity_names=tuple(str(a) for a in activity_names),
        cases=cases,
        event_attributes=attributes,
    )


def event_order(case: np.ndarray, timestamp: np.ndarray) -> np.ndarray | None:
    """The stable order of events by case code, then timestamp (ties keep their input order), or None when
    the events are in that order already.

    Exports are usually grouped by order or sorted by time, so the order is first checked (linear), then
    sought by case alone (a radix sort), and only then by time and case (two stable sorts).
    """
    if _sorted_by_case_and_time(case, timestamp):
        return None
    order = _stable_argsort(case)
    if _sorted_by_case_and_time(case[order], timestamp[order]):
        return order
    order = np.argsort(timestamp, kind="stable")
    return order[_stable_argsort(case[order])]


def _sorted_by_case_and_time(case: np.ndarray, timestamp: np.ndarray) -> bool:
    later_case = case[1:] > case[:-1]
    in_order = later_case | ((case[1:] == case[:-1]) & (timestamp[1:] >= timestamp[:-1]))
    return bool(in_order.all())


def _stable_argsort(codes: np.ndarray) -> np.ndarray:
    """``np.argsort(codes, kind="stable")`` for integer codes, as passes over 16-bit digits: numpy radix-sorts
    16-bit keys in linear time, while wider keys take a comparison sort."""
    if codes.size == 0 or codes.min() < 0:
        return np.argsort(codes, kind="stable")
    codes = codes.astype(np.int64, copy=False)
    top = int(codes.max())
    order = np.argsort((codes & 0xFFFF).astype(np.uint16), kind="stable")
    shift = 16
    while top >> shift:
        digit = ((codes[order] >> shift) & 0xFFFF).astype(np.uint16)
        order = order[np.argsort(digit, kind="stable")]
        shift += 16
    return order


def _codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """``pd.factorize(values, sort=True)``; a categorical without missing values is renumbered from its own
    codes (its categories' order, as factorize sorts a categorical) instead of being hashed again."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy()
        if codes.size and codes.min() >= 0:
            used = np.bincount(codes, minlength=len(values.cat.categories)) > 0
            dense = np.cumsum(used) - 1
            return dense[codes], values.cat.categories[used]
    codes, uniques = pd.factorize(values, sort=True)
    return codes, uniques


def unique_categorical(codes: np.ndarray, categories: pd.Index) -> pd.Categorical:
    """A categorical from codes (-1 for missing) and categories known to be distinct and not missing, as
    ``pd.factorize`` returns them.

    pandas would check the categories again by hashing every one of them (seconds for millions of ids); the
    callers guarantee what that check proves.
    """
    dtype = pd.CategoricalDtype._from_fastpath(categories, ordered=False)
    return pd.Categorical.from_codes(codes, dtype=dtype, validate=False)


def _reordered(column: pd.Series, order: np.ndarray | None) -> pd.Categorical | np.ndarray:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return pd.Categorical.from_codes(_take(column.cat.codes.to_numpy(), order), dtype=column.dtype)
    if pd.api.types.is_numeric_dtype(column.dtype):
        return _take(column.to_numpy(), order)
    return pd.Categorical(_take(column.to_numpy(), order))


def _take(values: np.ndarray, order: np.ndarray | None) -> np.ndarray:
    """``values`` in ``order`` (from ``event_order``; None keeps the order), always a new array."""
    return values.copy() if order is None else values[order]


def _as_utc_ns(values: pd.Series) -> np.ndarray:
    # .to_numpy() on tz-aware values gives Timestamp objects (slow); go through naive UTC instead.
    series = pd.to_datetime(values, utc=True)
    return series.dt.tz_convert(None).to_numpy().astype("datetime64[ns]").view(np.int64)
