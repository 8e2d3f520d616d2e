"""The difference process map: the union of two groups' maps, coloured by where each group is ahead.

The paths and activities shown are chosen as on the Process map (the detail sliders), on both groups together.
Each label carries both numbers, A then B: the share of the group's orders (frequency) or the median wait
(performance). Orange means more often or slower in A, blue in B; the deeper, the bigger the difference.
User text reaches the DOT only through ``o2c.discover.dot.quote``.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from o2c.discover.dot import MAX_NAME, map_preamble, quote, shorten
from o2c.discover.process_map import END, START, ProcessMap, process_map, simplify, top_activities
from o2c.format import percent, short_duration
from o2c.i18n import Language, t
from o2c.improve.compare.tables import path_wait_tests
from o2c.log.eventlog import LogView
from o2c.stats import bonferroni_z, rate_difference

Mode = Literal["frequency", "performance"]
_ORANGES = ("#fdd9b5", "#fdb77a", "#fd8d3c", "#e6550d", "#a63603")
_BLUES = ("#d0e1f2", "#a6c8e4", "#6baed6", "#3182bd", "#08519c")
_NEUTRAL_NODE, _NEUTRAL_EDGE = "#f2f2f2", "#b8b8b8"
_SHARE_SCALE = 0.10  # share differences up to 10 points fade; bigger ones saturate against the largest
_RATIO_SCALE = 1.0  # log2 of the wait ratio: a doubling at least is needed for the deepest colour
_UNTESTED_RATIO = math.log2(1.25)  # waits on a map with hidden activities are not tested: show a quarter or more
_ALPHA = 0.05


@dataclass(frozen=True)
class DifferenceMap:
    """Activities and paths of either group at the chosen detail.

    ``activities``: ``code``, ``name``, ``orders_a``/``orders_b`` (orders with the activity) and
    ``share_a``/``share_b``. ``edges``: ``source``/``target`` (activity codes, ``START``/``END``),
    ``orders_a``/``orders_b``, ``share_a``/``share_b`` and ``median_a``/``median_b`` (median wait in seconds,
    NaN when not computed or not taken). Both have ``significant`` (the share difference is more than noise,
    Bonferroni over all activities and paths); edges also ``wait_significant`` (the waits differ by the
    Mann-Whitney test, Bonferroni over the paths; NaN when not tested). ``all_activities``/``all_paths``: sizes
    of the full union map.
    """

    activities: pd.DataFrame
    edges: pd.DataFrame
    n_a: int
    n_b: int
    all_activities: int
    all_paths: int


def difference_map(
    a: LogView, b: LogView, activity_share: float = 1.0, path_share: float = 1.0, mode: Mode = "frequency"
) -> DifferenceMap:
    """The union map of groups A and B with both groups' numbers on every activity and path."""
    union = a.log.view(a.case_mask | b.case_mask)
    codes = None if activity_share >= 1 else top_activities(union, activity_share)
    # Without hidden activities the paths are the log's own, whose waits are ranked (and tested) once per log.
    statistics = ("median",) if mode == "performance" and codes is not None else ()
    map_a, map_b = process_map(a, codes, statistics), process_map(b, codes, statistics)
    activities = _merged(
        map_a.activities[["code", "name", "cases"]],
        map_b.activities[["code", "name", "cases"]],
        ["code", "name"],
        a.n_cases,
        b.n_cases,
    )
    columns = ["source", "target", "cases", "count", "median_seconds"]
    edges = _merged(map_a.edges[columns], map_b.edges[columns], ["source", "target"], a.n_cases, b.n_cases)
    edges = edges.rename(columns={"median_seconds_a": "median_a", "median_seconds_b": "median_b"})
    edges["wait_significant"] = np.nan  # unknown on a map with hidden activities: its waits are not the log's
    if mode == "performance" and codes is None:
        waits = path_wait_tests(a, b)
        tested = max(int(waits["wait_p"].notna().sum()), 1)
        waits["wait_significant"] = np.where(waits["wait_p"].isna(), np.nan, waits["wait_p"] < _ALPHA / tested)
        edges = edges.drop(columns=["median_a", "median_b", "wait_significant"]).merge(
            waits[["source", "target", "median_a", "median_b", "wait_significant"]], on=["source", "target"], how="left"
        )
    z = bonferroni_z(len(activities) + len(edges))
    activities = _with_significance(activities, z, a.n_cases, b.n_cases)
    edges = _with_significance(edges, z, a.n_cases, b.n_cases)
    # The path slider ranks paths by how often both groups take them together.
    edges["count"] = edges.pop("count_a").fillna(0) + edges.pop("count_b").fillna(0)
    shown = simplify(ProcessMap(activities, edges, a.n_cases + b.n_cases), path_share)
    total_activities = int(np.count_nonzero(np.bincount(a.log.activity[union.event_mask])))
    return DifferenceMap(
        activities, shown.edges.drop(columns="count"), a.n_cases, b.n_cases, total_activities, len(edges)
    )


