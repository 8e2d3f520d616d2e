"""Two groups of orders side by side: headline numbers with their noise, paths, variants and rework.

Group A and group B are ``Filters`` taken inside a view (the sidebar's filters apply to both); B may also be
"the rest" (the orders of the view that are not in A) or all orders of the view. Every difference is A - B and
comes with a 95% interval or test from ``o2c.stats``; lists of many rows (paths, variants, activities)
are corrected for the number of rows. The biggest differences are ranked on one scale, the dominance
(Cliff's delta for times, the difference of rates for yes/no outcomes), weighted by the share of orders a path
concerns, and the top three are told in plain words.

Groups round-trip through the URL as ``_a.<filter>=...`` and ``_b.<filter>=...`` (any key of
``Filters.to_query``), ``_b=rest`` or ``_b=all``, and ``_preset=value|month|quarter|custom``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from o2c.conform.rules import DEFAULT_RULES, RuleSet, evaluate_rules, rules_fit
from o2c.discover.bottlenecks import transition_index
from o2c.discover.cycle_times import segment_times
from o2c.discover.measures import order_measures
from o2c.discover.process_map import END, START, process_map
from o2c.discover.rework import Rework, rework
from o2c.discover.variants import variant_table
from o2c.format import format_duration, percent
from o2c.i18n import Language, t
from o2c.log.eventlog import NS_PER_SECOND, EventLog, LogView
from o2c.log.filters import Filters
from o2c.log.vocabulary import ROLE_BY_KEY, first_name_of_role
from o2c.stats import (
    SMALL_GROUP,
    Interval,
    RankedValues,
    bonferroni_z,
    group_quantile,
    mann_whitney,
    quantile_difference,
    rank_values,
    rate_difference,
    sort_within_groups,
    sorted_quantile,
)

INVOICE, PAYMENT = "invoice_created", "payment_received"  # roles
PRESETS = ("value", "month", "quarter", "custom")
OTHERS = ("rest", "all")  # what B is when it has no filters of its own
QUERY_A, QUERY_B, QUERY_OTHERS, QUERY_PRESET = "_a.", "_b.", "_b", "_preset"
KPI_KEYS = ("orders", "median", "p90", "invoice_to_cash", "rework_rate", "adherence", "on_time")
SUMMARY_SIZE = 3
_ALPHA = 0.05


# --- the two groups and the URL ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Groups:
    """Group A's filters and group B's (``b`` None: B is ``others``, "rest" or "all" orders of the view)."""

    a: Filters
    b: Filters | None = None
    others: Literal["rest", "all"] = "rest"
    preset: str = "custom"

    def masks(self, view: LogView) -> tuple[np.ndarray, np.ndarray]:
        """Boolean masks over the log's cases: the view's orders in A and in B."""
        in_a = self.a.case_mask(view.log)
        if self.b is not None:
            in_b = self.b.case_mask(view.log)
        else:
            in_b = ~in_a if self.others == "rest" else np.ones_like(in_a)
        return view.case_mask & in_a, view.case_mask & in_b

    def views(self, view: LogView) -> tuple[LogView, LogView]:
        """The two groups as views of the log."""
        in_a, in_b = self.masks(view)
        return view.log.view(in_a), view.log.view(in_b)

    def to_query(self) -> dict[str, list[str]]:
        """URL query parameters, e.g. ``_preset=value&_a.sales_channel=Partner&_b=rest``."""
        query = {QUERY_PRESET: [self.preset]}
        query.update({QUERY_A + key: values for key, values in self.a.to_query().items()})
        if self.b is None:
            query[QUERY_OTHERS] = [self.others]
        else:
            query.update({QUERY_B + key: values for key, values in self.b.to_query().items()})
        return query

    @classmethod
    def from_query(cls, query: Mapping[str, list[str]]) -> Groups | None:
        """The groups in URL query parameters, or None when the URL holds no comparison."""
        a = {key[len(QUERY_A):]: values for key, values in query.items() if key.startswith(QUERY_A)}
        b = {key[len(QUERY_B):]: values for key, values in query.items() if key.startswith(QUERY_B)}
        if not (a or b or QUERY_OTHERS in query or QUERY_PRESET in query):
            return None
        others = (query.get(QUERY_OTHERS) or ["rest"])[0]
        preset = (query.get(QUERY_PRESET) or ["custom"])[0]
        return cls(Filters.from_query(a), Filters.from_query(b) if b else None,
                   others if others in OTHERS else "rest", preset if preset in PRESETS else "custom")

    def names(self, lang: Language = "en") -> tuple[str, str]:
        """Short names for sentences such as "{name} orders": ("Partner", "other"), ("2024-10", "2024-09")."""
        b = _filters_name(self.b, lang) if self.b is not None else t(f"compare.name.{self.others}", lang)
        return _filters_name(self.a, lang), b


def value_groups(attribute: str, value: str) -> Groups:
    """One value of an order attribute (a sales channel, a region) against all other orders."""
    return Groups(Filters({attribute: (value,)}), None, "rest", "value")


def period_groups(view: LogView, unit: Literal["month", "quarter"]) -> Groups | None:
    """The latest calendar month (or quarter) whose orders had time to finish, against the one before it.

    "Had time to finish": the period ended at least the view's 90th-percentile end-to-end time before the
    last event of the log, so few of its orders are still open (open orders would look fast). Orders belong
    to the period they were created in. None when the view does not reach back two such periods.
    """
    if view.n_cases == 0:
        return None
    log = view.log
    freq = "M" if unit == "month" else "Q"
    settle_ns = int(np.quantile(view.durations_seconds(), 0.9) * NS_PER_SECOND)
    cutoff = pd.Timestamp(int(log.case_end_ns.max()) - settle_ns)
    period = pd.Period(cutoff, freq)
    if period.end_time > cutoff:
        period -= 1
    latest_start = pd.Period(pd.Timestamp(int(log.case_start_ns[view.case_mask].max())), freq)
    period = min(period, latest_start)
    first_start = pd.Period(pd.Timestamp(int(log.case_start_ns[view.case_mask].min())), freq)
    if period - 1 < first_start:
        return None
    return Groups(_period_filters(period), _period_filters(period - 1), "rest", unit)


def _period_filters(period: pd.Period) -> Filters:
    return Filters(date_from=period.start_time.date(), date_to=period.end_time.date())


def _filters_name(filters: Filters, lang: Language) -> str:
    parts = ["/".join(values) for values in filters.attributes.values() if values]
    if filters.date_from or filters.date_to:
        parts.append(_period_name(filters))
    if filters.variants:
        n = len(filters.variants)
        parts.append(t("compare.name.variant", lang) if n == 1 else t("compare.name.variants", lang, n=n))
    return ", ".join(parts) if parts else t("compare.name.all", lang)


def _period_name(filters: Filters) -> str:
    start, end = filters.date_from, filters.date_to
    if start and end and start.day == 1 and (end + pd.Timedelta(days=1)).day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months == 1:
            return f"{start:%Y-%m}"
        if months == 3 and start.month % 3 == 1:
            return f"{start.year} Q{(start.month - 1) // 3 + 1}"
    return f"{start.isoformat() if start else '…'} – {end.isoformat() if end else '…'}"


# --- the comparison -----------------------------------------------------------------------------------------------

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
    differences = _ranked_differences(kpis, paths, variants, activities, a, b)
    return Comparison(a.n_cases, b.n_cases, int((a.case_mask & b.case_mask).sum()), kpis, paths, variants,
                      activities, differences)


def kpi_comparison(a: LogView, b: LogView, rework_a: Rework | None = None, rework_b: Rework | None = None,
                   rules: RuleSet = DEFAULT_RULES) -> pd.DataFrame:
    """The headline numbers of both groups, their differences and whether each is more than noise.

    Adherence is the share of orders that break none of ``rules`` (as on the Conformance page).
    """
    rework_a, rework_b = rework_a or rework(a), rework_b or rework(b)
    durations = _durations(a.log)
    in_a, in_b = durations.members(a, b)
    durations_a, durations_b = durations.ranked.values[in_a], durations.ranked.values[in_b]
    rows = [
        _row("orders", "orders", a.n_cases, b.n_cases, Interval(a.n_cases - b.n_cases, math.nan, math.nan),
             a.n_cases, b.n_cases, tested=False),
        _time_row("median", durations_a, durations_b, 0.5, _rank_test(durations, in_a, in_b)),
        _time_row("p90", durations_a, durations_b, 0.9, None),
        _invoice_to_cash_row(a, b),
        _rate_row("rework_rate", rework_a.orders_with_rework, a.n_cases, rework_b.orders_with_rework, b.n_cases),
        _adherence_row(a, b, rules),
        _on_time_row(a, b),
    ]
    return pd.DataFrame(rows).set_index("key")


def _row(key: str, unit: str, a: float, b: float, interval: Interval, n_a: int, n_b: int, *, tested: bool = True,
         effect: float = math.nan, p_value: float = math.nan, note: str = "", note_arg: str = "") -> dict:
    low, high = float(interval.low), float(interval.high)
    significant = bool(interval.significant) if tested and not (math.isnan(low) or math.isnan(high)) else None
    return {"key": key, "unit": unit, "a": float(a), "b": float(b), "difference": float(interval.difference),
            "low": low, "high": high, "significant": significant, "n_a": int(n_a), "n_b": int(n_b),
            "effect": effect, "p_value": p_value, "note": note, "note_arg": note_arg}


def _missing_row(key: str, unit: str, note: str, note_arg: str) -> dict:
    return _row(key, unit, math.nan, math.nan, Interval(math.nan, math.nan, math.nan), 0, 0, tested=False,
                note=note, note_arg=note_arg)


def _time_row(key: str, a: np.ndarray, b: np.ndarray, q: float, test: tuple[float, float] | None) -> dict:
    effect, p_value = test or (math.nan, math.nan)
    return _row(key, "seconds", sorted_quantile(a, q), sorted_quantile(b, q), quantile_difference(a, b, q),
                a.size, b.size, effect=effect, p_value=p_value)


def _rate_row(key: str, x_a: int, n_a: int, x_b: int, n_b: int) -> dict:
    interval = rate_difference(x_a, n_a, x_b, n_b)
    return _row(key, "share", x_a / n_a if n_a else math.nan, x_b / n_b if n_b else math.nan, interval, n_a, n_b)


def _invoice_to_cash_row(a: LogView, b: LogView) -> dict:
    for role in (INVOICE, PAYMENT):
        if first_name_of_role(a.log, role) is None:
            return _missing_row("invoice_to_cash", "seconds", "compare.note.activity", ROLE_BY_KEY[role].name)
    cash = _invoice_to_cash(a.log)
    in_a, in_b = cash.members(a, b)
    return _time_row("invoice_to_cash", cash.ranked.values[in_a], cash.ranked.values[in_b], 0.5,
                     _rank_test(cash, in_a, in_b))


def _adherence_row(a: LogView, b: LogView, rules: RuleSet) -> dict:
    results = evaluate_rules(a.log, rules)
    if not rules_fit(a.log, results):
        return _missing_row("adherence", "share", "compare.note.rules", "")
    clean = results.violations == 0
    return _rate_row("adherence", int((clean & a.case_mask).sum()), a.n_cases, int((clean & b.case_mask).sum()),
                     b.n_cases)


def _on_time_row(a: LogView, b: LogView) -> dict:
    measures = order_measures(a.log)
    if "on_time_requested" in measures.missing:
        return _missing_row("on_time", "share", "compare.note.column", measures.missing["on_time_requested"])
    measured, on_time = ~np.isnan(measures.on_time_requested), measures.on_time_requested == 1
    n_a, n_b = int((measured & a.case_mask).sum()), int((measured & b.case_mask).sum())
    return _rate_row("on_time", int((on_time & a.case_mask).sum()), n_a, int((on_time & b.case_mask).sum()), n_b)


@dataclass(frozen=True)
class _Sample:
    """One measure over the whole log, ranked once: per case (end-to-end time) or per step (waits per path).

    ``case`` is the order each value belongs to; ``sources``/``targets`` name the groups of path waits.
    """

    ranked: RankedValues
    case: np.ndarray
    sources: np.ndarray | None = None
    targets: np.ndarray | None = None

    def members(self, a: LogView, b: LogView) -> tuple[np.ndarray, np.ndarray]:
        """Which values belong to orders of A and of B."""
        return a.case_mask[self.case], b.case_mask[self.case]


def _cached_sample(log: EventLog, name: str, build) -> _Sample:
    return log.memo(name, lambda: build(log))


def _durations(log: EventLog) -> _Sample:
    def build(log: EventLog) -> _Sample:
        order = np.argsort(log.case_duration_seconds, kind="stable")
        return _Sample(rank_values(log.case_duration_seconds[order]), order)

    return _cached_sample(log, "_compare_durations", build)


def _invoice_to_cash(log: EventLog) -> _Sample:
    def build(log: EventLog) -> _Sample:
        segment = segment_times(log.view(), first_name_of_role(log, INVOICE), first_name_of_role(log, PAYMENT))
        order = np.argsort(segment.seconds, kind="stable")
        return _Sample(rank_values(segment.seconds[order]), segment.case_codes[order])

    return _cached_sample(log, "_compare_invoice_to_cash", build)


def _waits(log: EventLog) -> _Sample:
    def build(log: EventLog) -> _Sample:
        index = transition_index(log)
        order = sort_within_groups(index.seconds, index.bounds)
        return _Sample(rank_values(index.seconds[order], index.bounds), log.case[index.events[order]],
                       index.sources.astype(np.int64), index.targets.astype(np.int64))

    return _cached_sample(log, "_compare_waits", build)


def _rank_test(sample: _Sample, in_a: np.ndarray, in_b: np.ndarray) -> tuple[float, float]:
    """Cliff's delta and the Mann-Whitney p-value of a one-group sample, A against B."""
    test = mann_whitney(sample.ranked, in_a, in_b)
    return float(test.effect[0]), float(test.p_value[0])


