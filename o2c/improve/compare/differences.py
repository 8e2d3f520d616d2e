"""The differences of a comparison worth telling: ranked on one scale and told in plain words.

The scale is the dominance (Cliff's delta for times, the difference of rates for yes/no outcomes), weighted by
the share of orders a difference concerns; only differences that stay more than noise after a Bonferroni
correction for every comparison made are kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from o2c.discover.process_map import END, START
from o2c.format import format_duration, percent
from o2c.i18n import Language, t
from o2c.improve.compare.samples import ALPHA
from o2c.log.eventlog import EventLog, LogView
from o2c.stats import bonferroni_z, rate_difference

SUMMARY_SIZE = 3


@dataclass(frozen=True)
class Difference:
    """One difference worth telling: what (``kind``, ``subject``), the two values (seconds or shares), its
    dominance ``effect`` (A - B, from -1 to 1), the ranking ``score`` and the page section holding the evidence."""

    kind: str  # "duration", "invoice_to_cash", "rate", "path_wait", "path_share", "variant", "rework"
    subject: str
    a: float
    b: float
    effect: float
    score: float
    section: str  # "kpis", "paths", "variants", "rework"
    path: tuple[int, int] | None = None  # node codes of a path (its subject is then in English)


def ranked_differences(
    kpis: pd.DataFrame, paths: pd.DataFrame, variants: pd.DataFrame, activities: pd.DataFrame, a: LogView, b: LogView
) -> list[Difference]:
    """The differences that stay more than noise after a Bonferroni correction for every comparison on the page,
    biggest first.

    Score: the dominance of A over B (Cliff's delta for times; for yes/no outcomes the rate difference, which
    is the same measure), times the share of the orders it concerns when that is not all of them.
    """
    tests = 5 + len(paths) + int(paths["wait_p"].notna().sum()) + len(variants) + len(activities)
    z, alpha = bonferroni_z(tests), ALPHA / tests
    n_a, n_b = a.n_cases, b.n_cases
    orders = max(n_a + n_b, 1)
    found: list[Difference] = []
    for key, kind in (("median", "duration"), ("invoice_to_cash", "invoice_to_cash")):
        row = kpis.loc[key]
        if row["p_value"] < alpha:
            coverage = (row["n_a"] + row["n_b"]) / orders
            found.append(
                Difference(kind, key, row["a"], row["b"], row["effect"], abs(row["effect"]) * coverage, "kpis")
            )
    for key in ("rework_rate", "adherence", "on_time"):
        row = kpis.loc[key]
        if (
            row["n_a"]
            and row["n_b"]
            and _stands_out(row["a"] * row["n_a"], row["n_a"], row["b"] * row["n_b"], row["n_b"], z)
        ):
            coverage = (row["n_a"] + row["n_b"]) / orders
            found.append(
                Difference(
                    "rate", key, row["a"], row["b"], row["difference"], abs(row["difference"]) * coverage, "kpis"
                )
            )
    for row in paths[paths["wait_p"] < alpha].itertuples(index=False):  # one per path
        path = (int(row.source), int(row.target))
        found.append(
            Difference(
                "path_wait",
                path_label(a.log, *path),
                row.median_a,
                row.median_b,
                row.wait_effect,
                row.wait_score,
                "paths",
                path,
            )
        )
    for row in paths[_stands_out(paths["orders_a"], n_a, paths["orders_b"], n_b, z)].itertuples(index=False):
        path = (int(row.source), int(row.target))
        found.append(
            Difference(
                "path_share",
                path_label(a.log, *path),
                row.share_a,
                row.share_b,
                row.difference,
                abs(row.difference),
                "paths",
                path,
            )
        )
    for row in variants[_stands_out(variants["orders_a"], n_a, variants["orders_b"], n_b, z)].itertuples(index=False):
        found.append(
            Difference(
                "variant", f"#{row.rank}", row.share_a, row.share_b, row.difference, abs(row.difference), "variants"
            )
        )
    picked = _stands_out(activities["orders_a"], n_a, activities["orders_b"], n_b, z)
    for row in activities[picked].itertuples(index=False):
        found.append(
            Difference("rework", row.activity, row.share_a, row.share_b, row.difference, abs(row.difference), "rework")
        )
    return sorted(found, key=lambda d: (-d.score, d.kind, d.subject))


def _stands_out(x_a, n_a: int, x_b, n_b: int, z: float) -> np.ndarray | bool:
    x_a = np.asarray(x_a, dtype=float)
    return rate_difference(
        x_a, np.full(x_a.shape, n_a), np.asarray(x_b, dtype=float), np.full(x_a.shape, n_b), z
    ).significant


def node_name(log: EventLog, code: int, lang: Language = "en") -> str:
    """The name of a map node: an activity, or Start/End in ``lang``."""
    if code == START:
        return t("process_map.start", lang)
    if code == END:
        return t("process_map.end", lang)
    return log.activity_names[code]


def path_label(log: EventLog, source: int, target: int, lang: Language = "en") -> str:
    """ "Credit Check Passed → Order Activated" for a path of node codes."""
    return f"{node_name(log, source, lang)} → {node_name(log, target, lang)}"


def describe(
    difference: Difference,
    log: EventLog,
    names: tuple[str, str],
    lang: Language = "en",
    escape: Callable[[str], str] = str,
) -> str:
    """One plain sentence for a difference, e.g. "Partner orders wait 5.0 d on Credit Check Passed → Order
    Activated (median), other orders 2.9 h.". ``escape`` is applied to every piece of user data (names, paths)."""
    a_name, b_name = escape(names[0]), escape(names[1])
    if difference.kind in ("duration", "invoice_to_cash", "path_wait"):
        a, b = format_duration(difference.a), format_duration(difference.b)
    else:
        a, b = percent(difference.a), percent(difference.b)
    subject = path_label(log, *difference.path, lang) if difference.path else difference.subject
    key = f"compare.diff.{difference.subject if difference.kind == 'rate' else difference.kind}"
    return t(key, lang, a_name=a_name, b_name=b_name, a=a, b=b, subject=escape(subject))
