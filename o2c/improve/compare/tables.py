"""Paths, variants and repeated activities of two groups side by side, biggest share difference first."""

from __future__ import annotations

import numpy as np
import pandas as pd

from o2c.discover.process_map import process_map
from o2c.discover.rework import Rework
from o2c.discover.variants import variant_table
from o2c.improve.compare.samples import ALPHA, wait_sample
from o2c.log.eventlog import LogView
from o2c.stats import bonferroni_z, group_quantile, mann_whitney, rate_difference


def path_comparison(a: LogView, b: LogView) -> pd.DataFrame:
    """Every directly-follows path (Start and End included) of either group, biggest share difference first.

    Columns: ``source``/``target`` (activity codes, ``START``/``END``), ``orders_a``/``orders_b`` (orders taking
    the path) and their ``share_a``/``share_b`` of the group, ``difference`` with its interval ``low``/``high``
    and ``significant`` (Bonferroni over the paths), ``median_a``/``median_b`` (median wait in seconds), and the
    rank test of the waits: ``wait_effect`` (Cliff's delta, > 0: A waits longer), ``wait_p`` and
    ``wait_significant`` (Bonferroni over the paths tested). ``wait_score`` is the wait's dominance weighted by
    the share of both groups' orders taking the path, and ``score`` the larger of it and the share difference:
    the scale on which the biggest differences are ranked.
    """
    columns = ["source", "target", "cases"]
    edges_a = process_map(a, statistics=()).edges[columns]
    edges_b = process_map(b, statistics=()).edges[columns]
    table = edges_a.merge(edges_b, on=["source", "target"], how="outer", suffixes=("_a", "_b"))
    orders_a = table.pop("cases_a").fillna(0).to_numpy(dtype=np.int64)
    orders_b = table.pop("cases_b").fillna(0).to_numpy(dtype=np.int64)
    table = table.assign(orders_a=orders_a, orders_b=orders_b)
    table = _with_share_difference(table, a.n_cases, b.n_cases)
    waits = path_wait_tests(a, b)
    table = table.merge(waits, on=["source", "target"], how="left")
    tested = int(table["wait_p"].notna().sum())
    table["wait_significant"] = table["wait_p"] < ALPHA / max(tested, 1)
    coverage = (orders_a + orders_b) / max(a.n_cases + b.n_cases, 1)
    table["wait_score"] = np.nan_to_num(np.abs(table["wait_effect"].to_numpy()) * coverage)
    table["score"] = np.maximum(np.abs(table["difference"].to_numpy()), table["wait_score"].to_numpy())
    return _by_difference(table)


def variant_comparison(a: LogView, b: LogView) -> pd.DataFrame:
    """The variants of either group, biggest share difference first.

    Columns: ``code`` and ``variant_id`` (as in ``variant_table``), ``rank`` (by orders of both groups), ``steps``,
    ``orders_a``/``orders_b``, ``share_a``/``share_b``, ``difference``, ``low``/``high``, ``significant``
    (Bonferroni over the variants),
    ``median_a``/``median_b`` (end-to-end seconds) and ``only`` ("a" or "b" when just one group has the variant).
    """
    columns = ["code", "variant_id", "steps", "orders", "median_seconds"]
    table = variant_table(a)[columns].merge(
        variant_table(b)[columns], on=["code", "variant_id", "steps"], how="outer", suffixes=("_a", "_b")
    )
    table = table.rename(columns={"median_seconds_a": "median_a", "median_seconds_b": "median_b"})
    table["orders_a"] = table["orders_a"].fillna(0).astype(np.int64)
    table["orders_b"] = table["orders_b"].fillna(0).astype(np.int64)
    table = _with_share_difference(table, a.n_cases, b.n_cases)
    table["only"] = np.select([table["orders_b"] == 0, table["orders_a"] == 0], ["a", "b"], "")
    both = (table["orders_a"] + table["orders_b"]).to_numpy()
    rank = np.empty(len(table), dtype=np.int64)
    rank[np.lexsort((table["code"].to_numpy(), -both))] = np.arange(1, len(table) + 1)
    return _by_difference(table.assign(rank=rank))


def rework_comparison(a: Rework, b: Rework) -> pd.DataFrame:
    """Activities (and check families) repeated in either group: ``activity``, ``family``, ``orders_a``/``orders_b``
    (orders in which it repeats), ``share_a``/``share_b``, ``difference``, ``low``/``high`` and ``significant``
    (Bonferroni over the rows), biggest difference first."""
    columns = ["activity", "family", "orders"]
    table = a.by_activity[columns].merge(
        b.by_activity[columns], on=["activity", "family"], how="outer", suffixes=("_a", "_b")
    )
    table["orders_a"] = table["orders_a"].fillna(0).astype(np.int64)
    table["orders_b"] = table["orders_b"].fillna(0).astype(np.int64)
    return _by_difference(_with_share_difference(table, a.orders, b.orders))


def _with_share_difference(table: pd.DataFrame, n_a: int, n_b: int) -> pd.DataFrame:
    x_a, x_b = table["orders_a"].to_numpy(), table["orders_b"].to_numpy()
    interval = rate_difference(x_a, np.full(x_a.size, n_a), x_b, np.full(x_b.size, n_b), bonferroni_z(len(table)))
    return table.assign(
        share_a=x_a / max(n_a, 1),
        share_b=x_b / max(n_b, 1),
        difference=interval.difference,
        low=interval.low,
        high=interval.high,
        significant=interval.significant,
    )


def _by_difference(table: pd.DataFrame) -> pd.DataFrame:
    order = np.lexsort((-(table["orders_a"] + table["orders_b"]).to_numpy(), -np.abs(table["difference"].to_numpy())))
    return table.iloc[order].reset_index(drop=True)


def path_waits(a: LogView, b: LogView) -> pd.DataFrame:
    """Per path between two activities of the log: ``source``, ``target`` and the median waits in seconds of A and
    of B (``median_a``/``median_b``, NaN where a group never takes the path), from the log's ranked waits."""
    waits = wait_sample(a.log)
    in_a, in_b = waits.members(a, b)
    return pd.DataFrame(
        {
            "source": waits.sources,
            "target": waits.targets,
            "median_a": group_quantile(waits.ranked, in_a, 0.5),
            "median_b": group_quantile(waits.ranked, in_b, 0.5),
        }
    )


def path_wait_tests(a: LogView, b: LogView) -> pd.DataFrame:
    """``path_waits`` with the rank test of A's waits against B's on each path: ``wait_effect`` (Cliff's delta)
    and ``wait_p`` (NaN where a group has fewer than ten waits)."""
    waits = wait_sample(a.log)
    test = mann_whitney(waits.ranked, *waits.members(a, b))
    return path_waits(a, b).assign(wait_effect=test.effect, wait_p=test.p_value)
