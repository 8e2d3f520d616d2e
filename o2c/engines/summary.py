"""``analyze --json`` from any engine: the keys the in-memory summary has that SQL can give, with equal numbers."""

from __future__ import annotations

from o2c.engines.base import AnalysisEngine
from o2c.log.filters import Filters

# Keys of ``o2c.cli.main.analysis_summary`` that every engine computes; the rest needs the in-memory engine.
ENGINE_KEYS = (
    "cases",
    "events",
    "activities",
    "start",
    "end",
    "case_duration_seconds",
    "start_activities",
    "end_activities",
    "dfg",
    "variants",
    "rework",
)


def engine_summary(engine: AnalysisEngine, filters: Filters = Filters()) -> dict:
    """The ``ENGINE_KEYS`` of ``analyze --json`` for the orders ``filters`` selects, computed by ``engine``."""
    counts = engine.counts(filters)
    durations = engine.duration_stats(filters)
    dfg = engine.dfg(filters)
    variants = engine.variant_table(filters)
    rework = engine.rework(filters)
    return {
        "engine": engine.name,
        "cases": counts.orders,
        "events": counts.events,
        "filter": filters.describe(
            counts.orders, counts.orders if filters.is_empty else engine.counts(Filters()).orders
        ),
        "activities": engine.activity_counts(filters),
        "start": counts.start.isoformat() if counts.start is not None else None,
        "end": counts.end.isoformat() if counts.end is not None else None,
        "case_duration_seconds": {
            "median": durations.median_seconds,
            "mean": durations.mean_seconds,
            "p90": durations.p90_seconds,
        },
        "start_activities": engine.start_activities(filters),
        "end_activities": engine.end_activities(filters),
        "dfg": [
            {"from": s, "to": t, "count": int(c), "median_seconds": float(m)}
            for s, t, c, m in zip(dfg["source"], dfg["target"], dfg["count"], dfg["median_seconds"])
        ],
        "variants": [
            {"activities": list(a), "cases": int(n)} for a, n in zip(variants["activities"], variants["orders"])
        ],
        "rework": {"rate": rework.rate, "by_activity": rework.by_activity},
    }
