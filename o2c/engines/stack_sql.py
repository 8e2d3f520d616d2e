"""The filter stack as SQL: one condition per filter on the order code ``cc`` that every prepared table carries,
with the in-memory definitions (``o2c.log.stack.steps``) to the last tie and rounding.

Conditions read ``ev`` (one row per event: order ``cc``, position ``pos`` in time order with ties in file order,
``ts_us``, activity code ``act``, next activity ``nxt`` and ``wait_us`` to it, the text event attributes) and
``cases`` (one row per order: ``first_act``, ``last_act``, ``reworked``, ``case_id``). Times are compared as
numpy compares them: nanoseconds as a double, seconds as nanoseconds over 1e9. A filter's absence is the orders
without a hit (an anti join, which Spark plans without a null-aware nested loop, unlike ``NOT IN``).

Activity names resolve as in memory (``o2c.log.vocabulary``: a role means every activity playing it, otherwise
the activity of that name, case ignored); user text only ever travels as ``?`` parameters.
"""

from __future__ import annotations

from collections.abc import Sequence

from o2c.engines.where import FALSE, TRUE, Band, Context, Where
from o2c.errors import FixableError
from o2c.log.eventlog import NS_PER_SECOND
from o2c.log.stack import step_text
from o2c.log.stack.steps import (
    Endpoint,
    EventAttribute,
    Follows,
    Orders,
    Performance,
    Presence,
    Rework,
    StackFilter,
    Trim,
)
from o2c.log.vocabulary import resolve_in


def stack_where(
    steps: Sequence[StackFilter], base: Where, context: Context, engine: str, band: Band | None = None
) -> Where:
    """The steps as one condition, in order: a percentile band is computed over the orders that ``base`` and the
    steps before it keep. Raises ``FixableError`` for names the source does not have (as ``check_steps`` in
    memory) and for filters without an SQL form, naming them."""
    unsupported = [step for step in steps if not _supported(step, context, band)]
    if unsupported:
        raise FixableError("engines.stack", engine=engine, filters=", ".join(step_text(s) for s in unsupported))
    _check_names(steps, context)
    where = TRUE
    for step in steps:
        where &= _fragment(step, context, base & where, band)
    return where


def _supported(step: StackFilter, context: Context, band: Band | None) -> bool:
    if isinstance(step, Trim):  # it keeps events, not orders: a derived log the prepared tables do not hold
        return False
    if isinstance(step, Performance) and step.percentiles:
        return band is not None
    if isinstance(step, EventAttribute):
        return context.event_columns.get(step.attribute, "") is not None
    return True


def _check_names(steps: Sequence[StackFilter], context: Context) -> None:
    names = (name for step in steps for name in step.activities())
    unknown = list(dict.fromkeys(name for name in names if not _resolve(context, name)))
    if unknown:
        known = ", ".join(sorted({name for name, _ in context.activities.pairs}))
        raise FixableError("stack.error.activity", name=", ".join(unknown), known=known)
    for step in steps:
        if isinstance(step, EventAttribute) and step.attribute not in context.event_columns:
            known = ", ".join(context.event_columns) or "–"
            raise FixableError("stack.error.attribute", name=step.attribute, known=known)


def _fragment(step: StackFilter, context: Context, kept: Where, band: Band | None) -> Where:
    if isinstance(step, Presence):
        codes = _codes(context, step.names)
        return _orders(_in("e.act", codes, "SELECT e.cc FROM ev e WHERE {}"), step.present)
    if isinstance(step, Endpoint):
        column = "k.last_act" if step.end else "k.first_act"
        names = tuple(context.activities.pairs[code][0] for code in _codes(context, step.names))
        hit = _in(column, names, "SELECT k.cc FROM cases k WHERE {}")
        return _orders(hit, step.present)
    if isinstance(step, Rework):
        if not step.activity:
            return Where(f"cc IN (SELECT k.cc FROM cases k WHERE k.reworked = {1 if step.present else 0})")
        codes = _codes(context, (step.activity,))
        hit = _in("e.act", codes, "SELECT e.cc FROM ev e WHERE {} GROUP BY e.cc HAVING count(*) > 1")
        return _orders(hit, step.present)
    if isinstance(step, Performance):
        return _performance(step, context, kept, band)
    if isinstance(step, EventAttribute):
        return _event_attribute(step, context)
    if isinstance(step, Follows):
        return _orders(_follows(step, context), step.present)
    if isinstance(step, Orders):
        return _orders(_in("k.case_id", step.ids, "SELECT k.cc FROM cases k WHERE {}"), True)
    raise AssertionError(step)  # a trim was refused above


# --- the filters that need more than one line ---------------------------------------------------------------


def _performance(step: Performance, context: Context, kept: Where, band: Band | None) -> Where:
    """The measure between the bounds; a percentile band's bounds are those of the orders ``kept`` so far that
    have the measure."""
    if step.first:
        measure = _between_measure(context, step.first, step.then)
        column = "m.secs"
        values = Where(
            f"SELECT m.secs AS v FROM ({measure.sql}) m WHERE m.cc IN (SELECT cc FROM cases WHERE {kept.sql})",
            measure.params + kept.params,
        )
    else:
        column = _seconds("end_us - start_us")
        values = Where(f"SELECT {column} AS v FROM cases WHERE {kept.sql}", kept.params)
    low, high = step.low, step.high
    if step.percentiles:
        assert band is not None  # refused in _supported otherwise
        bounds = band(values, (low or 0.0) / 100, (100.0 if high is None else high) / 100)
        if bounds is None:  # no order kept so far has the measure
            return FALSE
        low, high = bounds
    parts, params = [], []
    if low is not None:
        parts.append(f"{column} >= ?")
        params.append(float(low))
    if high is not None:
        parts.append(f"{column} <= ?")
        params.append(float(high))
    if not step.first:
        return Where(" AND ".join(parts), tuple(params)) if parts else TRUE
    condition = " AND ".join(parts) or "TRUE"
    return Where(f"cc IN (SELECT m.cc FROM ({measure.sql}) m WHERE {condition})", measure.params + tuple(params))


