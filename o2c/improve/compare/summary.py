"""A comparison for ``analyze --json --compare``: a group against the rest, as plain data."""

from __future__ import annotations

import math

from o2c.improve.compare.comparison import compare
from o2c.improve.compare.differences import SUMMARY_SIZE, describe, node_name
from o2c.improve.compare.groups import Groups
from o2c.log.eventlog import EventLog
from o2c.log.filters import Filters


def compare_summary(log: EventLog, group: Filters, base: Filters = Filters(), paths: int = 10) -> dict:
    """``analyze --json --compare KEY=VALUE``: the orders of ``group`` against the rest (both within ``base``).

    ``kpis``: per ``KPI_KEYS`` entry the value of the group and of the rest (seconds, shares or orders), the
    difference, its 95% interval and whether it is more than noise; ``paths``: the ``paths`` directly-follows
    paths whose share of orders differs most; ``differences``: the three biggest differences in words.
    """
    view = base.apply(log)
    groups = Groups(group)
    a, b = groups.views(view)
    result = compare(a, b)
    kpis = {}
    for key, row in result.kpis.iterrows():
        kpis[key] = {
            "group": _number(row["a"], row["unit"]),
            "rest": _number(row["b"], row["unit"]),
            "unit": row["unit"],
            "difference": _number(row["difference"], row["unit"]),
            "ci95": None if math.isnan(row["low"]) else [row["low"], row["high"]],
            "significant": row["significant"],
        }
        if row["note"]:
            kpis[key]["missing"] = row["note_arg"]
    top_paths = [
        {
            "from": node_name(log, r.source),
            "to": node_name(log, r.target),
            "group_share": r.share_a,
            "rest_share": r.share_b,
            "difference": r.difference,
            "ci95": [r.low, r.high],
            "significant": bool(r.significant),
            "group_orders": int(r.orders_a),
            "rest_orders": int(r.orders_b),
        }
        for r in result.paths.head(paths).itertuples(index=False)
    ]
    group_names = groups.names()
    return {
        "group": group_names[0],
        "within": base.describe(view.n_cases, log.n_cases),
        "orders": {"group": result.n_a, "rest": result.n_b},
        "kpis": kpis,
        "paths": top_paths,
        "differences": [describe(d, log, group_names) for d in result.differences[:SUMMARY_SIZE]],
    }


def _number(value: float, unit: str) -> float | int | None:
    if value is None or math.isnan(value):
        return None
    return int(value) if unit == "orders" else float(value)
