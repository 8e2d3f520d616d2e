"""The Overview's five findings in plain words: the biggest bottleneck, the strongest root cause of late payment,
the most broken applicable rule, the rework hotspot and the top automation candidate, drawn from the same analyses
as the improvement backlog, each with a link (URL path and query) to the page that shows the evidence with the
filters that make the point. Nothing is invented: a finding the data cannot support is left out with the reason
(``LeftOut``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

import numpy as np

from o2c.conform.rules import evaluate_rules, no_fit_reason, rule_text, rules_fit
from o2c.discover.bottlenecks import transition_index
from o2c.discover.rework import rework
from o2c.format import format_duration
from o2c.i18n import Language, t
from o2c.improve.backlog import Opportunity, opportunities
from o2c.improve.root_causes import available_outcomes, segment_factors
from o2c.improve.settings import Settings
from o2c.improve.what_if import is_external
from o2c.log.attributes import case_attribute_codes
from o2c.log.columns import column_label
from o2c.log.eventlog import EventLog, LogView
from o2c.log.filters import Filters
from o2c.log.vocabulary import step_label

FINDING_KINDS = ("bottleneck", "late_payment", "rule", "rework", "automation")
MIN_ORDERS = 30  # a segment named in a finding has at least this many orders ...
MIN_LIFT = 2.0  # ... and the finding's problem at least this many times as often as the other orders
NAMED_ACCOUNTS = 0.2  # an account is named with a late-payment cause when it holds this share of its late orders


@dataclass(frozen=True)
class Finding:
    """One finding: a headline, the evidence in plain words, the orders it concerns and the page (URL path) with
    the query that shows the evidence."""

    kind: str
    headline: str
    text: str
    orders: int
    page: str
    query: Mapping[str, list[str]] = field(default_factory=dict)

    @property
    def link(self) -> str:
        """A link that works when shared: ``/process-map?sales_channel=Partner&_map=performance``."""
        query = urlencode({k: v for k, v in self.query.items() if v}, doseq=True)
        return f"/{self.page}" + (f"?{query}" if query else "")


@dataclass(frozen=True)
class LeftOut:
    """A finding the data cannot support, with the reason."""

    kind: str
    reason: str


@dataclass(frozen=True)
class _Segment:
    factor: str
    value: str
    rate_in: float
    rate_out: float


def findings(
    view: LogView, filters: Filters = Filters(), settings: Settings = Settings(), lang: Language = "en"
) -> tuple[list[Finding], list[LeftOut]]:
    """The five findings about the selected orders, in ``FINDING_KINDS`` order, and the ones left out."""
    if view.n_cases == 0:
        return [], [LeftOut(kind, t("story.left_out.no_orders", lang)) for kind in FINDING_KINDS]
    found = opportunities(view, settings, lang)  # as the backlog ranks them
    base = filters.to_query()
    if lang != "en":
        base["lang"] = [lang]
    makers = {
        "bottleneck": _bottleneck,
        "late_payment": _late_payment,
        "rule": _rule,
        "rework": _rework,
        "automation": _automation,
    }
    made: list[Finding] = []
    left: list[LeftOut] = []
    for kind in FINDING_KINDS:
        result = makers[kind](view, settings, lang, found, base)
        if isinstance(result, Finding):
            made.append(result)
        else:
            left.append(result)
    return made, left


def _bottleneck(
    view: LogView, settings: Settings, lang: Language, found: list[Opportunity], base: dict[str, list[str]]
) -> Finding | LeftOut:
    """The wait between two steps that adds the most order-days beyond its median, leaving out waits for
    customers and carriers (theirs, not ours)."""
    log = view.log
    ours = [o for o in found if o.kind == "bottleneck" and not is_external(str(o.detail["target"]), log)]
    if not ours:
        key = "story.left_out.bottleneck_external" if any(o.kind == "bottleneck" for o in found) else "none"
        return LeftOut("bottleneck", t(key if key != "none" else "story.left_out.bottleneck", lang))
    top = ours[0]
    source, target = str(top.detail["source"]), str(top.detail["target"])
    headline = t("story.bottleneck.headline", lang, source=source, target=target)
    text = t(
        "story.bottleneck.text",
        lang,
        median=format_duration(float(top.detail["median"])),  # type: ignore[arg-type]
        orders=top.orders,
        days=top.gain_days,
    )
    steps = _waits(view, source, target)
    made = np.zeros(log.n_cases, dtype=bool)
    made[steps[0]] = True
    segment = _concentration(view, top.cases & view.case_mask, made & view.case_mask)
    query = {**base, "_map": ["performance"]}
    if segment is not None:
        inside = _segment_mask(log, segment)[steps[0]]
        text += " " + t(
            "story.bottleneck.segment",
            lang,
            segment=_segment_label(segment, lang),
            wait=format_duration(float(np.median(steps[1][inside]))),
            rest=format_duration(float(np.median(steps[1][~inside]))) if (~inside).any() else "–",
        )
        query[segment.factor] = [segment.value]
    return Finding("bottleneck", headline, text, top.orders, "process-map", query)


def _late_payment(
    view: LogView, settings: Settings, lang: Language, found: list[Opportunity], base: dict[str, list[str]]
) -> Finding | LeftOut:
    """The strongest root cause of late payment (as the backlog ranks it), with the accounts behind it."""
    missing = available_outcomes(view.log, settings.rules).get("late_payment")
    if missing is not None:
        step = step_label(missing, lang)
        what = step if step != missing else column_label(missing, lang)
        return LeftOut("late_payment", t("story.left_out.needs", lang, what=what))
    top = next((o for o in found if o.kind == "root_cause" and o.detail.get("outcome") == "late_payment"), None)
    if top is None:
        return LeftOut("late_payment", t("story.left_out.late_payment_none", lang))
    factor, value = str(top.detail["factor"]), str(top.detail["value"])
    label = (
        t(f"root_causes.behaviour.{factor}", lang)
        if top.detail.get("kind") == "behaviour"
        else f"{column_label(factor, lang)} = {value}"
    )
    text = top.evidence
    accounts = _named_accounts(view.log, top.cases & view.case_mask) if factor != "account_name" else []
    if accounts:
        text += " " + t("story.late_payment.accounts", lang, accounts=", ".join(accounts))
    query = {**base, "_outcome": ["late_payment"]}
    headline = t("story.late_payment.headline", lang, cause=label)
    return Finding("late_payment", headline, text, top.orders, "root-causes", query)


def _rule(
    view: LogView, settings: Settings, lang: Language, found: list[Opportunity], base: dict[str, list[str]]
) -> Finding | LeftOut:
    """The applicable rule broken by the most selected orders, and where its violations concentrate."""
    log = view.log
    results = evaluate_rules(log, settings.rules)
    if not rules_fit(log, results):
        return LeftOut("rule", t("story.left_out.needs", lang, what=no_fit_reason(results, lang)))
    broken = []
    for outcome in results.outcomes:
        if not outcome.evaluated:
            continue
        cases = np.zeros(log.n_cases, dtype=bool)
        cases[outcome.cases] = True
        cases &= view.case_mask
        broken.append((int(cases.sum()), outcome.rule.severity == "high", outcome.rule.name, outcome.rule, cases))
    broken.sort(key=lambda r: (-r[0], not r[1], r[2]))
    if not broken or broken[0][0] == 0:
        return LeftOut("rule", t("story.left_out.rule_none", lang))
    orders, _, _, rule, cases = broken[0]
    name = rule_text(rule, lang)[0]
    text = t(
        "story.rule.text",
        lang,
        orders=orders,
        share=orders / view.n_cases,
        severity=t(f"conformance.severity.{rule.severity}", lang).lower(),
    )
    segment = _concentration(view, cases, view.case_mask)
    query = dict(base)
    if segment is not None:
        text += " " + _segment_sentence(segment, lang)
        query[segment.factor] = [segment.value]
    return Finding("rule", t("story.rule.headline", lang, rule=name), text, orders, "conformance", query)


def _rework(
    view: LogView, settings: Settings, lang: Language, found: list[Opportunity], base: dict[str, list[str]]
) -> Finding | LeftOut:
    """The activity repeated in the most selected orders."""
    table = rework(view).by_activity
    if table.empty:
        return LeftOut("rework", t("story.left_out.rework", lang))
    row = table.iloc[0]
    longer = max(0.0, float(row["median_with_seconds"] or 0.0) - float(row["median_without_seconds"] or 0.0))
    text = t(
        "story.rework.text",
        lang,
        orders=int(row["orders"]),
        share=float(row["share"]),
        extra=int(row["extra"]),
        longer=format_duration(longer),
    )
    activity = str(row["activity"])
    query = {**base, "_focus": [activity]}
    headline = t("story.rework.headline", lang, activity=activity)
    return Finding("rework", headline, text, int(row["orders"]), "rework", query)


def _automation(
    view: LogView, settings: Settings, lang: Language, found: list[Opportunity], base: dict[str, list[str]]
) -> Finding | LeftOut:
    """The top automation candidate (as the backlog ranks it)."""
    if "resource" not in view.log.event_attributes:
        return LeftOut("automation", t("story.left_out.automation_resource", lang))
    top = next((o for o in found if o.kind == "automation"), None)
    if top is None:
        return LeftOut("automation", t("story.left_out.automation", lang))
    activity = str(top.detail["activity"])
    headline = t("story.automation.headline", lang, activity=activity)
    return Finding("automation", headline, top.evidence, top.orders, "automation", dict(base))


# --- helpers ----------------------------------------------------------------------------------------------------


def _waits(view: LogView, source: str, target: str) -> tuple[np.ndarray, np.ndarray]:
    """The selected orders' steps ``source -> target``: the order of each step and its wait in seconds."""
    log = view.log
    index = transition_index(log)
    a, b = log.activity_code(source), log.activity_code(target)
    k = None if a is None or b is None else index.find(a, b)
    if k is None:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    part = slice(index.bounds[k], index.bounds[k + 1])
    keep = view.event_mask[index.events[part]]
    return log.case[index.events[part][keep]], index.seconds[part][keep]


