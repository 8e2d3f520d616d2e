"""Trimming: the part of each order from its first A to its last B, as a new ``EventLog`` so every analysis and
page works on it unchanged. Built once per log and trim, kept on the log it was cut from."""

from __future__ import annotations

import numpy as np
import pandas as pd

from o2c.log.eventlog import EventLog
from o2c.log.stack.steps import Trim
from o2c.log.vocabulary import activity_map


def trimmed(log: EventLog, trim: Trim) -> tuple[EventLog, np.ndarray]:
    """The trimmed log and, per case of it, the code of its case in ``log``."""
    return log.memo(f"stack_trim:{trim.first}\x1f{trim.then}", lambda: _cut(log, trim))


def _cut(log: EventLog, trim: Trim) -> tuple[EventLog, np.ndarray]:
    start, stop = trim.bounds(log)
    source = np.flatnonzero((start >= 0) & (stop > start))
    lengths = stop[source] - start[source] + 1
    # Event positions of the kept segments, built from their bounds without a loop per order.
    offsets = np.concatenate(([0], np.cumsum(lengths)))
    new_case = np.repeat(np.arange(source.size, dtype=np.int32), lengths)
    events = np.arange(int(offsets[-1]), dtype=np.int64) - offsets[new_case] + start[source][new_case]
    timestamp = log.timestamp[events]
    cases = log.cases.iloc[source].reset_index(drop=True)
    ends = offsets[1:] - 1
    cases = cases.assign(
        n_events=lengths.astype(cases["n_events"].dtype),
        start=pd.to_datetime(timestamp[offsets[:-1]] if source.size else timestamp, unit="ns", utc=True),
        end=pd.to_datetime(timestamp[ends] if source.size else timestamp, unit="ns", utc=True),
    )
    attributes = {
        name: values[events] if isinstance(values, np.ndarray) else values.take(events)
        for name, values in log.event_attributes.items()
    }
    # Activities left without events are dropped, so the segment's pages say a step is missing (e.g. no payments
    # between activation and shipping) rather than counting it as never done.
    activity = log.activity[events]
    used = np.bincount(activity, minlength=len(log.activity_names)) > 0
    renumber = (np.cumsum(used) - 1).astype(activity.dtype)
    cut = EventLog(
        case=new_case,
        activity=renumber[activity],
        timestamp=timestamp,
        row=log.row[events],
        activity_names=tuple(name for name, kept in zip(log.activity_names, used, strict=True) if kept),
        cases=cases,
        event_attributes=attributes,
    )
    mapping = activity_map(log)  # the user's corrections to the activity mapping stay
    cut.memo("activity_map", lambda: mapping)
    total = loaded_orders(log)
    cut.memo(_LOADED, lambda: total)
    return cut, source


def loaded_orders(log: EventLog) -> int:
    """The orders of the loaded log ``log`` was trimmed from (its own when it is no trimmed log): what filter
    sentences count against ("312 of 2,000")."""
    return log.memo(_LOADED, lambda: log.n_cases)


_LOADED = "stack_loaded_orders"