# --- paths, variants and rework per activity ------------------------------------------------------------------

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
    table["wait_significant"] = table["wait_p"] < _ALPHA / max(tested, 1)
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
    table = variant_table(a)[columns].merge(variant_table(b)[columns], on=["code", "variant_id", "steps"],
                                            how="outer", suffixes=("_a", "_b"))
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
    table = a.by_activity[columns].merge(b.by_activity[columns], on=["activity", "family"], how="outer",
                                         suffixes=("_a", "_b"))
    table["orders_a"] = table["orders_a"].fillna(0).astype(np.int64)
    table["orders_b"] = table["orders_b"].fillna(0).astype(np.int64)
    return _by_difference(_with_share_difference(table, a.orders, b.orders))


def _with_share_difference(table: pd.DataFrame, n_a: int, n_b: int) -> pd.DataFrame:
    x_a, x_b = table["orders_a"].to_numpy(), table["orders_b"].to_numpy()
    interval = rate_difference(x_a, np.full(x_a.size, n_a), x_b, np.full(x_b.size, n_b), bonferroni_z(len(table)))
    return table.assign(share_a=x_a / max(n_a, 1), share_b=x_b / max(n_b, 1), difference=interval.difference,
                        low=interval.low, high=interval.high, significant=interval.significant)


