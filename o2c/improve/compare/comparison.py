"""Two groups of orders side by side: headline numbers, paths, variants, rework and the biggest differences."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from o2c.conform.rules import DEFAULT_RULES, RuleSet
from o2c.discover.rework import rework
from o2c.improve.compare.differences import Difference, ranked_differences
from o2c.improve.compare.kpis import kpi_comparison
from o2c.improve.compare.tables import path_comparison, rework_comparison, variant_comparison
from o2c.log.eventlog import LogView
from o2c.stats import SMALL_GROUP


@dataclass(frozen=True)
class Comparison:
    """Group A against group B.

    ``kpis``: one row per ``KPI_KEYS`` entry (index ``key``): ``unit`` ("orders", "seconds", "share"), ``a``,
    ``b``, ``difference`` and its 95% interval ``low``/``high``, ``significant`` (None where not tested), the
    orders measured ``n_a``/``n_b``, the rank-test ``effect`` and ``p_value`` for times, and ``note``/``note_arg``
    (an i18n key and the missing activity or column) where the log cannot say. ``paths``, ``variants`` and
    ``rework``: see ``path_comparison``, ``variant_comparison`` and ``rework_comparison``. ``differences``: the
    differences that stay more than noise after correcting for every comparison made, biggest first.
    """

    n_a: int
    n_b: int
    overlap: int
    kpis: pd.DataFrame
    paths: pd.DataFrame
    variants: pd.DataFrame
    rework: pd.DataFrame
    differences: list[Difference]

    @property
    def small(self) -> bool:
        """True when a group has fewer than ``SMALL_GROUP`` orders: read the results with care."""
        return min(self.n_a, self.n_b) < SMALL_GROUP


def compare(a: LogView, b: LogView, rules: RuleSet = DEFAULT_RULES) -> Comparison:
    """Everything the Compare page shows about group A against group B (adherence to ``rules``)."""
    rework_a, rework_b = rework(a), rework(b)
    kpis = kpi_comparison(a, b, rework_a, rework_b, rules)
    paths = path_comparison(a, b)
    variants = variant_comparison(a, b)
    activities = rework_comparison(rework_a, rework_b)
    differences = ranked_differences(kpis, paths, variants, activities, a, b)
    return Comparison(
        a.n_cases, b.n_cases, int((a.case_mask & b.case_mask).sum()), kpis, paths, variants, activities, differences
    )
