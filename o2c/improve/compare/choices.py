"""What the Compare page offers to build a group from: the order attributes with their values, and the dates."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from o2c.log.eventlog import EventLog
from o2c.log.filters import PRIMARY_ATTRIBUTES, DateMode, Filters

MAX_VALUES = 5000
"""Attributes with more distinct values are ids, not groups (as in the sidebar)."""


def attribute_values(log: EventLog, max_values: int = MAX_VALUES) -> dict[str, list[str]]:
    """Order attributes that can define a group (categorical, 1 to ``max_values`` values), each with its values
    sorted; the sidebar's primary attributes first, then the others by name."""
    found = {}
    for name in log.case_attribute_names():
        column = log.cases[name]
        if isinstance(column.dtype, pd.CategoricalDtype) and 0 < len(column.cat.categories) <= max_values:
            found[name] = sorted(map(str, column.cat.categories))
    return {name: found[name] for name in sorted(found, key=lambda n: (n not in PRIMARY_ATTRIBUTES, n))}


def date_bounds(log: EventLog) -> tuple[dt.date, dt.date]:
    """The first order's start day and the last order's end day."""
    return log.cases["start"].min().date(), log.cases["end"].max().date()


def group_filters(
    attribute: str,
    values: tuple[str, ...],
    dates: object,
    date_mode: DateMode | None,
    variants: tuple[str, ...],
    bounds: tuple[dt.date, dt.date],
) -> Filters:
    """The filters of one custom group from its choices: ``values`` of ``attribute`` (none: any), ``dates`` a
    (start, end) pair (anything else, e.g. a half-picked range: all dates; the log's ``bounds`` mean no limit),
    ``date_mode`` (None: "started") and ``variants``.

    >>> bounds = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    >>> picked = group_filters("region", ("EU",), (dt.date(2024, 3, 1), dt.date(2024, 12, 31)), None, (), bounds)
    >>> picked.attributes, picked.date_from, picked.date_to, picked.date_mode
    ({'region': ('EU',)}, datetime.date(2024, 3, 1), None, 'started')
    """
    low, high = bounds
    start, end = dates if isinstance(dates, (tuple, list)) and len(dates) == 2 else (low, high)
    return Filters(
        {attribute: values} if attribute and values else {},
        start if start > low else None,
        end if end < high else None,
        date_mode or "started",
        variants,
    )
