"""The event-log engine: one immutable log sorted by case and time, held as numpy arrays of codes.

Everything the pages compute is vectorised over these arrays. A filtered view is a boolean mask over
cases (``LogView``), never a copy of the events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

NS_PER_SECOND = 1_000_000_000


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
        frame = pd.DataFrame({
            "case_id": self.cases["case_id"].to_numpy()[self.case],
            "activity": pd.Categorical.from_codes(self.activity, categories=list(self.activity_names)),
            "timestamp": pd.to_datetime(self.timestamp, unit="ns", utc=True),
        })
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

    def activity_counts(self) -> pd.Series:
        """Events per activity in the selected cases, most frequent first."""
        counts = np.bincount(self.log.activity[self.event_mask], minlength=len(self.log.activity_names))
        series = pd.Series(counts, index=list(self.log.activity_names), name="events")
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
    case_codes, case_ids = pd.factorize(events["case_id"], sort=True)
    activity_codes, activity_names = pd.factorize(events["activity"], sort=True)
    timestamp = _as_utc_ns(events["timestamp"])
    row = events["row"].to_numpy(dtype=np.int64)

    # Two stable sorts: time first, then case, so ties keep the upload's row order.
    order = np.argsort(timestamp, kind="stable")
    order = order[np.argsort(case_codes[order], kind="stable")]

    case = case_codes[order].astype(np.int32)
    timestamp = timestamp[order]
    attributes = {name: _reordered(events[name], order)
                  for name in events.columns if name not in ("case_id", "activity", "timestamp", "row")}
    counts = np.bincount(case, minlength=len(case_ids))
    offsets = np.concatenate(([0], np.cumsum(counts)))
    cases = pd.DataFrame({
        "case_id": pd.Index(case_ids).astype(str),
        "n_events": counts,
        "start": pd.to_datetime(timestamp[offsets[:-1]], unit="ns", utc=True),
        "end": pd.to_datetime(timestamp[offsets[1:] - 1], unit="ns", utc=True),
    })
    if orders is not None and len(orders.columns) > 1:
        attributes_table = orders.drop_duplicates("case_id").set_index("case_id")
        attributes_table = attributes_table.drop(columns=[c for c in _COMPUTED_CASE_COLUMNS if c in attributes_table])
        cases = cases.join(attributes_table, on="case_id")
    return EventLog(
        case=case,
        activity=activity_codes[order].astype(np.int32),
        timestamp=timestamp,
        row=row[order],
        activity_names=tuple(str(a) for a in activity_names),
        cases=cases,
        event_attributes=attributes,
    )


def _reordered(column: pd.Series, order: np.ndarray) -> pd.Categorical | np.ndarray:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return pd.Categorical.from_codes(column.cat.codes.to_numpy()[order], dtype=column.dtype)
    if pd.api.types.is_numeric_dtype(column.dtype):
        return column.to_numpy()[order]
    return pd.Categorical(column.to_numpy()[order])


def _as_utc_ns(values: pd.Series) -> np.ndarray:
    # .to_numpy() on tz-aware values gives Timestamp objects (slow); go through naive UTC instead.
    series = pd.to_datetime(values, utc=True)
    return series.dt.tz_convert(None).to_numpy().astype("datetime64[ns]").view(np.int64)