def _between_measure(context: Context, first: str, then: str) -> Where:
    """Per order with both: seconds from its first A to the first B after it (columns ``cc``, ``secs``)."""
    firsts = _first_a(context, first)
    b_codes = _codes(context, (then,))  # not empty: the names were checked
    sql = (
        f"SELECT f.cc AS cc, {_seconds('min(b.ts_us) - f.ats')} AS secs FROM ({firsts.sql}) f "
        f"JOIN ev b ON b.cc = f.cc AND b.pos > f.apos WHERE b.act IN ({_marks(b_codes)}) GROUP BY f.cc, f.ats"
    )
    return Where(sql, firsts.params + tuple(b_codes))


def _first_a(context: Context, name: str) -> Where:
    """Per order with an A: the position (``apos``) and time (``ats``) of its first A."""
    codes = _codes(context, (name,))
    return Where(
        f"SELECT e.cc AS cc, min(e.pos) AS apos, min(e.ts_us) AS ats FROM ev e WHERE e.act IN ({_marks(codes)}) "
        "GROUP BY e.cc",
        tuple(codes),
    )


def _follows(step: Follows, context: Context) -> Where:
    """The orders where it happens (the caller negates ``notfollows``)."""
    a_codes, b_codes = _codes(context, (step.first,)), _codes(context, (step.then,))  # checked: not empty
    limit = float(step.seconds * NS_PER_SECOND)
    if step.directly:  # the next event; its gap is the wait to it
        gap = {
            "within": " AND CAST(e.wait_us * 1000 AS DOUBLE) <= ?",
            "beyond": " AND CAST(e.wait_us * 1000 AS DOUBLE) > ?",
        }
        sql = f"SELECT e.cc FROM ev e WHERE e.act IN ({_marks(a_codes)}) AND e.nxt IN ({_marks(b_codes)})"
        return Where(sql + gap.get(step.limit, ""), (*a_codes, *b_codes, *((limit,) if step.limit else ())))
    if step.limit == "within":  # the closest A before a B gives the shortest gap: any A before it will do
        sql = (
            f"SELECT a.cc FROM ev a JOIN ev b ON b.cc = a.cc AND b.pos > a.pos WHERE a.act IN ({_marks(a_codes)}) "
            f"AND b.act IN ({_marks(b_codes)}) AND CAST((b.ts_us - a.ts_us) * 1000 AS DOUBLE) <= ?"
        )
        return Where(sql, (*a_codes, *b_codes, limit))
    firsts = _first_a(context, step.first)  # the first A gives the longest gap
    sql = (
        f"SELECT f.cc FROM ({firsts.sql}) f JOIN ev b ON b.cc = f.cc AND b.pos > f.apos "
        f"WHERE b.act IN ({_marks(b_codes)})"
    )
    if step.limit == "beyond":
        return Where(sql + " AND CAST((b.ts_us - f.ats) * 1000 AS DOUBLE) > ?", (*firsts.params, *b_codes, limit))
    return Where(sql, (*firsts.params, *b_codes))


def _event_attribute(step: EventAttribute, context: Context) -> Where:
    column = context.event_columns[step.attribute]
    if not step.values:
        return FALSE
    sql = f"SELECT e.cc FROM ev e WHERE e.{column} IN ({_marks(step.values)})"
    params: tuple[object, ...] = tuple(step.values)
    if step.activity:
        codes = _codes(context, (step.activity,))
        sql += f" AND e.act IN ({_marks(codes)})"
        params += tuple(codes)
    return Where(f"cc IN ({sql})", params)


# --- small pieces -----------------------------------------------------------------------------------------------


def _codes(context: Context, names: Sequence[str]) -> list[int]:
    """Activity codes of the names, ascending."""
    return sorted({code for name in names for code in _resolve(context, name)})


def _resolve(context: Context, name: str) -> list[int]:
    pairs = context.activities.pairs
    return resolve_in([own for own, _ in pairs], [role for _, role in pairs], name)


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


def _in(column: str, values: Sequence[object], select: str) -> Where:
    """``select`` (with ``{}`` for its condition) restricted to ``column`` in ``values``; FALSE when none."""
    if not values:
        return FALSE
    return Where(select.format(f"{column} IN ({_marks(values)})"), tuple(values))


def _orders(hit: Where, present: bool) -> Where:
    """The orders in the query ``hit`` (one column, the order code), or, with ``present`` False, the others."""
    if hit.sql == "FALSE":
        return FALSE if present else TRUE
    if present:
        return Where(f"cc IN ({hit.sql})", hit.params)
    return Where(
        f"cc IN (SELECT k.cc FROM cases k LEFT JOIN ({hit.sql}) h ON k.cc = h.cc WHERE h.cc IS NULL)", hit.params
    )


def _seconds(us_expression: str) -> str:
    """Microseconds as seconds the way numpy divides nanoseconds: (ns as a double) / 1e9, to the last bit."""
    return f"CAST(({us_expression}) * 1000 AS DOUBLE) / 1e9"
