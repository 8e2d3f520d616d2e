"""Filters as a parameterised SQL ``WHERE``: one fragment function per filter type.

Each fragment reads the per-order columns every prepared table carries (``start_us``, ``end_us``: first and last
event time in microseconds since the epoch, UTC; ``vcode``: the variant code; the order attributes under their
template names) and returns SQL with ``?`` placeholders plus the values for them, so user text never becomes SQL.
A new filter type is one more function in ``FRAGMENTS``; the filter stack's conditions are in ``stack_sql.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from o2c.log.filters import Filters
from o2c.log.vocabulary import ActivityMap


@dataclass(frozen=True)
class Where:
    """A condition with ``?`` placeholders and the values that fill them, in order."""

    sql: str
    params: tuple[object, ...] = ()

    def __and__(self, other: Where) -> Where:
        if other.sql == "TRUE":
            return self
        if self.sql == "TRUE":
            return other
        return Where(f"({self.sql}) AND ({other.sql})", self.params + other.params)


TRUE = Where("TRUE")
FALSE = Where("FALSE")

Band = Callable[[Where, float, float], "tuple[float, float] | None"]
"""Given a query of one column ``v`` (the measure of the orders kept so far) and two quantiles (0 to 1), its
bounds as ``numpy.quantile`` computes them, None when it has no rows."""


@dataclass(frozen=True)
class Context:
    """What the fragments need to know about the prepared tables: the attribute columns (template name ->
    quoted column), the variant codes of the variant ids, the activities (their codes are their places in it,
    with the roles they play) and the event attribute columns (name -> column; None: it has no SQL form)."""

    attribute_columns: Mapping[str, str]
    variant_codes: Mapping[str, int]
    activities: ActivityMap = ActivityMap(())
    event_columns: Mapping[str, str | None] = field(default_factory=dict)


def attribute_fragment(filters: Filters, context: Context) -> Where:
    """Any of the listed values, per attribute (an attribute the log does not have is ignored, as in memory)."""
    where = TRUE
    for name, values in filters.attributes.items():
        column = context.attribute_columns.get(name)
        if values and column is not None:
            placeholders = ", ".join("?" for _ in values)
            where &= Where(f"{column} IN ({placeholders})", tuple(str(v) for v in values))
    return where


def date_fragment(filters: Filters, context: Context) -> Where:
    """Orders started, completed or running within the days ``date_from`` to ``date_to`` (inclusive, UTC)."""
    if filters.date_from is None and filters.date_to is None:
        return TRUE
    parts: list[str] = []
    params: list[object] = []
    low = _day_us(filters.date_from) if filters.date_from else None
    high = _day_us(filters.date_to + dt.timedelta(days=1)) if filters.date_to else None
    first, last = {"started": ("start_us", "start_us"), "completed": ("end_us", "end_us")}.get(
        filters.date_mode,
        ("end_us", "start_us"),  # intersecting: ends after the start, starts before the end
    )
    if low is not None:
        parts.append(f"{first} >= ?")
        params.append(low)
    if high is not None:
        parts.append(f"{last} < ?")
        params.append(high)
    return Where(" AND ".join(parts), tuple(params))


def variant_fragment(filters: Filters, context: Context) -> Where:
    """Orders of the chosen variants (unknown ids match nothing, as in memory)."""
    if not filters.variants:
        return TRUE
    codes = sorted({context.variant_codes[v] for v in filters.variants if v in context.variant_codes})
    if not codes:
        return Where("FALSE")
    return Where(f"vcode IN ({', '.join('?' for _ in codes)})", tuple(codes))


FRAGMENTS: Sequence[Callable[[Filters, Context], Where]] = (attribute_fragment, date_fragment)
"""The order filters before the stack; the variants come after it (they are those of the log the stack ends
on, as in memory)."""


def where_clause(
    filters: Filters,
    context: Context,
    engine: str = "SQL",
    band: Band | None = None,
    remember: Callable[[Where], Where] | None = None,
) -> Where:
    """All fragments joined with AND (``TRUE`` without filters), the filter stack's between the order filters and
    the variants. ``band`` finds a percentile band's bounds (``o2c.engines.stack_sql``); without it such a band
    is refused. ``remember`` may replace the stack's condition by an equal one (its orders kept in a table).
    Raises ``FixableError`` for a stack filter without an SQL form (a trim): leaving it out would give numbers
    for other orders than asked."""
    where = TRUE
    for fragment in FRAGMENTS:
        where &= fragment(filters, context)
    if filters.steps:
        from o2c.engines.stack_sql import stack_where  # noqa: PLC0415 - stack_sql builds on this module

        stack = stack_where(filters.steps, where, context, engine, band)
        where &= remember(stack) if remember is not None and stack.sql not in ("TRUE", "FALSE") else stack
    return where & variant_fragment(filters, context)


def _day_us(day: dt.date) -> int:
    return pd.Timestamp(day, tz="UTC").value // 1000