def _by_difference(table: pd.DataFrame) -> pd.DataFrame:
    order = np.lexsort((-(table["orders_a"] + table["orders_b"]).to_numpy(), -np.abs(table["difference"].to_numpy())))
    return table.iloc[order].reset_index(drop=True)


def path_waits(a: LogView, b: LogView) -> pd.DataFrame:
    """Per path between two activities of the log: ``source``, ``target`` and the median waits in seconds of A and
    of B (``median_a``/``median_b``, NaN where a group never takes the path), from the log's ranked waits."""
    waits = _waits(a.log)
    in_a, in_b = waits.members(a, b)
    return pd.DataFrame({"source": waits.sources, "target": waits.targets,
                         "median_a": group_quantile(waits.ranked, in_a, 0.5),
                         "median_b": group_quantile(waits.ranked, in_b, 0.5)})


def path_wait_tests(a: LogView, b: LogView) -> pd.DataFrame:
    """``path_waits`` with the rank test of A's waits against B's on each path: ``wait_effect`` (Cliff's delta)
    and ``wait_p`` (NaN where a group has fewer than ten waits)."""
    waits = _waits(a.log)
    test = mann_whitney(waits.ranked, *waits.members(a, b))
    return path_waits(a, b).assign(wait_effect=test.effect, wait_p=test.p_value)


