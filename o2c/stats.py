"""Statistics in plain numpy: quantiles per group, the largest values, and whether a difference between two
groups of orders is more than noise.

* Rates (rework rate, share of orders taking a path): Newcombe's hybrid score interval for the difference of
  two proportions, built from Wilson intervals (Newcombe 1998, method 10). It holds up for small groups and
  rates near 0 or 1, where the textbook z-interval does not.
* Median and 90th percentile: the standard error of each group's quantile from its order statistics
  (McKean & Schrader 1984: the distance between the ranks n·q ± z·sqrt(n·q·(1-q)), over 2z), combined into a
  normal interval for the difference (as Price & Bonett 2002 do for medians). No distribution is assumed.
* Whole distributions (waiting times on a path): the Mann-Whitney U test (normal approximation with tie and
  continuity correction) and its effect size, Cliff's delta = P(A > B) - P(A < B), from -1 to 1. For a yes/no
  outcome Cliff's delta is exactly the difference of the two rates, so both kinds share one scale.

Intervals are 95% by default. A list of many comparisons (every path, every variant) uses ``bonferroni_z`` so
that the chance of one false alarm anywhere in the list stays at 5%.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

Z95 = NormalDist().inv_cdf(0.975)
SMALL_GROUP = 30  # fewer orders than this: results are shown but marked as resting on a small group
MIN_QUANTILE_GROUP = 10  # below this, order statistics say nothing useful about a quantile's spread
MIN_RANK_GROUP = 10  # below this, the normal approximation of the Mann-Whitney U test is unreliable


def bonferroni_z(tests: int, alpha: float = 0.05) -> float:
    """The two-sided critical value that keeps the family-wise error of ``tests`` comparisons at ``alpha``.

    >>> round(bonferroni_z(1), 2), round(bonferroni_z(20), 2)
    (1.96, 3.02)
    """
    return NormalDist().inv_cdf(1 - alpha / (2 * max(tests, 1)))


@dataclass(frozen=True)
class Interval:
    """Differences A - B with the bounds of their confidence intervals (arrays, or floats for one difference).

    Bounds are NaN where the groups are too small to say anything.
    """

    difference: np.ndarray | float
    low: np.ndarray | float
    high: np.ndarray | float

    @property
    def significant(self) -> np.ndarray | bool:
        """True where the interval leaves out 0: the difference is more than noise."""
        result = (np.asarray(self.low) > 0) | (np.asarray(self.high) < 0)
        return bool(result) if result.ndim == 0 else result


def wilson_interval(successes, n, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of a rate ``successes / n`` (NaN where ``n`` is 0).

    >>> [round(float(v), 4) for v in wilson_interval(81, 263)]
    [0.2553, 0.3662]
    """
    x, n = np.asarray(successes, dtype=float), np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        shrink = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / shrink
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / shrink
    return centre - half, centre + half


def rate_difference(x_a, n_a, x_b, n_b, z: float = Z95) -> Interval:
    """The difference of two rates ``x_a / n_a - x_b / n_b`` with Newcombe's hybrid score interval."""
    x_a, n_a, x_b, n_b = (np.asarray(v, dtype=float) for v in (x_a, n_a, x_b, n_b))
    with np.errstate(divide="ignore", invalid="ignore"):
        p_a, p_b = x_a / n_a, x_b / n_b
    low_a, high_a = wilson_interval(x_a, n_a, z)
    low_b, high_b = wilson_interval(x_b, n_b, z)
    difference = p_a - p_b
    low = difference - np.sqrt((p_a - low_a) ** 2 + (high_b - p_b) ** 2)
    high = difference + np.sqrt((high_a - p_a) ** 2 + (p_b - low_b) ** 2)
    return _scalar_if_scalar(Interval(difference, low, high), x_a)


def sorted_quantile(values: np.ndarray, q: float) -> float:
    """The ``q`` quantile of ascending ``values`` as ``np.quantile`` takes it (``np.median`` for 0.5); NaN when
    empty."""
    if values.size == 0:
        return math.nan
    position = q * (values.size - 1)
    low = int(math.floor(position))
    high = min(low + 1, values.size - 1)
    return float(_interpolate(values[low], values[high], np.float64(position - low), q))


def _interpolate(low, high, t, q: float):
    """numpy's linear interpolation, to the last digit: its symmetric formula from t = 0.5 on, and the mean of the
    middle two for the median."""
    if q == 0.5:
        return np.where(t == 0.5, (low + high) / 2, low + (high - low) * t)
    return np.where(t >= 0.5, high - (high - low) * (1 - t), low + (high - low) * t)


