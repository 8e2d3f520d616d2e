"""Two groups of orders side by side: headline numbers with their noise, paths, variants and rework.

Every difference is A - B and comes with a 95% interval or test from ``o2c.stats``; lists of many rows (paths,
variants, activities) are corrected for the number of rows. The biggest differences are ranked on one scale and
the top three are told in plain words.

The package, in the order its modules build on each other: ``groups`` (the two groups and the URL), ``samples``
(measures ranked once per log), ``kpis`` (the headline numbers), ``tables`` (paths, variants, rework),
``differences`` (the ranking and the sentences), ``comparison`` (``compare``, everything the Compare page shows),
``summary`` (``analyze --json``) and ``diff_map`` (the difference process map). The public names are re-exported
here, so ``from o2c.improve.compare import X`` works for each of them.
"""

from o2c.improve.compare.comparison import Comparison, compare
from o2c.improve.compare.diff_map import DifferenceMap, difference_map, difference_map_dot
from o2c.improve.compare.differences import SUMMARY_SIZE, Difference, describe, node_name, path_label
from o2c.improve.compare.groups import (
    OTHERS,
    PRESETS,
    QUERY_A,
    QUERY_B,
    QUERY_OTHERS,
    QUERY_PRESET,
    Groups,
    period_groups,
    value_groups,
)
from o2c.improve.compare.kpis import KPI_KEYS, kpi_comparison
from o2c.improve.compare.summary import compare_summary
from o2c.improve.compare.tables import (
    path_comparison,
    path_wait_tests,
    path_waits,
    rework_comparison,
    variant_comparison,
)

__all__ = [
    "KPI_KEYS",
    "OTHERS",
    "PRESETS",
    "QUERY_A",
    "QUERY_B",
    "QUERY_OTHERS",
    "QUERY_PRESET",
    "SUMMARY_SIZE",
    "Comparison",
    "Difference",
    "DifferenceMap",
    "Groups",
    "compare",
    "compare_summary",
    "describe",
    "difference_map",
    "difference_map_dot",
    "kpi_comparison",
    "node_name",
    "path_comparison",
    "path_label",
    "path_wait_tests",
    "path_waits",
    "period_groups",
    "rework_comparison",
    "value_groups",
    "variant_comparison",
]
