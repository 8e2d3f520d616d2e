"""Cost per order: a cost per execution of each activity, summed over an order's events.

The default costs are **illustrative**: a typical manual handling effort per execution (minutes) at a loaded
labour rate of 45 EUR per hour, rounded. They let the pages show something on any log and are meant to be
replaced by the user's own figures, on the template's Activities sheet (``cost_per_execution`` and
``manual_minutes``) or in the editable table on the Automation & cost page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, cast

import numpy as np
import pandas as pd

from o2c.discover.variants import short_path
from o2c.errors import Explained
from o2c.ingest.activity_sheet import ACTIVITIES_SHEET
from o2c.ingest.read import workbook_sheet_rows
from o2c.log.activities import ACTIVITIES
from o2c.log.attributes import MISSING_LABEL, attribute_codes, pool_rare
from o2c.log.eventlog import EventLog, LogView
from o2c.log.index import variant_index
from o2c.log.vocabulary import ROLE_BY_KEY, ROLES, activity_map
from o2c.stats import group_quantiles

COST_COLUMN = "cost_per_execution"
MINUTES_COLUMN = "manual_minutes"
HOURLY_RATE_EUR = 45.0

# activity -> (manual handling minutes per execution, cost per execution in EUR). Illustrative defaults.
_DEFAULTS: dict[str, tuple[float, float]] = {
    "Create Sales Order": (15, 11.0),
    "Credit Check Passed": (20, 15.0),
    "Credit Check Failed": (30, 22.5),
    "Order Approved": (15, 11.0),
    "Order Activated": (5, 4.0),
    "Order Confirmation Sent": (4, 3.0),
    "Inventory Allocated": (6, 4.5),
    "Picked": (20, 15.0),
    "Shipped": (12, 9.0),
    "Delivered": (2, 1.5),
    "Invoice Created": (8, 6.0),
    "Invoice Sent": (4, 3.0),
    "Payment Reminder Sent": (10, 7.5),
    "Payment Received": (6, 4.5),
    "Order Changed": (25, 19.0),
    "Order Cancelled": (12, 9.0),
}
assert set(_DEFAULTS) == {a.name for a in ACTIVITIES}, "every catalogue activity needs a default cost"

DEFAULT_COSTS: dict[str, float] = {name: cost for name, (_, cost) in _DEFAULTS.items()}
"""Illustrative cost per execution (EUR) of every standard activity; replace them with your own."""
DEFAULT_MINUTES: dict[str, float] = {name: float(minutes) for name, (minutes, _) in _DEFAULTS.items()}
"""Illustrative manual handling minutes per execution of every standard activity."""


@dataclass(frozen=True)
class CostTable:
    """Cost per execution of each activity (``costs``: (activity, cost) pairs) and, optionally, the manual
    handling minutes per execution (``minutes``). Activities not listed cost 0 and take 0 minutes.

    Frozen and made of tuples, so it is hashable: results computed for one table are kept per table.
    """

    costs: tuple[tuple[str, float], ...]
    currency: str = "EUR"
    minutes: tuple[tuple[str, float], ...] = field(default=())

    @cached_property
    def _cost(self) -> dict[str, float]:
        return dict(self.costs)

    @cached_property
    def _minutes(self) -> dict[str, float]:
        return dict(self.minutes)

    def cost_of(self, name: str) -> float:
        """The cost of one execution of activity ``name`` (0 when the table does not list it)."""
        return float(self._cost.get(name, 0.0))

    def minutes_of(self, name: str) -> float:
        """The manual handling minutes of one execution of ``name`` (0 when not listed)."""
        return float(self._minutes.get(name, 0.0))

    def per_code(self, names: tuple[str, ...] | list[str]) -> np.ndarray:
        """Cost per execution for each activity code of a log with these activity names."""
        return np.array([self.cost_of(n) for n in names], dtype=float)

    def minutes_per_code(self, names: tuple[str, ...] | list[str]) -> np.ndarray:
        """Manual minutes per execution for each activity code of a log with these activity names."""
        return np.array([self.minutes_of(n) for n in names], dtype=float)

    def to_frame(self) -> pd.DataFrame:
        """The table as ``activity``, ``cost_per_execution``, ``manual_minutes`` rows (for an editor)."""
        names = [name for name, _ in self.costs]
        return pd.DataFrame(
            {
                "activity": names,
                COST_COLUMN: [self.cost_of(n) for n in names],
                MINUTES_COLUMN: [self.minutes_of(n) for n in names],
            }
        )


def default_cost_table(log: EventLog | None = None) -> CostTable:
    """The illustrative defaults for the activities of ``log`` (all standard activities without a log);
    activities outside the standard catalogue cost 0."""
    if log is None:
        return CostTable(tuple(DEFAULT_COSTS.items()), minutes=tuple(DEFAULT_MINUTES.items()))
    names = _catalogue_first(log)
    return CostTable(
        tuple((n, _default(log, n, DEFAULT_COSTS)) for n in names),
        minutes=tuple((n, _default(log, n, DEFAULT_MINUTES)) for n in names),
    )


def cost_table_for(log: EventLog, sheet: CostTable | None) -> CostTable:
    """One row per activity of ``log``: the workbook's figures where ``sheet`` lists the activity, else the
    defaults."""
    if sheet is None:
        return default_cost_table(log)
    listed = dict(sheet.costs)
    names = _catalogue_first(log)
    return CostTable(
        tuple((n, listed.get(n, _default(log, n, DEFAULT_COSTS))) for n in names),
        sheet.currency,
        tuple((n, sheet.minutes_of(n) if n in listed else _default(log, n, DEFAULT_MINUTES)) for n in names),
    )


def _default(log: EventLog, name: str, defaults: dict[str, float]) -> float:
    """The default for an activity: its own, else that of the standard activity of its role (so 收到付款 or
    "Paid" cost what "Payment Received" costs)."""
    if name in defaults:
        return defaults[name]
    role = activity_map(log).roles.get(name)
    return defaults.get(ROLE_BY_KEY[role].name, 0.0) if role else 0.0


def _catalogue_first(log: EventLog) -> tuple[str, ...]:
    """Standard activities in process order, then the other activities with a role in the roles' order, then
    the rest alphabetically."""
    present = set(log.activity_names)
    standard = tuple(n for n in DEFAULT_COSTS if n in present)
    order = {role.key: i for i, role in enumerate(ROLES)}
    roles = activity_map(log).roles
    rest = sorted(present - set(standard), key=lambda n: (order.get(roles.get(n) or "", len(order)), n))
    return standard + tuple(rest)


def table_from_frame(frame: pd.DataFrame, currency: str = "EUR") -> CostTable:
    """A cost table from an edited ``activity`` / ``cost_per_execution`` / ``manual_minutes`` frame; empty or
    negative numbers count as 0."""

    def numbers(column: str) -> list[float]:
        if column not in frame:
            return [0.0] * len(frame)
        values = pd.to_numeric(frame[column], errors="coerce").fillna(0.0).clip(lower=0.0)
        return [float(v) for v in values]

    names = [str(n) for n in frame["activity"]]
    return CostTable(tuple(zip(names, numbers(COST_COLUMN))), currency, tuple(zip(names, numbers(MINUTES_COLUMN))))


def order_costs(log: EventLog, table: CostTable) -> np.ndarray:
    """Cost of every order of ``log`` (all cases, case-code order): the sum of its events' costs per execution.
    Kept on the log per table."""
    cache: dict[CostTable, np.ndarray] = log.memo("order_costs", dict)
    if table not in cache:
        if len(cache) >= 8:  # each edit of the table is a new table: keep the recent ones
            cache.pop(next(iter(cache)))
        weights = table.per_code(log.activity_names)[log.activity]
        cache[table] = np.bincount(log.case, weights=weights, minlength=log.n_cases)
    return cache[table]


def repeated_executions(log: EventLog) -> np.ndarray:
    """Bool per event: the activity already happened earlier in the same order (a repeated execution)."""

    def build() -> np.ndarray:
        # Sort by (case, activity) stably: equal keys stay in time order, so the first of each run is the order's
        # first execution. The keys ascend by case already, so timsort (numpy's stable sort) only sorts within
        # each order: several times faster than grouping by activity with a radix sort.
        key = log.case.astype(np.int64) * max(len(log.activity_names), 1) + log.activity
        order = np.argsort(key, kind="stable")
        key = key[order]
        first = np.ones(order.size, dtype=bool)
        first[1:] = key[1:] != key[:-1]
        repeated = np.ones(log.n_events, dtype=bool)
        repeated[order[first]] = False
        return repeated

    return log.memo("repeated_executions", build)


@dataclass(frozen=True)
class ReworkCost:
    """The cost of repeated executions in a view: ``total``, ``orders`` affected, and per activity
    (``activity``, ``repeated``, ``cost_per_execution``, ``cost``), most costly first."""

    total: float
    orders: int
    by_activity: pd.DataFrame


def rework_cost(view: LogView, table: CostTable) -> ReworkCost:
    """Cost of executions beyond the first of each activity in each selected order."""
    log = view.log
    repeated = repeated_executions(log) & view.event_mask
    counts = np.bincount(log.activity[repeated], minlength=len(log.activity_names))
    prices = table.per_code(log.activity_names)
    present = np.flatnonzero(counts)
    frame = pd.DataFrame(
        {
            "activity": [log.activity_names[k] for k in present],
            "repeated": counts[present],
            "cost_per_execution": prices[present],
            "cost": counts[present] * prices[present],
        }
    )
    frame = frame.sort_values(["cost", "repeated"], ascending=False, kind="stable", ignore_index=True)
    orders = int(np.unique(log.case[repeated]).size)
    return ReworkCost(float(frame["cost"].sum()), orders, frame)


# ---------------------------------------------------------------------------------------------- cost per group

GROUP_COLUMNS = ("value", "orders", "median", "mean", "total", "share")


def cost_by_attribute(view: LogView, table: CostTable, attribute: str, max_values: int = 20) -> pd.DataFrame:
    """Cost per order by the values of an order attribute (``GROUP_COLUMNS``; ``share`` of the view's total
    cost), most costly in total first; numbers come as quartile bands, dates as months, rare values pooled."""
    codes, labels = attribute_codes(view.cases[attribute])
    codes = np.where(codes < 0, len(labels), codes)
    codes, labels = pool_rare(codes, [*labels, MISSING_LABEL], max_values)
    return _grouped(order_costs(view.log, table)[view.case_mask], codes, labels)


def cost_by_variant(view: LogView, table: CostTable, limit: int = 15) -> pd.DataFrame:
    """Cost per order of the ``limit`` variants with the highest total cost in the view: ``GROUP_COLUMNS``
    (``value`` is the variant id) plus ``code`` (index into ``variant_index(log).sequences``) and ``path``
    (short, against the view's most frequent variant)."""
    index = variant_index(view.log)
    codes = index.case_variant[view.case_mask].astype(np.int64)
    costs = order_costs(view.log, table)[view.case_mask]
    n = len(index.ids)
    totals = np.bincount(codes, weights=costs, minlength=n)
    counts = np.bincount(codes, minlength=n)
    present = np.flatnonzero(counts)
    top = present[np.lexsort((present, -totals[present]))][:limit]
    keep = np.isin(codes, top)
    remap = np.full(n, -1, dtype=np.int64)
    remap[top] = np.arange(top.size)
    frame = _grouped(costs[keep], remap[codes[keep]], [index.ids[c] for c in top], total=float(costs.sum()))
    frame["code"] = frame["value"].map({index.ids[c]: int(c) for c in top})
    reference = index.sequences[int(present[np.argmax(counts[present])])] if present.size else ()
    frame["path"] = [short_path(index.sequences[c], reference) for c in frame["code"]]
    return frame


def _grouped(costs: np.ndarray, codes: np.ndarray, labels: list[str], total: float | None = None) -> pd.DataFrame:
    stats = group_quantiles(codes, costs, len(labels), (0.5,))
    present = np.flatnonzero(stats.counts)
    total = float(costs.sum()) if total is None else total
    frame = pd.DataFrame(
        {
            "value": [labels[k] for k in present],
            "orders": stats.counts[present],
            "median": stats.quantiles[present, 0],
            "mean": stats.totals[present] / stats.counts[present],
            "total": stats.totals[present],
            "share": stats.totals[present] / total if total > 0 else np.zeros(present.size),
        }
    )
    return frame.sort_values(["total", "value"], ascending=[False, True], kind="stable", ignore_index=True)


# ---------------------------------------------------------------------------------------------- workbook sheet


@dataclass(frozen=True)
class CostProblem(Explained):
    """A cell of the Activities sheet that could not be read: the Excel row, what is wrong (catalogue ``key``) and
    how to fix it (``key.fix``), both formatted with ``values``."""

    row: int
    key: str
    values: tuple[tuple[str, object], ...] = ()


def read_cost_sheet(data: bytes, filename: str) -> tuple[CostTable | None, list[CostProblem]]:
    """The costs on the ``Activities`` sheet of an uploaded workbook (``activity`` and ``cost_per_execution``,
    optionally ``manual_minutes``); ``(None, [])`` when there is no such sheet or column. A bad cell is
    reported with its Excel row and the activity keeps its default."""
    rows = workbook_sheet_rows(data, filename, ACTIVITIES_SHEET)
    if not rows:
        return None, []
    header = [str(c).strip().casefold() for c in rows[0]]
    if "activity" not in header or COST_COLUMN not in header:
        return None, []
    at = {name: header.index(name) for name in ("activity", COST_COLUMN, MINUTES_COLUMN) if name in header}
    costs: dict[str, float] = {}
    minutes: dict[str, float] = {}
    problems: list[CostProblem] = []
    for number, row in enumerate(rows[1:], start=2):
        cells = list(row) + [""] * (len(header) - len(row))
        activity = str(cells[at["activity"]]).strip()
        if not activity:
            continue
        for column, target, defaults in (
            (COST_COLUMN, costs, DEFAULT_COSTS),
            (MINUTES_COLUMN, minutes, DEFAULT_MINUTES),
        ):
            if column not in at:
                continue
            value, problem = _amount(cells[at[column]])
            if problem:
                key, values = problem
                problems.append(
                    CostProblem(
                        number, key, (("column", column), ("activity", activity), ("row", number), *values.items())
                    )
                )
            target[activity] = defaults.get(activity, 0.0) if value is None else value
    table = CostTable(
        tuple(costs.items()),
        minutes=tuple(minutes.items()) if minutes else tuple((n, DEFAULT_MINUTES.get(n, 0.0)) for n in costs),
    )
    return table, problems


def _amount(cell: object) -> tuple[float | None, tuple[str, dict[str, object]] | None]:
    """A non-negative number from a cell: (value, None) or (None, (catalogue key, values) of what is wrong);
    empty is (None, None)."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None, None
    if isinstance(cell, bool):
        return None, ("automation.cost_problem.not_number", {"cell": cell})
    try:
        # any cell goes to float(): one it cannot read raises TypeError or ValueError, handled below
        value = float(cell.strip()) if isinstance(cell, str) else float(cast(Any, cell))
    except (TypeError, ValueError):
        return None, ("automation.cost_problem.not_number", {"cell": cell})
    if not math.isfinite(value) or value < 0:
        return None, ("automation.cost_problem.negative", {"value": value})
    return value, None