# --- the biggest differences -----------------------------------------------------------------------------------

def _ranked_differences(kpis: pd.DataFrame, paths: pd.DataFrame, variants: pd.DataFrame, activities: pd.DataFrame,
                        a: LogView, b: LogView) -> list[Difference]:
    """The differences that stay more than noise after a Bonferroni correction for every comparison on the page,
    biggest first.

    Score: the dominance of A over B (Cliff's delta for times; for yes/no outcomes the rate difference, which
    is the same measure), times the share of the orders it concerns when that is not all of them.
    """
    tests = 5 + len(paths) + int(paths["wait_p"].notna().sum()) + len(variants) + len(activities)
    z, alpha = bonferroni_z(tests), _ALPHA / tests
    n_a, n_b = a.n_cases, b.n_cases
    orders = max(n_a + n_b, 1)
    found: list[Difference] = []
    for key, kind in (("median", "duration"), ("invoice_to_cash", "invoice_to_cash")):
        row = kpis.loc[key]
        if row["p_value"] < alpha:
            coverage = (row["n_a"] + row["n_b"]) / orders
            found.append(Difference(kind, key, row["a"], row["b"], row["effect"], abs(row["effect"]) * coverage,
                                    "kpis"))
    for key in ("rework_rate", "adherence", "on_time"):
        row = kpis.loc[key]
        if row["n_a"] and row["n_b"] and _stands_out(row["a"] * row["n_a"], row["n_a"], row["b"] * row["n_b"],
                                                     row["n_b"], z):
            coverage = (row["n_a"] + row["n_b"]) / orders
            found.append(Difference("rate", key, row["a"], row["b"], row["difference"],
                                    abs(row["difference"]) * coverage, "kpis"))
    for row in paths[paths["wait_p"] < alpha].itertuples(index=False):  # one per path
        path = (int(row.source), int(row.target))
        found.append(Difference("path_wait", path_label(a.log, *path), row.median_a, row.median_b,
                                row.wait_effect, row.wait_score, "paths", path))
    for row in paths[_stands_out(paths["orders_a"], n_a, paths["orders_b"], n_b, z)].itertuples(index=False):
        path = (int(row.source), int(row.target))
        found.append(Difference("path_share", path_label(a.log, *path), row.share_a, row.share_b,
                                row.difference, abs(row.difference), "paths", path))
    for row in variants[_stands_out(variants["orders_a"], n_a, variants["orders_b"], n_b, z)].itertuples(index=False):
        found.append(Difference("variant", f"#{row.rank}", row.share_a, row.share_b, row.difference,
                                abs(row.difference), "variants"))
    picked = _stands_out(activities["orders_a"], n_a, activities["orders_b"], n_b, z)
    for row in activities[picked].itertuples(index=False):
        found.append(Difference("rework", row.activity, row.share_a, row.share_b, row.difference,
                                abs(row.difference), "rework"))
    return sorted(found, key=lambda d: (-d.score, d.kind, d.subject))