def _concentration(view: LogView, flagged: np.ndarray, among: np.ndarray) -> _Segment | None:
    """The order attribute value whose orders (of ``among``) are flagged most often beyond the other orders: the
    most extra flagged orders, with at least ``MIN_ORDERS`` orders and ``MIN_LIFT`` times the others' rate."""
    log = view.log
    total, hits = int(among.sum()), int((flagged & among).sum())
    best: tuple[float, _Segment] | None = None
    for factor in segment_factors(log):
        codes, labels = case_attribute_codes(log, factor)
        known = among & (codes >= 0)
        n = np.bincount(codes[known], minlength=len(labels))
        k = np.bincount(codes[known & flagged], minlength=len(labels))
        for code in np.flatnonzero(n >= MIN_ORDERS):
            rest = total - n[code]
            if rest <= 0:
                continue
            rate_in, rate_out = k[code] / n[code], (hits - k[code]) / rest
            if rate_in < MIN_LIFT * rate_out or rate_in == 0:
                continue
            extra = k[code] - n[code] * rate_out
            if best is None or extra > best[0] + 1e-9:
                best = (float(extra), _Segment(factor, labels[code], float(rate_in), float(rate_out)))
    return None if best is None else best[1]


def _segment_mask(log: EventLog, segment: _Segment) -> np.ndarray:
    codes, labels = case_attribute_codes(log, segment.factor)
    return codes == labels.index(segment.value)


def _segment_label(segment: _Segment, lang: Language) -> str:
    return f"{column_label(segment.factor, lang)} = {segment.value}"


def _segment_sentence(segment: _Segment, lang: Language) -> str:
    return t(
        "story.segment",
        lang,
        segment=_segment_label(segment, lang),
        rate_in=segment.rate_in,
        rate_out=segment.rate_out,
    )


def _named_accounts(log: EventLog, cases: np.ndarray) -> list[str]:
    """The accounts that each hold at least ``NAMED_ACCOUNTS`` of these orders, most first (at most three)."""
    if "account_name" not in log.cases or not cases.any():
        return []
    codes, labels = case_attribute_codes(log, "account_name")
    counts = np.bincount(codes[cases & (codes >= 0)], minlength=len(labels))
    ranked = [c for c in np.argsort(-counts, kind="stable") if counts[c] >= NAMED_ACCOUNTS * cases.sum()]
    return [f"{labels[c]} ({counts[c]:,})" for c in ranked[:3]]
