"""The improvement backlog: concrete opportunities drawn from the other analyses, each with its evidence, the
orders it affects and an estimated gain in order-days and money, ranked by ``priority`` (its share of all the
estimated order-days plus its share of all the estimated savings).

Estimates (stated on the page, and deliberately simple so a user can redo them):

* **bottleneck** A → B: every wait on the step that is longer than the step's median is cut to the median;
  the gain is the sum of those excess waits. Affected: orders with such a wait.
* **rework** of an activity: orders with the repetition take ``median_with - median_without`` longer end to
  end (median); the gain is that difference times the orders, and the cost of the extra executions.
* **rule**: orders breaking the rule against orders that break none: the difference of the median end-to-end
  time times the violating orders (an association, not a proof).
* **root cause**: the strongest significant segments for slow and late-paid orders, with their extra orders.
* **automation**: the top candidates of the automation analysis, with the what-if of automating them (the cost
  saved, and the waiting before the step cut to an hour unless customers or carriers cause it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from o2c.conform.rules import evaluate_rules, rule_text
from o2c.discover.bottlenecks import ORDER_LABEL_COLUMNS, transition_index
from o2c.discover.rework import rework, rework_case_mask
from o2c.format import format_duration
from o2c.i18n import Language, t
from o2c.improve.automation import automation_candidates, default_system_resources
from o2c.improve.cost import default_cost_table
from o2c.improve.root_causes import Outcome, available_outcomes, top_root_causes
from o2c.improve.settings import Settings
from o2c.improve.what_if import AUTOMATED_COST_SHARE, AUTOMATED_WAIT_SECONDS, Scenario, savings
from o2c.log.columns import column_label
from o2c.log.eventlog import LogView
from o2c.log.index import activity_events

DAY = 86_400.0
KINDS = ("bottleneck", "rework", "rule", "root_cause", "automation")
ROOT_CAUSE_OUTCOMES = ("late_payment", "late_delivery", "slow")
BACKLOG_COLUMNS = ["rank", "kind", "title", "evidence", "orders", "gain_days", "gain_cost", "priority"]


@dataclass(frozen=True, eq=False)
class Opportunity:
    """One improvement opportunity: what, why (evidence), which orders (a mask over all orders of the log) and
    the estimated gain in order-days and money (None where the estimate does not apply). ``detail`` names what it
    is about for other pages (``source``/``target``, ``activity``, ``rule``, ``factor``/``value``)."""

    kind: str
    title: str
    evidence: str
    cases: np.ndarray
    gain_days: float
    gain_cost: float | None = None
    detail: Mapping[str, object] = field(default_factory=dict)

    @property
    def orders(self) -> int:
        """Orders affected."""
        return int(np.count_nonzero(self.cases))


def opportunities(
    view: LogView, settings: Settings = Settings(), lang: Language = "en", per_kind: int = 3
) -> list[Opportunity]:
    """The top ``per_kind`` opportunities of each kind for the selected orders, largest gain first."""
    if view.n_cases == 0:
        return []
    found = [
        *_bottlenecks(view, lang, per_kind),
        *_rework(view, settings, lang, per_kind),
        *_rules(view, settings, lang, per_kind),
        *_root_causes(view, settings, lang, per_kind),
        *_automation(view, settings, lang, per_kind),
    ]
    found = [o for o in found if o.orders > 0 and (o.gain_days > 0 or (o.gain_cost or 0) > 0)]
    return sorted(found, key=lambda o: (-priority(o, found), o.kind, o.title))


def priority(opportunity: Opportunity, among: list[Opportunity]) -> float:
    """0-100: the opportunity's share of all estimated order-days plus its share of all estimated savings, with
    time and money weighted equally (each half)."""
    days = sum(o.gain_days for o in among)
    cost = sum(o.gain_cost or 0.0 for o in among)
    share_days = opportunity.gain_days / days if days > 0 else 0.0
    share_cost = (opportunity.gain_cost or 0.0) / cost if cost > 0 else 0.0
    return 100 * (share_days + share_cost) / (2 if days > 0 and cost > 0 else 1)


def improvement_backlog(
    view: LogView, settings: Settings = Settings(), lang: Language = "en", per_kind: int = 3
) -> pd.DataFrame:
    """The backlog as a table: ``rank``, ``kind`` (translated), ``title``, ``evidence``, ``orders``, ``gain_days``
    (order-days), ``gain_cost`` and ``priority``."""
    found = opportunities(view, settings, lang, per_kind)
    rows = [
        {
            "rank": rank,
            "kind": t(f"backlog.kind.{o.kind}", lang),
            "title": o.title,
            "evidence": o.evidence,
            "orders": o.orders,
            "gain_days": o.gain_days,
            "gain_cost": o.gain_cost,
            "priority": priority(o, found),
        }
        for rank, o in enumerate(found, 1)
    ]
    return pd.DataFrame(rows, columns=BACKLOG_COLUMNS)


def affected_orders(view: LogView, opportunity: Opportunity) -> pd.DataFrame:
    """The selected orders an opportunity affects, ready for a Salesforce list view or Data Loader: ``Id`` (the
    Salesforce Order Id from case_id) and the order number and account when the log has them."""
    cases = view.log.cases
    columns = ["case_id", *[c for c in ORDER_LABEL_COLUMNS if c in cases]]
    table = cases.loc[opportunity.cases & view.case_mask, columns].reset_index(drop=True)
    return table.rename(columns={"case_id": "Id"})


# --- the kinds --------------------------------------------------------------------------------------------------


def _bottlenecks(view: LogView, lang: Language, limit: int) -> list[Opportunity]:
    log = view.log
    index = transition_index(log)
    names = log.activity_names
    keep = view.event_mask[index.events]  # one gather for all transitions
    rows = []
    for k in range(index.sources.size):
        part = slice(index.bounds[k], index.bounds[k + 1])
        seconds = index.seconds[part].compress(keep[part])  # compress(): several times faster than a mask index
        if seconds.size == 0:
            continue
        median = float(np.median(seconds))
        slow = seconds > median
        rows.append((float((seconds[slow] - median).sum()), k, median, slow, seconds.size))
    found = []
    for excess, k, median, slow, steps in sorted(rows, key=lambda r: (-r[0], r[1]))[:limit]:
        part = slice(index.bounds[k], index.bounds[k + 1])
        cases = np.zeros(log.n_cases, dtype=bool)
        cases[log.case[index.events[part].compress(keep[part])[slow]]] = True
        source, target = names[index.sources[k]], names[index.targets[k]]
        found.append(
            Opportunity(
                "bottleneck",
                t("backlog.bottleneck.title", lang, source=source, target=target),
                t(
                    "backlog.bottleneck.evidence",
                    lang,
                    steps=steps,
                    median=format_duration(median),
                    slow=int(cases.sum()),
                    excess=excess / DAY,
                ),
                cases,
                excess / DAY,
                detail={"source": source, "target": target, "median": median, "steps": steps},
            )
        )
    return found


def _rework(view: LogView, settings: Settings, lang: Language, limit: int) -> list[Opportunity]:
    table = rework(view).by_activity.head(limit)
    costs = _activity_costs(view, settings)
    found = []
    for row in table.itertuples(index=False):
        cases = rework_case_mask(view.log, row.activity) & view.case_mask
        longer = max(0.0, (row.median_with_seconds or 0.0) - (row.median_without_seconds or 0.0))
        cost = None if costs is None else row.extra * _family_cost(costs, row.activity)
        found.append(
            Opportunity(
                "rework",
                t("backlog.rework.title", lang, activity=row.activity),
                t(
                    "backlog.rework.evidence",
                    lang,
                    orders=int(row.orders),
                    share=row.share,
                    extra=int(row.extra),
                    longer=format_duration(longer),
                ),
                cases,
                row.orders * longer / DAY,
                cost,
                detail={"activity": row.activity},
            )
        )
    return found


def _rules(view: LogView, settings: Settings, lang: Language, limit: int) -> list[Opportunity]:
    results = evaluate_rules(view.log, settings.rules)
    durations = view.log.case_duration_seconds
    clean = view.case_mask & (results.violations == 0)
    clean_median = float(np.median(durations[clean])) if clean.any() else np.nan
    found = []
    for outcome in results.outcomes:
        cases = np.zeros(view.log.n_cases, dtype=bool)
        cases[outcome.cases] = True
        cases &= view.case_mask
        if not cases.any():
            continue
        longer = max(0.0, float(np.median(durations[cases])) - clean_median) if clean.any() else 0.0
        found.append(
            Opportunity(
                "rule",
                t("backlog.rule.title", lang, rule=rule_text(outcome.rule, lang)[0]),
                t(
                    "backlog.rule.evidence",
                    lang,
                    orders=int(cases.sum()),
                    share=cases.sum() / view.n_cases,
                    severity=t(f"conformance.severity.{outcome.rule.severity}", lang).lower(),
                    longer=format_duration(longer),
                ),
                cases,
                cases.sum() * longer / DAY,
                detail={"rule": outcome.rule.name},
            )
        )
    return sorted(found, key=lambda o: (-o.orders, o.title))[:limit]


def _root_causes(view: LogView, settings: Settings, lang: Language, limit: int) -> list[Opportunity]:
    """The strongest cause of each outcome (late payment, late delivery, slow) whose orders also take longer."""
    available = available_outcomes(view.log, settings.rules)
    found = []
    for kind in ROOT_CAUSE_OUTCOMES:
        if available.get(kind) is not None:
            continue
        causes = top_root_causes(view, Outcome(kind, rules=settings.rules), 5, lang)
        cause = next((c for c in causes if c["extra_days"] > 0), None)
        if cause is None:
            continue
        label = (
            t(f"root_causes.behaviour.{cause['factor']}", lang)
            if cause["kind"] == "behaviour"
            else f"{column_label(cause['factor'], lang)} = {cause['value']}"
        )
        found.append(
            Opportunity(
                "root_cause",
                t("backlog.root_cause.title", lang, outcome=t(f"root_causes.outcome.{kind}", lang), cause=label),
                t("backlog.root_cause.evidence", lang, evidence=cause["evidence"], days=cause["extra_days"]),
                cause["cases"],
                cause["extra_days"] * cause["orders"],
                detail={"outcome": kind, "factor": cause["factor"], "value": cause["value"], "kind": cause["kind"]},
            )
        )
    return sorted(found, key=lambda o: (-o.gain_days, o.title))[:limit]


def _automation(view: LogView, settings: Settings, lang: Language, limit: int) -> list[Opportunity]:
    """The top automation candidates, each with the what-if of automating it (cost and waiting before it)."""
    systems = settings.systems if settings.systems is not None else default_system_resources(view.log)
    costs = settings.costs if settings.costs is not None else default_cost_table(view.log)
    candidates = automation_candidates(view, systems, costs)
    found = []
    for row in candidates[candidates["score"] > 0].head(limit).itertuples(index=False):
        saved_seconds, saved_cost = savings(view, Scenario("automate", activity=row.activity), costs)
        code = view.log.activity_code(row.activity)
        if code is None:  # candidates are the log's own activities
            raise ValueError(f"unknown activity {row.activity!r}")
        cases = np.zeros(view.log.n_cases, dtype=bool)
        cases[view.log.case[activity_events(view.log, code)]] = True
        found.append(
            Opportunity(
                "automation",
                t("backlog.automation.title", lang, activity=row.activity),
                t(
                    "backlog.automation.evidence",
                    lang,
                    people=t(
                        "backlog.automation.people", lang, person=row.person_share, executions=int(row.executions)
                    ),
                    role=t("backlog.automation.role", lang, role=row.role) if _known(row.role) else "",
                    after=(
                        t("backlog.automation.after", lang, share=row.predecessor_share, predecessor=row.predecessor)
                        if _known(row.predecessor)
                        else ""
                    ),
                    hours=row.person_hours,
                    cost_share=AUTOMATED_COST_SHARE,
                    wait=format_duration(AUTOMATED_WAIT_SECONDS),
                ),
                cases & view.case_mask,
                saved_seconds / DAY,
                saved_cost,
                detail={"activity": row.activity},
            )
        )
    return found


def _known(value: object) -> bool:
    """True for a name worth a clause: not None, NaN or empty (no resource column, no predecessor)."""
    return isinstance(value, str) and value.strip() != ""


def _activity_costs(view: LogView, settings: Settings) -> dict[str, float] | None:
    table = settings.costs if settings.costs is not None else default_cost_table(view.log)
    return {name: table.cost_of(name) for name in view.log.activity_names}


def _family_cost(costs: dict[str, float], label: str) -> float:
    """The cost of one execution of an activity, or of a check family ("Credit Check (Failed / Passed)"): the
    mean of its members' costs."""
    if label in costs:
        return costs[label]
    members = [cost for name, cost in costs.items() if name.startswith(label.split(" (")[0])]
    return float(np.mean(members)) if members else 0.0