def _stands_out(x_a, n_a: int, x_b, n_b: int, z: float) -> np.ndarray | bool:
    x_a = np.asarray(x_a, dtype=float)
    return rate_difference(x_a, np.full(x_a.shape, n_a), np.asarray(x_b, dtype=float), np.full(x_a.shape, n_b),
                           z).significant


def node_name(log: EventLog, code: int, lang: Language = "en") -> str:
    """The name of a map node: an activity, or Start/End in ``lang``."""
    if code == START:
        return t("process_map.start", lang)
    if code == END:
        return t("process_map.end", lang)
    return log.activity_names[code]


def path_label(log: EventLog, source: int, target: int, lang: Language = "en") -> str:
    """"Credit Check Passed → Order Activated" for a path of node codes."""
    return f"{node_name(log, source, lang)} → {node_name(log, target, lang)}"


def describe(difference: Difference, log: EventLog, names: tuple[str, str], lang: Language = "en",
             escape: Callable[[str], str] = str) -> str:
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



# --- analyze --json ------------------------------------------------------------------------------------------------

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
        kpis[key] = {"group": _number(row["a"], row["unit"]), "rest": _number(row["b"], row["unit"]),
                     "unit": row["unit"], "difference": _number(row["difference"], row["unit"]),
                     "ci95": None if math.isnan(row["low"]) else [row["low"], row["high"]],
                     "significant": row["significant"]}
        if row["note"]:
            kpis[key]["missing"] = row["note_arg"]
    top_paths = [{"from": node_name(log, r.source), "to": node_name(log, r.target),
                  "group_share": r.share_a, "rest_share": r.share_b, "difference": r.difference,
                  "ci95": [r.low, r.high], "significant": bool(r.significant), "group_orders": int(r.orders_a),
                  "rest_orders": int(r.orders_b)} for r in result.paths.head(paths).itertuples(index=False)]
    group_names = groups.names()
    return {"group": group_names[0], "within": base.describe(view.n_cases, log.n_cases),
            "orders": {"group": result.n_a, "rest": result.n_b}, "kpis": kpis, "paths": top_paths,
            "differences": [describe(d, log, group_names) for d in result.differences[:SUMMARY_SIZE]]}


def _number(value: float, unit: str) -> float | int | None:
    if value is None or math.isnan(value):
        return None
    return int(value) if unit == "orders" else float(value)