def _merged(left: pd.DataFrame, right: pd.DataFrame, keys: list[str], n_a: int, n_b: int) -> pd.DataFrame:
    table = left.merge(right, on=keys, how="outer", suffixes=("_a", "_b"))
    table = table.rename(columns={"cases_a": "orders_a", "cases_b": "orders_b"})
    for side, n in (("a", n_a), ("b", n_b)):
        table[f"orders_{side}"] = table[f"orders_{side}"].fillna(0).astype(np.int64)
        table[f"share_{side}"] = table[f"orders_{side}"] / max(n, 1)
    both = (table["orders_a"] + table["orders_b"]).to_numpy()
    return table.iloc[np.lexsort((table[keys[-1]].to_numpy(), -both))].reset_index(drop=True)


def _with_significance(table: pd.DataFrame, z: float, n_a: int, n_b: int) -> pd.DataFrame:
    """``significant``: the share difference is more than noise, Bonferroni over every activity and path."""
    x_a, x_b = table["orders_a"].to_numpy(), table["orders_b"].to_numpy()
    interval = rate_difference(x_a, np.full(x_a.size, n_a), x_b, np.full(x_b.size, n_b), z)
    return table.assign(significant=interval.significant)


def difference_map_dot(
    dm: DifferenceMap, mode: Mode = "frequency", lang: Language = "en", names: tuple[str, str] = ("A", "B")
) -> str:
    """DOT for a difference map; ``names`` name the groups in the tooltips.

    Only differences that are more than noise get a colour; the rest stay grey.
    """
    lines = map_preamble("difference_map", lang)
    node_differences = _share_differences(dm.activities) if mode == "frequency" else np.full(len(dm.activities), np.nan)
    node_scale = _scale(node_differences, _SHARE_SCALE)
    for row, difference in zip(dm.activities.itertuples(index=False), node_differences):
        lines.append(_node_line(row, difference, node_scale, lang, names))
    differences = _wait_ratios(dm.edges) if mode == "performance" else _share_differences(dm.edges)
    edge_scale = _scale(differences, _RATIO_SCALE if mode == "performance" else _SHARE_SCALE)
    widest = max(float(np.maximum(dm.edges["share_a"], dm.edges["share_b"]).max()), 1e-9) if len(dm.edges) else 1.0
    for edge, difference in zip(dm.edges.itertuples(index=False), differences):
        lines.append(_edge_line(dm, edge, mode, difference, edge_scale, widest, lang, names))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _share_differences(table: pd.DataFrame) -> np.ndarray:
    """A - B share per row where it is more than noise, NaN elsewhere."""
    return np.where(table["significant"], table["share_a"] - table["share_b"], np.nan)