def quantile_standard_error(values: np.ndarray, q: float, z: float = Z95) -> float:
    """Standard error of the ``q`` quantile of ascending ``values`` from its order statistics (McKean-Schrader).

    NaN below ``MIN_QUANTILE_GROUP`` values.
    """
    n = values.size
    if n < MIN_QUANTILE_GROUP:
        return math.nan
    spread = z * math.sqrt(n * q * (1 - q))
    low = min(max(int(math.floor(n * q - spread)), 1), n)  # 1-based ranks of the distribution-free interval
    high = min(max(int(math.ceil(n * q + spread)), 1), n)
    return float(values[high - 1] - values[low - 1]) / (2 * z)


def quantile_difference(a: np.ndarray, b: np.ndarray, q: float, z: float = Z95) -> Interval:
    """The difference of the ``q`` quantiles of two ascending samples with a 95% (``z``) normal interval."""
    difference = sorted_quantile(a, q) - sorted_quantile(b, q)
    se = math.hypot(quantile_standard_error(a, q), quantile_standard_error(b, q))
    return Interval(difference, difference - z * se, difference + z * se)


@dataclass(frozen=True)
class RankedValues:
    """Values in groups (one group per path, say), ascending within each group, with their runs of ties.

    Built once per data set; ``mann_whitney`` and ``group_quantile`` then test or summarise any two subsets
    in one pass. Group ``g`` holds ``values[group_bounds[g]:group_bounds[g + 1]]``.
    """

    values: np.ndarray
    group_bounds: np.ndarray
    block_starts: np.ndarray  # first position of each run of equal values within a group
    block_group: np.ndarray

    @property
    def n_groups(self) -> int:
        """Number of groups."""
        return self.group_bounds.size - 1


def sort_within_groups(values: np.ndarray, group_bounds: np.ndarray) -> np.ndarray:
    """The order that sorts ``values`` ascending inside each group, groups staying in place."""
    order = np.empty(values.size, dtype=np.int64)
    for low, high in zip(group_bounds[:-1].tolist(), group_bounds[1:].tolist()):  # one sort per group
        order[low:high] = low + np.argsort(values[low:high], kind="stable")
    return order


def rank_values(values: np.ndarray, group_bounds: np.ndarray | None = None) -> RankedValues:
    """``values`` (already ascending within each group; one group when ``group_bounds`` is None) and their ties."""
    bounds = np.array([0, values.size]) if group_bounds is None else np.asarray(group_bounds, dtype=np.int64)
    new_block = np.ones(values.size, dtype=bool)
    new_block[1:] = values[1:] != values[:-1]
    new_block[bounds[:-1][bounds[:-1] < values.size]] = True
    starts = np.flatnonzero(new_block)
    return RankedValues(values, bounds, starts, np.searchsorted(bounds, starts, side="right") - 1)


@dataclass(frozen=True)
class RankTest:
    """Per group of values (e.g. per path): sample sizes, Cliff's delta (A larger > 0) and the two-sided p-value
    of the Mann-Whitney U test (NaN when either side has fewer than ``MIN_RANK_GROUP`` values)."""

    n_a: np.ndarray
    n_b: np.ndarray
    effect: np.ndarray
    p_value: np.ndarray


def mann_whitney(ranked: RankedValues, in_a: np.ndarray, in_b: np.ndarray) -> RankTest:
    """Mann-Whitney U tests of the values flagged ``in_a`` against those flagged ``in_b``, in every group at once.

    A value may be in both subsets (overlapping groups of orders). Ties count one half.
    """
    # Prefix counts: A and B values before each position, so any run's count is a difference of two.
    before_a = np.concatenate(([0], np.cumsum(in_a, dtype=np.int64)))
    before_b = np.concatenate(([0], np.cumsum(in_b, dtype=np.int64)))
    starts = ranked.block_starts
    ends = np.append(starts[1:], ranked.values.size)
    a_count = (before_a[ends] - before_a[starts]).astype(np.float64)
    b_count = (before_b[ends] - before_b[starts]).astype(np.float64)
    group_start = ranked.group_bounds[ranked.block_group]
    b_below = before_b[starts] - before_b[group_start]
    n = ranked.n_groups
    u = np.bincount(ranked.block_group, weights=a_count * (b_below + 0.5 * b_count), minlength=n)
    ties = a_count + b_count
    tie_sum = np.bincount(ranked.block_group, weights=ties**3 - ties, minlength=n)
    bounds = ranked.group_bounds
    n_a = (before_a[bounds[1:]] - before_a[bounds[:-1]]).astype(np.float64)
    n_b = (before_b[bounds[1:]] - before_b[bounds[:-1]]).astype(np.float64)
    return _rank_test(u, n_a, n_b, tie_sum)


def group_quantile(ranked: RankedValues, member: np.ndarray, q: float) -> np.ndarray:
    """The ``q`` quantile (as ``np.quantile``; ``np.median`` for 0.5) of the values flagged ``member`` in each
    group; NaN where a group has none."""
    picked = np.flatnonzero(member)
    first = np.searchsorted(picked, ranked.group_bounds)  # position in ``picked`` where each group starts
    counts = np.diff(first)
    result = np.full(ranked.n_groups, np.nan)
    present = counts > 0
    position = q * (counts[present] - 1)  # within the group, as numpy computes it
    offset = np.floor(position)
    low = first[:-1][present] + offset.astype(np.int64)
    high = np.minimum(low + 1, first[1:][present] - 1)
    result[present] = _interpolate(ranked.values[picked[low]], ranked.values[picked[high]], position - offset, q)
    return result


def _rank_test(u: np.ndarray, n_a: np.ndarray, n_b: np.ndarray, tie_sum: np.ndarray) -> RankTest:
    pairs = n_a * n_b
    total = n_a + n_b
    tested = (n_a >= MIN_RANK_GROUP) & (n_b >= MIN_RANK_GROUP)
    with np.errstate(divide="ignore", invalid="ignore"):
        effect = np.where(pairs > 0, 2 * u / pairs - 1, np.nan)
        variance = pairs / 12 * ((total + 1) - tie_sum / (total * (total - 1)))
        z = np.maximum(np.abs(u - pairs / 2) - 0.5, 0) / np.sqrt(variance)
    # All values tied (no variance) means no evidence of a difference: p = 1.
    p_value = np.array(
        [
            math.erfc(v / math.sqrt(2)) if ok and np.isfinite(v) else (1.0 if ok else math.nan)
            for v, ok in zip(z.tolist(), tested.tolist())
        ]
    )  # one per group (path), not per value
    return RankTest(n_a, n_b, effect, p_value)


def _scalar_if_scalar(interval: Interval, like: np.ndarray) -> Interval:
    if np.ndim(like) == 0:
        return Interval(float(interval.difference), float(interval.low), float(interval.high))
    return interval


@dataclass(frozen=True)
class GroupStats:
    """Per group: number of values, their sum and the requested quantiles (NaN for empty groups)."""

    counts: np.ndarray
    totals: np.ndarray
    quantiles: np.ndarray  # shape (groups, len(qs))


def group_quantiles(
    groups: np.ndarray, values: np.ndarray, n_groups: int, qs: Sequence[float] = (0.5, 0.9)
) -> GroupStats:
    """Count, sum and quantiles of ``values`` per integer group code in ``0 .. n_groups - 1``.

    One stable sort brings each group's values together; the quantiles are then taken per group (one
    numpy call per group, i.e. per period, value or transition, never per case or event).
    """
    counts = np.bincount(groups, minlength=n_groups)
    totals = np.bincount(groups, weights=values, minlength=n_groups)
    # 16-bit codes let numpy use its radix sort, several times faster on millions of events.
    keys = groups.astype(np.uint16) if n_groups <= 1 << 16 else groups
    grouped = values[np.argsort(keys, kind="stable")]
    bounds = np.concatenate(([0], np.cumsum(counts)))
    quantiles = np.full((n_groups, len(qs)), np.nan)
    for g in np.flatnonzero(counts):
        quantiles[g] = np.quantile(grouped[bounds[g] : bounds[g + 1]], qs)
    return GroupStats(counts, totals, quantiles)


def longest_first(seconds: np.ndarray, limit: int) -> np.ndarray:
    """Positions of the ``limit`` largest values, largest first, ties by position; no full sort.

    >>> longest_first(np.array([5.0, 9.0, 1.0, 9.0]), 3).tolist()
    [1, 3, 0]
    """
    if limit <= 0 or seconds.size == 0:
        return np.empty(0, dtype=np.int64)
    candidates = np.arange(seconds.size)
    if seconds.size > limit:
        cutoff = np.partition(seconds, seconds.size - limit)[seconds.size - limit]
        candidates = np.flatnonzero(seconds >= cutoff)  # the cut-off's ties too, so ties break by position
    return candidates[np.lexsort((candidates, -seconds[candidates]))][:limit]