def _wait_ratios(edges: pd.DataFrame) -> np.ndarray:
    """log2 of A's median wait over B's where the waits differ beyond noise (or, untested, by a quarter), NaN
    elsewhere."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.log2(edges["median_a"].to_numpy(dtype=float) / edges["median_b"].to_numpy(dtype=float))
    tested = edges["wait_significant"].to_numpy(dtype=float)
    shown = np.where(np.isnan(tested), np.abs(ratio) >= _UNTESTED_RATIO, tested == 1)
    return np.where(shown & np.isfinite(ratio), ratio, np.nan)


def _scale(values: np.ndarray, floor: float) -> float:
    finite = np.abs(values[np.isfinite(values)])
    return max(float(finite.max()) if finite.size else 0.0, floor)


def _colour(difference: float, scale: float) -> tuple[str | None, int]:
    """The colour of a signed difference (A - B) and its level 1-5; None for NaN (within noise)."""
    if not np.isfinite(difference) or difference == 0:
        return None, 0
    level = max(1, int(round(min(abs(difference) / scale, 1.0) * len(_ORANGES))))
    return (_ORANGES if difference > 0 else _BLUES)[level - 1], level


def _node_line(row, difference: float, scale: float, lang: Language, names: tuple[str, str]) -> str:
    label = quote(_wrap(row.name), f"\\n{_share(row.share_a)} · {_share(row.share_b)}")
    tip = quote(
        t(
            "compare.map.tip.node",
            lang,
            name=row.name,
            a_name=names[0],
            b_name=names[1],
            a=int(row.orders_a),
            b=int(row.orders_b),
            a_share=_share(row.share_a),
            b_share=_share(row.share_b),
        )
    )
    fill, level = _colour(difference, scale)
    font = "white" if level >= 4 else "#1f1f1f"
    return f'  a{row.code} [label={label}, tooltip={tip}, fillcolor="{fill or _NEUTRAL_NODE}", fontcolor="{font}"];'


def _edge_line(
    dm: DifferenceMap,
    edge,
    mode: Mode,
    difference: float,
    scale: float,
    widest: float,
    lang: Language,
    names: tuple[str, str],
) -> str:
    source, target = _node_id(edge.source), _node_id(edge.target)
    boundary = edge.source == START or edge.target == END
    width = 1 + 4.5 * math.sqrt(max(edge.share_a, edge.share_b) / widest)
    tip = quote(_edge_tip(dm, edge, lang, names))
    if mode == "performance":
        if boundary:
            return f'  {source} -> {target} [tooltip={tip}, style=dashed, color="#b0b0b0", penwidth=1];'
        label = f"{_wait(edge.median_a)} · {_wait(edge.median_b)}"
    else:
        label = f"{_share(edge.share_a)} · {_share(edge.share_b)}"
    colour, _ = _colour(difference, scale)
    style = ", style=dashed" if boundary else ""
    # Graphviz places labels against the line, ignoring its width: keep a gap
    return (
        f'  {source} -> {target} [label={quote("  " + label)}, tooltip={tip}, color="{colour or _NEUTRAL_EDGE}", '
        f"penwidth={width:.2f}{style}];"
    )


def _edge_tip(dm: DifferenceMap, edge, lang: Language, names: tuple[str, str]) -> str:
    node_names = dict(zip(dm.activities["code"], dm.activities["name"]))
    source = t("process_map.start", lang) if edge.source == START else node_names.get(edge.source, "")
    target = t("process_map.end", lang) if edge.target == END else node_names.get(edge.target, "")
    tip = t(
        "compare.map.tip.edge",
        lang,
        source=source,
        target=target,
        a_name=names[0],
        b_name=names[1],
        a=int(edge.orders_a),
        b=int(edge.orders_b),
        a_share=_share(edge.share_a),
        b_share=_share(edge.share_b),
    )
    if np.isfinite(edge.median_a) or np.isfinite(edge.median_b):
        tip += "\n" + t(
            "compare.map.tip.wait",
            lang,
            a_name=names[0],
            b_name=names[1],
            a=_wait(edge.median_a),
            b=_wait(edge.median_b),
        )
    return tip


def _share(share: float) -> str:
    return "–" if share == 0 else percent(share)


def _wait(seconds: float) -> str:
    return "–" if seconds is None or not np.isfinite(seconds) else short_duration(seconds)


def _node_id(code: int) -> str:
    return "start" if code == START else "end" if code == END else f"a{int(code)}"


def _wrap(name: str) -> str:
    name = shorten(name, MAX_NAME)
    return "\n".join(textwrap.wrap(name, 22, break_long_words=True) or [name])
